// Starts the ink app on the real terminal and resolves when the person quits.
import { render } from 'ink';
import type { Analysis } from '../analysis/types.js';
import { App } from './App.js';
import type { Recompute } from './scenario.js';

export interface InteractiveOptions {
  analysis: Analysis;
  recompute: Recompute;
  color: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export async function runInteractive(options: InteractiveOptions): Promise<void> {
  const instance = render(<App analysis={options.analysis} recompute={options.recompute} color={options.color} />, {
    stdout: options.stdout ?? process.stdout,
    stdin: options.stdin ?? process.stdin,
    exitOnCtrlC: true,
    patchConsole: false,
  });
  await instance.waitUntilExit();
}

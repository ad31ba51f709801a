// How commands talk to the person: data to stdout, everything else to stderr.
// Colour only when the stream is a terminal and neither NO_COLOR nor --no-color says otherwise.
// Every line passes through `printable`: text from files, models and servers reaches the terminal here,
// and none of it may carry a control sequence (the colours this tool adds itself pass).
import { printable } from './format.js';

export interface GlobalOptions {
  json: boolean;
  color: boolean;
  quiet: boolean;
}

export interface Output {
  readonly options: GlobalOptions;
  /** Data: tables, CSV, JSON. Always stdout. */
  data(text: string): void;
  /** Machine-readable result for --json: one JSON document on stdout. */
  json(value: unknown): void;
  /** Messages and progress: stderr, silenced by --quiet. */
  info(text: string): void;
  /** Warnings: stderr, shown even with --quiet. */
  warn(text: string): void;
  /** Raw text to stderr with no newline added, for a progress line redrawn in place. Silenced by --quiet. */
  progress(text: string): void;
  /** True when stderr is a terminal that may show live progress. */
  readonly interactive: boolean;
  style: Style;
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const plain: Style = {
  bold: (t) => t,
  dim: (t) => t,
  red: (t) => t,
  green: (t) => t,
  yellow: (t) => t,
  cyan: (t) => t,
};

const sgr = (open: number, close: number) => (t: string) => `\u001b[${open}m${t}\u001b[${close}m`;
const ansi: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

export function colorWanted(flag: boolean, env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(isTTY);
}

export interface Streams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export function createOutput(options: GlobalOptions, streams: Streams): Output {
  const color = colorWanted(options.color, streams.env, streams.stdout.isTTY);
  const errColor = colorWanted(options.color, streams.env, streams.stderr.isTTY);
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    options: { ...options, color },
    data: (text) => void streams.stdout.write(line(printable(text, { colour: color }))),
    // JSON.stringify already writes every control character as an escape.
    json: (value) => void streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    info: (text) => {
      if (!options.quiet) streams.stderr.write(line(printable(text, { colour: errColor })));
    },
    warn: (text) => void streams.stderr.write(line(errColor ? ansi.yellow(printable(text, { colour: true })) : printable(text))),
    progress: (text) => {
      if (!options.quiet) streams.stderr.write(text);
    },
    interactive: Boolean(streams.stderr.isTTY) && !options.quiet && streams.env.CI === undefined,
    style: color ? ansi : plain,
  };
}

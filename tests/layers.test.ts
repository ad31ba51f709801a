// The scoring code's folders import downwards only, so a newcomer can read each one knowing only those
// below it: the foundation files, then the store, then the language-model client, then the offline model
// and the agreement statistics, then the `score` pipeline. Nothing in src/score reaches up into the
// commands, the analysis, new work, reports or the UI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/cli.js';

const SRC = path.join(REPO_ROOT, 'src');
const FOUNDATION = ['score/types.ts', 'score/key.ts', 'score/rubric.ts', 'score/labels.ts', 'score/random.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The project files a source file imports (statically or dynamically), relative to src/ with a .ts ending. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((spec) => path.relative(SRC, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
}

/** Where a file sits in src/score's order; undefined outside src/score. */
function layerOf(file: string): number | undefined {
  if (!file.startsWith('score/')) return undefined;
  if (FOUNDATION.includes(file)) return 0;
  if (file.startsWith('score/store/')) return 1;
  if (file.startsWith('score/llm/')) return 2;
  if (file.startsWith('score/offline/') || file.startsWith('score/agreement/')) return 3;
  return 4;
}

const LAYER_NAMES = ['foundation (types, key, rubric, labels)', 'store/', 'llm/', 'offline/ and agreement/', 'the score pipeline'];

describe('src/score layers', () => {
  const files = sourceFiles(path.join(SRC, 'score')).map((f) => path.relative(SRC, f));

  it('sorts every file of src/score into a layer', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const folder of ['store', 'llm', 'offline', 'agreement']) expect(files.some((f) => f.startsWith(`score/${folder}/`))).toBe(true);
  });

  it('imports only from its own layer or those below', () => {
    const upward = files.flatMap((file) =>
      importsOf(path.join(SRC, file))
        .filter((target) => (layerOf(target) ?? -1) > layerOf(file)!)
        .map((target) => `${file} (${LAYER_NAMES[layerOf(file)!]}) imports ${target} (${LAYER_NAMES[layerOf(target)!]})`),
    );
    expect(upward).toEqual([]);
  });

  it('keeps offline/ and agreement/ apart from the language-model client', () => {
    const crossing = files
      .filter((f) => layerOf(f) === 3)
      .flatMap((file) => importsOf(path.join(SRC, file)).filter((t) => t.startsWith('score/llm/')).map((t) => `${file} imports ${t}`));
    expect(crossing).toEqual([]);
  });

  it('never imports the commands, the analysis, new work, reports or the UI', () => {
    const outward = files.flatMap((file) =>
      importsOf(path.join(SRC, file))
        .filter((target) => /^(cli|ui|analysis|newwork|report|chart|frontier)\//.test(target))
        .map((target) => `${file} imports ${target}`),
    );
    expect(outward).toEqual([]);
  });
});

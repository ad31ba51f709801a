// The score key: one hash per (rubric, endpoint, model, output-changing settings, occupation title, task text).
// A rerun with the same inputs finds the stored score and pays nothing; any change that could change the
// answer (a new rubric version, another model, another temperature) makes a new key. The API key is never
// an input: it does not change the answer, and a hash of a secret is still a way to test guesses against it.
import { createHash } from 'node:crypto';

/** Bumped only if the way keys are built changes; old scores then stop matching instead of matching wrongly. */
export const KEY_VERSION = 'k1';

export interface ScoreKeyInput {
  rubricVersion: string;
  /** Provider preset name ('openai', 'ollama', 'offline', 'custom', ...). */
  provider: string;
  /** Endpoint, when there is one: the same model behind two servers may answer differently. */
  baseURL?: string;
  model: string;
  temperature: number;
  /** Occupation title: the rubric judges a task in the context of its occupation. */
  title: string;
  text: string;
  /** A digest of anything else the scorer reads beside the task: the offline model also reads the
   * occupation's other tasks, so the same sentence in another task list may score differently. */
  context?: string;
}

/** Trailing slashes and letter case in the host do not name a different server. */
export function normalizeBaseURL(baseURL: string | undefined): string | undefined {
  if (!baseURL) return undefined;
  const trimmed = baseURL.trim().replace(/\/+$/, '');
  try {
    const url = new URL(trimmed);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return trimmed;
  }
}

/** Collapses runs of whitespace so a re-exported file with different line wrapping keeps its scores. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function scoreKey(input: ScoreKeyInput): string {
  // A JSON array, not a joined string, so no field's content can be mistaken for a separator.
  const fields = [
    KEY_VERSION,
    input.rubricVersion,
    // The endpoint names the server; the preset name only matters when there is none (the offline scorer).
    // So `--provider ollama` and `--base-url http://localhost:11434/v1` share their scores.
    normalizeBaseURL(input.baseURL) ?? input.provider,
    input.model,
    input.temperature,
    normalizeText(input.title),
    normalizeText(input.text),
    // Only present for scorers that read a context, so the keys of model scores stay as they were.
    ...(input.context !== undefined ? [input.context] : []),
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** Imported label sets are keyed by where the label came from, not by a model's settings. */
export function importKey(name: string, taskId: string, occupationCode: string): string {
  return `import:${name}:${taskId}:${occupationCode}`;
}

/** An order-free digest of an occupation's task texts: the offline scorer's context for each of its tasks. */
export function contextDigest(texts: readonly string[]): string {
  const sorted = texts.map(normalizeText).sort();
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

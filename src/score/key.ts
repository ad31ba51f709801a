// The score key: one hash per (rubric, endpoint, model, output-changing settings, occupation title, task text).
// A rerun with the same inputs finds the stored score and pays nothing; any change that could change the
// answer (a new rubric version, another model, another temperature) makes a new key. The API key is never
// an input: it does not change the answer, and a hash of a secret is still a way to test guesses against it.
import crypto from 'node:crypto';

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
  // Most texts have nothing to collapse: testing first spares building a copy of each (a run keys every task).
  return /\s\s|[^\S ]|^ | $/.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** SHA-256 in hex; the one-shot `crypto.hash` (Node 20.12 and later) is several times faster per small input. */
const sha256 =
  typeof crypto.hash === 'function'
    ? (text: string): string => crypto.hash('sha256', text)
    : (text: string): string => crypto.createHash('sha256').update(text).digest('hex');

export function scoreKey(input: ScoreKeyInput): string {
  return scoreKeyer(input)(input);
}

/** The settings part of a score key: everything but the task. */
export type KeySettings = Omit<ScoreKeyInput, 'title' | 'text' | 'context'>;

/**
 * scoreKey for the many tasks of one run: the same keys, with the settings part of the hashed text built
 * once and each occupation title's part once (a run keys every selected task before asking the store).
 */
export function scoreKeyer(settings: KeySettings): (task: Pick<ScoreKeyInput, 'title' | 'text' | 'context'>) => string {
  // A JSON array, not a joined string, so no field's content can be mistaken for a separator. It is built
  // here in pieces, each piece as JSON.stringify writes it, so the text is exactly that of the whole array.
  const head = JSON.stringify([
    KEY_VERSION,
    settings.rubricVersion,
    // The endpoint names the server; the preset name only matters when there is none (the offline scorer).
    // So `--provider ollama` and `--base-url http://localhost:11434/v1` share their scores.
    normalizeBaseURL(settings.baseURL) ?? settings.provider,
    settings.model,
    settings.temperature,
  ]).slice(0, -1);
  const byTitle = new Map<string, string>();
  return ({ title, text, context }) => {
    let prefix = byTitle.get(title);
    if (prefix === undefined) byTitle.set(title, (prefix = `${head},${JSON.stringify(normalizeText(title))},`));
    // Only present for scorers that read a context, so the keys of model scores stay as they were.
    const tail = context !== undefined ? `,${JSON.stringify(context)}]` : ']';
    return sha256(`${prefix}${JSON.stringify(normalizeText(text))}${tail}`);
  };
}

/** Imported label sets are keyed by where the label came from, not by a model's settings. */
export function importKey(name: string, taskId: string, occupationCode: string): string {
  return `import:${name}:${taskId}:${occupationCode}`;
}

/** An order-free digest of an occupation's task texts: the offline scorer's context for each of its tasks. */
export function contextDigest(texts: readonly string[]): string {
  const sorted = texts.map(normalizeText).sort();
  return sha256(JSON.stringify(sorted)).slice(0, 16);
}

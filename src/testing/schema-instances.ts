// Replies made from a JSON schema alone, as a server that enforces the schema (and knows nothing else) could
// give them: the first instance takes every minimum (fewest items, lowest numbers, shortest strings, first
// enum value and branch), the second every maximum, the rest are drawn at random from a seed. An enum inside
// the i-th item of an array takes the value i places on, so one instance shows every value and a list of ids
// comes out without repeats, as a model told "each id once" writes it. `violations` makes the opposite: one
// leaf at a time just outside what the schema allows. Covers the subset of JSON Schema that strict
// structured output accepts: object, array (minItems, maxItems), string (enum, pattern), integer and number
// (minimum, maximum), boolean, null, anyOf.
import { seededRandom as seeded } from '../score/random.js';

export type JsonSchema = Record<string, unknown>;
export type Extreme = 'min' | 'max' | 'random';

interface Draw {
  extreme: Extreme;
  random: () => number;
  /** Position within the innermost array, to rotate enum values. */
  index: number;
  /** Shift of every enum choice: the instance number. */
  offset: number;
}

/** `count` instances of `schema`: the minimum, the maximum, then random ones. */
export function schemaInstances(schema: JsonSchema, count = 12): unknown[] {
  return Array.from({ length: count }, (_, n) => schemaInstance(schema, n));
}

/** Instance number `n`: 0 is the minimum, 1 the maximum, any other a random one seeded by `n`. */
export function schemaInstance(schema: JsonSchema, n: number): unknown {
  const extreme: Extreme = n === 0 ? 'min' : n === 1 ? 'max' : 'random';
  return instanceOf(schema, { extreme, random: seeded(n + 1), index: 0, offset: n });
}

/** A value of `schema` drawn as `extreme` says. */
export function instanceOf(schema: JsonSchema, draw: Draw): unknown {
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as JsonSchema[];
    const choice = draw.extreme === 'min' ? 0 : draw.extreme === 'max' ? branches.length - 1 : pick(branches.length, draw);
    return instanceOf(branches[choice]!, draw);
  }
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as unknown[];
    const base = draw.extreme === 'max' ? values.length - 1 : 0;
    return values[(base + draw.offset + draw.index) % values.length];
  }
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, instanceOf(property, draw)]));
    }
    case 'array': {
      const min = (schema.minItems as number | undefined) ?? 0;
      const max = (schema.maxItems as number | undefined) ?? min + 3;
      const length = draw.extreme === 'min' ? min : draw.extreme === 'max' ? max : min + Math.floor(draw.random() * (max - min + 1));
      return Array.from({ length }, (_, index) => instanceOf(schema.items as JsonSchema, { ...draw, index }));
    }
    case 'integer':
    case 'number': {
      const min = (schema.minimum as number | undefined) ?? -1000;
      const max = (schema.maximum as number | undefined) ?? 1000;
      if (draw.extreme !== 'random') return draw.extreme === 'min' ? min : max;
      const value = min + draw.random() * (max - min);
      return schema.type === 'integer' ? Math.round(value) : Math.round(value * 1000) / 1000;
    }
    case 'string':
      return typeof schema.pattern === 'string' ? stringMatching(schema.pattern, draw) : draw.extreme === 'min' ? '' : words(draw.extreme === 'max' ? 12 : 1 + pick(8, draw));
    case 'boolean':
      return draw.extreme !== 'min';
    case 'null':
      return null;
    default:
      throw new Error(`schemaInstances: unsupported schema ${JSON.stringify(schema)}`);
  }
}

/** One violation per constrained leaf (and per nested array with a minimum): the minimum instance with that
 * leaf just outside the schema, and the path to it. Arrays at the top are left alone: their counts are the
 * reply's business, not an item's. */
export function violations(schema: JsonSchema): { path: (string | number)[]; instance: unknown }[] {
  return withOneBranch(schema).flatMap((single) => {
    const base = instanceOf(single, { extreme: 'min', random: seeded(1), index: 0, offset: 0 });
    const found: { path: (string | number)[]; instance: unknown }[] = [];
    const visit = (node: JsonSchema, value: unknown, at: (string | number)[], depth: number) => {
      for (const replacement of outside(node, depth)) found.push({ path: at, instance: replaceAt(base, at, replacement) });
      if (node.type === 'object' && value && typeof value === 'object') {
        for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, JsonSchema>)) {
          visit(property, (value as Record<string, unknown>)[name], [...at, name], depth);
        }
      }
      if (node.type === 'array' && Array.isArray(value) && value.length > 0) visit(node.items as JsonSchema, value[0], [...at, 0], depth + 1);
    };
    visit(single, base, [], 0);
    return found;
  });
}

/** The schema once for each choice of anyOf branches, each anyOf replaced by the branch chosen. */
function withOneBranch(schema: JsonSchema): JsonSchema[] {
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).flatMap(withOneBranch);
  let variants: JsonSchema[] = [schema];
  const expand = (key: string, children: Record<string, JsonSchema>) => {
    for (const [name, child] of Object.entries(children)) {
      const options = withOneBranch(child);
      if (options.length === 1) continue;
      variants = variants.flatMap((variant) =>
        options.map((option) => ({ ...variant, [key]: key === 'items' ? option : { ...(variant[key] as object), [name]: option } })),
      );
    }
  };
  if (schema.type === 'object') expand('properties', (schema.properties ?? {}) as Record<string, JsonSchema>);
  if (schema.type === 'array') expand('items', { items: schema.items as JsonSchema });
  return variants;
}

/** Values just outside one node's own constraints. */
function outside(node: JsonSchema, depth: number): unknown[] {
  if (Array.isArray(node.enum)) return [`${String(node.enum[0])}-not-listed`];
  if (node.type === 'integer' || node.type === 'number') {
    const bad: unknown[] = [];
    if (typeof node.minimum === 'number') bad.push(node.minimum - (node.type === 'integer' ? 1 : 0.01));
    if (typeof node.maximum === 'number') bad.push(node.maximum + (node.type === 'integer' ? 1 : 0.01));
    if (node.type === 'integer' && typeof node.minimum === 'number') bad.push(node.minimum + 0.5);
    return bad;
  }
  if (node.type === 'string' && typeof node.pattern === 'string') {
    const pattern = new RegExp(node.pattern);
    // The nearest misses a model might write: nothing, blanks, or one word too many.
    const tooShort = ['', '   '].find((text) => !pattern.test(text));
    const longer = Array.from({ length: 200 }, (_, n) => words(n + 1));
    const tooLong = longer.slice(longer.findIndex((text) => pattern.test(text))).find((text) => !pattern.test(text));
    return [tooShort, tooLong].filter((text) => text !== undefined);
  }
  if (node.type === 'array' && depth > 0 && typeof node.minItems === 'number' && node.minItems > 0) return [[]];
  return [];
}

function replaceAt(base: unknown, at: (string | number)[], replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[at.at(-1)!] = replacement;
  return copy;
}

/** Word characters and whitespace to draw from: not only ASCII, since "a word" and "a blank" must mean the
 * same to the schema's pattern and to the validator for every character a model may write. */
const WORD_CHARS = ['a', 'Z', '7', 'é', 'ß', '漢', '-', '.', '"', 'ñ'];
const BLANKS = [' ', '\t', '\n', '\u00a0', '\u2003', '\u3000'];

function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `w${i + 1}`).join(' ');
}

/**
 * A string matching `pattern`, for the regular expressions our schemas use: anchors, literals, escapes
 * (\s, \S, \d, \w and escaped characters), classes ([...], also negated), `.`, (?:groups) and (groups)
 * with `|`, and the quantifiers ?, *, +, {m}, {m,}, {m,n}. Checked against the pattern before it is returned.
 */
export function stringMatching(pattern: string, draw: Draw): string {
  const node = parseRegex(pattern);
  const text = generate(node, draw);
  if (!new RegExp(pattern).test(text)) throw new Error(`stringMatching: made ${JSON.stringify(text)}, which does not match /${pattern}/`);
  return text;
}

type RegexNode =
  | { kind: 'sequence'; items: RegexNode[] }
  | { kind: 'alternation'; options: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number }
  | { kind: 'chars'; sample: (draw: Draw) => string }
  | { kind: 'empty' };

const UNBOUNDED_EXTRA = 3;

function parseRegex(pattern: string): RegexNode {
  let at = 0;
  const peek = () => pattern[at];
  const alternation = (): RegexNode => {
    const options = [sequence()];
    while (peek() === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alternation', options };
  };
  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (at < pattern.length && peek() !== '|' && peek() !== ')') {
      const atom = parseAtom();
      items.push(quantified(atom));
    }
    return { kind: 'sequence', items };
  };
  const quantified = (atom: RegexNode): RegexNode => {
    const c = peek();
    if (c === '?' || c === '*' || c === '+') {
      at++;
      return { kind: 'repeat', node: atom, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : Infinity };
    }
    if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
      if (match) {
        at += match[0].length;
        const min = Number(match[1]);
        const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
        return { kind: 'repeat', node: atom, min, max };
      }
    }
    return atom;
  };
  const parseAtom = (): RegexNode => {
    const c = pattern[at++]!;
    if (c === '^' || c === '$') return { kind: 'empty' };
    if (c === '(') {
      if (pattern.startsWith('?:', at)) at += 2;
      const inner = alternation();
      if (pattern[at++] !== ')') throw new Error(`stringMatching: unclosed group in /${pattern}/`);
      return inner;
    }
    if (c === '[') return parseClass();
    if (c === '.') return { kind: 'chars', sample: (draw) => choose(WORD_CHARS, draw) };
    if (c === '\\') return escape(pattern[at++]!);
    return { kind: 'chars', sample: () => c };
  };
  const parseClass = (): RegexNode => {
    const negated = peek() === '^';
    if (negated) at++;
    const members: string[][] = [];
    while (peek() !== ']') {
      if (at >= pattern.length) throw new Error(`stringMatching: unclosed class in /${pattern}/`);
      const c = pattern[at++]!;
      if (c === '\\') members.push(classEscape(pattern[at++]!));
      else if (peek() === '-' && pattern[at + 1] !== ']') {
        const end = pattern[at + 1]!;
        at += 2;
        const range: string[] = [];
        for (let code = c.codePointAt(0)!; code <= end.codePointAt(0)!; code++) range.push(String.fromCodePoint(code));
        members.push(range);
      } else members.push([c]);
    }
    at++;
    const chars = members.flat();
    if (!negated) return { kind: 'chars', sample: (draw) => choose(chars, draw) };
    const allowed = [...WORD_CHARS, ...BLANKS].filter((ch) => !chars.includes(ch));
    return { kind: 'chars', sample: (draw) => choose(allowed, draw) };
  };
  const node = alternation();
  if (at !== pattern.length) throw new Error(`stringMatching: cannot read /${pattern}/ at ${at}`);
  return node;
}

function escape(c: string): RegexNode {
  return { kind: 'chars', sample: (draw) => choose(classEscape(c), draw) };
}

function classEscape(c: string): string[] {
  switch (c) {
    case 's':
      return BLANKS;
    case 'S':
      return WORD_CHARS;
    case 'd':
      return ['0', '5', '9'];
    case 'w':
      return ['a', 'Z', '_', '4'];
    default:
      return [c];
  }
}

function generate(node: RegexNode, draw: Draw): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'chars':
      return node.sample(draw);
    case 'sequence':
      return node.items.map((item) => generate(item, draw)).join('');
    case 'alternation':
      return generate(node.options[draw.extreme === 'min' ? 0 : draw.extreme === 'max' ? node.options.length - 1 : pick(node.options.length, draw)]!, draw);
    case 'repeat': {
      const max = Number.isFinite(node.max) ? node.max : node.min + UNBOUNDED_EXTRA;
      const times = draw.extreme === 'min' ? node.min : draw.extreme === 'max' ? max : node.min + Math.floor(draw.random() * (max - node.min + 1));
      return Array.from({ length: times }, () => generate(node.node, draw)).join('');
    }
  }
}

function choose<T>(values: readonly T[], draw: Draw): T {
  return values[draw.extreme === 'random' ? pick(values.length, draw) : (draw.offset + draw.index) % values.length]!;
}

function pick(n: number, draw: Draw): number {
  return Math.floor(draw.random() * n);
}

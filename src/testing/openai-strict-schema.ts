// The rules OpenAI enforces on a `json_schema` response format sent with `strict: true`, as its Structured
// Outputs guide documents them ("Supported schemas"), checked the way OpenAI checks them: the first broken
// rule is named in a 400 whose message starts "Invalid schema for response_format 'NAME': ". The fake server
// plays this for `endpoint: 'openai'` (and for Groq's strict-capable models), so a schema the tool sends is
// held to the same rules as on the live service.
//
// The rules: the root is an object (not anyOf); every object lists every property in `required` and sets
// `additionalProperties: false`; only the documented keywords (composition keywords such as allOf, not,
// if/then/else, dependentRequired and dependentSchemas are refused, as are the object and array keywords the
// guide leaves out); at most 10 levels of nesting, 5,000 properties, 1,000 enum values and 120,000 characters
// of property names, enum and const values in all.
import type { JsonSchema } from './schema-instances.js';

export const STRICT_LIMITS = { nesting: 10, properties: 5000, enumValues: 1000, stringLength: 120_000 } as const;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Keywords the guide lists as supported, by the type they apply to; annotations go anywhere. */
const ANYWHERE = new Set(['type', 'description', 'title', 'enum', 'const', 'anyOf', '$ref', '$defs', 'definitions']);
const BY_TYPE: Record<string, Set<string>> = {
  string: new Set(['pattern', 'format']),
  number: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  integer: new Set(['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum']),
  object: new Set(['properties', 'required', 'additionalProperties']),
  array: new Set(['items', 'minItems', 'maxItems']),
  boolean: new Set(),
  null: new Set(),
};

type Context = (string | number)[];

/** OpenAI writes where it found a problem as a Python tuple of the path into the schema. */
function where(context: Context): string {
  const parts = context.map((part) => (typeof part === 'number' ? String(part) : `'${part}'`));
  return `In context=(${parts.join(', ')}${parts.length === 1 ? ',' : ''}), `;
}

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

/** Why OpenAI would refuse `schema` in strict mode (the text after the "Invalid schema ..." prefix), or
 * undefined if it would accept it. */
export function strictSchemaViolation(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.anyOf)) return "schema must not be 'anyOf' at the root; wrap it in an object.";
  if (!typesOf(schema).includes('object')) {
    return `schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type ?? 'None')}"'.`;
  }
  const totals = { properties: 0, enumValues: 0, stringLength: 0 };
  const visit = (node: JsonSchema, context: Context, depth: number): string | undefined => {
    if (depth > STRICT_LIMITS.nesting) return `${depth} levels of nesting exceeds limit of ${STRICT_LIMITS.nesting}.`;
    const types = typesOf(node);
    for (const type of types) if (!TYPES.has(type)) return `${where(context)}'${type}' is not a valid type.`;
    const allowed = new Set([...ANYWHERE, ...types.flatMap((type) => [...BY_TYPE[type]!])]);
    for (const key of Object.keys(node)) if (!allowed.has(key)) return `${where(context)}'${key}' is not permitted.`;
    if (!types.length && !Array.isArray(node.anyOf) && !node.$ref && !Array.isArray(node.enum) && !('const' in node)) {
      return `${where(context)}schema must have a 'type' key.`;
    }
    if (Array.isArray(node.enum)) {
      totals.enumValues += node.enum.length;
      totals.stringLength += node.enum.filter((v): v is string => typeof v === 'string').reduce((sum, v) => sum + v.length, 0);
    }
    if (typeof node.const === 'string') totals.stringLength += node.const.length;
    if (types.includes('object')) {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      const names = Object.keys(properties);
      totals.properties += names.length;
      totals.stringLength += names.reduce((sum, name) => sum + name.length, 0);
      if (node.additionalProperties !== false) return `${where(context)}'additionalProperties' is required to be supplied and to be false.`;
      const required = Array.isArray(node.required) ? (node.required as string[]) : undefined;
      const missing = names.filter((name) => !required?.includes(name));
      if (!required || missing.length) {
        return `${where(context)}'required' is required to be supplied and to be an array including every key in properties.${missing.length ? ` Missing '${missing[0]}'.` : ''}`;
      }
      const extra = required.find((name) => !names.includes(name));
      if (extra) return `${where(context)}'required' lists '${extra}', which is not in properties.`;
      for (const name of names) {
        const problem = visit(properties[name]!, [...context, 'properties', name], depth + 1);
        if (problem) return problem;
      }
    }
    if (types.includes('array') && node.items && typeof node.items === 'object') {
      const problem = visit(node.items as JsonSchema, [...context, 'items'], depth);
      if (problem) return problem;
    }
    if (Array.isArray(node.anyOf)) {
      for (const [i, branch] of (node.anyOf as JsonSchema[]).entries()) {
        const problem = visit(branch, [...context, 'anyOf', i], depth);
        if (problem) return problem;
      }
    }
    for (const key of ['$defs', 'definitions'] as const) {
      for (const [name, definition] of Object.entries((node[key] ?? {}) as Record<string, JsonSchema>)) {
        totals.stringLength += name.length;
        const problem = visit(definition, [...context, key, name], depth);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  const problem = visit(schema, [], 1);
  if (problem) return problem;
  const over = (what: string, limit: number, got: number) =>
    `Expected at most ${limit} ${what} in total within a single schema when using structured outputs, but received ${got}. Consider reducing the number of ${what}, or use 'strict: false' to opt out of structured outputs.`;
  if (totals.properties > STRICT_LIMITS.properties) return over('properties', STRICT_LIMITS.properties, totals.properties);
  if (totals.enumValues > STRICT_LIMITS.enumValues) return over('enum values', STRICT_LIMITS.enumValues, totals.enumValues);
  if (totals.stringLength > STRICT_LIMITS.stringLength) {
    return over('characters of property names, definition names, enum and const values', STRICT_LIMITS.stringLength, totals.stringLength);
  }
  return undefined;
}

/** OpenAI's response format names: letters, digits, underscores and dashes, at most 64. */
export function invalidFormatName(name: unknown): string | undefined {
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    return `Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' of at most 64 characters.`;
  }
  return undefined;
}

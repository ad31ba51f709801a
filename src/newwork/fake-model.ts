// What the fake server (src/testing/fake-llm-server.ts) answers to a new-work request: it checks the request
// against the prompt as a strict server would, and proposes from a hash of the subject's title, so tests know
// the answer. Scripted faults turn into the reply defects a real model produces.
import { createHash } from 'node:crypto';
import { buildNewWorkSystemPrompt, NEW_WORK_SCHEMA_NAME, newWorkJsonSchema, yearBounds } from './prompt.js';

export interface FakeNewWorkRequest {
  scope: string;
  subject: string;
  title: string;
  codes: string[];
}

/** Whether a chat request is a new-work request (by schema name, or in JSON mode by its system prompt). */
export function isNewWorkRequest(format: { json_schema?: { name?: string } } | undefined, system: string, mode: 'json_schema' | 'json_object'): boolean {
  if (mode === 'json_schema') return format?.json_schema?.name === NEW_WORK_SCHEMA_NAME;
  return system === buildNewWorkSystemPrompt({ schemaInPrompt: true, bounds: yearBounds() });
}

/** The request as the fake reads it, or the 400 message a strict server would give. */
export function checkNewWorkRequest(options: {
  mode: 'json_schema' | 'json_object';
  format: { json_schema?: { strict?: boolean; schema?: unknown } } | undefined;
  system: string;
  user: string;
}): FakeNewWorkRequest | string {
  const bounds = yearBounds();
  if (options.system !== buildNewWorkSystemPrompt({ schemaInPrompt: options.mode === 'json_object', bounds })) {
    return `system prompt does not match the new-work prompt in ${options.mode} mode`;
  }
  let request: FakeNewWorkRequest;
  try {
    const body = JSON.parse(options.user) as { scope: string; subject: { code: string; title: string }; occupations: { code: string; title: string }[]; exposed_tasks: unknown[] };
    if (typeof body.subject?.code !== 'string' || typeof body.subject.title !== 'string' || !Array.isArray(body.occupations) || !body.occupations.length
      || !Array.isArray(body.exposed_tasks)) throw new Error();
    request = { scope: body.scope, subject: body.subject.code, title: body.subject.title, codes: body.occupations.map((o) => o.code) };
  } catch {
    return 'user message must be {"scope","subject":{"code","title"},"occupations":[...],"exposed_tasks":[...]}';
  }
  // The schema names the codes this request offered, so it is checked against them.
  if (options.mode === 'json_schema' && (options.format?.json_schema?.strict !== true
    || JSON.stringify(options.format.json_schema.schema) !== JSON.stringify(newWorkJsonSchema(bounds, request.codes)))) {
    return 'json_schema does not match the new-work schema';
  }
  return request;
}

/** Three proposals derived from the title alone; draws_from is every code sent. */
export function fakeProposals(request: Pick<FakeNewWorkRequest, 'title' | 'codes'>, baseYear?: number) {
  const bounds = yearBounds(baseYear);
  const h = createHash('sha256').update(request.title).digest();
  const tag = h.subarray(0, 4).toString('hex');
  return [
    { kind: 'task', text: `Review AI-drafted work of ${request.title} for errors before release (${tag}).`, title: '', year: bounds.min + (h[4]! % 5), draws_from: request.codes, rationale: `Drafting by AI grows the checking work (${tag}).` },
    { kind: 'role', text: `Runs and tunes the AI systems that now handle routine ${request.title} tasks.`, title: `AI Operations Lead ${tag}`, year: bounds.min + 2 + (h[5]! % 6), draws_from: request.codes.slice(0, 1), rationale: 'Automated tasks need someone to operate and monitor the systems.' },
    { kind: 'task', text: `Integrate automated tools with the records and rules that ${request.title} use (${tag}).`, title: '', year: bounds.min + 4 + (h[6]! % 8), draws_from: request.codes, rationale: 'Tools only pay off when connected to existing data and policies.' },
  ];
}

/** The reply content for a new-work request under a scripted fault (or none). */
export function fakeNewWorkContent(request: FakeNewWorkRequest, fault: string | undefined): string {
  const bounds = yearBounds();
  let proposals: Record<string, unknown>[] = fakeProposals(request);
  if (fault === 'missing-item') proposals = proposals.slice(0, -1);
  // A year past the bound on the first proposal; with invalid-all, on every proposal.
  if (fault === 'invalid-item') proposals[0] = { ...proposals[0], year: bounds.max + 30 };
  if (fault === 'invalid-all') proposals = proposals.map((p) => ({ ...p, year: bounds.max + 30 }));
  if (fault === 'unknown-id') {
    proposals[0] = { ...proposals[0], draws_from: [...(proposals[0]!.draws_from as string[]), '99-9999.00'] };
    proposals.push({ ...proposals[1], text: 'Coordinate work with an occupation that was never sent.', draws_from: ['99-9999.00'] });
  }
  if (fault === 'duplicate-id') proposals.push({ ...proposals[0] });
  const content = JSON.stringify({ proposals });
  return fault === 'malformed-json' ? content.slice(0, Math.floor(content.length / 2)) : content;
}

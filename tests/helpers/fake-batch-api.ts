// A fake OpenAI Batch API on 127.0.0.1: files upload, batch create / retrieve, output download. Each line
// of a batch is answered by forwarding it to the fake chat server, so batch replies are validated by the
// same rules as live ones. The engine's fake server has no extension point, so this is a second server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBatchApi {
  baseURL: string;
  /** Batches created, in order. */
  batches: { id: string; inputFileId: string; lines: number }[];
  /** How many times each batch was polled. */
  polls: Map<string, number>;
  close(): Promise<void>;
}

interface BatchState {
  id: string;
  status: string;
  input_file_id: string;
  output_file_id: string | null;
  error_file_id: string | null;
  request_counts: { total: number; completed: number; failed: number };
}

/** The file part of a multipart/form-data body (the SDK uploads the JSONL that way). */
function filePart(body: Buffer, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = `--${boundary?.[1] ?? boundary?.[2]}`;
  for (const part of body.toString('utf8').split(marker)) {
    if (!/name="file"/.test(part)) continue;
    const start = part.indexOf('\r\n\r\n');
    return part.slice(start + 4).replace(/\r\n$/, '');
  }
  return '';
}

export async function startFakeBatchApi(options: {
  chatBaseURL: string;
  apiKey: string;
  pollsUntilDone?: number;
  /** 401s quote the Authorization header back, as a careless proxy might. */
  echoKey?: boolean;
}): Promise<FakeBatchApi> {
  const files = new Map<string, string>();
  const states = new Map<string, BatchState>();
  const batches: FakeBatchApi['batches'] = [];
  const polls = new Map<string, number>();
  let counter = 0;

  const run = async (state: BatchState) => {
    const input = files.get(state.input_file_id) ?? '';
    const out: string[] = [];
    for (const raw of input.split('\n').filter((l) => l.trim())) {
      const line = JSON.parse(raw) as { custom_id: string; body: unknown };
      const response = await fetch(`${options.chatBaseURL}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify(line.body),
      });
      const body = await response.json();
      out.push(JSON.stringify({ id: `resp_${++counter}`, custom_id: line.custom_id, response: { status_code: response.status, body }, error: null }));
      state.request_counts.completed++;
    }
    const outputId = `file-out-${++counter}`;
    files.set(outputId, `${out.join('\n')}\n`);
    state.output_file_id = outputId;
    state.status = 'completed';
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.headers.authorization !== `Bearer ${options.apiKey}`) {
        const message = options.echoKey ? `Incorrect API key provided: ${req.headers.authorization ?? '(none)'}.` : 'Incorrect API key provided.';
        return send(res, 401, { error: { message } });
      }
      const url = (req.url ?? '').replace(/\?.*$/, '');
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && url === '/v1/files') {
        const id = `file-in-${++counter}`;
        files.set(id, filePart(body, String(req.headers['content-type'])));
        return send(res, 200, { id, object: 'file', bytes: body.length, created_at: 0, filename: 'batch.jsonl', purpose: 'batch' });
      }
      if (req.method === 'POST' && url === '/v1/batches') {
        const request = JSON.parse(body.toString('utf8')) as { input_file_id: string };
        const lines = (files.get(request.input_file_id) ?? '').split('\n').filter((l) => l.trim()).length;
        const state: BatchState = { id: `batch_${++counter}`, status: 'validating', input_file_id: request.input_file_id, output_file_id: null, error_file_id: null, request_counts: { total: lines, completed: 0, failed: 0 } };
        states.set(state.id, state);
        batches.push({ id: state.id, inputFileId: request.input_file_id, lines });
        return send(res, 200, { object: 'batch', endpoint: '/v1/chat/completions', completion_window: '24h', created_at: 0, ...state });
      }
      const batchMatch = /^\/v1\/batches\/([^/]+)$/.exec(url);
      if (req.method === 'GET' && batchMatch) {
        const state = states.get(batchMatch[1]!);
        if (!state) return send(res, 404, { error: { message: 'no such batch' } });
        const n = (polls.get(state.id) ?? 0) + 1;
        polls.set(state.id, n);
        // Answered on a later poll, so a client that stops polling early leaves a batch to resume.
        if (state.status === 'validating' && n >= (options.pollsUntilDone ?? 2)) {
          state.status = 'in_progress';
          void run(state);
        }
        return send(res, 200, { object: 'batch', endpoint: '/v1/chat/completions', completion_window: '24h', created_at: 0, ...state });
      }
      const contentMatch = /^\/v1\/files\/([^/]+)\/content$/.exec(url);
      if (req.method === 'GET' && contentMatch && files.has(contentMatch[1]!)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(files.get(contentMatch[1]!));
      }
      send(res, 404, { error: { message: `no route ${req.method} ${url}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    batches,
    polls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

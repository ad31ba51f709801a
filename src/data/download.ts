// Streams a URL (or a local file, for people who downloaded the release themselves) to a file on disk,
// hashing as it goes and reporting progress. Every way it can fail ends in one FailureError sentence,
// and the partly written file is removed.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { connectionReason, errorCode } from '../connection-errors.js';
import { FailureError, InputError } from '../errors.js';

export interface DownloadProgress {
  received: number;
  /** From Content-Length (or the file size); undefined when the server does not say. */
  total?: number;
}

export interface DownloadOptions {
  /** http(s) URL, file: URL, or a path to a local file. */
  url: string;
  /** Where to write. Removed again if the download fails. */
  file: string;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  /** Extra advice for an HTTP error status, such as where to check that a release exists. */
  statusHint?: (status: number) => string | undefined;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
  contentType?: string;
}

/**
 * Some servers (BLS among them) refuse requests that do not look like a browser, so the request carries a
 * browser's User-Agent, with the tool's name appended so that it stays identifiable in server logs.
 */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  'User-Agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 ai-frontier',
  Accept: 'application/zip,application/octet-stream;q=0.9,*/*;q=0.8',
  'Accept-Language': 'en-US,en;q=0.9',
};

const OFFLINE_ADVICE = 'Check your connection, or pass --url to a local copy.';

export function isRemote(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

export async function download(options: DownloadOptions): Promise<DownloadResult> {
  try {
    return isRemote(options.url) ? await downloadHttp(options) : await copyLocal(options);
  } catch (error) {
    rmSync(options.file, { force: true });
    throw error;
  }
}

async function downloadHttp(options: DownloadOptions): Promise<DownloadResult> {
  const { url, signal } = options;
  let response: Response;
  try {
    response = await fetch(url, { headers: BROWSER_HEADERS, redirect: 'follow', signal });
  } catch (error) {
    if (signal?.aborted) throw new FailureError(`download of ${url} was cancelled`);
    throw new FailureError(`could not download ${url}: ${connectionReason(error)}. ${OFFLINE_ADVICE}`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    const reason = response.statusText || STATUS_CODES[response.status] || 'error';
    const hint = options.statusHint?.(response.status);
    throw new FailureError(`could not download ${url}: the server answered ${response.status} ${reason}.${hint ? ` ${hint}` : ''}`);
  }
  // A compressed transfer's Content-Length counts compressed bytes, not what we receive.
  const encoding = response.headers.get('content-encoding');
  const length = Number(response.headers.get('content-length'));
  const total = (!encoding || encoding === 'identity') && length > 0 ? length : undefined;
  const body = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  const result = await save(body, { ...options, total }, (error, received) => {
    if (signal?.aborted) return new FailureError(`download of ${url} was cancelled`);
    const code = errorCode(error);
    const of = total ? ` of ${formatBytes(total)}` : '';
    return new FailureError(
      `could not download ${url}: the connection dropped after ${formatBytes(received)}${of}${code ? ` (${code})` : ''}. ` +
        'Try again, or pass --url to a local copy.',
    );
  });
  if (total !== undefined && result.bytes !== total) {
    throw new FailureError(
      `could not download ${url}: the download ended after ${formatBytes(result.bytes)} of ${formatBytes(total)}. ` +
        'Try again, or pass --url to a local copy.',
    );
  }
  return { ...result, contentType: response.headers.get('content-type') ?? undefined };
}

async function copyLocal(options: DownloadOptions): Promise<DownloadResult> {
  const source = /^file:/i.test(options.url) ? fileURLToPath(options.url) : path.resolve(options.url);
  let total: number;
  try {
    const stat = statSync(source);
    if (!stat.isFile()) throw new InputError('is a folder: expected the downloaded zip file', { file: source });
    total = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('no such file: expected an http(s) URL or the path of a downloaded zip', { file: source });
  }
  return save(createReadStream(source), { ...options, total }, (error) =>
    options.signal?.aborted
      ? new FailureError(`copy of ${source} was cancelled`)
      : new FailureError(`could not read ${source}: ${(error as Error).message}`),
  );
}

/** Pipes `body` to the file through a hash and a byte counter; `fail` turns a stream error into the message to throw. */
async function save(
  body: Readable,
  options: DownloadOptions & { total?: number },
  fail: (error: unknown, received: number) => Error,
): Promise<DownloadResult> {
  const { total, onProgress } = options;
  const hash = createHash('sha256');
  let received = 0;
  onProgress?.({ received, total });
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      received += chunk.length;
      onProgress?.({ received, total });
      callback(null, chunk);
    },
  });
  const file = createWriteStream(options.file);
  try {
    await pipeline(body, meter, file, { signal: options.signal });
  } catch (error) {
    // The file is opened on the thread pool: when the body fails first, the open can land after the caller
    // removed the partial file, and create it again. Once 'close' has fired nothing more can touch it.
    if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
    throw fail(error, received);
  }
  return { bytes: received, sha256: hash.digest('hex') };
}

/** "12.3 MB": decimal units, as download sizes are usually shown. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[unit]}`;
}

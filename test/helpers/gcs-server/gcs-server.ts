/**
 * A loopback, in-memory server speaking the subset of the GCS JSON API that
 * `@google-cloud/storage` uses: multipart/media/resumable uploads, object get, `alt=media`
 * download, list (prefix, delimiter, pageToken), patch, rewrite/copy, delete, bucket get/patch,
 * bucket IAM, generations and metagenerations with their preconditions (412), gzip
 * `Content-Encoding` stored and served.
 *
 * For tests: it counts requests per operation and per method, injects faults (see `faults.ts`),
 * and lets a test hold a request just before or just after it takes effect (`RequestHooks`),
 * which is how kill-point tests stop a publisher at an exact request. It listens on 127.0.0.1
 * only; point the client at it with `apiEndpoint: server.url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeBucket } from './bucket-routes.ts';
import { createFaultInjector, type FaultInjector, type FaultOptions, type RequestInfo } from './faults.ts';
import { GcsState, HttpError } from './gcs-state.ts';
import { routeObject } from './object-routes.ts';
import { pathSegments, type ParsedRequest, type PreparedOperation, type Reply } from './routes.ts';
import { routeUpload, type UploadSessions } from './upload-routes.ts';

export type { FaultOptions, RequestInfo } from './faults.ts';

export interface RequestHooks {
  /**
   * Awaited before the request takes effect. Resolving to `'drop'` closes the connection
   * without applying it (as does the client hanging up meanwhile).
   */
  beforeApply?(info: RequestInfo): Promise<void | 'drop'> | void | 'drop';
  /** Awaited after the request took effect, before the answer is sent. */
  afterApply?(info: RequestInfo): Promise<void> | void;
}

export interface RequestCounts {
  total: number;
  byOperation: Record<string, number>;
  byMethod: Record<string, number>;
  /** Requests answered by an injected error or dropped by fault injection. */
  injected: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  operation: string;
  /** Object the request acts on (the destination of a copy). */
  object?: string;
  status: number | 'dropped';
}

export interface GcsTestServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly state: GcsState;
  readonly counts: RequestCounts;
  /** Every request in order (method, path, operation, status), for tests that discover the client's calls. */
  readonly log: LoggedRequest[];
  createBucket(name: string): void;
  resetCounts(): void;
  setFaults(options?: FaultOptions): void;
  setHooks(hooks?: RequestHooks): void;
  close(): Promise<void>;
}

export async function startGcsServer(options: { buckets?: string[]; faults?: FaultOptions } = {}): Promise<GcsTestServer> {
  const state = new GcsState();
  for (const name of options.buckets ?? []) state.createBucket(name);
  const sessions: UploadSessions = new Map();
  const counts: RequestCounts = { total: 0, byOperation: {}, byMethod: {}, injected: 0 };
  const log: GcsTestServer['log'] = [];
  let faults: FaultInjector = createFaultInjector(options.faults);
  let hooks: RequestHooks = {};
  let seq = 0;
  let baseUrl = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', baseUrl);
    const request: ParsedRequest = { method: req.method ?? 'GET', url, segments: pathSegments(url.pathname), headers: req.headers, body, baseUrl };
    const entry: LoggedRequest = { method: request.method, path: `${url.pathname}${url.search}`, operation: 'invalid', status: 0 };
    log.push(entry);
    counts.total += 1;
    counts.byMethod[request.method] = (counts.byMethod[request.method] ?? 0) + 1;
    let prepared: PreparedOperation;
    try {
      prepared = route(state, sessions, request);
    } catch (error) {
      entry.status = send(res, errorReply(error));
      return;
    }
    entry.operation = prepared.operation;
    if (prepared.object !== undefined) entry.object = prepared.object;
    counts.byOperation[prepared.operation] = (counts.byOperation[prepared.operation] ?? 0) + 1;
    const info: RequestInfo = { seq: ++seq, method: request.method, operation: prepared.operation, bucket: prepared.bucket, object: prepared.object, mutating: prepared.mutating };
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const decision = faults.decide(info);
    if (decision.kind === 'error' || decision.kind === 'drop') counts.injected += 1;
    if (decision.kind === 'error') {
      entry.status = send(res, errorReply(new HttpError(decision.status, 'Injected failure', decision.status === 429 ? 'rateLimitExceeded' : 'backendError')));
      return;
    }
    if (decision.kind === 'drop') return drop(req, entry);
    const verdict = await hooks.beforeApply?.(info);
    if (verdict === 'drop' || req.socket.destroyed || res.destroyed) return drop(req, entry);
    let reply: Reply;
    try {
      reply = prepared.apply();
    } catch (error) {
      reply = errorReply(error);
    }
    await hooks.afterApply?.(info);
    if (decision.kind === 'drop-after') {
      counts.injected += 1;
      return drop(req, entry);
    }
    entry.status = send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    state,
    counts,
    log,
    createBucket: (name) => void state.createBucket(name),
    resetCounts() {
      Object.assign(counts, { total: 0, byOperation: {}, byMethod: {}, injected: 0 });
      log.length = 0;
    },
    setFaults: (faultOptions) => void (faults = createFaultInjector(faultOptions)),
    setHooks: (next) => void (hooks = next ?? {}),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function route(state: GcsState, sessions: UploadSessions, request: ParsedRequest): PreparedOperation {
  const [first, , third] = request.segments;
  if (first === 'upload') return routeUpload(state, sessions, request);
  if (first === 'b' && third === 'o') return routeObject(state, request);
  if (first === 'b') return routeBucket(state, request);
  throw new HttpError(404, `Unknown path ${request.url.pathname}`, 'notFound');
}

function drop(req: IncomingMessage, entry: { status: number | 'dropped' }): void {
  entry.status = 'dropped';
  req.socket.destroy();
}

function errorReply(error: unknown): Reply {
  if (error instanceof HttpError) {
    if (error.status === 304) return { status: 304 };
    return { status: error.status, body: { error: { code: error.status, message: error.message, errors: [{ domain: 'global', reason: error.reason, message: error.message }] } } };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { error: { code: 500, message, errors: [{ domain: 'global', reason: 'backendError', message }] } } };
}

/** Sends a reply and returns its status (for the log). */
function send(res: ServerResponse, reply: Reply): number {
  if (res.destroyed) return reply.status;
  const isJson = reply.body !== undefined && !Buffer.isBuffer(reply.body) && typeof reply.body !== 'string';
  const payload = isJson ? Buffer.from(JSON.stringify(reply.body)) : Buffer.from((reply.body as Buffer | string | undefined) ?? '');
  res.writeHead(reply.status, {
    ...(isJson ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    ...reply.headers,
    'content-length': String(payload.length),
  });
  res.end(payload);
  return reply.status;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    // A client killed mid-body never sends the end: give up on the request (nothing was applied).
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before the body ended'));
    });
  });
}

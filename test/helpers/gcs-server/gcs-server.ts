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
import { errorReply, pathSegments, readBody, send, type ParsedRequest, type PreparedOperation, type Reply } from './routes.ts';
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

/** Mutable server state shared by the request handler and the test-facing controls. */
interface ServerContext {
  state: GcsState;
  sessions: UploadSessions;
  counts: RequestCounts;
  log: LoggedRequest[];
  faults: FaultInjector;
  hooks: RequestHooks;
  seq: number;
  baseUrl: string;
}

/** `from`: start with a copy of that state (its buckets and objects) instead of an empty one. */
export async function startGcsServer(options: { buckets?: string[]; faults?: FaultOptions; from?: GcsState } = {}): Promise<GcsTestServer> {
  const ctx: ServerContext = {
    state: options.from?.clone() ?? new GcsState(),
    sessions: new Map(),
    counts: { total: 0, byOperation: {}, byMethod: {}, injected: 0 },
    log: [],
    faults: createFaultInjector(options.faults),
    hooks: {},
    seq: 0,
    baseUrl: '',
  };
  for (const name of options.buckets ?? []) if (!ctx.state.buckets.has(name)) ctx.state.createBucket(name);
  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, errorReply(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: ctx.baseUrl,
    state: ctx.state,
    counts: ctx.counts,
    log: ctx.log,
    createBucket: (name) => void ctx.state.createBucket(name),
    resetCounts() {
      Object.assign(ctx.counts, { total: 0, byOperation: {}, byMethod: {}, injected: 0 });
      ctx.log.length = 0;
    },
    setFaults: (faultOptions) => void (ctx.faults = createFaultInjector(faultOptions)),
    setHooks: (next) => void (ctx.hooks = next ?? {}),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Read, log and count, route, then faults → hook → apply → hook → answer. */
async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.baseUrl);
  const request: ParsedRequest = { method: req.method ?? 'GET', url, segments: pathSegments(url.pathname), headers: req.headers, body: await readBody(req), baseUrl: ctx.baseUrl };
  const entry: LoggedRequest = { method: request.method, path: `${url.pathname}${url.search}`, operation: 'invalid', status: 0 };
  ctx.log.push(entry);
  ctx.counts.total += 1;
  ctx.counts.byMethod[request.method] = (ctx.counts.byMethod[request.method] ?? 0) + 1;
  let prepared: PreparedOperation;
  try {
    prepared = route(ctx.state, ctx.sessions, request);
  } catch (error) {
    entry.status = send(res, errorReply(error));
    return;
  }
  entry.operation = prepared.operation;
  if (prepared.object !== undefined) entry.object = prepared.object;
  ctx.counts.byOperation[prepared.operation] = (ctx.counts.byOperation[prepared.operation] ?? 0) + 1;
  const info: RequestInfo = { seq: ++ctx.seq, method: request.method, operation: prepared.operation, bucket: prepared.bucket, object: prepared.object, mutating: prepared.mutating };
  await applyAndAnswer(ctx, { req, res, entry, info, prepared });
}

async function applyAndAnswer(ctx: ServerContext, r: { req: IncomingMessage; res: ServerResponse; entry: LoggedRequest; info: RequestInfo; prepared: PreparedOperation }): Promise<void> {
  const latencyMs = ctx.faults.nextLatencyMs();
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  const decision = ctx.faults.decide(r.info);
  if (decision.kind !== 'none') ctx.counts.injected += 1;
  if (decision.kind === 'error') {
    r.entry.status = send(r.res, errorReply(new HttpError(decision.status, 'Injected failure', decision.status === 429 ? 'rateLimitExceeded' : 'backendError')));
    return;
  }
  if (decision.kind === 'drop') return drop(r.req, r.entry);
  const verdict = await ctx.hooks.beforeApply?.(r.info);
  if (verdict === 'drop' || r.req.socket.destroyed || r.res.destroyed) return drop(r.req, r.entry);
  let reply: Reply;
  try {
    reply = r.prepared.apply();
  } catch (error) {
    reply = errorReply(error);
  }
  await ctx.hooks.afterApply?.(r.info);
  if (decision.kind === 'drop-after') return drop(r.req, r.entry);
  r.entry.status = send(r.res, reply);
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

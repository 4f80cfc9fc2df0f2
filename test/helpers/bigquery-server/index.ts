/**
 * A loopback BigQuery REST server (node:http on 127.0.0.1:0) for driving the real
 * `@google-cloud/bigquery` client in tests. It answers the calls the client makes:
 *
 * | Route | Client call |
 * | --- | --- |
 * | `POST /bigquery/v2/projects/:p/jobs` | jobs.insert (`createQueryJob`, dry runs) |
 * | `GET  /bigquery/v2/projects/:p/queries/:id` | jobs.getQueryResults (`maxResults`, `pageToken`, `timeoutMs`) |
 * | `POST /bigquery/v2/projects/:p/queries` | jobs.query (`bigquery.query()` fast path) |
 * | `GET  /bigquery/v2/projects/:p/jobs/:id` | jobs.get (`job.getMetadata()`) |
 * | `POST /bigquery/v2/projects/:p/jobs/:id/cancel` | jobs.cancel |
 * | `GET  /bigquery/v2/projects/:p/datasets/:d` | datasets.get (`dataset.getMetadata()`), from `setDatasets` |
 *
 * A handler gets each job's SQL and typed parameters and returns schema + rows (+ bytes); the
 * incremental build's metadata queries are answered from `tableModifiedTimes` instead
 * (table-metadata.ts), and `jobCounts()` tells them from endpoint queries. Faults
 * are queued per route: HTTP errors with BigQuery reasons, dropped connections, failed jobs. A
 * job whose handler says `neverComplete` stays RUNNING: getQueryResults holds for its
 * `timeoutMs` and answers `jobComplete: false`, until the job is cancelled. A latency model
 * (latency.ts; zero by default) holds every job RUNNING for a while and delays every page.
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { BigQueryOptions } from '@google-cloud/bigquery';
import { createJob, jobResource, resultsPage, type JobError, type QueryHandler, type StoredJob } from './jobs.ts';
import { countJobs, withTableMetadata, type TableModifiedTimes } from './table-metadata.ts';
import { applyFault, sendError, sendJson, takeFault, type Fault, type QueuedFault, type RouteName } from './faults.ts';
import { holdJob, NO_BIGQUERY_LATENCY, waitForPage, type BigQueryLatency, type JobCounter } from './latency.ts';

export type { QueryHandler, QueryRequest, QueryResult, StoredJob } from './jobs.ts';
export type { FieldSchema, TypedParam } from './wire.ts';
export type { Fault, FaultKind, RouteName } from './faults.ts';
export { PRODUCTION_BIGQUERY_LATENCY, type BigQueryLatency } from './latency.ts';

export const TEST_TOKEN = 'loopback-test-token';
const IDLE_KEEP_ALIVE_MS = 10 * 60_000;

export interface RecordedRequest { route: RouteName | 'unknown'; method: string; path: string; query: URLSearchParams; body: unknown }

export interface BigQueryTestServer {
  url: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  jobs: Map<string, StoredJob>;
  /** Jobs held RUNNING by the latency model now, and the most at once (queries a client had in flight). */
  counter: JobCounter;
  setHandler(handler: QueryHandler): void;
  /** The datasets datasets.get knows, keyed `project:dataset`; any other answers 404. */
  setDatasets(datasets: Record<string, { location: string }>): void;
  /** `dataset.table` (as BigQuery names it, prefix included) → last modified instant, for metadata queries. */
  tableModifiedTimes: TableModifiedTimes;
  /** Replaces every stamp the metadata query answers with (`dataset.table` → ISO instant). */
  setTableStamps(stamps: Iterable<readonly [string, string]>): void;
  /** Jobs run so far: metadata queries and endpoint queries (dry runs excluded). */
  jobCounts(): { metadata: number; queries: number };
  /** Queue a fault for the next `times` (default 1) calls of its route. */
  injectFault(fault: Fault): void;
  /** Client options that point the real client here with a fake token (no Google auth, no metadata server). */
  clientOptions(): BigQueryOptions;
  close(): Promise<void>;
}

export interface BigQueryServerOptions {
  handler?: QueryHandler;
  /** Rows per page at most, whatever `maxResults` asks (BigQuery caps pages at ~10 MB). @default unlimited */
  maxPageRows?: number;
  /** Per job and per page waits, and the page byte cap (latency.ts). @default none, 10 MB pages */
  latency?: Partial<BigQueryLatency>;
}

const ROUTES: [RouteName, string, RegExp][] = [
  ['jobs.insert', 'POST', /^\/bigquery\/v2\/projects\/[^/]+\/jobs$/],
  ['jobs.cancel', 'POST', /^\/bigquery\/v2\/projects\/[^/]+\/jobs\/([^/]+)\/cancel$/],
  ['jobs.get', 'GET', /^\/bigquery\/v2\/projects\/[^/]+\/jobs\/([^/]+)$/],
  ['jobs.query', 'POST', /^\/bigquery\/v2\/projects\/[^/]+\/queries$/],
  ['jobs.getQueryResults', 'GET', /^\/bigquery\/v2\/projects\/[^/]+\/queries\/([^/]+)$/],
  ['datasets.get', 'GET', /^\/bigquery\/v2\/projects\/[^/]+\/datasets\/([^/]+)$/],
];

export async function startBigQueryServer(options: BigQueryServerOptions = {}): Promise<BigQueryTestServer> {
  process.env.METADATA_SERVER_DETECTION = 'none';
  let handler: QueryHandler = options.handler ?? (() => ({ schema: [], rows: [] }));
  const requests: RecordedRequest[] = [];
  const jobs = new Map<string, StoredJob>();
  const faults: QueuedFault[] = [];
  let datasets: Record<string, { location: string }> = {};
  const maxPageRows = options.maxPageRows ?? Number.POSITIVE_INFINITY;
  const latency: BigQueryLatency = { ...NO_BIGQUERY_LATENCY, ...options.latency };
  const counter: JobCounter = { running: 0, peakRunning: 0 };
  const closing = new AbortController();
  const tableModifiedTimes: TableModifiedTimes = new Map();
  const answer = withTableMetadata(() => handler, tableModifiedTimes);
  setMaxListeners(Number.POSITIVE_INFINITY, closing.signal); // one listener per job and page held at once

  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = ROUTES.map(([name, method, pattern]) => ({ name, method, m: pattern.exec(url.pathname) })).find((r) => r.m && r.method === req.method);
      const route = match?.name ?? 'unknown';
      requests.push({ route, method: req.method ?? '', path: url.pathname, query: url.searchParams, body });
      if (req.headers.authorization !== `Bearer ${TEST_TOKEN}`) return sendError(res, { status: 401, reason: 'authError', message: 'Request had invalid authentication credentials.' });
      if (!match) return sendError(res, { status: 404, reason: 'notFound', message: `loopback BigQuery does not serve ${req.method} ${url.pathname}` });
      const fault = takeFault(faults, match.name);
      if (fault && applyFault(fault, res)) return;
      const ctx: RouteContext = { body, query: url.searchParams, id: match.m?.[1], project: decodeURIComponent(url.pathname.split('/')[4] ?? ''), res, jobs, datasets, maxPageRows, signal: closing.signal, latency, counter };
      await ROUTE_HANDLERS[match.name](ctx, answer, fault?.jobError);
    }).catch((error: unknown) => sendError(res, { status: 500, reason: 'internalError', message: `loopback BigQuery: ${(error as Error).message}` }));
  });
  // Keep idle connections as Google's front ends do: with Node's 5 s default, a client that pools
  // sockets across seconds-long jobs reuses one the server is closing and gets "socket hang up".
  server.keepAliveTimeout = IDLE_KEEP_ALIVE_MS;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, requests, jobs, counter,
    setHandler: (next) => { handler = next; },
    setDatasets: (next) => { datasets = next; },
    tableModifiedTimes,
    setTableStamps: (stamps) => {
      tableModifiedTimes.clear();
      for (const [table, instant] of stamps) tableModifiedTimes.set(table, instant);
    },
    jobCounts: () => countJobs(jobs.values()),
    injectFault: (fault) => { faults.push({ ...fault, remaining: fault.times ?? 1 }); },
    clientOptions: () => loopbackClientOptions(url),
    close: () => new Promise<void>((resolve) => { closing.abort(); server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

interface RouteContext {
  body: unknown;
  query: URLSearchParams;
  id: string | undefined;
  project: string;
  res: ServerResponse;
  jobs: Map<string, StoredJob>;
  datasets: Record<string, { location: string }>;
  maxPageRows: number;
  /** Aborted when the server closes, ending held polls. */
  signal: AbortSignal;
  latency: BigQueryLatency;
  counter: JobCounter;
}

const ROUTE_HANDLERS: Record<RouteName, (ctx: RouteContext, handler: QueryHandler, jobError?: JobError) => Promise<void> | void> = {
  'jobs.insert': (ctx, handler, jobError) => {
    const { body, project, res, jobs } = ctx;
    const job = createJob(body as Parameters<typeof createJob>[0], project, handler, jobError);
    if (!job.request.dryRun) jobs.set(job.id, startJob(job, ctx));
    sendJson(res, 200, jobResource(job));
  },
  'jobs.get': ({ id, res, jobs }) => {
    const job = jobs.get(id ?? '');
    return job ? sendJson(res, 200, jobResource(job)) : sendError(res, notFound(id));
  },
  'jobs.cancel': ({ id, res, jobs }) => {
    const job = jobs.get(id ?? '');
    if (!job) return sendError(res, notFound(id));
    if (job.state === 'RUNNING') Object.assign(job, { state: 'DONE', cancelled: true, error: { status: 400, reason: 'stopped', message: 'Job execution was cancelled: User requested cancellation' } });
    sendJson(res, 200, { kind: 'bigquery#jobCancelResponse', job: jobResource(job) });
  },
  'jobs.getQueryResults': async (ctx) => {
    const job = ctx.jobs.get(ctx.id ?? '');
    if (!job) return sendError(ctx.res, notFound(ctx.id));
    await sendResults(job, ctx.res, ctx);
  },
  'datasets.get': ({ id, project, res, datasets }) => {
    const dataset = datasets[`${project}:${decodeURIComponent(id ?? '')}`];
    if (!dataset) return sendError(res, { status: 404, reason: 'notFound', message: `Not found: Dataset ${project}:${id}` });
    sendJson(res, 200, { kind: 'bigquery#dataset', id: `${project}:${id}`, datasetReference: { projectId: project, datasetId: id }, location: dataset.location });
  },
  'jobs.query': async (ctx, handler, jobError) => {
    const { body, project, jobs } = ctx;
    const { query: sql, queryParameters, labels, maximumBytesBilled, location, maxResults, timeoutMs, formatOptions } = body as Record<string, unknown>;
    const insert = { configuration: { query: { query: sql, queryParameters, maximumBytesBilled }, labels }, jobReference: { location } } as Parameters<typeof createJob>[0];
    const job = createJob(insert, project, handler, jobError);
    jobs.set(job.id, startJob(job, ctx));
    const query = new URLSearchParams({ ...(maxResults ? { maxResults: String(maxResults) } : {}), ...(timeoutMs ? { timeoutMs: String(timeoutMs) } : {}) });
    if ((formatOptions as { useInt64Timestamp?: boolean } | undefined)?.useInt64Timestamp) query.set('formatOptions.useInt64Timestamp', 'true');
    await sendResults(job, ctx.res, { ...ctx, query });
  },
};

/** A completing job starts RUNNING for the latency model's job time (at once DONE without one). */
function startJob(job: StoredJob, { latency, counter, signal }: RouteContext): StoredJob {
  if (job.state === 'RUNNING') return job; // never completes: only a cancel ends it
  job.state = 'RUNNING';
  job.settled = new Promise((resolve) => holdJob(latency, counter, () => { job.state = 'DONE'; resolve(); }, signal));
  return job;
}

type ResultsOptions = Pick<RouteContext, 'query' | 'maxPageRows' | 'signal' | 'latency'>;

async function sendResults(job: StoredJob, res: ServerResponse, { query, maxPageRows, signal, latency }: ResultsOptions): Promise<void> {
  if (job.state === 'RUNNING') {
    // Like BigQuery: hold the call until the job is done, for up to `timeoutMs` (default 10 s), then report it still running.
    await waitForJob(job, Math.min(Number(query.get('timeoutMs') ?? 10_000), 10_000), signal);
    if (job.state === 'RUNNING') return sendJson(res, 200, { kind: 'bigquery#getQueryResultsResponse', jobReference: { projectId: job.projectId, jobId: job.id, location: job.location }, jobComplete: false });
  }
  if (job.error) return sendError(res, job.error);
  await waitForPage(latency, signal);
  const number = (name: string) => (query.has(name) ? Number(query.get(name)) : undefined);
  sendJson(res, 200, resultsPage(job, {
    maxResults: number('maxResults'), startIndex: number('startIndex'), pageToken: query.get('pageToken') ?? undefined,
    useInt64Timestamp: query.get('formatOptions.useInt64Timestamp') === 'true', maxPageRows, maxPageBytes: latency.maxPageBytes,
  }));
}

/** Until the job settles or `timeoutMs` passes; rejects when the server closes. */
async function waitForJob(job: StoredJob, timeoutMs: number, signal: AbortSignal): Promise<void> {
  const settled = new AbortController();
  const timeout = delay(timeoutMs, undefined, { signal: AbortSignal.any([signal, settled.signal]) });
  timeout.catch(() => undefined);
  try {
    await Promise.race([timeout, ...(job.settled ? [job.settled] : [])]);
  } finally {
    settled.abort();
  }
}

/** Client options that point the real client at a loopback server on `url` with a fake token. */
export function loopbackClientOptions(url: string): BigQueryOptions {
  return {
    apiEndpoint: url,
    // Duck-typed auth client: a fixed bearer token, so google-auth-library never looks for credentials.
    authClient: { getRequestHeaders: async () => new Headers({ authorization: `Bearer ${TEST_TOKEN}` }) } as unknown as BigQueryOptions['authClient'],
  };
}

const notFound = (id: string | undefined): JobError => ({ status: 404, reason: 'notFound', message: `Not found: Job ${id}` });


async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/**
 * The production warehouse: BigQuery through `@google-cloud/bigquery`.
 *
 * Each query renders for the `bigquery` dialect (backticked `project.prefix+dataset.table`),
 * runs as one job (jobs.insert) with typed `@name` parameters, labels (app, trigger, endpoint),
 * `maximumBytesBilled` and `jobTimeoutMs`, then reads its results page by page
 * (jobs.getQueryResults with `maxResults` and page tokens, through the client's authenticated
 * `requestStream`), decoding each page from the wire format straight to the port's row contract
 * (bigquery-values.ts) before fetching the next. A job still running at the deadline is cancelled.
 * Transient failures (rate limits, backend errors, 5xx, dropped connections) re-run the whole
 * attempt with exponential backoff; the client's own retries are off so there is one policy.
 */
import { BigQuery, type BigQueryOptions as ClientOptions, type Job, type Query } from '@google-cloud/bigquery';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger, QueryOptions, WarehouseRow } from '../ports.ts';
import { renderSql, type SqlQuery } from '../sql.ts';
import type { BigQueryOptions } from '../warehouse-settings.ts';
import { failureReasons, timeoutError, toQueryError, withRetries, type FailureContext, type RetryPolicy } from './bigquery-failures.ts';
import { buildJobRequest } from './bigquery-request.ts';
import { readBigQueryTableStamps } from './bigquery-table-stamps.ts';
import type { DryRunWarehouse } from './dry-run.ts';
import { rowDecoder, type RowDecoder, type WireField, type WireRow } from './bigquery-values.ts';

/** Longest single wait for a job inside one getQueryResults call (BigQuery's own default is 10 s). */
const POLL_WAIT_MS = 10_000;
const MAX_RETRY_DELAY_MS = 32_000;

/** The settings the adapter uses (`queriesInFlight` is the build's: run-build.ts). */
export interface BigQueryWarehouseOptions extends Omit<BigQueryOptions, 'queriesInFlight'> {
  /** The build trigger, sent as the `trigger` job label. */
  trigger?: string;
  /** Retry notices go to `warn`. */
  logger?: Pick<Logger, 'warn'>;
  /** Passed to the client: tests set `apiEndpoint` and a fake `authClient`; production uses ADC. */
  clientOptions?: ClientOptions;
  /** Backoff waits; tests pass a recorder so no test waits on the clock. @default node:timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). @default Math.random */
  random?: () => number;
  /** Monotonic milliseconds, for the job deadline. @default performance.now */
  now?: () => number;
}

export interface BigQueryWarehouse extends DryRunWarehouse {
  readonly dialect: 'bigquery';
}

export function createBigQueryWarehouse(options: BigQueryWarehouseOptions): BigQueryWarehouse {
  const client = new BigQuery({ projectId: options.project, location: options.location, ...options.clientOptions, retryOptions: { autoRetry: false } });
  const now = options.now ?? (() => performance.now());
  const datasets = `${options.datasetProject}.${options.datasetPrefix}*`;
  const query: BigQueryWarehouse['query'] = async (sqlQuery, queryOptions) => {
    const { context, request, policy } = prepareJob(options, sqlQuery, queryOptions, false);
    try {
      return await withRetries(() => runJob({ client, request, context, pageSize: options.pageSize, now }), policy);
    } catch (error) {
      throw toQueryError(error, context);
    }
  };
  return {
    dialect: 'bigquery',
    description: `bigquery:${options.project} (${options.location}, datasets ${datasets})`,
    query,
    tableStamps: (tables) => readBigQueryTableStamps(query, tables, options),
    async dryRun(query, queryOptions) {
      const { context, request, policy } = prepareJob(options, query, queryOptions, true);
      try {
        const [job] = await withRetries(() => client.createQueryJob(request), policy);
        const statistics = job.metadata?.statistics;
        const bytes = statistics?.totalBytesProcessed ?? statistics?.query?.totalBytesProcessed ?? '0';
        return { estimatedBytes: Number(bytes), maximumBytesBilled: options.maximumBytesBilled };
      } catch (error) {
        throw toQueryError(error, context);
      }
    },
    async close() {
      // The REST client holds no connection of its own; nothing to release.
    },
  };
}

/** Render for BigQuery and build the job request, its error context and its retry policy. */
function prepareJob(options: BigQueryWarehouseOptions, query: SqlQuery, { label, params }: QueryOptions, dryRun: boolean) {
  const rendered = renderSql(query, 'bigquery', { project: options.datasetProject, datasetPrefix: options.datasetPrefix });
  const request = buildJobRequest(rendered, params, { ...options, label, dryRun });
  const context: FailureContext = { label, ...options };
  const policy: RetryPolicy = {
    maxRetries: options.maxRetries,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: MAX_RETRY_DELAY_MS,
    sleep: options.sleep ?? ((ms) => delay(ms)),
    random: options.random ?? Math.random,
    onRetry: ({ attempt, delayMs, error }) =>
      options.logger?.warn(`${label}: BigQuery ${failureReasons(error)[0] ?? 'transient error'}; retry ${attempt}/${options.maxRetries} in ${delayMs} ms`),
  };
  return { context, request, policy };
}

interface RunJobOptions {
  client: BigQuery;
  request: Query;
  context: FailureContext;
  pageSize: number;
  now: () => number;
}

/** One attempt: create the job, wait for it within the deadline, read every page in order. */
async function runJob({ client, request, context, pageSize, now }: RunJobOptions): Promise<WarehouseRow[]> {
  const deadline = now() + context.jobTimeoutMs;
  const [job] = await client.createQueryJob(request);
  const rows: WarehouseRow[] = [];
  let decode: RowDecoder | undefined;
  let pageToken: string | undefined;
  for (;;) {
    const remainingMs = Math.floor(deadline - now());
    if (remainingMs <= 0) {
      await cancelQuietly(job);
      throw timeoutError(context);
    }
    const page = await fetchPage(client, job, { maxResults: pageSize, pageToken, timeoutMs: Math.min(remainingMs, POLL_WAIT_MS) });
    if (page.jobComplete === false) continue;
    decode ??= rowDecoder(page.schema?.fields ?? [], context.label);
    for (const row of page.rows ?? []) rows.push(decode(row, rows.length));
    pageToken = page.pageToken || undefined;
    if (pageToken === undefined) return rows;
  }
}

/** The parts of a GetQueryResultsResponse the adapter reads. */
interface ResultsPage {
  jobComplete?: boolean;
  schema?: { fields?: WireField[] };
  rows?: WireRow[];
  pageToken?: string;
}

/**
 * One jobs.getQueryResults call through the client's authenticated transport, asking for
 * TIMESTAMP as int64 microseconds, its body parsed once here: `job.getQueryResults` would turn
 * every cell into the client's wrapper objects, and the client's callback `request` deep-copies
 * every response body. BigQuery waits up to `timeoutMs` for the job and answers
 * `jobComplete: false` when it is still running, which here means "poll again".
 */
function fetchPage(client: BigQuery, job: Job, options: { maxResults: number; pageToken: string | undefined; timeoutMs: number }): Promise<ResultsPage> {
  const qs = {
    ...(job.location ? { location: job.location } : {}),
    maxResults: options.maxResults, timeoutMs: options.timeoutMs, 'formatOptions.useInt64Timestamp': true,
    ...(options.pageToken ? { pageToken: options.pageToken } : {}),
  };
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;
    client.requestStream({ uri: `/queries/${job.id}`, qs })
      .on('response', (response: { statusCode: number }) => { status = response.statusCode; })
      .on('data', (chunk: Buffer) => chunks.push(chunk))
      .on('error', reject)
      .on('end', () => {
        try {
          resolve(parsePage(status, Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
  });
}

/**
 * A response body → its page, or, for an error status, an error shaped as the client's ApiError
 * (`code`, `message`, `errors[].reason`), which bigquery-failures.ts classifies.
 */
function parsePage(status: number, text: string): ResultsPage {
  let body: (ResultsPage & { error?: { code?: number; message?: string; errors?: unknown[] } }) | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (status >= 200 && status < 300 && body && typeof body === 'object') return body;
  const failure = body?.error;
  const message = failure?.message ?? `BigQuery answered HTTP ${status} to jobs.getQueryResults: ${text.slice(0, 200)}`;
  throw Object.assign(new Error(message), { code: failure?.code ?? status, errors: failure?.errors ?? [] });
}

/** Best effort: a cancel that fails must not hide the timeout being reported. */
async function cancelQuietly(job: Job): Promise<void> {
  try {
    await job.cancel();
  } catch {
    // The job may already be done or gone; BigQuery also enforces jobTimeoutMs on its side.
  }
}

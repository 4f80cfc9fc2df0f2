/**
 * Job state of the loopback BigQuery server: creating a job runs the test's handler once,
 * enforces `maximumBytesBilled`, and keeps the rows for paging. HTTP-free, so each REST route in
 * `index.ts` is a few lines.
 */
import { randomUUID } from 'node:crypto';
import { rowsWithinBytes } from './latency.ts';
import { decodeParameters, encodeRow, type FieldSchema, type QueryParameter, type TypedParam } from './wire.ts';

/** What the handler sees of a query job. */
export interface QueryRequest {
  sql: string;
  /** Typed parameters, e.g. `{ as_of: { type: 'DATE', value: '2025-03-15' } }`. */
  params: Record<string, TypedParam>;
  labels: Record<string, string>;
  maximumBytesBilled: number | undefined;
  jobTimeoutMs: number | undefined;
  location: string | undefined;
  dryRun: boolean;
}

export interface QueryResult {
  schema?: FieldSchema[];
  /** Rows keyed by field name: DATE `'YYYY-MM-DD'`, TIMESTAMP ISO string, INT64/NUMERIC number or string, arrays, objects. */
  rows?: Record<string, unknown>[];
  /** Bytes processed: the dry-run estimate and what `maximumBytesBilled` is checked against. @default 0 */
  totalBytesProcessed?: number;
  /** The job stays RUNNING until cancelled. */
  neverComplete?: boolean;
}

export type QueryHandler = (request: QueryRequest) => QueryResult;

export interface JobError { status: number; reason: string; message: string }

export interface StoredJob {
  id: string;
  projectId: string;
  location: string;
  request: QueryRequest;
  configuration: Record<string, unknown>;
  result: QueryResult;
  state: 'RUNNING' | 'DONE';
  error: JobError | undefined;
  cancelled: boolean;
  /** Resolves when a job held RUNNING by the latency model is DONE (latency.ts). */
  settled?: Promise<void>;
}

interface InsertBody {
  configuration?: { query?: Record<string, unknown>; labels?: Record<string, string>; jobTimeoutMs?: string; dryRun?: boolean };
  jobReference?: { projectId?: string; jobId?: string; location?: string };
}

/** Create a job from a jobs.insert body. A handler that throws fails the job as `invalidQuery`. */
export function createJob(body: InsertBody, projectId: string, handler: QueryHandler, jobFailure?: JobError): StoredJob {
  const configuration = body.configuration ?? {};
  const query = configuration.query ?? {};
  const request: QueryRequest = {
    sql: String(query.query ?? ''),
    params: decodeParameters(query.queryParameters as QueryParameter[] | undefined),
    labels: configuration.labels ?? {},
    maximumBytesBilled: query.maximumBytesBilled === undefined ? undefined : Number(query.maximumBytesBilled),
    jobTimeoutMs: configuration.jobTimeoutMs === undefined ? undefined : Number(configuration.jobTimeoutMs),
    location: body.jobReference?.location,
    dryRun: configuration.dryRun === true,
  };
  let result: QueryResult = {};
  let error = jobFailure;
  try {
    result = handler(request);
  } catch (cause) {
    error = { status: 400, reason: 'invalidQuery', message: (cause as Error).message };
  }
  const bytes = result.totalBytesProcessed ?? 0;
  if (!error && !request.dryRun && request.maximumBytesBilled !== undefined && bytes > request.maximumBytesBilled) {
    error = { status: 400, reason: 'bytesBilledLimitExceeded', message: `Query exceeded limit for bytes billed: ${request.maximumBytesBilled}. ${bytes} or higher required.` };
  }
  return {
    id: body.jobReference?.jobId ?? randomUUID(),
    projectId,
    location: request.location ?? 'US',
    request,
    configuration: { ...configuration, jobType: 'QUERY' },
    result,
    state: result.neverComplete && !error ? 'RUNNING' : 'DONE',
    error,
    cancelled: false,
  };
}

/** The REST Job resource (jobs.insert, jobs.get, jobs.cancel responses). */
export function jobResource(job: StoredJob): Record<string, unknown> {
  const bytes = String(job.result.totalBytesProcessed ?? 0);
  const errorResult = job.error ? { reason: job.error.reason, message: job.error.message } : undefined;
  return {
    kind: 'bigquery#job',
    id: `${job.projectId}:${job.location}.${job.id}`,
    jobReference: { projectId: job.projectId, location: job.location, ...(job.request.dryRun ? {} : { jobId: job.id }) },
    configuration: job.configuration,
    status: errorResult ? { state: 'DONE', errorResult, errors: [errorResult] } : { state: job.state },
    statistics: { totalBytesProcessed: bytes, query: { totalBytesProcessed: bytes, totalBytesBilled: job.request.dryRun ? '0' : bytes, cacheHit: false } },
  };
}

export interface PageRequest {
  maxResults: number | undefined;
  pageToken: string | undefined;
  startIndex: number | undefined;
  useInt64Timestamp: boolean;
  /** The server's own page cap in rows (tests cap by rows). */
  maxPageRows: number;
  /** And in encoded row bytes, as BigQuery caps pages (latency.ts). */
  maxPageBytes: number;
}

const encodeToken = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const decodeToken = (token: string) => Number(Buffer.from(token, 'base64url').toString().replace('offset:', ''));

/** One page of a DONE job's results, in the getQueryResults / jobs.query response shape. */
export function resultsPage(job: StoredJob, page: PageRequest): Record<string, unknown> {
  const rows = job.result.rows ?? [];
  const schema = job.result.schema ?? [];
  const offset = page.pageToken ? decodeToken(page.pageToken) : (page.startIndex ?? 0);
  const size = Math.min(page.maxResults ?? Number.POSITIVE_INFINITY, page.maxPageRows, Math.max(rows.length - offset, 0));
  const candidates = rows.slice(offset, offset + size).map((row) => encodeRow(schema, row, { useInt64Timestamp: page.useInt64Timestamp }));
  const encoded = candidates.slice(0, rowsWithinBytes(candidates, page.maxPageBytes));
  const next = offset + encoded.length;
  return {
    kind: 'bigquery#getQueryResultsResponse',
    jobReference: { projectId: job.projectId, jobId: job.id, location: job.location },
    schema: { fields: schema },
    totalRows: String(rows.length),
    ...(encoded.length > 0 ? { rows: encoded } : {}),
    ...(next < rows.length ? { pageToken: encodeToken(next) } : {}),
    totalBytesProcessed: String(job.result.totalBytesProcessed ?? 0),
    jobComplete: true,
    cacheHit: false,
  };
}

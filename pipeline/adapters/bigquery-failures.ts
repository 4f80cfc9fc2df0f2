/**
 * What went wrong with a BigQuery call, and what to do about it: classify the client's errors
 * (HTTP status, BigQuery `reason`, socket errors), retry the transient ones with exponential
 * backoff, and turn the rest into `QueryError`s with permanent codes that name the endpoint.
 *
 * Reasons: https://cloud.google.com/bigquery/docs/error-messages
 */
import { QueryError } from '../errors.ts';

export type FailureKind = 'transient' | 'bytes-billed' | 'timeout' | 'access-denied' | 'permanent';

const TRANSIENT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'backendError', 'internalError', 'jobBackendError', 'jobInternalError']);
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED', 'UND_ERR_SOCKET']);

interface ClientError {
  code?: number | string;
  message?: string;
  errors?: { reason?: string; message?: string }[];
  type?: string;
}

/** The BigQuery `reason`s carried by a client error (ApiError `errors`), first one first. */
export function failureReasons(error: unknown): string[] {
  const errors = (error as ClientError | undefined)?.errors;
  return Array.isArray(errors) ? errors.map((e) => e.reason ?? '').filter(Boolean) : [];
}

export function classifyFailure(error: unknown): FailureKind {
  const reasons = failureReasons(error);
  const { code, message = '' } = (error ?? {}) as ClientError;
  if (reasons.includes('bytesBilledLimitExceeded')) return 'bytes-billed';
  if (reasons.includes('timeout') || reasons.includes('jobTimeout') || /job timed out/i.test(message)) return 'timeout';
  if (reasons.includes('accessDenied') || code === 401) return 'access-denied';
  if (reasons.some((reason) => TRANSIENT_REASONS.has(reason))) return 'transient';
  if (typeof code === 'number' && TRANSIENT_STATUS.has(code)) return 'transient';
  if (typeof code === 'string' && TRANSIENT_SOCKET_CODES.has(code)) return 'transient';
  if (/socket hang up|ECONNRESET|premature close/i.test(message)) return 'transient';
  return 'permanent';
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1); scales the jitter. */
  random: () => number;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Exponential backoff with jitter: base·2^(attempt−1), capped, scaled into [50 %, 100 %]. */
export function backoffDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * (0.5 + policy.random() / 2));
}

/** Thrown when every attempt failed with a transient error. */
export class RetriesExhausted extends Error {
  readonly attempts: number;
  constructor(attempts: number, cause: unknown) {
    super(`gave up after ${attempts} attempts`, { cause });
    this.attempts = attempts;
  }
}

/** Run `attempt` until it succeeds, fails permanently, or transient failures use up the retries. */
export async function withRetries<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (classifyFailure(error) !== 'transient') throw error;
      if (n > policy.maxRetries) throw new RetriesExhausted(n, error);
      const delayMs = backoffDelayMs(n, policy);
      policy.onRetry?.({ attempt: n, delayMs, error });
      await policy.sleep(delayMs);
    }
  }
}

export interface FailureContext {
  label: string;
  maximumBytesBilled: number;
  jobTimeoutMs: number;
  project: string;
}

/** A foreign error → a `QueryError` with a permanent code naming the endpoint. `QueryError`s pass through. */
export function toQueryError(error: unknown, context: FailureContext): QueryError {
  if (error instanceof QueryError) return error;
  const { label } = context;
  const options = { exporterId: label, cause: error };
  if (error instanceof RetriesExhausted) {
    return new QueryError('WarehouseUnavailable', `The ${label} query failed ${error.attempts} times in a row with transient BigQuery errors (${describe(error.cause)})`, {
      ...options, hint: 'BigQuery is rate-limiting or degraded; run the build again later, or raise --bq-max-retries.',
    });
  }
  switch (classifyFailure(error)) {
    case 'bytes-billed':
      return new QueryError('BytesBilledExceeded', `The ${label} query would bill more than maximumBytesBilled (${context.maximumBytesBilled} bytes), so BigQuery refused to run it`, {
        ...options, hint: 'Narrow the query with a partition filter or a shorter date range; raise PROPS_API_BQ_MAX_BYTES_BILLED only if the volume is expected.',
      });
    case 'timeout':
      return timeoutError(context, error);
    case 'access-denied':
      return new QueryError('WarehouseAccessDenied', `BigQuery denied the ${label} query: ${describe(error)}`, {
        ...options, hint: `The account needs roles/bigquery.jobUser on project ${context.project} and roles/bigquery.dataViewer on the datasets it reads (docs/bigquery.md).`,
      });
    default:
      return new QueryError('QueryFailed', `The ${label} query failed on BigQuery: ${describe(error)}`, options);
  }
}

export function timeoutError(context: FailureContext, cause?: unknown): QueryError {
  return new QueryError('QueryTimeout', `The ${context.label} query did not finish within the job timeout of ${context.jobTimeoutMs} ms and was cancelled`, {
    exporterId: context.label, cause, hint: 'Raise PROPS_API_BQ_TIMEOUT_MS (--bq-timeout-ms) or look at the job in the BigQuery console for slot contention.',
  });
}

function describe(error: unknown): string {
  const reason = failureReasons(error)[0];
  const message = (error as ClientError | undefined)?.message ?? String(error);
  const firstLine = message.split('\n')[0] ?? '';
  return reason ? `${reason}: ${firstLine}` : firstLine;
}

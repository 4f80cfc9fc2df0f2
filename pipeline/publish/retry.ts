/**
 * Bounded retries with exponential backoff and full jitter, for object-store requests.
 *
 * Retried: HTTP 408, 429, 500, 502, 503, 504 and failures without an HTTP status where the
 * connection broke or never formed (refused, reset, timed out, a DNS lookup that failed: a
 * resolver or a network path can recover within seconds). Everything else (400, 401, 403, 404,
 * 412, 501…) is an answer, not a transient failure, and is rethrown at once for the caller to
 * explain. After the last attempt the failure becomes `PublishError` code `StoreRequestFailed`
 * with the original as its cause and a hint fitting the failure (network or service).
 */
import { ExportError, PublishError } from '../errors.ts';

export interface RetryOptions {
  /** Total attempts, the first included. @default 8 */
  attempts: number;
  /** First backoff ceiling; doubles per attempt. @default 100 */
  baseDelayMs: number;
  /** @default 5000 */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = { attempts: 8, baseDelayMs: 100, maxDelayMs: 5000 };

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** The HTTP status of a client error (`code` on ApiError, `status`/`response.status` on gaxios). */
export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; status?: unknown; response?: { status?: unknown } };
  for (const value of [e.code, e.status, e.response?.status]) {
    if (typeof value === 'number') return value;
  }
  return undefined;
}

/** Error codes and messages of a connection that broke or never formed (Node, node-fetch, gaxios, undici). */
const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_STREAM_PREMATURE_CLOSE',
]);
const NETWORK_MESSAGE = /socket hang up|premature close|other side closed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|network/i;

/** What broke the connection (`ECONNREFUSED`, `socket hang up`…), searched along the cause chain; undefined for an answer. */
export function networkFailureOf(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  const matched = typeof e.message === 'string' ? NETWORK_MESSAGE.exec(e.message) : null;
  return matched ? matched[0] : networkFailureOf(e.cause, depth + 1);
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof ExportError) return false;
  const status = statusOf(error);
  return status === undefined ? networkFailureOf(error) !== undefined : RETRYABLE_STATUSES.has(status);
}

/** The retries ran out: say whether the endpoint could not be reached or kept failing. */
function persistentFailure(label: string, attempts: number, error: unknown): PublishError {
  const network = networkFailureOf(error);
  if (statusOf(error) === undefined && network !== undefined) {
    return new PublishError('StoreRequestFailed', `Could not ${label}: the storage endpoint could not be reached (${network}) on any of ${attempts} attempts`, {
      cause: error,
      hint: 'Check the network and DNS, the bucket URL (`--bucket gs://NAME`) and, with `--endpoint` or STORAGE_EMULATOR_HOST, that the emulator is running at that address. Then run the same command again; a publish resumes where it stopped.',
    });
  }
  return new PublishError('StoreRequestFailed', `Could not ${label}: the storage service kept failing (HTTP ${statusOf(error)}) on all ${attempts} attempts`, {
    cause: error,
    hint: 'The service is throttling requests or failing. Wait a few minutes and run the same command again; a publish resumes where it stopped.',
  });
}

export async function withRetry<T>(label: string, fn: () => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY_OPTIONS, ...options };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) {
        throw persistentFailure(label, attempts, error);
      }
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

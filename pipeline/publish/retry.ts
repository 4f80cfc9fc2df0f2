/**
 * Bounded retries with exponential backoff and full jitter, for object-store requests.
 *
 * Retried: HTTP 408, 429, 500, 502, 503, 504 and failures without an HTTP status (dropped or
 * refused connections, resets, timeouts). Everything else (400, 401, 403, 404, 412…) is an
 * answer, not a transient failure, and is rethrown at once. After the last attempt the failure
 * becomes `PublishError` code `StoreRequestFailed` with the original as its cause.
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

/** Error codes and messages of a connection that broke or never formed (Node, node-fetch, gaxios). */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const NETWORK_MESSAGE = /socket hang up|premature close|other side closed|ECONNRESET|ECONNREFUSED|network/i;

function isNetworkFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && NETWORK_MESSAGE.test(e.message)) return true;
  return isNetworkFailure(e.cause, depth + 1);
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof ExportError) return false;
  const status = statusOf(error);
  return status === undefined ? isNetworkFailure(error) : RETRYABLE_STATUSES.has(status);
}

export async function withRetry<T>(label: string, fn: () => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const { attempts, baseDelayMs, maxDelayMs } = { ...DEFAULT_RETRY_OPTIONS, ...options };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= attempts) {
        throw new PublishError('StoreRequestFailed', `Could not ${label}: still failing after ${attempts} attempts`, { outputPath: undefined, cause: error, hint: 'Check the bucket name, credentials and network, then run the same command again; a publish resumes where it stopped.' });
      }
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
}

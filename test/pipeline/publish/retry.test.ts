/**
 * The retry policy of object-store requests (issue 18): failures of the network (refused, reset,
 * timed out, a failed DNS lookup) are transient and retried; HTTP answers other than 408/429/5xx
 * are not. The failures below have the shapes the GCS client passes on: Node's system errors
 * inside node-fetch's `FetchError`, and `ApiError`s with the HTTP status as `code`.
 */
import { describe, expect, test } from 'vitest';
import { PublishError } from '../../../pipeline/errors.ts';
import { isRetryable, withRetry } from '../../../pipeline/publish/retry.ts';

const FAST = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

/** What node-fetch (under gaxios) throws when the connection fails: Node's error code copied onto a `FetchError`. */
function fetchError(code: string, reason: string): Error {
  const system = Object.assign(new Error(reason), { code, errno: code, syscall: code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'getaddrinfo' : 'connect' });
  return Object.assign(new Error(`request to https://storage.googleapis.com/storage/v1/b/props-api/o failed, reason: ${reason}`), { name: 'FetchError', type: 'system', code, errno: code, cause: system });
}

const apiError = (status: number, message: string) => Object.assign(new Error(message), { name: 'ApiError', code: status });

const CASES: [string, boolean, unknown][] = [
  ['DNS lookup failed (ENOTFOUND)', true, fetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND storage.googleapis.com')],
  ['DNS lookup timed out (EAI_AGAIN)', true, fetchError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN storage.googleapis.com')],
  ['connection refused', true, fetchError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:4443')],
  ['connection reset', true, fetchError('ECONNRESET', 'socket hang up')],
  ['connect timed out', true, fetchError('ETIMEDOUT', 'connect ETIMEDOUT 142.250.1.1:443')],
  ['host unreachable', true, fetchError('EHOSTUNREACH', 'connect EHOSTUNREACH 142.250.1.1:443')],
  ['HTTP 503', true, apiError(503, 'Service Unavailable')],
  ['HTTP 429', true, apiError(429, 'rateLimitExceeded')],
  ['HTTP 403', false, apiError(403, 'does not have storage.objects.create access')],
  ['HTTP 501', false, apiError(501, 'Not Implemented')],
  ['HTTP 412', false, apiError(412, 'conditionNotMet')],
];

describe('isRetryable', () => {
  test.for(CASES)('%s → retried: %s', ([, retryable, error]) => {
    expect(isRetryable(error)).toBe(retryable);
  });
});

describe('withRetry', () => {
  test('a DNS lookup that fails twice, then resolves, is retried and the request succeeds', async () => {
    let calls = 0;
    const value = await withRetry('stat v1/release.json', async () => {
      calls += 1;
      if (calls <= 2) throw fetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND storage.googleapis.com');
      return 'ok';
    }, FAST);
    expect([value, calls]).toEqual(['ok', 3]);
  });

  test('a DNS lookup that keeps failing ends as StoreRequestFailed naming the request and ENOTFOUND, with a DNS hint', async () => {
    let calls = 0;
    const error = await withRetry('read v1/release.json', async () => {
      calls += 1;
      throw fetchError('ENOTFOUND', 'getaddrinfo ENOTFOUND storage.googleapis.com');
    }, FAST).catch((e: unknown) => e);
    expect(calls).toBe(FAST.attempts);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({
      code: 'StoreRequestFailed',
      message: 'Could not read v1/release.json: the storage endpoint could not be reached (ENOTFOUND) on any of 4 attempts',
      hint: expect.stringMatching(/DNS/),
    });
  });

  test('a 5xx that persists says the service kept failing, with its status', async () => {
    const error = await withRetry('list v1/', () => Promise.reject(apiError(503, 'Service Unavailable')), FAST).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'StoreRequestFailed', message: 'Could not list v1/: the storage service kept failing (HTTP 503) on all 4 attempts' });
  });

  test('an answer that is not transient is passed on at once, for the adapter to explain', async () => {
    let calls = 0;
    const failure = apiError(501, 'Not Implemented');
    const error = await withRetry('copy a → b', () => {
      calls += 1;
      return Promise.reject(failure);
    }, FAST).catch((e: unknown) => e);
    expect([error, calls]).toEqual([failure, 1]);
  });
});

/**
 * The BigQuery job request and failure classification (issue 7), without a server: label rules,
 * parameter types, value checks, which errors are transient, and the backoff schedule.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, classifyFailure, withRetries } from '../../../pipeline/adapters/bigquery-failures.ts';
import { buildJobRequest, sanitiseLabelValue } from '../../../pipeline/adapters/bigquery-request.ts';
import { param, renderSql, sql } from '../../../pipeline/sql.ts';

const guards = { label: 'results.daily', trigger: 'daily', location: 'EU', maximumBytesBilled: 20_000_000, jobTimeoutMs: 60_000 };

describe('buildJobRequest', () => {
  it('declares a type for every parameter and sends the guards and labels', () => {
    const rendered = renderSql(sql`SELECT ${param.date('d')}, ${param.stringArray('teams')}, ${param.dateArray('days')}, ${param.int('n')}`, 'bigquery');
    const request = buildJobRequest(rendered, { d: '2025-03-15', teams: ['NYK'], days: ['2025-03-14'], n: 3, unused: 1 }, guards);
    expect(request).toMatchObject({
      query: 'SELECT @d, @teams, @days, @n', useLegacySql: false, location: 'EU', maximumBytesBilled: '20000000', jobTimeoutMs: 60_000,
      types: { d: 'DATE', teams: ['STRING'], days: ['DATE'], n: 'INT64' },
      labels: { app: 'props-api', endpoint: 'results-daily', trigger: 'daily' },
    });
    expect(Object.keys(request.params as object)).toEqual(['d', 'teams', 'days', 'n']);
    expect(request.dryRun).toBeUndefined();
  });

  it('sends no params or types for a query without parameters', () => {
    const request = buildJobRequest(renderSql(sql`SELECT 1`, 'bigquery'), {}, { ...guards, dryRun: true });
    expect(request.params).toBeUndefined();
    expect(request.types).toBeUndefined();
    expect(request.dryRun).toBe(true);
  });

  it.each([
    [param.date('p'), '15/03/2025', 'must be a `YYYY-MM-DD` string'],
    [param.int('p'), 2 ** 60, 'must be a safe integer'],
    [param.int('p'), 1.5, 'must be a safe integer'],
    [param.stringArray('p'), null, 'must be an array (BigQuery has no NULL array parameter)'],
    [param.dateArray('p'), ['2025-03-15', 'x'], 'must be a `YYYY-MM-DD` string'],
  ])('refuses a bad value for %j: %j', (piece, value, message) => {
    expect(() => buildJobRequest(renderSql(sql`SELECT ${piece}`, 'bigquery'), { p: value }, guards)).toThrow(message);
  });
});

describe('sanitiseLabelValue', () => {
  it.each([
    ['results.daily', 'results-daily'], ['Trends/Hot Cold', 'trends-hot-cold'], ['players_page', 'players_page'], ['x'.repeat(80), 'x'.repeat(63)],
  ])('%s → %s', (value, label) => {
    expect(sanitiseLabelValue(value)).toBe(label);
  });
});

describe('classifyFailure', () => {
  it.each([
    [{ code: 403, errors: [{ reason: 'rateLimitExceeded' }] }, 'transient'],
    [{ code: 429 }, 'transient'],
    [{ code: 503, errors: [{ reason: 'backendError' }] }, 'transient'],
    [{ errors: [{ reason: 'internalError' }] }, 'transient'],
    [Object.assign(new Error('request to http://x failed, reason: socket hang up'), { code: 'ECONNRESET' }), 'transient'],
    [{ code: 400, errors: [{ reason: 'bytesBilledLimitExceeded' }] }, 'bytes-billed'],
    [{ errors: [{ reason: 'timeout' }] }, 'timeout'],
    [{ code: 403, errors: [{ reason: 'accessDenied' }] }, 'access-denied'],
    [{ code: 403, errors: [{ reason: 'quotaExceeded' }] }, 'permanent'],
    [{ code: 400, errors: [{ reason: 'invalidQuery' }] }, 'permanent'],
    [new Error('The query did not complete before 100ms'), 'permanent'],
  ])('%j is %s', (error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

describe('retries', () => {
  it('backoff doubles from the base, capped, with jitter between 50 % and 100 %', () => {
    const at = (random: number) => [1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, { baseDelayMs: 1_000, maxDelayMs: 8_000, random: () => random }));
    expect(at(0)).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000]);
    expect(at(0.999999)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('stops at the first permanent error', async () => {
    let calls = 0;
    const failing = async () => { calls += 1; throw Object.assign(new Error('bad'), { code: 400 }); };
    await expect(withRetries(failing, { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, random: () => 0, sleep: async () => {} })).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });
});

/**
 * BigQuery failures through the real client and the loopback server (issue 7): transient errors
 * retried with backoff then success, retries exhausted, a job that never completes surfaced as a
 * timeout naming the endpoint, the bytes-billed guard, and permanent errors not retried.
 */
import { describe, expect } from 'vitest';
import { param, sql } from '../../../pipeline/sql.ts';
import type { FaultKind, RouteName } from '../../helpers/bigquery-server/index.ts';
import { test } from '../../helpers/bigquery-server/test-warehouse.ts';

const query = sql`SELECT n FROM t WHERE game_date = ${param.date('as_of')}`;
const options = { label: 'results.daily', params: { as_of: '2025-03-15' } };
const threeRows = () => ({ schema: [{ name: 'n', type: 'INT64' }], rows: [{ n: 1 }, { n: 2 }, { n: 3 }] });

describe('transient failures', () => {
  test.for<[FaultKind, RouteName]>([
    ['rateLimitExceeded', 'jobs.insert'],
    ['tooManyRequests', 'jobs.insert'],
    ['backendError', 'jobs.insert'],
    ['internalError', 'jobs.getQueryResults'],
    ['badGateway', 'jobs.getQueryResults'],
    ['drop', 'jobs.insert'],
    ['drop', 'jobs.getQueryResults'],
    ['jobBackendError', 'jobs.insert'],
  ])('%s on %s is retried after a backoff, then succeeds', async ([kind, route], { server, connect, sleeps, warnings }) => {
    server.setHandler(threeRows);
    server.injectFault({ route, kind });
    const rows = await connect({ pageSize: 2 }).query(query, options);
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(sleeps).toEqual([75]);
    expect(server.requests.filter((r) => r.route === 'jobs.insert')).toHaveLength(2);
    expect(warnings).toEqual([expect.stringMatching(/^results\.daily: BigQuery .*; retry 1\/3 in 75 ms$/)]);
  });

  test('backs off exponentially and gives up after maxRetries with a clear error', async ({ server, connect, sleeps }) => {
    server.setHandler(threeRows);
    server.injectFault({ route: 'jobs.insert', kind: 'backendError', times: 10 });
    const error = await connect({ maxRetries: 3 }).query(query, options).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'WarehouseUnavailable', exporterId: 'results.daily',
      message: 'The results.daily query failed 4 times in a row with transient BigQuery errors (backendError: Backend error. Job aborted.)',
    });
    // base 100 ms doubling, times the fixture's jitter factor of 75 %
    expect(sleeps).toEqual([75, 150, 300]);
  });

  test('waits between attempts are jittered and capped', async ({ server, connect, sleeps }) => {
    server.injectFault({ route: 'jobs.insert', kind: 'rateLimitExceeded', times: 8 });
    await connect({ maxRetries: 8, retryBaseDelayMs: 10_000, random: () => 0 }).query(query, options).catch(() => undefined);
    expect(sleeps).toEqual([5_000, 10_000, 16_000, 16_000, 16_000, 16_000, 16_000, 16_000]);
  });
});

describe('permanent failures', () => {
  test('a job that never completes is cancelled and reported as a timeout naming the endpoint', async ({ server, connect }) => {
    server.setHandler(() => ({ neverComplete: true }));
    const error = await connect({ jobTimeoutMs: 200 }).query(query, options).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'QueryTimeout', stage: 'query', exporterId: 'results.daily',
      message: 'The results.daily query did not finish within the job timeout of 200 ms and was cancelled',
    });
    expect([...server.jobs.values()].map((job) => job.cancelled)).toEqual([true]);
    expect(server.requests.filter((r) => r.route === 'jobs.insert')).toHaveLength(1);
  });

  test('a job BigQuery stopped at jobTimeoutMs is a timeout too, not retried', async ({ server, connect, sleeps }) => {
    server.injectFault({ route: 'jobs.insert', kind: 'jobTimeout' });
    await expect(connect().query(query, options)).rejects.toMatchObject({ code: 'QueryTimeout', exporterId: 'results.daily' });
    expect(sleeps).toEqual([]);
  });

  test('the bytes-billed guard refuses a query that would bill too much, naming the endpoint and the cap', async ({ server, connect, sleeps }) => {
    server.setHandler(() => ({ ...threeRows(), totalBytesProcessed: 5_000_000_000 }));
    const error = await connect({ maximumBytesBilled: 1_000_000_000 }).query(query, { ...options, label: 'trends.hot-cold' }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'BytesBilledExceeded', exporterId: 'trends.hot-cold',
      message: 'The trends.hot-cold query would bill more than maximumBytesBilled (1000000000 bytes), so BigQuery refused to run it',
      hint: expect.stringMatching(/partition filter/),
    });
    expect((error as Error).cause).toMatchObject({ errors: [expect.objectContaining({ reason: 'bytesBilledLimitExceeded' })] });
    expect(sleeps).toEqual([]);
  });

  test('a query under the cap runs', async ({ server, connect }) => {
    server.setHandler(() => ({ ...threeRows(), totalBytesProcessed: 999_999_999 }));
    await expect(connect({ maximumBytesBilled: 1_000_000_000 }).query(query, options)).resolves.toHaveLength(3);
  });

  test('access denied names the IAM roles and is not retried', async ({ server, connect, sleeps }) => {
    server.injectFault({ route: 'jobs.insert', kind: 'accessDenied' });
    await expect(connect().query(query, options)).rejects.toMatchObject({
      code: 'WarehouseAccessDenied', hint: expect.stringMatching(/roles\/bigquery\.jobUser on project test-project and roles\/bigquery\.dataViewer/),
    });
    expect(sleeps).toEqual([]);
  });

  test('quotaExceeded is not transient: reported once as QueryFailed', async ({ server, connect, sleeps }) => {
    server.injectFault({ route: 'jobs.insert', kind: 'quotaExceeded' });
    await expect(connect().query(query, options)).rejects.toMatchObject({ code: 'QueryFailed', message: expect.stringMatching(/^The results.daily query failed on BigQuery: quotaExceeded: /) });
    expect(sleeps).toEqual([]);
  });

  test('an invalid query is reported with BigQuery\'s message, not retried', async ({ server, connect, sleeps }) => {
    server.setHandler(() => { throw new Error('Syntax error: Unexpected identifier "FORM" at [1:10]'); });
    await expect(connect().query(query, options)).rejects.toMatchObject({
      code: 'QueryFailed', message: 'The results.daily query failed on BigQuery: invalidQuery: Syntax error: Unexpected identifier "FORM" at [1:10]',
    });
    expect(sleeps).toEqual([]);
  });

  test.for<[FaultKind, string]>([
    ['accessDenied', 'WarehouseAccessDenied'],
    ['quotaExceeded', 'QueryFailed'],
  ])('%s on jobs.getQueryResults (the page read) is classified from its reason, not retried', async ([kind, code], { server, connect, sleeps }) => {
    server.setHandler(threeRows);
    server.injectFault({ route: 'jobs.getQueryResults', kind });
    await expect(connect().query(query, options)).rejects.toMatchObject({ code, exporterId: 'results.daily', message: expect.stringContaining(kind) });
    expect(sleeps).toEqual([]);
  });

  test('a dry run that BigQuery rejects fails the same way', async ({ server, connect }) => {
    server.injectFault({ route: 'jobs.insert', kind: 'accessDenied' });
    await expect(connect().dryRun(query, options)).rejects.toMatchObject({ code: 'WarehouseAccessDenied', exporterId: 'results.daily' });
  });
});

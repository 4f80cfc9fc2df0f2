/**
 * The loopback BigQuery server's latency model (issue 20), through the real client and the
 * BigQuery adapter, with latencies of tens of milliseconds: a job takes at least its injected
 * time, every page its page time, pages split at `maxResults` or the byte cap, and the server
 * counts the jobs a client had running at once. Without a model it answers at once.
 */
import { describe, expect } from 'vitest';
import { param, sql, table } from '../../../pipeline/sql.ts';
import { startBigQueryServer, type BigQueryTestServer } from './index.ts';
import { rowsWithinBytes } from './latency.ts';
import { test } from './test-warehouse.ts';

const query = sql`SELECT n FROM ${table('nba_raw', 'nbac_schedule')} WHERE game_date = ${param.date('as_of')}`;
const params = { as_of: '2025-03-15' };
const JOB_MS = 60;
const PAGE_MS = 25;
/** Timer slack: a timer may fire a millisecond early by the clock that measures it. */
const SLACK_MS = 2;

async function withServer<T>(options: Parameters<typeof startBigQueryServer>[0], work: (server: BigQueryTestServer) => Promise<T>): Promise<T> {
  const server = await startBigQueryServer(options);
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

const rowsOf = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));
const handler = (count: number) => () => ({ schema: [{ name: 'n', type: 'INT64' }], rows: rowsOf(count) });

describe('loopback BigQuery latency model', () => {
  test('a job takes at least its injected time plus one page time per page; pages split at maxResults', async ({ connect }) => {
    await withServer({ latency: { jobMs: JOB_MS, pageMs: PAGE_MS }, handler: handler(5) }, async (server) => {
      const started = performance.now();
      const rows = await connect({ clientOptions: server.clientOptions(), pageSize: 2 }).query(query, { label: 'results.daily', params });
      const elapsed = performance.now() - started;
      expect(rows).toEqual(rowsOf(5));
      const pages = server.requests.filter((r) => r.route === 'jobs.getQueryResults');
      expect(pages).toHaveLength(3); // 2 + 2 + 1 rows
      expect(elapsed).toBeGreaterThanOrEqual(JOB_MS + 3 * PAGE_MS - SLACK_MS);
      expect(server.counter).toEqual({ running: 0, peakRunning: 1 });
    });
  });

  test('pages split at the byte cap when it is below maxResults, one row at least', async ({ connect }) => {
    const row = JSON.stringify({ f: [{ v: "0" }] }); // every row of handler(7) encodes to this length (one digit)
    await withServer({ latency: { maxPageBytes: 3 * (row.length + 1) }, handler: handler(7) }, async (server) => {
      const rows = await connect({ clientOptions: server.clientOptions(), pageSize: 100 }).query(query, { label: 'results.daily', params });
      expect(rows).toEqual(rowsOf(7));
      expect(server.requests.filter((r) => r.route === 'jobs.getQueryResults')).toHaveLength(3); // 3 + 3 + 1 rows
    });
    expect(rowsWithinBytes([{ big: 'x'.repeat(100) }, {}], 10)).toBe(1);
    expect(rowsWithinBytes([], 10)).toBe(0);
  });

  test('jobs overlap: the server counts the jobs running at once', async ({ connect }) => {
    await withServer({ latency: { jobMs: JOB_MS }, handler: handler(1) }, async (server) => {
      const warehouse = connect({ clientOptions: server.clientOptions() });
      const started = performance.now();
      await Promise.all([1, 2, 3].map(() => warehouse.query(query, { label: 'results.daily', params })));
      expect(performance.now() - started).toBeLessThan(3 * JOB_MS); // not one after another
      expect(server.counter.peakRunning).toBe(3);
    });
  });

  test('without a model, nothing waits and no job is ever counted running', async ({ server, connect }) => {
    server.setHandler(handler(3));
    await connect().query(query, { label: 'results.daily', params });
    expect(server.counter).toEqual({ running: 0, peakRunning: 0 });
  });
});

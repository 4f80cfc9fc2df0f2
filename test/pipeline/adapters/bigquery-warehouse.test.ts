/**
 * The BigQuery warehouse adapter, through the real `@google-cloud/bigquery` client, against the
 * loopback BigQuery server (issue 7): typed parameters, labels and guards on the wire, paged
 * results joined in order, the port's value contract, and dry runs.
 */
import { describe, expect } from 'vitest';
import { supportsDryRun } from '../../../pipeline/adapters/dry-run.ts';
import { param, renderSql, sql, table } from '../../../pipeline/sql.ts';
import type { QueryRequest } from '../../helpers/bigquery-server/index.ts';
import { test } from '../../helpers/bigquery-server/test-warehouse.ts';

const schedule = table('nba_raw', 'nbac_schedule');
const query = sql`SELECT game_id FROM ${schedule} WHERE game_date = ${param.date('as_of')}`;

describe('BigQuery warehouse on the loopback server', () => {
  test('sends typed parameters, labels, location and guards with the rendered SQL', async ({ server, connect }) => {
    const seen: QueryRequest[] = [];
    server.setHandler((request) => (seen.push(request), { schema: [], rows: [] }));
    const typed = sql`SELECT 1 FROM ${schedule} WHERE game_date = ${param.date('as_of')} AND n < ${param.int('top_n')}
      AND team IN UNNEST(${param.stringArray('teams')}) AND d IN UNNEST(${param.dateArray('dates')})
      AND ts < ${param.timestamp('cutoff')} AND f > ${param.float('min_edge')} AND b = ${param.bool('active')} AND s = ${param.string('system_id')}`;
    await connect({ datasetPrefix: 'stg_' }).query(typed, {
      label: 'Trends.Hot Cold!',
      params: { as_of: '2025-03-15', top_n: 25, teams: ['NYK', 'BOS'], dates: ['2025-03-14', '2025-03-15'], cutoff: '2025-03-15T23:30:00.000Z', min_edge: 1.5, active: true, system_id: 'ensemble_v1' },
    });
    const [request] = seen;
    expect(request?.sql).toContain('FROM `nba-props-platform.stg_nba_raw.nbac_schedule` WHERE game_date = @as_of AND n < @top_n');
    expect(request?.params).toEqual({
      as_of: { type: 'DATE', value: '2025-03-15' },
      top_n: { type: 'INT64', value: 25 },
      teams: { type: 'ARRAY<STRING>', value: ['NYK', 'BOS'] },
      dates: { type: 'ARRAY<DATE>', value: ['2025-03-14', '2025-03-15'] },
      cutoff: { type: 'TIMESTAMP', value: '2025-03-15T23:30:00.000Z' },
      min_edge: { type: 'FLOAT64', value: 1.5 },
      active: { type: 'BOOL', value: true },
      system_id: { type: 'STRING', value: 'ensemble_v1' },
    });
    expect(request).toMatchObject({ labels: { app: 'props-api', endpoint: 'trends-hot-cold-', trigger: 'daily' }, maximumBytesBilled: 1_000_000_000, jobTimeoutMs: 30_000, location: 'US', dryRun: false });
    const insert = server.requests.find((r) => r.route === 'jobs.insert');
    expect(insert?.path).toBe('/bigquery/v2/projects/test-project/jobs');
  });

  test('refuses to run with a parameter the query names but the exporter did not bind', async ({ connect }) => {
    await expect(connect().query(query, { label: 'results.daily', params: {} })).rejects.toThrow(/no value bound for parameter `as_of` of the results.daily query/);
  });

  test('joins a result spanning three pages in order, one page request at a time', async ({ server, connect }) => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ game_id: `g${i}`, n: i }));
    server.setHandler(() => ({ schema: [{ name: 'game_id', type: 'STRING' }, { name: 'n', type: 'INTEGER' }], rows }));
    const result = await connect({ pageSize: 3 }).query(query, { label: 'results.daily', params: { as_of: '2025-03-15' } });
    expect(result).toEqual(rows);
    const pages = server.requests.filter((r) => r.route === 'jobs.getQueryResults');
    expect(pages.map((r) => [r.query.get('maxResults'), r.query.has('pageToken')])).toEqual([['3', false], ['3', true], ['3', true]]);
    // Only jobs.getQueryResults' documented parameters (and the standard `prettyPrint`), TIMESTAMP as int64 microseconds (bigquery-values.ts reads that form).
    const first = ['formatOptions.useInt64Timestamp', 'location', 'maxResults', 'prettyPrint', 'timeoutMs'];
    expect(pages.map((r) => [...r.query.keys()].sort())).toEqual([first, [...first, 'pageToken'].sort(), [...first, 'pageToken'].sort()]);
    expect(pages.map((r) => r.query.get('formatOptions.useInt64Timestamp'))).toEqual(['true', 'true', 'true']);
  });

  test('follows page tokens when the server caps pages below maxResults', async ({ connect }) => {
    const { startBigQueryServer } = await import('../../helpers/bigquery-server/index.ts');
    const capped = await startBigQueryServer({ maxPageRows: 2, handler: () => ({ schema: [{ name: 'n', type: 'INT64' }], rows: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }] }) });
    try {
      const rows = await connect({ clientOptions: capped.clientOptions() }).query(query, { label: 'results.daily', params: { as_of: '2025-03-15' } });
      expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5]);
      expect(capped.requests.filter((r) => r.route === 'jobs.getQueryResults')).toHaveLength(3);
    } finally {
      await capped.close();
    }
  });

  test('normalises DATE, TIMESTAMP, NUMERIC, BIGNUMERIC, INT64, FLOAT64, BOOL, ARRAY, STRUCT and NULL to the port contract', async ({ server, connect }) => {
    server.setHandler(() => ({
      schema: [
        { name: 'd', type: 'DATE' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'ts_micro', type: 'TIMESTAMP' },
        { name: 'num', type: 'NUMERIC' }, { name: 'big', type: 'BIGNUMERIC' }, { name: 'i', type: 'INTEGER' }, { name: 'neg', type: 'INT64' },
        { name: 'f', type: 'FLOAT' }, { name: 'b', type: 'BOOLEAN' }, { name: 'nothing', type: 'STRING' }, { name: 'dt', type: 'DATETIME' },
        { name: 'ints', type: 'INTEGER', mode: 'REPEATED' }, { name: 'days', type: 'DATE', mode: 'REPEATED' },
        { name: 'rec', type: 'RECORD', fields: [{ name: 'line', type: 'NUMERIC' }, { name: 'books', type: 'STRING', mode: 'REPEATED' }, { name: 'at', type: 'TIMESTAMP' }] },
        { name: 'games', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'game_date', type: 'DATE' }, { name: 'points', type: 'INTEGER' }] },
        { name: 'js', type: 'JSON' },
      ],
      rows: [{
        d: '2025-03-15', ts: '2025-03-15T23:30:00Z', ts_micro: '2025-03-15T23:30:00.123456Z', num: '23.5', big: '-0.125', i: '9007199254740991', neg: -115,
        f: 0.1, b: true, nothing: null, dt: '2025-03-15T19:30:00', ints: [1, 2], days: ['2025-03-14'],
        rec: { line: '24.5', books: ['BetMGM'], at: '2025-03-15T12:00:00Z' }, games: [{ game_date: '2025-03-14', points: 31 }, { game_date: '2025-03-12', points: 18 }],
        js: { a: [1] },
      }],
    }));
    const [row] = await connect().query(query, { label: 'results.daily', params: { as_of: '2025-03-15' } });
    expect(row).toStrictEqual({
      d: '2025-03-15', ts: '2025-03-15T23:30:00Z', ts_micro: '2025-03-15T23:30:00.123Z', num: 23.5, big: -0.125, i: 9007199254740991, neg: -115,
      f: 0.1, b: true, nothing: null, dt: '2025-03-15T19:30:00', ints: [1, 2], days: ['2025-03-14'],
      rec: { line: 24.5, books: ['BetMGM'], at: '2025-03-15T12:00:00Z' }, games: [{ game_date: '2025-03-14', points: 31 }, { game_date: '2025-03-12', points: 18 }],
      js: '{"a":[1]}',
    });
  });

  test('fails on an INT64 outside the safe range, naming the endpoint, row and column', async ({ server, connect }) => {
    server.setHandler(() => ({ schema: [{ name: 'ok', type: 'INT64' }, { name: 'id', type: 'INT64' }], rows: [{ ok: 1, id: '1' }, { ok: 2, id: '9007199254740993' }] }));
    await expect(connect().query(query, { label: 'players.profile', params: { as_of: '2025-03-15' } })).rejects.toMatchObject({
      code: 'UnsafeInteger', exporterId: 'players.profile', message: expect.stringMatching(/players\.profile query returned 9007199254740993 in row 1, column `id`/),
    });
  });

  test('dry run reports the estimated bytes without creating a job to read', async ({ server, connect }) => {
    const seen: QueryRequest[] = [];
    server.setHandler((request) => (seen.push(request), { totalBytesProcessed: 123_456_789 }));
    const warehouse = connect();
    expect(supportsDryRun(warehouse)).toBe(true);
    expect(supportsDryRun({ ...warehouse, dryRun: undefined } as never)).toBe(false);
    const estimate = await warehouse.dryRun(query, { label: 'results.daily', params: { as_of: '2025-03-15' } });
    expect(estimate).toEqual({ estimatedBytes: 123_456_789, maximumBytesBilled: 1_000_000_000 });
    expect(seen.map((r) => r.dryRun)).toEqual([true]);
    expect(server.requests.map((r) => r.route)).toEqual(['jobs.insert']);
  });

  test('the description names project, location and datasets, never credentials', ({ connect }) => {
    expect(connect().description).toBe('bigquery:test-project (US, datasets nba-props-platform.*)');
  });

  test('the server also answers the client fast path (jobs.query) used by bigquery.query()', async ({ server }) => {
    const { BigQuery } = await import('@google-cloud/bigquery');
    server.setHandler(() => ({ schema: [{ name: 'n', type: 'INT64' }], rows: [{ n: 1 }, { n: 2 }, { n: 3 }] }));
    const client = new BigQuery({ projectId: 'test-project', ...server.clientOptions() });
    const [rows] = await client.query({ query: renderSql(query, 'bigquery').text, params: { as_of: '2025-03-15' }, maxResults: 2 });
    expect(rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(server.requests.map((r) => r.route)).toEqual(['jobs.query', 'jobs.getQueryResults']);
  });
});

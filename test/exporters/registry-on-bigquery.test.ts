/**
 * Every registered exporter's query, bound the way a build binds it, sent through the BigQuery
 * adapter to the loopback server (issue 7 acceptance): the text BigQuery would receive passes the
 * syntax check, and every `@name` it uses arrives as a typed parameter.
 */
import { expect } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import type { BuildContext } from '../../pipeline/define-exporter.ts';
import { checkRenderedSql, maskSql } from '../../pipeline/sql-check.ts';
import type { QueryRequest } from '../helpers/bigquery-server/index.ts';
import { test } from '../helpers/bigquery-server/test-warehouse.ts';

const ctx: BuildContext = {
  trigger: 'all', asOf: '2025-03-16T02:30:00.000Z', today: '2025-03-15', yesterday: '2025-03-14',
  dates: undefined, systemId: 'ensemble_v1', sampleData: false, players: undefined, minGradedGames: 5,
};

test('the registry is not empty', () => {
  expect(exporters.length).toBeGreaterThan(0);
});

test.for(exporters.map((e) => e.id))('%s runs on BigQuery with typed parameters and clean syntax', async (id, { server, connect }) => {
  const exporter = exporters.find((e) => e.id === id)!;
  const seen: QueryRequest[] = [];
  server.setHandler((request) => (seen.push(request), { schema: [], rows: [] }));
  const rows = await connect({ datasetPrefix: 'prod_' }).query(exporter.query.sql, { label: id, params: exporter.query.bind(ctx, exporter.params(ctx)) });
  expect(rows).toEqual([]);
  const [request] = seen;
  expect(checkRenderedSql(request!.sql, 'bigquery')).toEqual([]);
  const used = new Set([...maskSql(request!.sql).matchAll(/@(\w+)/g)].map((m) => m[1]!));
  expect([...used].filter((name) => request!.params[name]?.type === undefined)).toEqual([]);
  expect(request!.sql).toMatch(/`nba-props-platform\.prod_nba_\w+\.\w+`/);
});

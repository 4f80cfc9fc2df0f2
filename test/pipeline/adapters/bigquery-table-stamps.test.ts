/**
 * Issue 20: the BigQuery adapter reads table stamps with one INFORMATION_SCHEMA.PARTITIONS query per
 * dataset (prefix and project as the endpoint queries use them), through the real client against
 * the loopback server; a table BigQuery does not list (a view, a missing table) has no stamp.
 */
import { expect } from 'vitest';
import { test } from '../../helpers/bigquery-server/test-warehouse.ts';

test('one metadata query per dataset, stamps keyed by the unprefixed table name', async ({ server, connect }) => {
  server.tableModifiedTimes.set('prod_nba_raw.nbac_schedule', '2025-03-15T10:00:00.000Z');
  server.tableModifiedTimes.set('prod_nba_raw.nbac_injury_report', '2025-03-15T11:00:00.000Z');
  server.tableModifiedTimes.set('prod_nba_predictions.prediction_accuracy', '2025-03-15T12:00:00.000Z');
  const read = await connect({ datasetPrefix: 'prod_' }).tableStamps!(['nba_predictions.prediction_accuracy', 'nba_raw.nbac_injury_report', 'nba_raw.nbac_schedule', 'nba_raw.a_view']);
  expect(read.requests).toBe(2);
  expect(server.jobCounts()).toEqual({ metadata: 2, queries: 0 });
  expect(new Map([...read.stamps].map(([table, stamp]) => [table, new Date(stamp).toISOString()]))).toEqual(new Map([
    ['nba_predictions.prediction_accuracy', '2025-03-15T12:00:00.000Z'],
    ['nba_raw.nbac_injury_report', '2025-03-15T11:00:00.000Z'],
    ['nba_raw.nbac_schedule', '2025-03-15T10:00:00.000Z'],
  ]));
  const sqls = [...server.jobs.values()].map((job) => job.request.sql);
  expect(sqls.some((sql) => sql.includes('`nba-props-platform.prod_nba_raw.INFORMATION_SCHEMA.PARTITIONS`'))).toBe(true);
  expect([...server.jobs.values()].every((job) => job.request.labels.endpoint === 'table-stamps')).toBe(true);
});

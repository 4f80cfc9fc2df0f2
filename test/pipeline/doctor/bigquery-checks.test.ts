/**
 * `props-api doctor --warehouse bigquery` (issue 21) against the loopback BigQuery server, with the
 * real client: datasets (existence, location, access), tables and columns (one
 * INFORMATION_SCHEMA.COLUMNS query per dataset), partition options (one TABLE_OPTIONS query per
 * dataset). The "production" warehouse is the sample DDL with BigQuery's own spelling of the types
 * (the map below, written from spec/sources.md §1.3) and the partition options the production DDL
 * sets (spec/sources.md: 90 days on the shot-zone and team-defence tables, 365 on
 * player_prop_predictions, require_partition_filter on four game_date tables).
 */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { checkBigQuery } from '../../../pipeline/doctor/bigquery-checks.ts';
import type { CheckResult } from '../../../pipeline/doctor/check.ts';
import { TABLES } from '../../../pipeline/sample-league/ddl.ts';
import { param, sql, table } from '../../../pipeline/sql.ts';
import { completeBigQueryOptions } from '../../../pipeline/warehouse-settings.ts';
import { readWarehouseTables, type WarehouseTable } from '../../../pipeline/warehouse-tables.ts';
import { startBigQueryServer, type BigQueryTestServer } from '../../helpers/bigquery-server/index.ts';
import { informationSchemaHandler, type Catalog, type ViewQuery } from '../../helpers/bigquery-server/information-schema.ts';
import { useTally } from '../../helpers/fault-tally.ts';
import { toyExporter } from '../../helpers/toy-exporters.ts';

const tally = useTally('doctor-bigquery');
const PROJECT = 'nba-props-platform';
const BQ = completeBigQueryOptions({ project: 'jobs-project', datasetProject: PROJECT });
const DATASETS = ['nba_analytics', 'nba_precompute', 'nba_predictions', 'nba_raw', 'nba_reference'];
const BQ_TYPE: Record<string, string> = { VARCHAR: 'STRING', BIGINT: 'INT64', DOUBLE: 'FLOAT64', BOOLEAN: 'BOOL', DATE: 'DATE', TIMESTAMPTZ: 'TIMESTAMP', JSON: 'JSON', 'DOUBLE[]': 'ARRAY<FLOAT64>', 'BIGINT[]': 'ARRAY<INT64>' };
const EXPIRING: Record<string, string> = { player_shot_zone_analysis: '90.0', team_defense_zone_analysis: '90.0', player_prop_predictions: '365.0' };
const FILTERED = ['nbac_schedule', 'team_offense_game_summary', 'bettingpros_player_points_props', 'bdl_player_boxscores'];

function productionCatalog(): Catalog {
  const catalog: Catalog = {};
  for (const [name, spec] of Object.entries(TABLES)) {
    const [dataset, tableName] = name.split('.') as [string, string];
    const columns = Object.fromEntries(Object.entries(spec as Record<string, string>).map(([column, type]) => {
      const base = type.replace(/ NOT NULL$/, '');
      const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(base);
      return [column, decimal ? `NUMERIC(${decimal[1]}, ${decimal[2]})` : BQ_TYPE[base]!];
    }));
    const partitionColumn = ['report_date', 'analysis_date', 'game_date'].find((c) => c in columns && tableName !== 'nba_players_registry');
    const options: Record<string, string> = {};
    if (EXPIRING[tableName]) options.partition_expiration_days = EXPIRING[tableName];
    if (FILTERED.includes(tableName)) options.require_partition_filter = 'true';
    ((catalog[`${PROJECT}.${dataset}`] ??= {})[tableName] = { columns, partitionColumn, options });
  }
  return catalog;
}

let server: BigQueryTestServer;
let tables: WarehouseTable[];
let queries: ViewQuery[];
let catalog: Catalog;
beforeAll(async () => {
  [server, tables] = await Promise.all([startBigQueryServer(), readWarehouseTables(exporters)]);
});
afterAll(() => server?.close());
beforeEach(() => {
  queries = [];
  catalog = productionCatalog();
  server.setHandler(informationSchemaHandler(catalog, queries));
  server.setDatasets(Object.fromEntries(DATASETS.map((d) => [`${PROJECT}:${d}`, { location: 'US' }])));
});

const run = (overrides: { tables?: WarehouseTable[]; registry?: typeof exporters } = {}) =>
  checkBigQuery({ bigquery: BQ, tables: overrides.tables ?? tables, registry: overrides.registry ?? exporters, clientOptions: server.clientOptions() });
const lines = (results: CheckResult[], status: string, check: string) => results.filter((r) => r.status === status && r.check === check);

test('the production warehouse passes: its three partition expirations are the ones the build expects', async () => {
  const results = await run();
  expect(results.filter((r) => r.status === 'fail')).toEqual([]);
  expect(lines(results, 'ok', 'bigquery.datasets')[0]!.message).toBe(`jobs run in jobs-project (US); ${DATASETS.join(', ')} in ${PROJECT}, all in US`);
  expect(lines(results, 'ok', 'bigquery.columns').map((r) => r.message.split(':')[0])).toEqual(DATASETS);
  expect(lines(results, 'warn', 'bigquery.partitions')).toEqual([]);
  const expiring = lines(results, 'ok', 'bigquery.partitions').filter((r) => r.message.includes('drops partitions'));
  expect(expiring.map((r) => r.message)).toEqual([
    'nba_precompute.player_shot_zone_analysis drops partitions older than 90 days, as the production DDL does (the build and the sample expect 90)',
    'nba_precompute.team_defense_zone_analysis drops partitions older than 90 days, as the production DDL does (the build and the sample expect 90)',
    'nba_predictions.player_prop_predictions drops partitions older than 365 days, as the production DDL does (the build and the sample expect 365)',
  ]);
  expect(lines(results, 'ok', 'bigquery.partitions').filter((r) => !r.message.includes('drops partitions')).map((r) => r.message.split(' ')[0]).sort()).toEqual(
    ['nba_analytics.team_offense_game_summary', 'nba_raw.bdl_player_boxscores', 'nba_raw.bettingpros_player_points_props', 'nba_raw.nbac_schedule']);
  // One COLUMNS and one TABLE_OPTIONS query per dataset, each restricted to the tables read there.
  expect(queries.filter((q) => q.view === 'COLUMNS').map((q) => q.dataset)).toEqual(DATASETS.map((d) => `${PROJECT}.${d}`));
  expect(queries.filter((q) => q.view === 'TABLE_OPTIONS')).toHaveLength(DATASETS.length);
  expect(queries.find((q) => q.dataset === `${PROJECT}.nba_precompute`)!.tables).toEqual(['player_composite_factors', 'player_shot_zone_analysis', 'team_defense_zone_analysis']);
});

test('an expiration the production DDL does not set, or a shorter one, warns naming the endpoints that read the table', async () => {
  tally.add('badInputs', 2);
  catalog[`${PROJECT}.nba_precompute`]!.player_shot_zone_analysis!.options = { partition_expiration_days: '30.0' };
  catalog[`${PROJECT}.nba_raw`]!.nbac_injury_report!.options = { partition_expiration_days: '7.0' };
  const warns = lines(await run(), 'warn', 'bigquery.partitions');
  expect(warns.map((r) => [r.code, r.message])).toEqual([
    ['PartitionExpiration', 'nba_precompute.player_shot_zone_analysis drops partitions older than 30 days (the production DDL keeps 90); endpoints reading it: players.season, players.game-report'],
    ['PartitionExpiration', 'nba_raw.nbac_injury_report drops partitions older than 7 days; endpoints reading it: tonight.all-players, tonight.player'],
  ]);
  expect(warns[1]!.hint).toMatch(/more than 7 days back/);
});

test('a missing dataset, one in another location, and a refused one each fail with their code', async () => {
  tally.add('badInputs', 3);
  server.setDatasets({ [`${PROJECT}:nba_analytics`]: { location: 'EU' }, [`${PROJECT}:nba_precompute`]: { location: 'us' }, [`${PROJECT}:nba_predictions`]: { location: 'US' }, [`${PROJECT}:nba_raw`]: { location: 'US' } });
  server.injectFault({ route: 'datasets.get', kind: 'accessDenied', times: 1 });
  const results = await run();
  const fails = lines(results, 'fail', 'bigquery.datasets');
  expect(fails.map((r) => r.code)).toEqual(['WarehouseAccessDenied', 'WarehouseNotFound']);
  expect(fails[1]!.message).toBe(`dataset ${PROJECT}:nba_reference does not exist`);
  const relocated = lines(await run(), 'fail', 'bigquery.datasets');
  expect(relocated[0]).toMatchObject({ code: 'DatasetLocationMismatch', message: `dataset ${PROJECT}:nba_analytics is in EU, but jobs run in US` });
  expect(relocated[0]!.hint).toMatch(/--bq-location/);
});

test('a missing table, a missing column and an incompatible type fail naming the table and its readers', async () => {
  tally.add('badInputs', 3);
  delete catalog[`${PROJECT}.nba_raw`]!.nbac_injury_report;
  delete catalog[`${PROJECT}.nba_precompute`]!.player_shot_zone_analysis!.columns.paint_rate_last_10;
  catalog[`${PROJECT}.nba_analytics`]!.team_offense_game_summary!.columns.points_scored = 'STRING';
  catalog[`${PROJECT}.nba_analytics`]!.team_offense_game_summary!.columns.pace = 'BIGNUMERIC(10, 2)'; // numbers read as numbers: fine
  const fails = (await run()).filter((r) => r.status === 'fail');
  expect(fails.map((r) => [r.code, r.message])).toEqual([
    ['WarehouseColumnType', 'nba_analytics.team_offense_game_summary: points_scored is STRING, expected INT64 (read by trends.team-tendencies)'],
    ['WarehouseColumnMissing', 'nba_precompute.player_shot_zone_analysis lacks paint_rate_last_10 (read by players.season, players.game-report)'],
    ['WarehouseTableMissing', 'nba_raw.nbac_injury_report does not exist (read by tonight.all-players, tonight.player)'],
  ]);
  expect(fails.every((r) => r.hint?.includes('spec/sources.md'))).toBe(true);
});

test('require_partition_filter fails naming each endpoint whose query does not filter the partition column', async () => {
  tally.add('badInputs', 1);
  const injuries = table('nba_raw', 'nbac_injury_report');
  const filtered = toyExporter({ id: 'toy.filtered', query: { sql: sql`SELECT player_lookup FROM ${injuries} AS i WHERE i.report_date = ${param.date('d')}`, bind: () => ({}), columns: {}, key: [] } });
  const unfiltered = toyExporter({ id: 'toy.unfiltered', query: { sql: sql`SELECT player_lookup FROM ${injuries} WHERE injury_status = 'out'`, bind: () => ({}), columns: {}, key: [] } });
  const registry = [filtered, unfiltered];
  catalog[`${PROJECT}.nba_raw`]!.nbac_injury_report!.options = { require_partition_filter: 'true' };
  const results = await run({ tables: await readWarehouseTables(registry), registry });
  expect(lines(results, 'fail', 'bigquery.partitions')).toEqual([expect.objectContaining({
    code: 'PartitionFilterMissing', message: 'nba_raw.nbac_injury_report requires a partition filter on report_date, which the queries of toy.unfiltered do not give (BigQuery refuses them)',
  })]);
  catalog[`${PROJECT}.nba_raw`]!.nbac_injury_report!.options = {};
  expect(lines(await run({ tables: await readWarehouseTables([filtered]), registry: [filtered] }), 'ok', 'bigquery.partitions')[0]!.message)
    .toBe('no table the exporters read expires partitions or requires a partition filter');
});

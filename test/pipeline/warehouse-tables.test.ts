/**
 * `props-api sql --tables` (issue 21): the tables and columns the build reads are derived from
 * the exporters' SQL. The expected lists are written from spec/sources.md §0.1 (16 source tables,
 * of which no exporter reads `ml_feature_store_v2` or `system_daily_performance`) and from reading
 * the toy queries below, not from the module's output.
 */
import { beforeAll, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { bigQueryTypeOf, formatWarehouseTables, readWarehouseTables, type WarehouseTable } from '../../pipeline/warehouse-tables.ts';
import { sql, table, param, dateSub, tablesOf } from '../../pipeline/sql.ts';
import { main } from '../../pipeline/cli.ts';
import { toyExporter } from '../helpers/toy-exporters.ts';

let tables: WarehouseTable[];
beforeAll(async () => { tables = await readWarehouseTables(exporters); });

const EXPECTED_TABLES = [
  'nba_analytics.player_game_summary', 'nba_analytics.team_offense_game_summary', 'nba_analytics.upcoming_player_game_context',
  'nba_precompute.player_composite_factors', 'nba_precompute.player_shot_zone_analysis', 'nba_precompute.team_defense_zone_analysis',
  'nba_predictions.player_prop_predictions', 'nba_predictions.prediction_accuracy',
  'nba_raw.bdl_player_boxscores', 'nba_raw.bettingpros_player_points_props', 'nba_raw.nbac_gamebook_player_stats',
  'nba_raw.nbac_injury_report', 'nba_raw.nbac_schedule', 'nba_reference.nba_players_registry',
];

test('the exporters read the 14 source tables of spec/sources.md that have a reader', () => {
  expect(tables.map((t) => `${t.dataset}.${t.table}`)).toEqual(EXPECTED_TABLES);
});

test('the plan-derived readers agree with the tables the incremental build watches (`tablesOf`)', () => {
  // Two ways to the same fact: the build's cheap synchronous one and the bound plan. Neither may drift.
  for (const exporter of exporters) {
    const fromPlan = tables.filter((t) => t.exporters.includes(exporter.id)).map((t) => `${t.dataset}.${t.table}`);
    expect(fromPlan, exporter.id).toEqual(tablesOf(exporter.query.sql));
  }
});

test('each table lists the columns its readers use, typed, and who reads it', () => {
  const shotZones = tables.find((t) => t.table === 'player_shot_zone_analysis')!;
  // players/season.ts and players/game-report-sql.ts read the three last-10 rates by player and analysis date.
  expect(shotZones.columns).toEqual([
    { name: 'player_lookup', type: 'STRING' }, { name: 'analysis_date', type: 'DATE' },
    { name: 'paint_rate_last_10', type: 'NUMERIC' }, { name: 'mid_range_rate_last_10', type: 'NUMERIC' }, { name: 'three_pt_rate_last_10', type: 'NUMERIC' },
  ]);
  expect(shotZones.exporters).toEqual(['players.season', 'players.game-report']);
  expect(tables.find((t) => t.table === 'team_offense_game_summary')!.exporters).toEqual(['trends.team-tendencies']);
});

test('a column a CTE selects counts even when nothing downstream uses it; parameters and helpers bind as NULLs', async () => {
  const toy = toyExporter({
    id: 'toy.cte',
    query: {
      sql: sql`WITH x AS (SELECT player_lookup, team_abbr, season FROM ${table('nba_reference', 'nba_players_registry')} WHERE season >= ${param.string('season')})
        SELECT s.game_id FROM x JOIN ${table('nba_raw', 'nbac_schedule')} AS s ON s.home_team_tricode = x.team_abbr WHERE s.game_date > ${dateSub(param.date('as_of'), 3)}`,
      bind: () => ({}), columns: {}, key: [],
    },
  });
  const [schedule, registry] = await readWarehouseTables([toy]); // sorted by dataset.table
  expect(registry!.columns.map((c) => c.name)).toEqual(['player_lookup', 'season', 'team_abbr']); // DDL order
  expect(schedule!.columns.map((c) => c.name)).toEqual(['game_id', 'game_date', 'home_team_tricode']);
  expect(formatWarehouseTables([registry!])).toBe('nba_reference.nba_players_registry\n  columns: player_lookup STRING, season STRING, team_abbr STRING\n  read by: toy.cte\n');
});

test('sample DDL types map to BigQuery types', () => {
  expect(['VARCHAR NOT NULL', 'BIGINT', 'DECIMAL(5,1)', 'DOUBLE[]', 'TIMESTAMPTZ', 'BOOLEAN'].map(bigQueryTypeOf))
    .toEqual(['STRING', 'INT64', 'NUMERIC', 'ARRAY<FLOAT64>', 'TIMESTAMP', 'BOOL']);
});

test('`props-api sql --tables --json` prints the list', async () => {
  let out = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
  try {
    expect(await main(['sql', '--tables', '--json'])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  expect((JSON.parse(out) as WarehouseTable[]).map((t) => `${t.dataset}.${t.table}`)).toEqual(EXPECTED_TABLES);
});

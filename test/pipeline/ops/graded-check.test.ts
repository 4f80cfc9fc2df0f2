/**
 * The daily gate (pipeline/ops/graded-check.ts): the states, the query on a real DuckDB with a
 * handful of rows whose counts are known, and the query's BigQuery rendering.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { GRADED_RESULTS_PATH } from '../../../exporters/index.ts';
import { decideGrading, GRADING_QUERY, publishedResults, readGradingFacts, resultsPathOf, type GradingFacts } from '../../../pipeline/ops/graded-check.ts';
import type { ReleaseFile, ReleaseInfo, ReleaseManifest } from '../../../pipeline/publish/release-manifest.ts';
import { checkRenderedSql } from '../../../pipeline/sql-check.ts';
import { renderSql } from '../../../pipeline/sql.ts';

const facts = (over: Partial<GradingFacts>): GradingFacts => ({ date: '2026-01-14', scheduledGames: 9, gradedRows: 1020, gradedAt: '2026-01-15T16:02:00Z', performanceRows: 5, ...over });
const results = (generatedAt: string | null) => ({ path: 'v1/results/2026-01-14.json', generatedAt });

describe('states', () => {
  test.each([
    ['games scheduled, nothing graded', facts({ gradedRows: 0, gradedAt: null, performanceRows: 0 }), null, 'ungraded', false],
    ['accuracy rows but no performance aggregate yet', facts({ performanceRows: 0 }), null, 'ungraded', false],
    ['graded, nothing published', facts({}), null, 'ready', true],
    ['graded, results published before grading (the old 05:00 run)', facts({}), results('2026-01-15T10:07:30Z'), 'ready', true],
    ['graded, results published after grading', facts({}), results('2026-01-15T16:37:41Z'), 'published', false],
    ['graded at an unknown time, results published', facts({ gradedAt: null }), results('2026-01-15T10:07:30Z'), 'published', false],
    ['no games, nothing published', facts({ scheduledGames: 0, gradedRows: 0, gradedAt: null, performanceRows: 0 }), null, 'no-games', true],
    ['no games, published', facts({ scheduledGames: 0, gradedRows: 0, gradedAt: null, performanceRows: 0 }), results('2026-01-15T10:07:30Z'), 'published', false],
  ] as const)('%s → %s', (_why, f, published, state, go) => {
    expect(decideGrading(f, published)).toMatchObject({ state, go });
  });

  test('the reason names the date, the state and the counts', () => {
    expect(decideGrading(facts({}), null).reason).toBe('2026-01-14: ready: graded, not yet published; 9 game(s) scheduled, 1020 graded row(s) (newest 2026-01-15T16:02:00Z), 5 performance row(s)');
  });
});

describe('the results file in the live release', () => {
  const file = (path: string, generated_at: string): ReleaseFile => ({ path, generated_at, sha256: 'x', bytes: 1, content_type: 'application/json', cache_control: 'c', cache: 'daily', exporter: 'results.daily', schema: 's', source: `builds/b/${path}` });
  const manifest = (files: ReleaseFile[], pendingCopy: ReleaseFile[] = []): ReleaseManifest => ({
    format: 1, state: pendingCopy.length ? 'committing' : 'committed', written_by: 'p', release: null, files, history: [],
    pending: pendingCopy.length ? { release: {} as ReleaseInfo, copy: pendingCopy, delete: [] } : null,
  });

  test('the graded command looks for the registry\'s daily results file of the date', () => {
    expect(resultsPathOf(GRADED_RESULTS_PATH, '2026-01-14')).toBe('v1/results/2026-01-14.json');
  });

  test('found by its path, with its stamp', () => {
    const m = manifest([file('v1/results/2026-01-13.json', 'a'), file('v1/results/2026-01-14.json', '2026-01-15T16:37:41Z')]);
    expect(publishedResults(m, 'v1/results/2026-01-14.json')).toEqual(results('2026-01-15T16:37:41Z'));
    expect(publishedResults(m, 'v1/results/2026-01-12.json')).toBeNull();
    expect(publishedResults(null, 'v1/results/2026-01-14.json')).toBeNull();
  });

  test('a commit in flight counts as done: the next publish finishes it', () => {
    const m = manifest([file('v1/results/2026-01-14.json', 'old')], [file('v1/results/2026-01-14.json', 'new')]);
    expect(publishedResults(m, 'v1/results/2026-01-14.json')?.generatedAt).toBe('new');
  });
});

describe('the query', () => {
  let warehouse: Awaited<ReturnType<typeof createDuckDBWarehouse>>;
  beforeAll(async () => {
    warehouse = await createDuckDBWarehouse({ path: ':memory:', readOnly: false });
    for (const statement of [
      'CREATE SCHEMA nba_raw', 'CREATE SCHEMA nba_predictions',
      'CREATE TABLE nba_raw.nbac_schedule (game_id VARCHAR, game_date DATE)',
      'CREATE TABLE nba_predictions.prediction_accuracy (game_id VARCHAR, game_date DATE, graded_at TIMESTAMPTZ)',
      'CREATE TABLE nba_predictions.system_daily_performance (game_date DATE, system_id VARCHAR)',
      // two snapshots of one game, another game, and a game the day before
      "INSERT INTO nba_raw.nbac_schedule VALUES ('g1', '2026-01-14'), ('g1', '2026-01-14'), ('g2', '2026-01-14'), ('g0', '2026-01-13')",
      "INSERT INTO nba_predictions.prediction_accuracy VALUES ('g1', '2026-01-14', '2026-01-15 16:01:00+00'), ('g2', '2026-01-14', '2026-01-15 16:02:00+00'), ('g2', '2026-01-14', '2026-01-15 15:59:00+00'), ('g0', '2026-01-13', '2026-01-16 09:00:00+00')",
      "INSERT INTO nba_predictions.system_daily_performance VALUES ('2026-01-14', 'ensemble_v1'), ('2026-01-14', 'xgb_v1'), ('2026-01-13', 'ensemble_v1')",
    ]) await warehouse.connection.run(statement);
  });
  afterAll(async () => { await warehouse.close(); });

  test('counts distinct scheduled games and graded rows of the date, and the newest graded_at', async () => {
    expect(await readGradingFacts(warehouse, '2026-01-14')).toEqual({ date: '2026-01-14', scheduledGames: 2, gradedRows: 3, gradedAt: '2026-01-15T16:02:00Z', performanceRows: 2 });
  });

  test('a date with nothing gives zeros and no graded_at', async () => {
    expect(await readGradingFacts(warehouse, '2026-07-15')).toEqual({ date: '2026-07-15', scheduledGames: 0, gradedRows: 0, gradedAt: null, performanceRows: 0 });
  });

  test('passes the BigQuery and DuckDB lints (partition filters included)', () => {
    for (const dialect of ['bigquery', 'duckdb'] as const) {
      expect(checkRenderedSql(renderSql(GRADING_QUERY, dialect).text, dialect), dialect).toEqual([]);
    }
  });
});

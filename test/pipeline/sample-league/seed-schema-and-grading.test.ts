/**
 * A default sample warehouse (seed 42, 1 season, 13 players a team, as of 2025-03-15) checked
 * against the spec: every table and column of sources.md §1.3, and grading that agrees with the
 * box scores exactly as §1.3.2–1.3.3 describe. Expectations are computed here, from the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSampleMeta } from '../../../pipeline/sample-league/index.ts';
import { openDefaultSample } from './seed-fixture.ts';
import type { SeededWarehouse } from './seed-fixture.ts';
import { SPEC_COLUMNS } from './spec-columns.ts';

let warehouse: SeededWarehouse;
beforeAll(async () => {
  warehouse = await openDefaultSample(); // seed 42 and every other option at its default, seeded once per run
});
afterAll(async () => warehouse?.close());

const q = <T = Record<string, unknown>>(sql: string): Promise<T[]> => warehouse.query<T>(sql);
const one = async <T = Record<string, unknown>>(sql: string): Promise<T> => (await q<T>(sql))[0] as T;

/** Native id → date-based id, built from the schedule (the crosswalk sources.md §1.2 describes). */
const CROSSWALK = `(SELECT game_id AS native_id, strftime(game_date, '%Y%m%d') || '_' || away_team_tricode || '_' || home_team_tricode AS date_id FROM nba_raw.nbac_schedule)`;

describe('schema', () => {
  it('has every table and column of sources.md §1.3 with the spec\'s DuckDB types', async () => {
    const rows = await q<{ t: string; column_name: string; data_type: string }>(
      `SELECT table_schema || '.' || table_name AS t, column_name, data_type FROM information_schema.columns`,
    );
    const actual = new Map(rows.map((r) => [`${r.t}.${r.column_name}`, r.data_type]));
    const expected = Object.entries(SPEC_COLUMNS).flatMap(([table, columns]) => Object.entries(columns).map(([c, type]) => [`${table}.${c}`, type]));
    expect(Object.keys(SPEC_COLUMNS)).toHaveLength(16);
    expect(expected.filter(([key, type]) => actual.get(key as string) !== type)).toEqual([]);
  });

  it('fills every spec table and reports the row counts it wrote', async () => {
    for (const table of Object.keys(SPEC_COLUMNS)) {
      const { n } = await one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      expect(n, table).toBeGreaterThan(0);
      expect(warehouse.summary.rowCounts[table], table).toBe(n);
    }
  });

  it('marks the file as a sample warehouse with its clock', async () => {
    const meta = await readSampleMeta(warehouse.summary.dbPath);
    expect(meta).toMatchObject({ seed: 42, asOf: '2025-03-15', asOfInstant: '2025-03-16T01:30:00.000Z', seasons: 1, playersPerTeam: 13 });
    expect(warehouse.summary.asOfInstant).toBe('2025-03-16T01:30:00.000Z');
  });
});

describe('grading agrees with the box scores', () => {
  it('grades every graded row against the same player and game in player_game_summary', async () => {
    const r = await one<{ n: number; missing: number; mismatched: number; team: number; minutes: number }>(`
      SELECT count(*) AS n, count(*) FILTER (g.points IS NULL) AS missing,
        count(*) FILTER (g.points <> pa.actual_points) AS mismatched,
        count(*) FILTER (g.team_abbr <> pa.team_abbr OR g.opponent_team_abbr <> pa.opponent_team_abbr) AS team,
        count(*) FILTER (g.minutes_played <> pa.minutes_played) AS minutes
      FROM nba_predictions.prediction_accuracy pa
      LEFT JOIN ${CROSSWALK} x ON pa.game_id = x.native_id
      LEFT JOIN nba_analytics.player_game_summary g ON g.player_lookup = pa.player_lookup AND g.game_id = coalesce(x.date_id, pa.game_id)`);
    expect(r.n).toBeGreaterThan(50_000);
    expect(r).toMatchObject({ missing: 0, mismatched: 0, team: 0, minutes: 0 });
  });

  it('has one graded row per prediction row of every graded date, for players with a box score', async () => {
    const r = await one<{ predicted: number; graded: number }>(`
      WITH ppp AS (
        SELECT p.* FROM nba_predictions.player_prop_predictions p
        LEFT JOIN ${CROSSWALK} x ON p.game_id = x.native_id
        JOIN nba_analytics.player_game_summary g ON g.player_lookup = p.player_lookup AND g.game_id = coalesce(x.date_id, p.game_id)
        WHERE p.game_date < DATE '2025-03-15')
      SELECT (SELECT count(*) FROM ppp) AS predicted, (SELECT count(*) FROM nba_predictions.prediction_accuracy) AS graded`);
    expect(r.graded).toBe(r.predicted);
  });

  it('computes errors, within-N flags and correctness as §1.3.2 says', async () => {
    const r = await one<Record<string, number>>(`
      SELECT
        count(*) FILTER (absolute_error <> abs(predicted_points - actual_points)) AS bad_abs,
        count(*) FILTER (signed_error <> predicted_points - actual_points) AS bad_signed,
        count(*) FILTER (within_3_points <> (absolute_error <= 3) OR within_5_points <> (absolute_error <= 5)) AS bad_within,
        count(*) FILTER (recommendation IN ('PASS', 'NO_LINE') AND prediction_correct IS NOT NULL) AS graded_pass,
        count(*) FILTER (actual_points = line_value AND prediction_correct IS NOT NULL) AS graded_push,
        count(*) FILTER (recommendation = 'OVER' AND actual_points <> line_value AND prediction_correct <> (actual_points > line_value)) AS bad_over,
        count(*) FILTER (recommendation = 'UNDER' AND actual_points <> line_value AND prediction_correct <> (actual_points < line_value)) AS bad_under,
        count(*) FILTER (recommendation = 'NO_LINE' AND line_value IS NOT NULL) AS line_on_no_line,
        count(*) FILTER (game_date >= DATE '2025-03-15') AS as_of_graded
      FROM nba_predictions.prediction_accuracy`);
    expect(Object.values(r).every((v) => v === 0), JSON.stringify(r)).toBe(true);
  });

  it('aggregates system_daily_performance from the graded rows (high-confidence quirk included)', async () => {
    const r = await one<{ n: number; bad: number }>(`
      WITH agg AS (
        SELECT game_date, system_id, count(*) AS predictions_count,
          count(*) FILTER (recommendation IN ('OVER', 'UNDER')) AS recs, count(*) FILTER (prediction_correct) AS correct,
          count(*) FILTER (confidence_score >= 0.7) AS hc, count(*) FILTER (confidence_score >= 0.7 AND prediction_correct) AS hc_correct,
          count(*) FILTER (confidence_score >= 0.7 AND recommendation IN ('OVER', 'UNDER')) AS hc_recs,
          round(avg(absolute_error), 2) AS mae
        FROM nba_predictions.prediction_accuracy GROUP BY ALL)
      SELECT count(*) AS n, count(*) FILTER (
          s.predictions_count <> a.predictions_count OR s.recommendations_count <> a.recs OR s.correct_count <> a.correct
          OR s.high_confidence_count <> a.hc OR s.high_confidence_correct <> a.hc_correct OR abs(s.mae - a.mae) > 0.005
          OR abs(s.win_rate - a.correct / nullif(a.recs, 0)) > 0.0006
          OR abs(s.high_confidence_win_rate - a.hc_correct / nullif(a.hc_recs, 0)) > 0.0006) AS bad
      FROM nba_predictions.system_daily_performance s JOIN agg a USING (game_date, system_id)`);
    const { total } = await one<{ total: number }>('SELECT count(*) AS total FROM nba_predictions.system_daily_performance');
    expect(r.n).toBe(total);
    expect(r.bad).toBe(0);
  });

  it('gives the ensemble a realistic hit rate, better than the moving-average baseline', async () => {
    const rows = await q<{ system_id: string; hit: number; mae: number }>(`
      SELECT system_id, avg(prediction_correct::INT) FILTER (recommendation IN ('OVER', 'UNDER')) AS hit, avg(absolute_error) AS mae
      FROM nba_predictions.prediction_accuracy GROUP BY 1`);
    const by = Object.fromEntries(rows.map((r) => [r.system_id, r]));
    expect(Object.keys(by).sort()).toEqual(['ensemble_v1', 'moving_average_baseline_v1', 'similarity_balanced_v1', 'xgboost_v1', 'zone_matchup_v1']);
    expect(by.ensemble_v1?.hit).toBeGreaterThan(0.52);
    expect(by.ensemble_v1?.hit).toBeLessThan(0.59);
    const hits = rows.map((r) => r.hit);
    expect(by.moving_average_baseline_v1?.hit).toBe(Math.min(...hits));
    expect(by.ensemble_v1?.mae).toBe(Math.min(...rows.map((r) => r.mae)));
  });
});

/**
 * The source-data defects and conventions the sample warehouse must reproduce (sources.md §1.2 and
 * §1.5), checked on a mid-season sample (as of Friday 2025-01-10) with queries written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTemp } from './seed-fixture.ts';
import type { SeededWarehouse } from './seed-fixture.ts';

const AS_OF = '2025-01-10';
let warehouse: SeededWarehouse;
beforeAll(async () => {
  warehouse = await seedTemp({ seed: 7, asOf: AS_OF });
});
afterAll(async () => warehouse?.close());

const q = <T = Record<string, unknown>>(sql: string): Promise<T[]> => warehouse.query<T>(sql);
const count = async (sql: string): Promise<number> => Number(((await q<{ n: number }>(sql))[0] as { n: number }).n);

describe('identifiers', () => {
  it('uses both game id formats in the prediction tables, date-based for the backfilled start', async () => {
    for (const table of ['player_prop_predictions', 'prediction_accuracy', 'ml_feature_store_v2']) {
      const native = await count(`SELECT count(*) AS n FROM nba_predictions.${table} WHERE regexp_matches(game_id, '^002\\d{7}$')`);
      const dated = await count(`SELECT count(*) AS n FROM nba_predictions.${table} WHERE regexp_matches(game_id, '^\\d{8}_[A-Z]{3}_[A-Z]{3}$')`);
      expect(native, table).toBeGreaterThan(0);
      expect(dated, table).toBeGreaterThan(0);
    }
    const late = await count(`SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE game_id LIKE '2%' AND game_date > (SELECT min(game_date) + 40 FROM nba_raw.nbac_schedule)`);
    expect(late).toBe(0);
  });

  it('finds every prediction\'s game in the schedule, under either id', async () => {
    const orphans = await count(`
      SELECT count(*) AS n FROM nba_predictions.player_prop_predictions p WHERE NOT EXISTS (
        SELECT 1 FROM nba_raw.nbac_schedule s WHERE s.game_date = p.game_date
          AND p.game_id IN (s.game_id, strftime(s.game_date, '%Y%m%d') || '_' || s.away_team_tricode || '_' || s.home_team_tricode))`);
    expect(orphans).toBe(0);
  });

  it('normalises every player_lookup from the display name (NFD, ASCII letters and digits only)', async () => {
    const rows = await q<{ player_lookup: string; player_name: string }>('SELECT DISTINCT player_lookup, player_name FROM nba_reference.nba_players_registry');
    for (const { player_lookup, player_name } of rows) {
      expect(player_lookup).toBe(player_name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, ''));
    }
    const names = rows.map((r) => r.player_name);
    expect(names.some((n) => /[^\u0000-\u007f]/.test(n))).toBe(true);
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => /\s(Jr\.|Sr\.|II|III|IV)$/.test(n))).toBe(true);
  });

  it('keeps season conventions: season_year is the start year, registry seasons read 2024-25', async () => {
    expect(await count(`SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE season_year <> 2024`)).toBe(0);
    expect(await q('SELECT DISTINCT season FROM nba_reference.nba_players_registry')).toEqual([{ season: '2024-25' }]);
  });
});

describe('duplicates and flags', () => {
  it('has duplicate prediction rows per (game, player, system): an older active row at another integer line', async () => {
    const n = await count(`
      SELECT count(*) AS n FROM nba_predictions.player_prop_predictions a JOIN nba_predictions.player_prop_predictions b
        USING (game_id, player_lookup, system_id)
      WHERE a.is_active AND b.is_active AND a.created_at < b.created_at AND floor(a.current_points_line) <> floor(b.current_points_line)`);
    expect(n).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE NOT is_active AND superseded_by IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE prediction_version <> 1')).toBe(0);
  });

  it('copies duplicate predictions into grading', async () => {
    const n = await count(`SELECT count(*) AS n FROM (SELECT 1 FROM nba_predictions.prediction_accuracy GROUP BY game_id, player_lookup, system_id HAVING count(*) > 1)`);
    expect(n).toBeGreaterThan(0);
  });

  it('has several upcoming-context rows for one player and game', async () => {
    expect(await count(`SELECT count(*) AS n FROM (SELECT 1 FROM nba_analytics.upcoming_player_game_context GROUP BY game_id, player_lookup HAVING count(*) > 1)`)).toBeGreaterThan(0);
    expect(await count('SELECT count(*) AS n FROM nba_analytics.upcoming_player_game_context WHERE back_to_back')).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM nba_analytics.upcoming_player_game_context WHERE days_rest = 1`)).toBeGreaterThan(0);
  });

  it('fills similarity-only columns only for the similarity system', async () => {
    expect(await count(`SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE (pace_adjustment IS NOT NULL OR similar_games_count IS NOT NULL) <> (system_id = 'similarity_balanced_v1')`)).toBe(0);
  });

  it('keeps recommendations consistent with the line, NULL lines only for NO_LINE', async () => {
    const bad = await count(`SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE
      (recommendation = 'NO_LINE') <> (current_points_line IS NULL)
      OR (recommendation = 'OVER' AND predicted_points <= current_points_line)
      OR (recommendation = 'UNDER' AND predicted_points >= current_points_line)
      OR confidence_score NOT BETWEEN 0 AND 1 OR confidence_score * 100 <> round(confidence_score * 100)`);
    expect(bad).toBe(0);
  });

  it('counts an exact push as OVER in the box score but grades it as no result', async () => {
    expect(await count(`SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE points = points_line AND over_under_result = 'OVER'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE points_line IS NOT NULL AND over_under_result <> CASE WHEN points >= points_line THEN 'OVER' ELSE 'UNDER' END`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE points_line IS NULL AND over_under_result IS NOT NULL`)).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM nba_predictions.prediction_accuracy WHERE actual_points = line_value AND recommendation IN ('OVER', 'UNDER')`)).toBeGreaterThan(0);
  });

  it('keeps win_flag FALSE, whole minutes, and balldontlie rows without splits and attempts', async () => {
    expect(await count('SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE win_flag OR minutes_played <> round(minutes_played)')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM nba_analytics.player_game_summary WHERE offensive_rebounds IS NULL AND fg_attempts IS NULL AND ft_attempts IS NULL')).toBeGreaterThan(0);
  });
});

describe('players and games', () => {
  it('has DNPs: a gamebook DNP line and a zero-minute balldontlie line, but no box-score summary', async () => {
    const n = await count(`
      SELECT count(*) AS n FROM nba_raw.nbac_gamebook_player_stats gb
      JOIN nba_raw.bdl_player_boxscores b USING (game_id, player_lookup)
      LEFT JOIN nba_analytics.player_game_summary g USING (game_id, player_lookup)
      WHERE gb.player_status = 'dnp' AND b.minutes = '00' AND g.player_lookup IS NULL`);
    expect(n).toBeGreaterThan(0);
  });

  it('has a traded player: two registry rows in one season and box scores for both teams', async () => {
    const rows = await q<{ player_lookup: string; teams: number }>(`
      SELECT r.player_lookup, count(DISTINCT g.team_abbr) AS teams FROM nba_reference.nba_players_registry r
      JOIN nba_analytics.player_game_summary g ON g.player_lookup = r.player_lookup
      WHERE r.player_lookup IN (SELECT player_lookup FROM nba_reference.nba_players_registry GROUP BY player_lookup, season HAVING count(*) > 1)
      GROUP BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.teams === 2)).toBe(true);
  });

  it('shows every game state on the as-of night and keeps its full lines for the live replay', async () => {
    const statuses = await q<{ game_status: number }>(`SELECT DISTINCT game_status FROM nba_raw.nbac_schedule WHERE game_date = DATE '${AS_OF}' ORDER BY 1`);
    expect(statuses.map((s) => s.game_status)).toEqual([1, 2, 3]);
    expect(await count(`SELECT count(*) AS n FROM nba_raw.nbac_schedule WHERE (game_date < DATE '${AS_OF}' AND game_status <> 3) OR (game_date > DATE '${AS_OF}' AND game_status <> 1)`)).toBe(0);
    const tonight = await count(`SELECT count(DISTINCT game_id) AS n FROM sample_meta.tonight_box_scores`);
    expect(tonight).toBe(await count(`SELECT count(*) AS n FROM nba_raw.nbac_schedule WHERE game_date = DATE '${AS_OF}'`));
    const quarters = await count(`SELECT count(*) AS n FROM sample_meta.tonight_box_scores WHERE list_sum(home_quarter_scores) <> home_score OR len(away_quarter_scores) <> 4`);
    expect(quarters).toBe(0);
    const finals = await count(`SELECT count(DISTINCT g.game_id) AS n FROM nba_analytics.player_game_summary g WHERE g.game_date = DATE '${AS_OF}'`);
    expect(finals).toBe(await count(`SELECT count(*) AS n FROM nba_raw.nbac_schedule WHERE game_date = DATE '${AS_OF}' AND game_status = 3`));
  });

  it('predicts the as-of slate but not the next day, and has context for both', async () => {
    const dates = await q<{ d: string }>(`SELECT DISTINCT strftime(game_date, '%Y-%m-%d') AS d FROM nba_analytics.upcoming_player_game_context ORDER BY 1`);
    expect(dates.map((r) => r.d)).toEqual([AS_OF, '2025-01-11']);
    expect(await count(`SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE game_date = DATE '${AS_OF}'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) AS n FROM nba_predictions.player_prop_predictions WHERE game_date > DATE '${AS_OF}'`)).toBe(0);
  });

  it('streaks: some players run five games above their average and, elsewhere, five below it', async () => {
    const n = await count(`
      WITH g AS (SELECT player_lookup, game_date, points > avg(points) OVER (PARTITION BY player_lookup) AS above
        FROM nba_analytics.player_game_summary WHERE minutes_played >= 20),
      runs AS (SELECT player_lookup,
        sum(above::INT) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS 4 PRECEDING) AS hot,
        sum((NOT above)::INT) OVER (PARTITION BY player_lookup ORDER BY game_date ROWS 4 PRECEDING) AS cold FROM g)
      SELECT count(*) AS n FROM (SELECT player_lookup FROM runs GROUP BY 1 HAVING max(hot) = 5 AND max(cold) = 5)`);
    expect(n).toBeGreaterThan(10);
  });
});

/**
 * players.season — `v1/players/{player_lookup}/season/{season}.json`.
 *
 * Consumer: the player's season page. Freshness: weekly, half-day cache. Pages: every player in
 * the index, for the current season and each season he played in during the qualification
 * window (paramsFromRows; the old exporter had no trigger at all). One query for all of them;
 * the weekly build removes pages that no longer qualify (ownsAllFiles). Spec:
 * endpoints-trends-players.md §9 with its defects fixed (see CHANGELOG.md).
 */
import type { PlayerSeason } from '../../generated/players/season.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { playerTier } from '../_shared.ts';
import { gradedNewest, latestRegistry, seasonYearOf } from '../_sql.ts';
import { BOX_SELECT, MIN_GAMES, TO_DATE, WINDOW_FROM, bindWeekly, boxCtes, seasonLabelOf } from './_sql.ts';
import { BOX_COLUMNS, boxGamesOf, buildsToday, paramsFromRowsOf, shotProfile } from './_shared.ts';
import { averagesOf, currentFormOf, keyPatternsOf, monthlyOf, propHitRatesOf, seasonGame, splitsOf } from './season-render.ts';

const SEASON_FROM = param.date('season_from');
const SEASON_YEAR = param.int('season_year');

export const SEASON_COLUMNS = {
  player_lookup: 'string', season: 'string', player_full_name: 'string', position: 'string?',
  paint_rate: 'number?', mid_range_rate: 'number?', three_pt_rate: 'number?', shots_as_of: 'date?',
  ...BOX_COLUMNS, call_recommendation: 'string?', call_line: 'number?', call_actual: 'integer?',
} as const;

export default defineExporter({
  id: 'players.season',
  schema: 'https://nbaprops.com/v1/schemas/players/season.schema.json',
  description: "One player's season: averages, form, patterns, hit rates, game log, splits, months. Season page; weekly.",
  triggers: ['weekly'],
  path: 'players/{player_lookup}/season/{season}.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [],
  paramsFromRows: (rows, ctx) => (buildsToday(ctx) ? paramsFromRowsOf(rows, ['player_lookup', 'season'], ctx) : []),
  partitionBy: { player_lookup: 'player_lookup', season: 'season' },
  query: {
    sql: sql`
WITH graded AS (${gradedNewest(SEASON_FROM, TO_DATE)}),
qualified AS (
  SELECT player_lookup FROM graded WHERE game_date BETWEEN ${WINDOW_FROM} AND ${TO_DATE}
  GROUP BY player_lookup HAVING COUNT(*) >= ${MIN_GAMES}
),
${boxCtes(SEASON_FROM)},
pages AS (
  SELECT DISTINCT player_lookup, season_year FROM (
    SELECT b.player_lookup, b.season_year FROM box AS b JOIN qualified AS q ON q.player_lookup = b.player_lookup WHERE b.game_date >= ${WINDOW_FROM}
    UNION ALL
    SELECT player_lookup, ${SEASON_YEAR} AS season_year FROM qualified
  ) AS page_list
),
shots AS (
  SELECT p.player_lookup, p.season_year, z.paint_rate_last_10, z.mid_range_rate_last_10, z.three_pt_rate_last_10, z.analysis_date
  FROM pages AS p
  JOIN ${table('nba_precompute', 'player_shot_zone_analysis')} AS z ON z.player_lookup = p.player_lookup AND ${seasonYearOf(sql`z.analysis_date`)} = p.season_year
  WHERE z.analysis_date BETWEEN ${SEASON_FROM} AND ${TO_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY p.player_lookup, p.season_year ORDER BY z.analysis_date DESC) = 1
),
names AS (${latestRegistry})
SELECT p.player_lookup, ${seasonLabelOf(sql`p.season_year`)} AS season, COALESCE(n.player_name, p.player_lookup) AS player_full_name, n.position,
       sh.paint_rate_last_10 AS paint_rate, sh.mid_range_rate_last_10 AS mid_range_rate, sh.three_pt_rate_last_10 AS three_pt_rate, sh.analysis_date AS shots_as_of,
       ${BOX_SELECT}, c.recommendation AS call_recommendation, c.line_value AS call_line, c.actual_points AS call_actual
FROM pages AS p
LEFT JOIN box AS b ON b.player_lookup = p.player_lookup AND b.season_year = p.season_year
LEFT JOIN graded AS c ON c.player_lookup = b.player_lookup AND c.game_date = b.game_date
LEFT JOIN shots AS sh ON sh.player_lookup = p.player_lookup AND sh.season_year = p.season_year
LEFT JOIN names AS n ON n.player_lookup = p.player_lookup
ORDER BY p.player_lookup, p.season_year, b.game_date DESC`,
    bind: (ctx) => {
      const weekly = bindWeekly(ctx);
      return { ...weekly, season_year: seasonStartYear(ctx.today), season_from: seasonStartDate(seasonStartYear(weekly.window_from as string)) };
    },
    columns: SEASON_COLUMNS,
    key: ['player_lookup', 'season', 'game_date'],
  },
  render: (rows, params, ctx): PlayerSeason => {
    const r = rows[0]!;
    const games = boxGamesOf(rows);
    const averages = averagesOf(games);
    return {
      player_lookup: params.player_lookup,
      player_full_name: r.player_full_name,
      season: params.season,
      generated_at: ctx.generatedAt,
      player_profile: {
        position: r.position,
        team_abbr: games[0]?.team ?? null,
        player_tier: playerTier(averages.ppg),
        shot_profile: shotProfile(r.paint_rate, r.mid_range_rate, r.three_pt_rate),
        shot_zones: r.shots_as_of === null ? null : { paint_rate: r.paint_rate, mid_range_rate: r.mid_range_rate, three_pt_rate: r.three_pt_rate, as_of: r.shots_as_of },
      },
      averages,
      current_form: currentFormOf(games),
      key_patterns: keyPatternsOf(games),
      prop_hit_rates: propHitRatesOf(rows.filter((x) => x.game_date !== null).map((x) => ({ recommendation: x.call_recommendation, line: x.call_line, actual: x.call_actual }))),
      game_log: games.map(seasonGame),
      splits: splitsOf(games),
      monthly: monthlyOf(games),
    };
  },
});

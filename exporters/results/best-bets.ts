/**
 * results.best-bets — `v1/best-bets/{date}.json` (+ `latest.json`).
 *
 * Consumer: the Tonight page's best-bets strip. Freshness: ranked before the games by the tonight
 * trigger from pre-game predictions (the old exporter read the graded table and was empty before
 * grading, spec R-2); regraded by the daily trigger. Spec: endpoints-results-live.md §4 with fixes.
 */
import type { BestBetsDaily } from '../../generated/results/best-bets.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { FROM_DATE, TO_DATE, bindDateRange, gradedNewest, preGameCtes, scheduleCtes, seasonYearOf } from '../_sql.ts';
import { BEST_BET_COLUMNS, METHODOLOGY, rankPicks } from './best-bets-rank.ts';

const HISTORY_FROM = param.date('history_from');

export default defineExporter({
  id: 'results.best-bets',
  schema: 'https://nbaprops.com/v1/schemas/results/best-bets.schema.json',
  description: 'Top 15 OVER/UNDER calls of a slate, ranked pre-game and graded after. Tonight page; tonight and daily triggers.',
  triggers: ['tonight', 'daily'],
  path: 'best-bets/{date}.json',
  cache: (params, ctx) => (params.date >= ctx.today ? 'tonight' : 'daily'),
  aliases: [{ path: 'best-bets/latest.json', cache: 'alias', when: (params, payload: BestBetsDaily, ctx) => params.date >= ctx.today && payload.total_picks > 0 }],
  params: (ctx) => (ctx.dates ?? (ctx.trigger === 'daily' ? [ctx.yesterday] : ctx.trigger === 'tonight' ? [ctx.today] : [ctx.yesterday, ctx.today])).map((date) => ({ date })),
  partitionBy: { date: 'game_date' },
  query: {
    sql: sql`
WITH ${scheduleCtes(FROM_DATE, TO_DATE)},
${preGameCtes},
graded AS (${gradedNewest(HISTORY_FROM, TO_DATE)}),
decided AS (
  SELECT player_lookup, game_date, ${seasonYearOf(sql`game_date`)} AS season,
         CASE WHEN (recommendation = 'OVER' AND actual_points > line_value) OR (recommendation = 'UNDER' AND actual_points < line_value) THEN 1 ELSE 0 END AS win,
         CASE WHEN (recommendation = 'OVER' AND actual_points < line_value) OR (recommendation = 'UNDER' AND actual_points > line_value) THEN 1 ELSE 0 END AS loss
  FROM graded
  WHERE recommendation IN ('OVER', 'UNDER') AND line_value IS NOT NULL
),
player_history AS (
  SELECT p.player_lookup, p.game_date, SUM(d.win) AS wins, SUM(d.loss) AS losses
  FROM preds AS p JOIN decided AS d
    ON d.player_lookup = p.player_lookup AND d.game_date < p.game_date AND d.season = ${seasonYearOf(sql`p.game_date`)}
  GROUP BY p.player_lookup, p.game_date
),
league_history AS (
  SELECT t.game_date, SUM(d.win) AS wins, SUM(d.loss) AS losses
  FROM (SELECT DISTINCT game_date FROM preds) AS t JOIN decided AS d
    ON d.game_date < t.game_date AND d.season = ${seasonYearOf(sql`t.game_date`)}
  GROUP BY t.game_date
),
fatigue AS (
  SELECT player_lookup, game_date, fatigue_score
  FROM ${table('nba_precompute', 'player_composite_factors')}
  WHERE game_date BETWEEN ${FROM_DATE} AND ${TO_DATE}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup, game_date ORDER BY game_id) = 1
)
SELECT p.game_date, p.player_lookup, p.player_full_name, p.game_id, p.team, p.home_team, p.away_team, p.recommendation, p.current_points_line AS line,
       p.predicted_points, p.confidence_score, f.fatigue_score,
       COALESCE(h.wins, 0) AS hist_wins, COALESCE(h.losses, 0) AS hist_losses,
       COALESCE(l.wins, 0) AS league_wins, COALESCE(l.losses, 0) AS league_losses, g.actual_points
FROM pre_game AS p
LEFT JOIN player_history AS h ON h.player_lookup = p.player_lookup AND h.game_date = p.game_date
LEFT JOIN league_history AS l ON l.game_date = p.game_date
LEFT JOIN fatigue AS f ON f.player_lookup = p.player_lookup AND f.game_date = p.game_date
LEFT JOIN graded AS g ON g.player_lookup = p.player_lookup AND g.game_id = p.game_id
WHERE p.recommendation IN ('OVER', 'UNDER') AND p.current_points_line IS NOT NULL
ORDER BY p.game_date, p.player_lookup`,
    bind: (ctx, params) => {
      const range = bindDateRange(params.map((p) => p.date), ctx.systemId);
      return { ...range, history_from: seasonStartDate(seasonStartYear(range.from_date as string)) };
    },
    columns: BEST_BET_COLUMNS,
    key: ['game_date', 'player_lookup', 'game_id'],
  },
  render: (rows, params, ctx): BestBetsDaily => {
    const picks = rankPicks(rows);
    return { game_date: params.date, generated_at: ctx.generatedAt, methodology: METHODOLOGY, total_picks: picks.length, picks };
  },
});

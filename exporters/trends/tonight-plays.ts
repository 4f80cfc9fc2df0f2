/**
 * trends.tonight-plays — `v1/trends/tonight-plays.json`.
 *
 * Consumer: the Trends page's "Tonight's Trend Plays". Freshness: hourly (6 AM–11 PM ET), for
 * tonight in America/New_York (the old job used UTC and showed tomorrow's board during tonight's
 * games, F-1). Spec: endpoints-trends-players.md §4, with its listed defects fixed (CHANGELOG.md).
 */
import type { TrendsTonightPlays } from '../../generated/trends/tonight-plays.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { countIf, dateDiffDays, dateSub, param, sql, table } from '../../pipeline/sql.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { latestRegistry } from '../_sql.ts';
import { AS_OF, tonightCtes, tonightSelect } from './_sql.ts';
import { groupBy } from './_shared.ts';
import { MOMENTUM_DAYS, PLAY_COLUMNS, REST, comparePlays, playFor, type PlayRow } from './tonight-plays-render.ts';

const HISTORY_FROM = param.date('history_from');
const FRESH_MIN = param.int('fresh_min');
const FRESH_MAX = param.int('fresh_max');

export default defineExporter({
  id: 'trends.tonight-plays',
  schema: 'https://nbaprops.com/v1/schemas/trends/tonight-plays.schema.json',
  description: "One streak, momentum or rest trend per player playing tonight (ET). Trends page; hourly.",
  triggers: ['hourly'],
  path: 'trends/tonight-plays.json',
  cache: 'hourly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH ${tonightCtes},
context AS (
  SELECT player_lookup, team_abbr
  FROM ${table('nba_analytics', 'upcoming_player_game_context')}
  WHERE game_date = ${AS_OF}
  QUALIFY ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY processed_at DESC NULLS LAST, team_abbr) = 1
),
history AS (
  SELECT player_lookup, game_date, team_abbr, points, points_line,
         ${dateDiffDays(sql`game_date`, sql`LAG(game_date) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date)`)} AS gap,
         ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC) AS recency
  FROM ${table('nba_analytics', 'player_game_summary')}
  WHERE game_date BETWEEN ${HISTORY_FROM} AND ${dateSub(AS_OF, 1)} AND points IS NOT NULL
),
rest AS (
  SELECT player_lookup, MAX(game_date) AS last_game_date, AVG(points) AS overall_avg,
         AVG(CASE WHEN gap BETWEEN ${FRESH_MIN} AND ${FRESH_MAX} THEN points END) AS rested_avg, ${countIf(sql`gap BETWEEN ${FRESH_MIN} AND ${FRESH_MAX}`)} AS rested_games,
         AVG(CASE WHEN gap = 1 THEN points END) AS b2b_avg, ${countIf(sql`gap = 1`)} AS b2b_games
  FROM history
  GROUP BY player_lookup
),
players AS (
  SELECT COALESCE(c.player_lookup, h.player_lookup) AS player_lookup, COALESCE(c.team_abbr, h.team_abbr) AS team_abbr
  FROM context AS c
  FULL OUTER JOIN (SELECT player_lookup, team_abbr FROM history WHERE recency = 1 AND game_date >= ${dateSub(AS_OF, MOMENTUM_DAYS)}) AS h
    ON h.player_lookup = c.player_lookup
),
names AS (${latestRegistry})
SELECT t.team AS team_abbr, ${tonightSelect}, p.player_lookup, COALESCE(n.player_name, p.player_lookup) AS player_full_name, n.position,
       h.game_date, h.points, h.points_line AS line, ${dateDiffDays(AS_OF, sql`r.last_game_date`)} AS days_rest,
       r.overall_avg, r.rested_avg, r.rested_games, r.b2b_avg, r.b2b_games
FROM tonight AS t
LEFT JOIN players AS p ON p.team_abbr = t.team
LEFT JOIN rest AS r ON r.player_lookup = p.player_lookup
LEFT JOIN history AS h ON h.player_lookup = p.player_lookup AND h.game_date >= ${dateSub(AS_OF, MOMENTUM_DAYS)}
LEFT JOIN names AS n ON n.player_lookup = p.player_lookup
ORDER BY t.team, p.player_lookup, h.game_date DESC`,
    bind: (ctx) => ({ as_of: ctx.today, history_from: seasonStartDate(seasonStartYear(ctx.today) - 1), fresh_min: REST.freshMin, fresh_max: REST.freshMax }),
    columns: PLAY_COLUMNS,
    key: ['team_abbr', 'player_lookup', 'game_date'],
  },
  render: (rows, _params, ctx): TrendsTonightPlays => {
    const newestFirst = [...rows].sort((a, b) => (b.game_date ?? '').localeCompare(a.game_date ?? ''));
    const byPlayer = groupBy(newestFirst.filter((r): r is PlayRow & { player_lookup: string } => r.player_lookup !== null), (r) => r.player_lookup);
    const plays = [...byPlayer.values()].map((player) => playFor(player, ctx.today)).filter((p) => p !== null).sort(comparePlays);
    const count = (type: string) => plays.filter((p) => p.trend_type === type).length;
    return {
      generated_at: ctx.generatedAt, game_date: ctx.today, games_tonight: new Set(rows.map((r) => r.tonight_game_id)).size,
      total_trend_plays: plays.length, trend_plays: plays, by_trend_type: { streak: count('streak'), momentum: count('momentum'), rest: count('rest') },
    };
  },
});

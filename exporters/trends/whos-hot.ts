/**
 * trends.whos-hot — `v1/trends/whos-hot-v2.json`.
 *
 * Consumer: the Trends page's "Who's Hot / Who's Cold" cards. Freshness: hourly (6 AM–11 PM ET).
 * Spec: endpoints-trends-players.md §2, with its listed defects fixed (see CHANGELOG.md): signed
 * streak in the heat score, disjoint lists, team of the newest game, ET tip times, tie-breakers.
 */
import type { TrendsWhosHot } from '../../generated/trends/whos-hot.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { dateSub, sql, table } from '../../pipeline/sql.ts';
import { mean, round } from '../_shared.ts';
import { latestRegistry } from '../_sql.ts';
import { AS_OF, tonightCtes, tonightSelect } from './_sql.ts';
import { TONIGHT_COLUMNS, currentStreak, disjointEnds, groupBy, lineResultOf, lineSideOf, tonightOf } from './_shared.ts';

export const LOOKBACK_DAYS = 30;
export const MIN_GAMES = 5;
export const TOP_N = 10;

const COLUMNS = {
  player_lookup: 'string', player_full_name: 'string', position: 'string?', game_date: 'date', team_abbr: 'string', points: 'integer>=0', line: 'number>=0',
  ...TONIGHT_COLUMNS,
} as const;
type Row = RowOf<typeof COLUMNS>;
type Player = TrendsWhosHot['hot'][number];
type Scored = Omit<Player, 'rank'>;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** One player's window (rows newest first) → his card, or null under the minimum. */
export function scorePlayer(rows: readonly Row[]): Scored | null {
  const sides = rows.map((r) => lineSideOf(r.points, r.line));
  const overs = sides.filter((s) => s === 'over').length;
  const decided = overs + sides.filter((s) => s === 'under').length;
  if (decided < MIN_GAMES) return null;
  const newest = rows[0]!;
  const streak = currentStreak(sides, (s) => s);
  const length = streak.members.length;
  const hitRate = overs / decided;
  const margin = rows.reduce((sum, r) => sum + (r.points - r.line), 0) / rows.length;
  const signedStreak = streak.direction === 'over' ? length : -length;
  const heat = 10 * (0.5 * hitRate + 0.25 * clamp01((signedStreak + 10) / 20) + 0.25 * clamp01((margin + 10) / 20));
  const tonight = tonightOf(newest);
  return {
    player_lookup: newest.player_lookup, player_full_name: newest.player_full_name, team_abbr: newest.team_abbr, position: newest.position,
    heat_score: round(heat, 1), hit_rate: round(hitRate, 3), hit_rate_games: decided, push_games: rows.filter((r) => lineResultOf(r.points, r.line) === 'PUSH').length,
    current_streak: length, streak_direction: streak.direction!, avg_margin: round(margin, 2), playing_tonight: tonight !== null, tonight,
  };
}

const hotOrder = (a: Scored, b: Scored) => b.heat_score - a.heat_score || b.hit_rate - a.hit_rate || b.hit_rate_games - a.hit_rate_games || a.player_lookup.localeCompare(b.player_lookup);
const coldOrder = (a: Scored, b: Scored) => a.heat_score - b.heat_score || a.hit_rate - b.hit_rate || b.hit_rate_games - a.hit_rate_games || a.player_lookup.localeCompare(b.player_lookup);
const ranked = (players: Scored[]): Player[] => players.map((p, i) => ({ rank: i + 1, ...p }));

export default defineExporter({
  id: 'trends.whos-hot',
  schema: 'https://nbaprops.com/v1/schemas/trends/whos-hot.schema.json',
  description: "Hottest and coldest players against their points line over 30 days. Trends page; hourly.",
  triggers: ['hourly'],
  path: 'trends/whos-hot-v2.json',
  cache: 'hourly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH ${tonightCtes},
names AS (${latestRegistry})
SELECT g.player_lookup, COALESCE(n.player_name, g.player_lookup) AS player_full_name, n.position, g.game_date, g.team_abbr,
       g.points, g.points_line AS line, ${tonightSelect}
FROM ${table('nba_analytics', 'player_game_summary')} AS g
LEFT JOIN names AS n ON n.player_lookup = g.player_lookup
LEFT JOIN tonight AS t ON t.team = g.team_abbr AND g.game_date < ${AS_OF}
WHERE g.game_date BETWEEN ${dateSub(AS_OF, LOOKBACK_DAYS)} AND ${AS_OF} AND g.points IS NOT NULL AND g.points_line IS NOT NULL
ORDER BY g.player_lookup, g.game_date DESC`,
    bind: (ctx) => ({ as_of: ctx.today }),
    columns: COLUMNS,
    key: ['player_lookup', 'game_date'],
  },
  render: (rows, _params, ctx): TrendsWhosHot => {
    const newestFirst = [...rows].sort((a, b) => b.game_date.localeCompare(a.game_date));
    const players = [...groupBy(newestFirst, (r) => r.player_lookup).values()].map(scorePlayer).filter((p): p is Scored => p !== null);
    const { top, bottom } = disjointEnds(players, TOP_N, hotOrder, coldOrder);
    return {
      generated_at: ctx.generatedAt, as_of_date: ctx.today, time_period: 'last_30_days', lookback_days: LOOKBACK_DAYS, min_games: MIN_GAMES,
      total_qualifying_players: players.length, hot: ranked(top), cold: ranked(bottom),
      league_average: { hit_rate: mean(players.map((p) => p.hit_rate), 3), avg_margin: mean(players.map((p) => p.avg_margin), 2) },
    };
  },
});

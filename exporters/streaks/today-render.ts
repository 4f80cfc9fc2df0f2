/**
 * Pure streak finding for streaks.today: a season of box scores and graded calls → each player's
 * current OVER/UNDER streak and prediction-hit streak entering a date. One player, one streak,
 * whatever his teams; pushes and games without a line are skipped (neither extend nor break).
 */
import type { StreaksToday } from '../../generated/streaks/today.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { round } from '../_shared.ts';
import { currentStreak, groupBy, lineResultOf, lineSideOf } from '../trends/_shared.ts';

export const STREAK_COLUMNS = {
  kind: 'string', player_lookup: 'string', player_full_name: 'string', game_date: 'date', team: 'string?', opponent: 'string?',
  points: 'integer', line: 'number?', recommendation: 'string?',
} as const;
export type StreakRow = RowOf<typeof STREAK_COLUMNS>;
type LineStreak = StreaksToday['streaks']['over'][number];
type PredictionStreak = StreaksToday['streaks']['prediction_hits'][number];

export const MIN_STREAK = 4;
export const LIST_LIMITS = { over: 50, under: 50, prediction_hits: 30 } as const;
export const GAMES_SHOWN = 5;

/** Rows of one player entering `date` (this season, before the date), newest first. */
function entering(rows: readonly StreakRow[], date: string): StreakRow[] {
  const from = seasonStartDate(seasonStartYear(date));
  return rows.filter((r) => r.game_date >= from && r.game_date < date).sort((a, b) => b.game_date.localeCompare(a.game_date));
}

/** A player's OVER/UNDER streak (box scores, newest first), or null under the minimum. */
export function lineStreakOf(games: readonly StreakRow[]): { side: 'over' | 'under'; streak: LineStreak } | null {
  const { direction, members } = currentStreak(games, (g) => lineSideOf(g.points, g.line));
  if (direction === null || members.length < MIN_STREAK) return null;
  const oldest = members.at(-1)!;
  const span = games.filter((g) => g.game_date >= oldest.game_date);
  const [newest, ...older] = members.slice(0, GAMES_SHOWN).map((g) => ({ game_date: g.game_date, points: g.points, line: g.line!, opponent: g.opponent }));
  return {
    side: direction,
    streak: {
      player_lookup: games[0]!.player_lookup, player_full_name: games[0]!.player_full_name, team: games[0]!.team, streak_length: members.length,
      started_on: oldest.game_date, pushes_skipped: span.filter((g) => lineResultOf(g.points, g.line) === 'PUSH').length,
      no_line_games_skipped: span.filter((g) => g.line === null).length,
      avg_margin: round(members.reduce((s, g) => s + (g.points - g.line!), 0) / members.length, 1),
      games: [newest!, ...older],
    },
  };
}

/** A player's run of winning calls (graded calls newest first; pushes skipped), or null under the minimum. */
export function predictionStreakOf(calls: readonly StreakRow[], team: string | null): PredictionStreak | null {
  const sideOf = (c: StreakRow) => {
    if (c.points === c.line) return null;
    return (c.recommendation === 'OVER') === c.points > c.line! ? 'hit' : 'miss';
  };
  const { direction, members } = currentStreak(calls, sideOf);
  if (direction !== 'hit' || members.length < MIN_STREAK) return null;
  return {
    player_lookup: calls[0]!.player_lookup, player_full_name: calls[0]!.player_full_name, team, streak_length: members.length,
    streak_type: 'prediction_hits', started_on: members.at(-1)!.game_date, last_call_on: members[0]!.game_date,
  };
}

const byLookup = (a: { player_lookup: string }, b: { player_lookup: string }) => a.player_lookup.localeCompare(b.player_lookup);

/** Every player's streaks entering `date`, ordered and cut to the list limits. */
export function streaksEntering(rows: readonly StreakRow[], date: string): Pick<StreaksToday, 'streaks' | 'summary'> {
  const over: LineStreak[] = [];
  const under: LineStreak[] = [];
  const hits: PredictionStreak[] = [];
  for (const player of groupBy(entering(rows, date), (r) => r.player_lookup).values()) {
    const games = player.filter((r) => r.kind === 'game');
    const line = games.length === 0 ? null : lineStreakOf(games);
    if (line) (line.side === 'over' ? over : under).push(line.streak);
    const hit = predictionStreakOf(player.filter((r) => r.kind === 'call'), games[0]?.team ?? null);
    if (hit) hits.push(hit);
  }
  over.sort((a, b) => b.streak_length - a.streak_length || b.avg_margin - a.avg_margin || byLookup(a, b));
  under.sort((a, b) => b.streak_length - a.streak_length || a.avg_margin - b.avg_margin || byLookup(a, b));
  hits.sort((a, b) => b.streak_length - a.streak_length || b.last_call_on.localeCompare(a.last_call_on) || byLookup(a, b));
  const longest = (list: { streak_length: number }[]) => list[0]?.streak_length ?? 0;
  return {
    streaks: { over: over.slice(0, LIST_LIMITS.over), under: under.slice(0, LIST_LIMITS.under), prediction_hits: hits.slice(0, LIST_LIMITS.prediction_hits) },
    summary: {
      total_over_streaks: over.length, total_under_streaks: under.length, total_prediction_streaks: hits.length,
      longest_over: longest(over), longest_under: longest(under), longest_prediction: longest(hits),
    },
  };
}

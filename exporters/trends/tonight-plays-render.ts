/**
 * Pure detection for trends.tonight-plays: one player's recent games → a streak, momentum or rest
 * play; plays are de-duplicated per player (streak > momentum > rest) and ordered.
 */
import type { TrendsTonightPlays } from '../../generated/trends/tonight-plays.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { addDays } from '../../pipeline/time.ts';
import { round } from '../_shared.ts';
import { TONIGHT_COLUMNS, currentStreak, lineSideOf, tonightOf } from './_shared.ts';

export const STREAK_DAYS = 30;
export const MIN_STREAK = 3;
export const MOMENTUM_DAYS = 45;
export const MIN_MOMENTUM_PCT = 15;
/** A change must also be worth 2 points a game: 1.1 → 1.8 is +64 % but noise. */
export const MIN_MOMENTUM_PPG = 2;
export const REST = { freshMin: 3, freshMax: 7, tired: 1, minRestedGames: 5, minB2bGames: 3, minImpact: 2 } as const;

export const PLAY_COLUMNS = {
  team_abbr: 'string', ...TONIGHT_COLUMNS, player_lookup: 'string?', player_full_name: 'string?', position: 'string?', game_date: 'date?', points: 'integer>=0?',
  line: 'number>=0?', days_rest: 'integer?', overall_avg: 'number>=0?', rested_avg: 'number>=0?', rested_games: 'integer?', b2b_avg: 'number>=0?', b2b_games: 'integer?',
} as const;
export type PlayRow = RowOf<typeof PLAY_COLUMNS>;
type Play = TrendsTonightPlays['trend_plays'][number];
type Details<T extends Play['trend_type']> = Extract<Play, { trend_type: T }>['trend_details'];
type Detected = Pick<Play, 'trend_direction' | 'confidence'> & ({ trend_type: 'streak'; trend_details: Details<'streak'> } | { trend_type: 'momentum'; trend_details: Details<'momentum'> } | { trend_type: 'rest'; trend_details: Details<'rest'> });

const sideOf = (r: PlayRow) => lineSideOf(r.points, r.line);

/** Streak of OVER/UNDER games (pushes and games without a line skipped) in the 30 days before the date. */
export function streakPlay(games: readonly PlayRow[], date: string): Detected | null {
  const window = games.filter((g) => g.game_date! >= addDays(date, -STREAK_DAYS) && g.line !== null);
  const streak = currentStreak(window, sideOf);
  if (streak.direction === null || streak.members.length < MIN_STREAK) return null;
  const last10 = window.filter((g) => sideOf(g) !== null).slice(0, 10);
  const margin = window.reduce((sum, g) => sum + (g.points! - g.line!), 0) / window.length;
  return {
    trend_type: 'streak', trend_direction: streak.direction, confidence: streak.members.length >= 5 ? 'high' : 'medium',
    trend_details: { streak_length: streak.members.length, avg_margin: round(margin, 1), hit_rate_l10: round(last10.filter((g) => sideOf(g) === 'over').length / last10.length, 3) },
  };
}

/** Last 5 vs last 15 games (lines or not) in the 45 days before the date: a change of 15 % and 2 points or more. */
export function momentumPlay(games: readonly PlayRow[]): Detected | null {
  if (games.length < 10) return null;
  const avg = (gs: readonly PlayRow[]) => gs.reduce((sum, g) => sum + g.points!, 0) / gs.length;
  const l5 = avg(games.slice(0, 5));
  const l15 = avg(games.slice(0, 15));
  if (l15 === 0) return null;
  const pct = ((l5 - l15) / l15) * 100;
  if (Math.abs(pct) < MIN_MOMENTUM_PCT || Math.abs(l5 - l15) < MIN_MOMENTUM_PPG) return null;
  return {
    trend_type: 'momentum', trend_direction: l5 > l15 ? 'over' : 'under', confidence: Math.abs(pct) >= 25 ? 'high' : 'medium',
    trend_details: { momentum_type: l5 > l15 ? 'surging' : 'slumping', l5_avg: round(l5, 1), l15_avg: round(l15, 1), pct_change: round(pct, 1), ppg_change: round(l5 - l15, 1) },
  };
}

/** Fresh (3–7 days off) or tired (back-to-back) tonight, when his history on that rest differs from his average by 2+ points. */
export function restPlay(row: PlayRow): Detected | null {
  const { days_rest: days, overall_avg: overall } = row;
  if (days === null || overall === null) return null;
  const fresh = days >= REST.freshMin && days <= REST.freshMax;
  if (!fresh && days !== REST.tired) return null;
  const [avg, sample, minSample] = fresh ? [row.rested_avg, row.rested_games ?? 0, REST.minRestedGames] : [row.b2b_avg, row.b2b_games ?? 0, REST.minB2bGames];
  if (avg === null || sample < minSample || Math.abs(avg - overall) < REST.minImpact) return null;
  const impact = avg - overall;
  return {
    trend_type: 'rest', trend_direction: impact > 0 ? 'over' : 'under', confidence: sample >= 10 && Math.abs(impact) >= 3 ? 'high' : 'medium',
    trend_details: {
      rest_status: fresh ? 'fresh' : 'tired', days_rest: days, rested_avg: round(row.rested_avg, 1), b2b_avg: round(row.b2b_avg, 1), overall_avg: round(overall, 1),
      rest_impact: round(impact, 1), sample_games: sample,
    },
  };
}

/** One player's rows (newest game first; a player without games has one row with nulls) → his first play, if any. */
export function playFor(rows: readonly PlayRow[], date: string): Play | null {
  const first = rows[0]!;
  const games = rows.filter((r) => r.game_date !== null && r.points !== null);
  const detected = streakPlay(games, date) ?? momentumPlay(games) ?? restPlay(first);
  if (detected === null) return null;
  return { player_lookup: first.player_lookup!, player_full_name: first.player_full_name!, team_abbr: first.team_abbr, position: first.position, ...detected, tonight: tonightOf(first)! } as Play;
}

const TYPE_ORDER = { streak: 0, momentum: 1, rest: 2 } as const;
const strength = (p: Play): number[] => {
  if (p.trend_type === 'streak') return [p.trend_details.streak_length, Math.abs(p.trend_details.avg_margin ?? 0)];
  if (p.trend_type === 'momentum') return [Math.abs(p.trend_details.pct_change)];
  return [p.trend_details.rest_status === 'fresh' ? 1 : 0, Math.abs(p.trend_details.rest_impact)];
};

/** High confidence first, then streak, momentum, rest; within a type the stronger trend first; then player_lookup. */
export function comparePlays(a: Play, b: Play): number {
  const byStrength = strength(b).map((v, i) => v - strength(a)[i]!).find((d) => d !== 0) ?? 0;
  return Number(b.confidence === 'high') - Number(a.confidence === 'high') || TYPE_ORDER[a.trend_type] - TYPE_ORDER[b.trend_type] || byStrength
    || a.player_lookup.localeCompare(b.player_lookup);
}

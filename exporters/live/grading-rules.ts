/**
 * Live grading rules (spec §9, with its defects fixed; ). Pure.
 *
 * - Points never go down, so an OVER whose points are already past the line has won, and an
 *   UNDER past the line has lost, while the game is still on.
 * - At the final, points exactly on the line are a push (its own outcome, never a loss).
 * - A player who has not played when the game is final (listed with 0 minutes, or not listed at
 *   all) is void: neither pending forever nor graded on 0 points.
 * - Undecided calls in a game under way trend by a projection from game time elapsed (points ×
 *   48 / minutes elapsed, from 6 minutes on) instead of the old ±5-point band.
 * - Every row has the same keys; what does not apply is null (`error` is 0 for a perfect call).
 */
import type { LiveGameStatus } from '../../pipeline/ports.ts';
import { round } from '../_shared.ts';
import { minutesOf } from './_shared.ts';

export type GradeStatus = 'pending' | 'in_progress' | 'trending_correct' | 'trending_incorrect' | 'correct' | 'incorrect' | 'push' | 'void' | 'graded';
export type GradeResult = 'WIN' | 'LOSS' | 'PUSH' | 'VOID' | 'PASS' | 'NO_LINE' | 'PENDING';

/** Display order: decided first, pending last (then confidence, highest first). */
export const GRADE_STATUS_RANK: Readonly<Record<GradeStatus, number>> = {
  correct: 0, incorrect: 1, push: 2, trending_correct: 3, trending_incorrect: 4, in_progress: 5, graded: 6, void: 7, pending: 8,
};

/** Minutes of game time before a projection is shown. */
export const MIN_PROJECTION_MINUTES = 6;

export interface GameState { status: LiveGameStatus; period: number; clock: string | null }
export interface PlayerLine { points: number; minutes: string | null }

export interface GradeInput {
  recommendation: string;
  line: number | null;
  predicted: number;
  /** The feed's game; undefined when the feed does not list it. */
  game: GameState | undefined;
  /** The player's line in that game; undefined when not listed. */
  player: PlayerLine | undefined;
}

export interface Grade {
  status: GradeStatus;
  result: GradeResult;
  actual: number | null;
  minutes: string | null;
  error: number | null;
  margin_vs_line: number | null;
}

const hasPlayed = (p: PlayerLine | undefined): p is PlayerLine => p !== undefined && (minutesOf(p.minutes) > 0 || p.points > 0);

export function gradePrediction(input: GradeInput): Grade {
  const { game, player, line, recommendation } = input;
  const bet = (recommendation === 'OVER' || recommendation === 'UNDER') && line !== null;
  const noBet: GradeResult = recommendation === 'PASS' ? 'PASS' : 'NO_LINE';
  const empty = { actual: null, minutes: null, error: null, margin_vs_line: null };
  if (game === undefined || game.status === 'scheduled') return { status: 'pending', result: bet ? 'PENDING' : noBet, ...empty };
  const final = game.status === 'final';
  if (!hasPlayed(player)) {
    if (final) return { status: 'void', result: bet ? 'VOID' : noBet, ...empty };
    return { status: 'in_progress', result: bet ? 'PENDING' : noBet, ...empty };
  }
  const actual = player.points;
  const facts = { actual, minutes: player.minutes, error: round(input.predicted - actual, 1), margin_vs_line: line === null ? null : round(actual - line, 1) };
  if (!bet) return { status: final ? 'graded' : 'in_progress', result: noBet, ...facts };
  const over = recommendation === 'OVER';
  if (actual > line) return { status: over ? 'correct' : 'incorrect', result: over ? 'WIN' : 'LOSS', ...facts };
  if (final && actual === line) return { status: 'push', result: 'PUSH', ...facts };
  if (final) return { status: over ? 'incorrect' : 'correct', result: over ? 'LOSS' : 'WIN', ...facts };
  return { status: trendOf(over, actual, line, game), result: 'PENDING', ...facts };
}

function trendOf(over: boolean, actual: number, line: number, game: GameState): GradeStatus {
  const elapsed = gameMinutesElapsed(game);
  if (elapsed < MIN_PROJECTION_MINUTES) return 'in_progress';
  const projected = (actual * Math.max(48, elapsed)) / elapsed;
  if (projected === line) return 'in_progress';
  return (projected > line) === over ? 'trending_correct' : 'trending_incorrect';
}

/** Game minutes played so far from the period and the clock (12-minute quarters, 5-minute overtimes). */
export function gameMinutesElapsed(game: Pick<GameState, 'period' | 'clock'>): number {
  if (game.period <= 0) return 0;
  const length = game.period <= 4 ? 12 : 5;
  const start = game.period <= 4 ? (game.period - 1) * 12 : 48 + (game.period - 5) * 5;
  const m = /(\d{1,2}):(\d{2})(?:\.\d+)?\s*$/.exec(game.clock ?? '');
  const remaining = m ? Number(m[1]) + Number(m[2]) / 60 : length / 2;
  return start + Math.min(length, Math.max(0, length - remaining));
}

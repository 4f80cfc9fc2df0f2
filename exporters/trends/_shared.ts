/**
 * Rules shared by the trends family (and streaks): the outcome of a game against its points
 * line, the current streak of a sequence of outcomes, tonight's game of a team, and disjoint
 * top/bottom lists. Pure functions.
 *
 * A push (points exactly on the line) is neither OVER nor UNDER here: the box-score table labels
 * it OVER (sources.md §1.2), which every old trends endpoint inherited.
 */
import { EASTERN_TIME_ZONE } from '../../pipeline/time.ts';

export type LineResult = 'OVER' | 'UNDER' | 'PUSH';

/** OVER when points > line, UNDER when below, PUSH when equal; null without a line or points. */
export function lineResultOf(points: number | null, line: number | null): LineResult | null {
  if (points === null || line === null) return null;
  return points > line ? 'OVER' : points < line ? 'UNDER' : 'PUSH';
}

/** `over` / `under` of a game against its line; null for a push or without a line. */
export function lineSideOf(points: number | null, line: number | null): 'over' | 'under' | null {
  const result = lineResultOf(points, line);
  return result === 'OVER' ? 'over' : result === 'UNDER' ? 'under' : null;
}

export interface Streak<T, D extends string> {
  /** Side of the newest decided item; null when no item is decided. */
  direction: D | null;
  /** The decided items of the streak, newest first (skipped items are not members). */
  members: T[];
}

/**
 * The current streak of `items` (newest first): the run of decided items on the side of the
 * newest decided one. `sideOf` returns the item's side, `null` to skip it (a push, a game without
 * a line: it neither extends nor breaks the run).
 */
export function currentStreak<T, D extends string>(items: readonly T[], sideOf: (item: T) => D | null): Streak<T, D> {
  let direction: D | null = null;
  const members: T[] = [];
  for (const item of items) {
    const side = sideOf(item);
    if (side === null) continue;
    if (direction !== null && side !== direction) break;
    direction = side;
    members.push(item);
  }
  return { direction, members };
}

/** Rows grouped by a key, in first-seen order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * The two ends of a ranking without overlap: the first `n` in `topOrder` and the first `n` of
 * the rest in `bottomOrder`. With fewer than 2n items the top takes the larger half.
 */
export function disjointEnds<T>(items: readonly T[], n: number, topOrder: (a: T, b: T) => number, bottomOrder: (a: T, b: T) => number): { top: T[]; bottom: T[] } {
  const top = [...items].sort(topOrder).slice(0, Math.min(n, Math.ceil(items.length / 2)));
  const rest = items.filter((item) => !top.includes(item));
  return { top, bottom: rest.sort(bottomOrder).slice(0, n) };
}

const TIP_FORMAT = new Intl.DateTimeFormat('en-US', { timeZone: EASTERN_TIME_ZONE, hour: 'numeric', minute: '2-digit', hour12: true });

/** Tip-off instant as New York wall time, `7:30 PM ET` (no padding; the old files showed UTC, F-3). */
export function formatTipTime(instant: string): string {
  const parts = TIP_FORMAT.formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('dayPeriod').toUpperCase()} ET`;
}

/** The tonight columns every trends query selects for a player's current team (see tonightTeams). */
export interface TonightColumns {
  readonly tonight_game_id: string | null;
  readonly tonight_opponent: string | null;
  readonly tonight_home: boolean | null;
  readonly tonight_tipoff: string | null;
}

export const TONIGHT_COLUMNS = { tonight_game_id: 'string?', tonight_opponent: 'string?', tonight_home: 'boolean?', tonight_tipoff: 'timestamp?' } as const;

export interface TonightGame { game_id: string; opponent: string; home: boolean; game_time: string | null; tipoff_at: string | null }

/** Tonight's game of the row's team, or null when the team does not play on the date. */
export function tonightOf(row: TonightColumns): TonightGame | null {
  if (row.tonight_game_id === null || row.tonight_opponent === null || row.tonight_home === null) return null;
  return {
    game_id: row.tonight_game_id, opponent: row.tonight_opponent, home: row.tonight_home,
    game_time: row.tonight_tipoff === null ? null : formatTipTime(row.tonight_tipoff), tipoff_at: row.tonight_tipoff,
  };
}

/**
 * Betting lines. The market prices each rotation player near his true expectation but leans toward
 * his last five games and adds 1.5 points of noise; the recency lean is what a moving average
 * cannot exploit, so the baseline system lands near 50 % while the model systems win narrowly. Most
 * lines end in .5; about one in eight is a whole number, so pushes happen. A line sometimes moves
 * across an integer during the day (the cause of duplicate prediction rows) and before the close.
 */
import type { Participant } from './box-scores.ts';
import type { Random } from './random.ts';
import { meanOfLast, seasonAverage } from './state.ts';

export interface MarketLine {
  /** The line when predictions ran. */
  current: number;
  /** An earlier line with a different integer part, when the line moved during the day. */
  earlier: number | null;
  /** The closing line (`player_game_summary.points_line`). */
  closing: number;
}

/** The line a prediction used and where it came from. */
export interface PredictionLine {
  value: number | null;
  source: 'ACTUAL_PROP' | 'ESTIMATED_AVG' | null;
  earlier: number | null;
}

const MARKET_ERROR_SD = 1.1;
/** How far the market leans toward the last five games (it overreacts to recent form). */
const RECENCY_WEIGHT = 0.35;
const WHOLE_LINE_SHARE = 0.12;
const MIN_MINUTES_FOR_A_LINE = 14;

function toLine(points: number, random: Random): number {
  if (random.chance(WHOLE_LINE_SHARE)) return Math.max(1, Math.round(points));
  return Math.max(0.5, Math.floor(points) + 0.5);
}

/** The market's line for a player, or null when books do not offer one (bench players, the injured). */
export function marketLine(p: Participant, random: Random): MarketLine | null {
  if (!p.availability.plays || p.expectedMinutes < MIN_MINUTES_FOR_A_LINE || !random.chance(0.96)) return null;
  const recent = meanOfLast(p.state.recent.map((g) => g.points), 5);
  const anchor = recent === null ? p.expectedPoints : p.expectedPoints + RECENCY_WEIGHT * (recent - p.expectedPoints);
  const current = toLine(anchor + random.normal(0, MARKET_ERROR_SD), random);
  const earlier = random.chance(0.05) ? (current >= 1.5 && random.chance(0.5) ? current - 1 : current + 1) : null;
  const closing = random.chance(0.1) ? Math.max(0.5, current + (random.chance(0.5) ? 0.5 : -0.5)) : current;
  return { current, earlier, closing };
}

/** Without a market line, some predictions fall back to the season average (`ESTIMATED_AVG`). */
export function predictionLine(p: Participant, market: MarketLine | null, random: Random): PredictionLine {
  if (market) return { value: market.current, source: 'ACTUAL_PROP', earlier: market.earlier };
  const average = seasonAverage(p.state);
  if (average !== null && random.chance(0.35)) return { value: Math.floor(average) + 0.5, source: 'ESTIMATED_AVG', earlier: null };
  return { value: null, source: null, earlier: null };
}

/** American odds near −110 for one side, and the matching other side with a small hold. */
export function offerOdds(random: Random): [over: number, under: number] {
  const overProbability = Math.min(0.62, Math.max(0.42, random.normal(0.5, 0.035)));
  const toAmerican = (p: number): number => (p >= 0.5 ? -Math.round((100 * p) / (1 - p)) : Math.round((100 * (1 - p)) / p));
  const hold = 0.024;
  return [toAmerican(overProbability + hold), toAmerican(1 - overProbability + hold)];
}

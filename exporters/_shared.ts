/**
 * Formatting rules shared by every family: rounding, tiers and outcome labels. Pure functions;
 * numbers are checked with null tests, never truthiness (a 0 stays 0, spec R-4).
 */

/** Round half away from zero to `decimals` places; null stays null. */
export function round(value: number, decimals: number): number;
export function round(value: number | null, decimals: number): number | null;
export function round(value: number | null, decimals: number): number | null {
  if (value === null) return null;
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  // The epsilon absorbs binary representation error (1.005 * 100 = 100.49999…).
  const rounded = Math.round(scaled + scaled * Number.EPSILON) / factor;
  return value < 0 ? -rounded : rounded;
}

/** numerator / denominator rounded, or null when the denominator is 0. */
export function ratio(numerator: number, denominator: number, decimals = 3): number | null {
  return denominator === 0 ? null : round(numerator / denominator, decimals);
}

/** Mean of the values, rounded; null for an empty list. */
export function mean(values: readonly number[], decimals: number): number | null {
  if (values.length === 0) return null;
  return round(values.reduce((sum, v) => sum + v, 0) / values.length, decimals);
}

export type ConfidenceTier = 'high' | 'medium' | 'low';

/** high ≥ 0.70, medium ≥ 0.55, else low; unknown is low (spec results §2). */
export function confidenceTier(confidence: number | null): ConfidenceTier {
  if (confidence === null) return 'low';
  if (confidence >= 0.7) return 'high';
  if (confidence >= 0.55) return 'medium';
  return 'low';
}

export type PlayerTier = 'elite' | 'starter' | 'role_player';

/** elite ≥ 25, starter ≥ 15 season points per game, else (or unknown) role_player. */
export function playerTier(seasonPpg: number | null): PlayerTier {
  if (seasonPpg === null) return 'role_player';
  if (seasonPpg >= 25) return 'elite';
  if (seasonPpg >= 15) return 'starter';
  return 'role_player';
}

export type Recommendation = 'OVER' | 'UNDER' | 'PASS' | 'NO_LINE';

export function isRecommendation(value: string): value is Recommendation {
  return value === 'OVER' || value === 'UNDER' || value === 'PASS' || value === 'NO_LINE';
}

/** Graded outcome of one call. A push is its own outcome, never a loss (spec R-3). */
export type Outcome = 'WIN' | 'LOSS' | 'PUSH' | 'PASS' | 'NO_LINE';

export function outcomeOf(recommendation: string, line: number | null, actual: number): Outcome {
  if (recommendation === 'PASS') return 'PASS';
  if ((recommendation !== 'OVER' && recommendation !== 'UNDER') || line === null) return 'NO_LINE';
  if (actual === line) return 'PUSH';
  return (recommendation === 'OVER') === actual > line ? 'WIN' : 'LOSS';
}

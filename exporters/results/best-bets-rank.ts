/**
 * Pure scoring and ranking for results.best-bets (spec §4, with R-8 fixed): pushes are neither
 * hits nor misses, history is the current season, small samples are shrunk toward the league
 * rate, proven players rank ahead of players with little history, ties break deterministically.
 */
import type { BestBetsDaily } from '../../generated/results/best-bets.ts';
import { outcomeOf, ratio, round } from '../_shared.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';

/** The row contract of the exporter's query (one row per call of the slate), which the ranking reads. */
export const BEST_BET_COLUMNS = {
  game_date: 'date', player_lookup: 'string', player_full_name: 'string', game_id: 'string', team: 'string?', home_team: 'string?',
  away_team: 'string?', recommendation: 'string', line: 'number>=0', predicted_points: 'number>=0', confidence_score: 'number',
  fatigue_score: 'number?', hist_wins: 'integer', hist_losses: 'integer', league_wins: 'integer', league_losses: 'integer', actual_points: 'integer>=0?',
} as const;
export type BestBetRow = RowOf<typeof BEST_BET_COLUMNS>;

type Pick = BestBetsDaily['picks'][number];

export const TOP_N = 15;
/** Decided calls this season that make a track record "proven". */
export const MIN_SAMPLE = 5;
/** Strength of the league-rate prior, in calls. */
export const PRIOR_CALLS = 10;
/** Minimum criteria for any pick. */
export const MIN_CONFIDENCE = 0.55;
export const MIN_ABS_EDGE = 1.0;

export const METHODOLOGY =
  `OVER/UNDER calls with confidence ≥ ${Math.round(MIN_CONFIDENCE * 100)}% and |edge| ≥ ${MIN_ABS_EDGE.toFixed(1)} points, ranked by composite score ` +
  `(confidence × edge factor × season win rate shrunk toward the league rate); players with at least ${MIN_SAMPLE} decided calls this season rank first`;

export interface Scored { row: BestBetRow; edge: number; composite: number; proven: boolean }

export function scoreRow(row: BestBetRow): Scored {
  const edge = row.predicted_points - row.line;
  const decided = row.hist_wins + row.hist_losses;
  const leagueDecided = row.league_wins + row.league_losses;
  const leagueRate = leagueDecided === 0 ? 0.5 : row.league_wins / leagueDecided;
  const historyFactor = (row.hist_wins + PRIOR_CALLS * leagueRate) / (decided + PRIOR_CALLS);
  const edgeFactor = Math.min(1.5, 1 + Math.abs(edge) / 10);
  return { row, edge, composite: row.confidence_score * edgeFactor * historyFactor, proven: decided >= MIN_SAMPLE };
}

export function isEligible(row: BestBetRow): boolean {
  return row.confidence_score >= MIN_CONFIDENCE && Math.abs(row.predicted_points - row.line) >= MIN_ABS_EDGE;
}

/** Proven first, then composite, confidence and |edge| descending, then player_lookup. */
export function compareScored(a: Scored, b: Scored): number {
  return Number(b.proven) - Number(a.proven) || b.composite - a.composite || b.row.confidence_score - a.row.confidence_score
    || Math.abs(b.edge) - Math.abs(a.edge) || a.row.player_lookup.localeCompare(b.row.player_lookup);
}

export function rankPicks(rows: readonly BestBetRow[]): Pick[] {
  return rows.filter(isEligible).map(scoreRow).sort(compareScored).slice(0, TOP_N).map((scored, i) => toPick(scored, i + 1));
}

export function fatigueLevel(score: number | null): Pick['fatigue_level'] {
  if (score === null) return null;
  return score >= 95 ? 'fresh' : score >= 75 ? 'normal' : 'tired';
}

export function rationaleFor(scored: Scored): Pick['rationale'] {
  const { row, edge } = scored;
  const reasons: string[] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (row.confidence_score >= 0.8) reasons.push(`High confidence (${pct(row.confidence_score)})`);
  else if (row.confidence_score >= 0.7) reasons.push(`Good confidence (${pct(row.confidence_score)})`);
  if (Math.abs(edge) >= 4) reasons.push(`Strong edge (${Math.abs(edge).toFixed(1)} points)`);
  else if (Math.abs(edge) >= 2.5) reasons.push(`Solid edge (${Math.abs(edge).toFixed(1)} points)`);
  const decided = row.hist_wins + row.hist_losses;
  const accuracy = decided === 0 ? 0 : row.hist_wins / decided;
  if (decided >= MIN_SAMPLE && accuracy >= 0.8) reasons.push(`Strong track record (${pct(accuracy)} accuracy, ${decided} games)`);
  else if (decided >= MIN_SAMPLE && accuracy >= 0.7) reasons.push(`Good track record (${pct(accuracy)} accuracy, ${decided} games)`);
  if (row.fatigue_score !== null && row.fatigue_score >= 95) reasons.push(`Well-rested (fatigue: ${Math.round(row.fatigue_score)})`);
  else if (row.fatigue_score !== null && row.fatigue_score < 75) reasons.push(`Elevated fatigue (fatigue: ${Math.round(row.fatigue_score)})`);
  const [first = `Meets minimum criteria (confidence ≥ ${pct(MIN_CONFIDENCE)}, edge ≥ ${MIN_ABS_EDGE.toFixed(1)} points)`, ...rest] = reasons;
  return [first, ...rest];
}

function toPick(scored: Scored, rank: number): Pick {
  const { row } = scored;
  const isHome = row.team !== null && row.home_team !== null ? row.team === row.home_team : null;
  const decided = row.hist_wins + row.hist_losses;
  const outcome = row.actual_points === null ? 'PENDING' : outcomeOf(row.recommendation, row.line, row.actual_points);
  return {
    rank, player_lookup: row.player_lookup, player_full_name: row.player_full_name, game_id: row.game_id, team: row.team,
    opponent: isHome === null ? null : isHome ? row.away_team : row.home_team,
    recommendation: row.recommendation as Pick['recommendation'], line: round(row.line, 1), predicted: round(row.predicted_points, 1),
    edge: round(scored.edge, 1), confidence: round(row.confidence_score, 2), composite_score: round(scored.composite, 3),
    track_record: scored.proven ? 'proven' : 'limited', player_historical_accuracy: ratio(row.hist_wins, decided), player_sample_size: decided,
    fatigue_score: row.fatigue_score, fatigue_level: fatigueLevel(row.fatigue_score), rationale: rationaleFor(scored),
    result: outcome as Pick['result'], actual: row.actual_points, error: row.actual_points === null ? null : round(Math.abs(row.predicted_points - row.actual_points), 1),
  };
}

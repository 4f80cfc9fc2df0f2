/**
 * Pure formatting for results.daily: the query's row contract, and rows → result rows, summary,
 * breakdowns, highlights.
 * A push is neither a win nor a loss; rates are null when undefined; a 0 stays 0.
 */
import type { ResultsDaily } from '../../generated/results/daily.ts';
import { confidenceTier, mean, outcomeOf, playerTier, ratio, round } from '../_shared.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';

/** The row contract of the exporter's query (one row per graded call), which the formatting reads. */
export const RESULT_COLUMNS = {
  game_date: 'date', player_lookup: 'string', player_full_name: 'string', game_id: 'string', team: 'string?',
  home_team: 'string?', away_team: 'string?', predicted_points: 'number>=0', actual_points: 'integer>=0', line_value: 'number>=0?',
  recommendation: 'string', absolute_error: 'number?', signed_error: 'number?', confidence_score: 'number?',
  minutes_played: 'number>=0?', season_ppg: 'number?', days_rest: 'integer?',
} as const;
export type ResultQueryRow = RowOf<typeof RESULT_COLUMNS>;

type ResultRow = ResultsDaily['results'][number];
type BreakdownStats = ResultsDaily['breakdowns']['by_confidence']['high'];

export function toResultRow(row: ResultQueryRow): ResultRow {
  const team = row.team;
  const known = team !== null && row.home_team !== null && (team === row.home_team || team === row.away_team);
  const isHome = known ? team === row.home_team : null;
  const seasonPpg = round(row.season_ppg, 1);
  return {
    player_lookup: row.player_lookup,
    player_full_name: row.player_full_name,
    game_id: row.game_id,
    team,
    opponent: isHome === null ? null : isHome ? row.away_team : row.home_team,
    home_team: row.home_team,
    away_team: row.away_team,
    is_home: isHome,
    predicted: round(row.predicted_points, 1),
    actual: row.actual_points,
    line: round(row.line_value, 1),
    recommendation: row.recommendation as ResultRow['recommendation'],
    result: outcomeOf(row.recommendation, row.line_value, row.actual_points),
    error: round(row.absolute_error, 1),
    bias: round(row.signed_error, 1),
    confidence: round(row.confidence_score, 2),
    minutes: round(row.minutes_played, 1),
    confidence_tier: confidenceTier(row.confidence_score),
    player_tier: playerTier(row.season_ppg),
    season_ppg: seasonPpg,
    is_back_to_back: row.days_rest === null ? null : row.days_rest === 1,
    days_rest: row.days_rest,
  };
}

const isCall = (r: ResultRow) => r.recommendation === 'OVER' || r.recommendation === 'UNDER';
const count = (rows: readonly ResultRow[], test: (r: ResultRow) => boolean) => rows.filter(test).length;
const errors = (rows: readonly ResultRow[]) => rows.map((r) => r.error).filter((e): e is number => e !== null);

export function summarise(rows: readonly ResultRow[]): ResultsDaily['summary'] {
  const wins = count(rows, (r) => r.result === 'WIN');
  const losses = count(rows, (r) => r.result === 'LOSS');
  const within3 = count(rows, (r) => r.error !== null && r.error <= 3);
  const within5 = count(rows, (r) => r.error !== null && r.error <= 5);
  return {
    total_predictions: rows.length,
    recommendations: count(rows, isCall),
    correct: wins,
    incorrect: losses,
    pushes: count(rows, (r) => isCall(r) && r.result === 'PUSH'),
    pass_count: count(rows, (r) => r.result === 'PASS'),
    no_line_count: count(rows, (r) => r.result === 'NO_LINE'),
    win_rate: ratio(wins, wins + losses),
    avg_mae: mean(errors(rows), 2),
    avg_bias: mean(rows.map((r) => r.bias).filter((b): b is number => b !== null), 2),
    within_3_points: within3,
    within_3_pct: ratio(within3, rows.length),
    within_5_points: within5,
    within_5_pct: ratio(within5, rows.length),
  };
}

function stats(rows: readonly ResultRow[]): BreakdownStats {
  const wins = count(rows, (r) => r.result === 'WIN');
  const losses = count(rows, (r) => r.result === 'LOSS');
  return { total: rows.length, wins, losses, pushes: count(rows, (r) => r.result === 'PUSH'), win_rate: ratio(wins, wins + losses), avg_error: mean(errors(rows), 2) };
}

export function breakdownsOf(rows: readonly ResultRow[]): ResultsDaily['breakdowns'] {
  const calls = rows.filter((r) => isCall(r) && r.result !== 'NO_LINE');
  const where = (test: (r: ResultRow) => boolean) => stats(calls.filter(test));
  return {
    by_player_tier: { elite: where((r) => r.player_tier === 'elite'), starter: where((r) => r.player_tier === 'starter'), role_player: where((r) => r.player_tier === 'role_player') },
    by_confidence: { high: where((r) => r.confidence_tier === 'high'), medium: where((r) => r.confidence_tier === 'medium'), low: where((r) => r.confidence_tier === 'low') },
    by_recommendation: { over: where((r) => r.recommendation === 'OVER'), under: where((r) => r.recommendation === 'UNDER') },
    by_context: {
      home: where((r) => r.is_home === true),
      away: where((r) => r.is_home === false),
      unknown: where((r) => r.is_home === null),
      back_to_back: where((r) => r.is_back_to_back === true),
      rested: where((r) => r.days_rest !== null && r.days_rest >= 2),
    },
  };
}

type Highlight = NonNullable<ResultsDaily['highlights']['best_prediction']>;

function highlight(row: ResultRow): Highlight {
  return { player: row.player_lookup, player_full_name: row.player_full_name, team: row.team, predicted: row.predicted, actual: row.actual, error: row.error!, minutes: row.minutes };
}

/** Best = smallest error, worst = largest; ties keep the first row in (game_id, player_lookup) order. */
export function highlightsOf(rows: readonly ResultRow[]): ResultsDaily['highlights'] {
  let best: ResultRow | undefined;
  let worst: ResultRow | undefined;
  for (const row of rows) {
    if (row.error === null) continue;
    if (!best || row.error < best.error!) best = row;
    if (!worst || row.error > worst.error!) worst = row;
  }
  return { best_prediction: best ? highlight(best) : null, worst_prediction: worst ? highlight(worst) : null };
}

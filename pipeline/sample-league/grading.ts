/**
 * Grading, as the Phase 5B processor does it (sources.md §1.3.2): every prediction row of the date
 * (no `is_active` filter, no de-duplication) joined to the player's box score by `player_lookup`;
 * predictions without a box-score row are dropped; team, opponent and minutes come from the box
 * score. `system_daily_performance` is then aggregated from the graded rows in SQL (§1.3.3).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Row } from './ddl.ts';
import type { PredictionRow } from './predictions.ts';

export type GradedRow = Row<'nba_predictions.prediction_accuracy'>;

/** What grading reads from `player_game_summary`. */
export interface Actual {
  teamAbbr: string;
  opponentAbbr: string;
  points: number;
  minutes: number;
}

/**
 * Whether the recommendation was right: NULL for PASS / NO_LINE, for a missing line and for an
 * exact push; otherwise whether the actual result fell on the recommended side.
 */
export function isCorrect(recommendation: string, line: number | null, actual: number): boolean | null {
  if ((recommendation !== 'OVER' && recommendation !== 'UNDER') || line === null || actual === line) return null;
  return recommendation === 'OVER' ? actual > line : actual < line;
}

/** One graded row per prediction row; none when the player has no box score. */
export function gradePredictions(predictions: readonly PredictionRow[], actual: Actual | undefined, gradedAt: Date): GradedRow[] {
  if (!actual) return [];
  return predictions.map((p) => {
    // Tenths as integers, so that the error columns and the within-N flags are exact.
    const signedTenths = Math.round(p.predicted_points * 10) - actual.points * 10;
    const absoluteTenths = Math.abs(signedTenths);
    return {
      player_lookup: p.player_lookup, game_id: p.game_id, game_date: p.game_date, system_id: p.system_id,
      team_abbr: actual.teamAbbr, opponent_team_abbr: actual.opponentAbbr, predicted_points: p.predicted_points,
      confidence_score: p.confidence_score, recommendation: p.recommendation, line_value: p.current_points_line,
      actual_points: actual.points, minutes_played: actual.minutes, absolute_error: absoluteTenths / 10,
      signed_error: signedTenths / 10, prediction_correct: isCorrect(p.recommendation, p.current_points_line, actual.points),
      within_3_points: absoluteTenths <= 30, within_5_points: absoluteTenths <= 50, has_prop_line: p.has_prop_line,
      line_source: p.line_source, graded_at: gradedAt,
    };
  });
}

/** The table `aggregateDailyPerformance` fills. */
export const DAILY_PERFORMANCE_TABLE = 'nba_predictions.system_daily_performance';

/**
 * Fills `system_daily_performance` from `prediction_accuracy`. Keeps the real table's mixed
 * denominators: `high_confidence_count` counts every row with confidence ≥ 0.70 (PASS included)
 * while `high_confidence_win_rate` divides by the OVER/UNDER rows among them.
 */
export async function aggregateDailyPerformance(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    INSERT INTO ${DAILY_PERFORMANCE_TABLE}
    SELECT game_date, system_id,
      count(*) AS predictions_count,
      count(*) FILTER (recommendation IN ('OVER', 'UNDER')) AS recommendations_count,
      count(*) FILTER (prediction_correct) AS correct_count,
      count(*) FILTER (NOT prediction_correct) AS incorrect_count,
      count(*) FILTER (recommendation = 'PASS') AS pass_count,
      (correct_count / nullif(recommendations_count, 0))::DECIMAL(4,3) AS win_rate,
      avg(absolute_error)::DECIMAL(5,2) AS mae,
      avg(signed_error)::DECIMAL(5,2) AS avg_bias,
      count(*) FILTER (recommendation = 'OVER') AS over_count,
      count(*) FILTER (recommendation = 'OVER' AND prediction_correct) AS over_correct,
      (over_correct / nullif(over_count, 0))::DECIMAL(4,3) AS over_win_rate,
      count(*) FILTER (recommendation = 'UNDER') AS under_count,
      count(*) FILTER (recommendation = 'UNDER' AND prediction_correct) AS under_correct,
      (under_correct / nullif(under_count, 0))::DECIMAL(4,3) AS under_win_rate,
      count(*) FILTER (within_3_points) AS within_3_count,
      (within_3_count / count(*))::DECIMAL(4,3) AS within_3_pct,
      count(*) FILTER (within_5_points) AS within_5_count,
      (within_5_count / count(*))::DECIMAL(4,3) AS within_5_pct,
      avg(confidence_score)::DECIMAL(4,3) AS avg_confidence,
      count(*) FILTER (confidence_score >= 0.70) AS high_confidence_count,
      count(*) FILTER (confidence_score >= 0.70 AND prediction_correct) AS high_confidence_correct,
      (high_confidence_correct / nullif(count(*) FILTER (confidence_score >= 0.70 AND recommendation IN ('OVER', 'UNDER')), 0))::DECIMAL(4,3)
        AS high_confidence_win_rate,
      max(graded_at) + INTERVAL 5 MINUTE AS computed_at
    FROM nba_predictions.prediction_accuracy
    GROUP BY game_date, system_id
    ORDER BY game_date, system_id`);
}

/**
 * DDL of the `nba_predictions` dataset (sources.md §1.3.1–1.3.4): predictions, grading, the daily
 * per-system aggregate and the feature store. Columns beyond the spec's lists are the ones the
 * generator needs to reproduce a documented quirk (`superseded_by`, `graded_at`, …).
 */
import type { TableSpec } from './table-spec.ts';

export const PREDICTION_TABLES = {
  'nba_predictions.player_prop_predictions': {
    prediction_id: 'VARCHAR NOT NULL', system_id: 'VARCHAR NOT NULL', player_lookup: 'VARCHAR NOT NULL',
    universal_player_id: 'VARCHAR', game_date: 'DATE NOT NULL', game_id: 'VARCHAR NOT NULL',
    prediction_version: 'BIGINT NOT NULL', predicted_points: 'DECIMAL(5,1) NOT NULL',
    confidence_score: 'DECIMAL(5,2) NOT NULL', recommendation: 'VARCHAR NOT NULL', has_prop_line: 'BOOLEAN',
    current_points_line: 'DECIMAL(4,1)', line_margin: 'DECIMAL(5,2)', line_source: 'VARCHAR',
    pace_adjustment: 'DECIMAL(5,2)', similar_games_count: 'BIGINT', is_active: 'BOOLEAN NOT NULL',
    superseded_by: 'VARCHAR', created_at: 'TIMESTAMPTZ NOT NULL', updated_at: 'TIMESTAMPTZ',
  },
  'nba_predictions.prediction_accuracy': {
    player_lookup: 'VARCHAR NOT NULL', game_id: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL',
    system_id: 'VARCHAR NOT NULL', team_abbr: 'VARCHAR', opponent_team_abbr: 'VARCHAR',
    predicted_points: 'DECIMAL(5,1)', confidence_score: 'DECIMAL(4,3)', recommendation: 'VARCHAR',
    line_value: 'DECIMAL(5,1)', actual_points: 'BIGINT', minutes_played: 'DECIMAL(5,1)',
    absolute_error: 'DECIMAL(5,1)', signed_error: 'DECIMAL(5,1)', prediction_correct: 'BOOLEAN',
    within_3_points: 'BOOLEAN', within_5_points: 'BOOLEAN', has_prop_line: 'BOOLEAN', line_source: 'VARCHAR',
    graded_at: 'TIMESTAMPTZ',
  },
  'nba_predictions.system_daily_performance': {
    game_date: 'DATE NOT NULL', system_id: 'VARCHAR NOT NULL', predictions_count: 'BIGINT',
    recommendations_count: 'BIGINT', correct_count: 'BIGINT', incorrect_count: 'BIGINT', pass_count: 'BIGINT',
    win_rate: 'DECIMAL(4,3)', mae: 'DECIMAL(5,2)', avg_bias: 'DECIMAL(5,2)',
    over_count: 'BIGINT', over_correct: 'BIGINT', over_win_rate: 'DECIMAL(4,3)',
    under_count: 'BIGINT', under_correct: 'BIGINT', under_win_rate: 'DECIMAL(4,3)',
    within_3_count: 'BIGINT', within_3_pct: 'DECIMAL(4,3)', within_5_count: 'BIGINT', within_5_pct: 'DECIMAL(4,3)',
    avg_confidence: 'DECIMAL(4,3)', high_confidence_count: 'BIGINT', high_confidence_correct: 'BIGINT',
    high_confidence_win_rate: 'DECIMAL(4,3)', computed_at: 'TIMESTAMPTZ',
  },
  'nba_predictions.ml_feature_store_v2': {
    player_lookup: 'VARCHAR NOT NULL', game_id: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL',
    is_home: 'BOOLEAN', days_rest: 'BIGINT', features: 'DOUBLE[]', feature_count: 'BIGINT',
    feature_version: 'VARCHAR NOT NULL', created_at: 'TIMESTAMPTZ',
  },
} as const satisfies Record<string, TableSpec>;

/**
 * The tables and columns `spec/sources.md` §1.3 names, with the DuckDB types its tables give,
 * written out from the spec by hand (not derived from the generator's DDL) so that the schema
 * test checks the generator against the spec. "Other NN columns" the spec lists for the schedule
 * and BettingPros tables are included with the type the seed uses.
 */
export const SPEC_COLUMNS: Record<string, Record<string, string>> = {
  'nba_predictions.player_prop_predictions': {
    prediction_id: 'VARCHAR', system_id: 'VARCHAR', player_lookup: 'VARCHAR', game_date: 'DATE', game_id: 'VARCHAR',
    prediction_version: 'BIGINT', predicted_points: 'DECIMAL(5,1)', confidence_score: 'DECIMAL(5,2)', recommendation: 'VARCHAR',
    has_prop_line: 'BOOLEAN', current_points_line: 'DECIMAL(4,1)', line_margin: 'DECIMAL(5,2)', line_source: 'VARCHAR',
    pace_adjustment: 'DECIMAL(5,2)', similar_games_count: 'BIGINT', is_active: 'BOOLEAN', created_at: 'TIMESTAMP WITH TIME ZONE',
    updated_at: 'TIMESTAMP WITH TIME ZONE',
  },
  'nba_predictions.prediction_accuracy': {
    player_lookup: 'VARCHAR', game_id: 'VARCHAR', game_date: 'DATE', system_id: 'VARCHAR', team_abbr: 'VARCHAR',
    opponent_team_abbr: 'VARCHAR', predicted_points: 'DECIMAL(5,1)', confidence_score: 'DECIMAL(4,3)', recommendation: 'VARCHAR',
    line_value: 'DECIMAL(5,1)', actual_points: 'BIGINT', minutes_played: 'DECIMAL(5,1)', absolute_error: 'DECIMAL(5,1)',
    signed_error: 'DECIMAL(5,1)', prediction_correct: 'BOOLEAN', within_3_points: 'BOOLEAN', within_5_points: 'BOOLEAN',
  },
  'nba_predictions.system_daily_performance': {
    game_date: 'DATE', system_id: 'VARCHAR', predictions_count: 'BIGINT', recommendations_count: 'BIGINT', correct_count: 'BIGINT',
    pass_count: 'BIGINT', win_rate: 'DECIMAL(4,3)', mae: 'DECIMAL(5,2)', avg_bias: 'DECIMAL(5,2)', over_win_rate: 'DECIMAL(4,3)',
    under_win_rate: 'DECIMAL(4,3)', within_3_pct: 'DECIMAL(4,3)', within_5_pct: 'DECIMAL(4,3)', avg_confidence: 'DECIMAL(4,3)',
    high_confidence_count: 'BIGINT', high_confidence_correct: 'BIGINT', high_confidence_win_rate: 'DECIMAL(4,3)',
  },
  'nba_predictions.ml_feature_store_v2': {
    player_lookup: 'VARCHAR', game_id: 'VARCHAR', game_date: 'DATE', is_home: 'BOOLEAN', days_rest: 'BIGINT', features: 'DOUBLE[]',
    feature_version: 'VARCHAR',
  },
  'nba_analytics.player_game_summary': {
    player_lookup: 'VARCHAR', game_id: 'VARCHAR', game_date: 'DATE', team_abbr: 'VARCHAR', opponent_team_abbr: 'VARCHAR',
    season_year: 'BIGINT', points: 'BIGINT', minutes_played: 'DECIMAL(5,1)', assists: 'BIGINT', offensive_rebounds: 'BIGINT',
    defensive_rebounds: 'BIGINT', steals: 'BIGINT', blocks: 'BIGINT', turnovers: 'BIGINT', fg_makes: 'BIGINT', fg_attempts: 'BIGINT',
    three_pt_makes: 'BIGINT', three_pt_attempts: 'BIGINT', ft_makes: 'BIGINT', ft_attempts: 'BIGINT', win_flag: 'BOOLEAN',
    points_line: 'DECIMAL(4,1)', over_under_result: 'VARCHAR',
  },
  'nba_analytics.upcoming_player_game_context': {
    player_lookup: 'VARCHAR', game_id: 'VARCHAR', game_date: 'DATE', team_abbr: 'VARCHAR', opponent_team_abbr: 'VARCHAR',
    home_game: 'BOOLEAN', days_rest: 'BIGINT', back_to_back: 'BOOLEAN',
  },
  'nba_analytics.team_offense_game_summary': {
    game_id: 'VARCHAR', nba_game_id: 'VARCHAR', game_date: 'DATE', team_abbr: 'VARCHAR', points_scored: 'BIGINT',
    pace: 'DECIMAL(5,1)', home_game: 'BOOLEAN',
  },
  'nba_precompute.player_composite_factors': {
    player_lookup: 'VARCHAR', game_date: 'DATE', game_id: 'VARCHAR', fatigue_score: 'BIGINT', fatigue_context_json: 'VARCHAR',
  },
  'nba_precompute.player_shot_zone_analysis': {
    player_lookup: 'VARCHAR', analysis_date: 'DATE', paint_rate_last_10: 'DECIMAL(5,2)', mid_range_rate_last_10: 'DECIMAL(5,2)',
    three_pt_rate_last_10: 'DECIMAL(5,2)',
  },
  'nba_precompute.team_defense_zone_analysis': {
    team_abbr: 'VARCHAR', analysis_date: 'DATE', paint_pct_allowed_last_15: 'DECIMAL(5,3)', mid_range_pct_allowed_last_15: 'DECIMAL(5,3)',
    three_pt_pct_allowed_last_15: 'DECIMAL(5,3)', defensive_rating_last_15: 'DECIMAL(6,2)', opponent_points_per_game: 'DECIMAL(5,1)',
    opponent_pace: 'DECIMAL(5,1)',
  },
  'nba_reference.nba_players_registry': {
    player_lookup: 'VARCHAR', player_name: 'VARCHAR', season: 'VARCHAR', team_abbr: 'VARCHAR', position: 'VARCHAR',
    universal_player_id: 'VARCHAR',
  },
  'nba_raw.nbac_schedule': {
    game_id: 'VARCHAR', game_date: 'DATE', game_date_est: 'TIMESTAMP WITH TIME ZONE', game_status: 'BIGINT',
    home_team_tricode: 'VARCHAR', away_team_tricode: 'VARCHAR', game_code: 'VARCHAR', season: 'VARCHAR', season_nba_format: 'VARCHAR',
    season_year: 'BIGINT', home_team_id: 'BIGINT', home_team_name: 'VARCHAR', away_team_id: 'BIGINT', away_team_name: 'VARCHAR',
    source_file_path: 'VARCHAR', created_at: 'TIMESTAMP WITH TIME ZONE', processed_at: 'TIMESTAMP WITH TIME ZONE',
    home_team_score: 'BIGINT', away_team_score: 'BIGINT', winning_team_tricode: 'VARCHAR',
  },
  'nba_raw.nbac_injury_report': {
    report_date: 'DATE', report_hour: 'BIGINT', player_lookup: 'VARCHAR', injury_status: 'VARCHAR', reason: 'VARCHAR', game_id: 'VARCHAR',
  },
  'nba_raw.bettingpros_player_points_props': {
    game_date: 'DATE', player_lookup: 'VARCHAR', bet_side: 'VARCHAR', points_line: 'DOUBLE', odds_american: 'BIGINT',
    is_best_line: 'BOOLEAN', offer_id: 'VARCHAR', book_id: 'BIGINT', bookmaker: 'VARCHAR', market_type: 'VARCHAR', market_id: 'BIGINT',
    bp_event_id: 'BIGINT', bp_player_id: 'BIGINT', player_name: 'VARCHAR', player_team: 'VARCHAR', team_source: 'VARCHAR',
    has_team_issues: 'BOOLEAN', validation_confidence: 'DOUBLE', validation_method: 'VARCHAR', is_active: 'BOOLEAN',
    bookmaker_last_update: 'TIMESTAMP WITH TIME ZONE', source_file_path: 'VARCHAR', created_at: 'TIMESTAMP WITH TIME ZONE',
    processed_at: 'TIMESTAMP WITH TIME ZONE',
  },
  'nba_raw.bdl_player_boxscores': {
    bdl_player_id: 'BIGINT', player_lookup: 'VARCHAR', player_full_name: 'VARCHAR', game_date: 'DATE', game_id: 'VARCHAR',
  },
  'nba_raw.nbac_gamebook_player_stats': {
    game_id: 'VARCHAR', player_lookup: 'VARCHAR', minutes_decimal: 'DOUBLE', game_date: 'DATE',
  },
};

/**
 * DDL of the derived datasets (sources.md §1.3.5–1.3.11): `nba_analytics` (box scores, upcoming
 * context, team offence), `nba_precompute` (composite factors, shot zones, team defence) and
 * `nba_reference` (the player registry).
 */
import type { TableSpec } from './table-spec.ts';

export const ANALYTICS_TABLES = {
  'nba_analytics.player_game_summary': {
    player_lookup: 'VARCHAR NOT NULL', universal_player_id: 'VARCHAR', player_full_name: 'VARCHAR',
    game_id: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL', team_abbr: 'VARCHAR NOT NULL',
    opponent_team_abbr: 'VARCHAR NOT NULL', season_year: 'BIGINT NOT NULL', points: 'BIGINT',
    minutes_played: 'DECIMAL(5,1)', assists: 'BIGINT', offensive_rebounds: 'BIGINT', defensive_rebounds: 'BIGINT',
    steals: 'BIGINT', blocks: 'BIGINT', turnovers: 'BIGINT', fg_makes: 'BIGINT', fg_attempts: 'BIGINT',
    three_pt_makes: 'BIGINT', three_pt_attempts: 'BIGINT', ft_makes: 'BIGINT', ft_attempts: 'BIGINT',
    win_flag: 'BOOLEAN NOT NULL', points_line: 'DECIMAL(4,1)', over_under_result: 'VARCHAR',
    primary_source_used: 'VARCHAR',
  },
  'nba_analytics.upcoming_player_game_context': {
    player_lookup: 'VARCHAR NOT NULL', universal_player_id: 'VARCHAR', game_id: 'VARCHAR NOT NULL',
    game_date: 'DATE NOT NULL', team_abbr: 'VARCHAR NOT NULL', opponent_team_abbr: 'VARCHAR NOT NULL',
    home_game: 'BOOLEAN', days_rest: 'BIGINT', back_to_back: 'BOOLEAN', current_points_line: 'DECIMAL(4,1)',
    prop_source: 'VARCHAR', player_status: 'VARCHAR', season_year: 'BIGINT', processed_at: 'TIMESTAMPTZ',
  },
  'nba_analytics.team_offense_game_summary': {
    game_id: 'VARCHAR NOT NULL', nba_game_id: 'VARCHAR', game_date: 'DATE NOT NULL', season_year: 'BIGINT',
    team_abbr: 'VARCHAR NOT NULL', opponent_team_abbr: 'VARCHAR', points_scored: 'BIGINT',
    opponent_points: 'BIGINT', possessions: 'BIGINT', pace: 'DECIMAL(5,1)', home_game: 'BOOLEAN NOT NULL',
    win_flag: 'BOOLEAN',
  },
  'nba_precompute.player_composite_factors': {
    player_lookup: 'VARCHAR NOT NULL', universal_player_id: 'VARCHAR', game_date: 'DATE NOT NULL',
    game_id: 'VARCHAR NOT NULL', fatigue_score: 'BIGINT', fatigue_context_json: 'VARCHAR',
    processed_at: 'TIMESTAMPTZ',
  },
  'nba_precompute.player_shot_zone_analysis': {
    player_lookup: 'VARCHAR NOT NULL', universal_player_id: 'VARCHAR', analysis_date: 'DATE NOT NULL',
    games_in_sample_10: 'BIGINT', paint_rate_last_10: 'DECIMAL(5,2)', mid_range_rate_last_10: 'DECIMAL(5,2)',
    three_pt_rate_last_10: 'DECIMAL(5,2)', season_year: 'BIGINT',
  },
  'nba_precompute.team_defense_zone_analysis': {
    team_abbr: 'VARCHAR NOT NULL', analysis_date: 'DATE NOT NULL', games_in_sample: 'BIGINT',
    paint_pct_allowed_last_15: 'DECIMAL(5,3)', mid_range_pct_allowed_last_15: 'DECIMAL(5,3)',
    three_pt_pct_allowed_last_15: 'DECIMAL(5,3)', defensive_rating_last_15: 'DECIMAL(6,2)',
    opponent_points_per_game: 'DECIMAL(5,1)', opponent_pace: 'DECIMAL(5,1)', season_year: 'BIGINT',
  },
  'nba_reference.nba_players_registry': {
    universal_player_id: 'VARCHAR', player_lookup: 'VARCHAR NOT NULL', player_name: 'VARCHAR NOT NULL',
    season: 'VARCHAR NOT NULL', team_abbr: 'VARCHAR NOT NULL', position: 'VARCHAR', jersey_number: 'VARCHAR',
    games_played: 'BIGINT', first_game_date: 'DATE', last_game_date: 'DATE',
  },
} as const satisfies Record<string, TableSpec>;

/**
 * DDL of the `nba_raw` dataset (sources.md §1.3.12–1.3.16): schedule, injury report, BettingPros
 * offers, balldontlie and NBA.com gamebook box scores, including the other NOT NULL columns the
 * spec lists for the schedule and BettingPros tables.
 */
import type { TableSpec } from './table-spec.ts';

export const RAW_TABLES = {
  'nba_raw.nbac_schedule': {
    game_id: 'VARCHAR NOT NULL', game_code: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL',
    game_date_est: 'TIMESTAMPTZ', game_status: 'BIGINT', game_status_text: 'VARCHAR',
    season: 'VARCHAR NOT NULL', season_nba_format: 'VARCHAR NOT NULL', season_year: 'BIGINT NOT NULL',
    home_team_id: 'BIGINT NOT NULL', home_team_name: 'VARCHAR NOT NULL', home_team_tricode: 'VARCHAR NOT NULL',
    away_team_id: 'BIGINT NOT NULL', away_team_name: 'VARCHAR NOT NULL', away_team_tricode: 'VARCHAR NOT NULL',
    home_team_score: 'BIGINT', away_team_score: 'BIGINT', winning_team_tricode: 'VARCHAR',
    is_regular_season: 'BOOLEAN', data_source: 'VARCHAR', source_file_path: 'VARCHAR NOT NULL',
    created_at: 'TIMESTAMPTZ NOT NULL', processed_at: 'TIMESTAMPTZ NOT NULL',
  },
  'nba_raw.nbac_injury_report': {
    report_date: 'DATE', report_hour: 'BIGINT', game_date: 'DATE', game_id: 'VARCHAR', team: 'VARCHAR',
    player_full_name: 'VARCHAR', player_lookup: 'VARCHAR', injury_status: 'VARCHAR', reason: 'VARCHAR',
    reason_category: 'VARCHAR', processed_at: 'TIMESTAMPTZ',
  },
  'nba_raw.bettingpros_player_points_props': {
    game_date: 'DATE NOT NULL', market_type: 'VARCHAR NOT NULL', market_id: 'BIGINT NOT NULL',
    bp_event_id: 'BIGINT NOT NULL', offer_id: 'VARCHAR NOT NULL', bet_side: 'VARCHAR NOT NULL',
    book_id: 'BIGINT NOT NULL', bookmaker: 'VARCHAR NOT NULL', line_id: 'VARCHAR',
    points_line: 'DOUBLE NOT NULL', odds_american: 'BIGINT NOT NULL', is_active: 'BOOLEAN NOT NULL',
    is_best_line: 'BOOLEAN NOT NULL', bookmaker_last_update: 'TIMESTAMPTZ NOT NULL',
    bp_player_id: 'BIGINT NOT NULL', player_name: 'VARCHAR NOT NULL', player_lookup: 'VARCHAR NOT NULL',
    player_team: 'VARCHAR NOT NULL', team_source: 'VARCHAR NOT NULL', has_team_issues: 'BOOLEAN NOT NULL',
    validation_confidence: 'DOUBLE NOT NULL', validation_method: 'VARCHAR NOT NULL',
    source_file_path: 'VARCHAR NOT NULL', created_at: 'TIMESTAMPTZ NOT NULL', processed_at: 'TIMESTAMPTZ NOT NULL',
  },
  'nba_raw.bdl_player_boxscores': {
    game_id: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL', season_year: 'BIGINT', bdl_game_id: 'BIGINT',
    bdl_player_id: 'BIGINT', player_lookup: 'VARCHAR NOT NULL', player_full_name: 'VARCHAR NOT NULL',
    team_abbr: 'VARCHAR NOT NULL', minutes: 'VARCHAR', points: 'BIGINT', rebounds: 'BIGINT', assists: 'BIGINT',
    steals: 'BIGINT', blocks: 'BIGINT', turnovers: 'BIGINT', field_goals_made: 'BIGINT',
    field_goals_attempted: 'BIGINT', three_pointers_made: 'BIGINT', three_pointers_attempted: 'BIGINT',
    free_throws_made: 'BIGINT', free_throws_attempted: 'BIGINT',
  },
  'nba_raw.nbac_gamebook_player_stats': {
    game_id: 'VARCHAR NOT NULL', game_date: 'DATE NOT NULL', season_year: 'BIGINT', team_abbr: 'VARCHAR',
    player_name: 'VARCHAR', player_lookup: 'VARCHAR', player_status: 'VARCHAR', dnp_reason: 'VARCHAR',
    name_resolution_status: 'VARCHAR', minutes: 'VARCHAR', minutes_decimal: 'DOUBLE', points: 'BIGINT',
  },
} as const satisfies Record<string, TableSpec>;

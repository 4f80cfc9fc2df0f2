/**
 * DDL of the `sample_meta` schema, which exists only in generated sample warehouses.
 *
 * - `league` (one row): how the file was generated. Builds detect a sample warehouse by this table
 *   and take their default clock from `as_of_instant` (the as-of date at 21:30 America/New_York).
 * - `tonight_box_scores`: the final stat line of every player dressed for every game of the as-of
 *   night, whatever the game's status at `as_of_instant`, so that a live-replay adapter can
 *   interpolate games in progress from the clock. One row per (game, player); the game columns repeat
 *   on each row of the game:
 *   - `game_id` native NBA id (as in `nbac_schedule`), `game_code` date-based `YYYYMMDD_AWAY_HOME`,
 *     `bdl_game_id` balldontlie's game id;
 *   - `tip_instant` tip-off (true instant), `final_instant` when the game ends (tip + wall-clock
 *     duration; the game is final at or after it), `status_at_as_of` 1/2/3 as in `nbac_schedule`;
 *   - `home_team` / `away_team` tricodes, `home_quarter_scores` / `away_quarter_scores` points per
 *     quarter (four elements, no overtime), `home_score` / `away_score` their sums;
 *   - the player: `player_lookup`, `bdl_player_id`, `first_name`, `last_name` (balldontlie's split,
 *     suffix in the last name), `team_abbr`, and the final line `minutes` (whole minutes, 0 = dressed
 *     but did not play), `points`, `rebounds`, `assists`, `steals`, `blocks`, `turnovers`, `fgm`,
 *     `fga`, `fg3m`, `fg3a`, `ftm`, `fta`.
 */
import type { TableSpec } from './table-spec.ts';

export const META_TABLES = {
  'sample_meta.league': {
    seed: 'BIGINT NOT NULL', as_of_date: 'DATE NOT NULL', as_of_instant: 'TIMESTAMPTZ NOT NULL',
    seasons: 'BIGINT NOT NULL', players_per_team: 'BIGINT NOT NULL', generator_version: 'VARCHAR NOT NULL',
  },
  'sample_meta.tonight_box_scores': {
    game_id: 'VARCHAR NOT NULL', game_code: 'VARCHAR NOT NULL', bdl_game_id: 'BIGINT NOT NULL',
    game_date: 'DATE NOT NULL', tip_instant: 'TIMESTAMPTZ NOT NULL', final_instant: 'TIMESTAMPTZ NOT NULL',
    status_at_as_of: 'BIGINT NOT NULL', home_team: 'VARCHAR NOT NULL', away_team: 'VARCHAR NOT NULL',
    home_quarter_scores: 'BIGINT[] NOT NULL', away_quarter_scores: 'BIGINT[] NOT NULL',
    home_score: 'BIGINT NOT NULL', away_score: 'BIGINT NOT NULL',
    player_lookup: 'VARCHAR NOT NULL', bdl_player_id: 'BIGINT NOT NULL', first_name: 'VARCHAR NOT NULL',
    last_name: 'VARCHAR NOT NULL', team_abbr: 'VARCHAR NOT NULL', minutes: 'BIGINT NOT NULL',
    points: 'BIGINT NOT NULL', rebounds: 'BIGINT NOT NULL', assists: 'BIGINT NOT NULL', steals: 'BIGINT NOT NULL',
    blocks: 'BIGINT NOT NULL', turnovers: 'BIGINT NOT NULL', fgm: 'BIGINT NOT NULL', fga: 'BIGINT NOT NULL',
    fg3m: 'BIGINT NOT NULL', fg3a: 'BIGINT NOT NULL', ftm: 'BIGINT NOT NULL', fta: 'BIGINT NOT NULL',
  },
} as const satisfies Record<string, TableSpec>;

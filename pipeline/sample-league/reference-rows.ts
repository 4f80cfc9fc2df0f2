/**
 * Rows of the reference tables: the schedule (one row per game of every generated season, final
 * scores only for finished games) and the player registry (one row per player, season and team,
 * so a traded player has two rows in his trade season).
 */
import { seasonLabel } from '../time.ts';
import type { Row } from './ddl.ts';
import type { Player } from './players.ts';
import type { ScheduledGame } from './schedule.ts';

export interface FinalScore {
  home: number;
  away: number;
}

const tipFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', minute: '2-digit' });

function statusText(game: ScheduledGame, status: number): string {
  if (status === 3) return 'Final';
  if (status === 2) return 'In Progress';
  return `${tipFormat.format(game.tip).toLowerCase()} ET`;
}

export interface ScheduleRowOptions {
  game: ScheduledGame;
  status: 1 | 2 | 3;
  score: FinalScore | null;
  /** When the schedule processor last loaded the season. */
  loadedAt: Date;
}

export function scheduleRow({ game, status, score, loadedAt }: ScheduleRowOptions): Row<'nba_raw.nbac_schedule'> {
  const final = status === 3 ? score : null;
  const label = seasonLabel(game.seasonYear);
  return {
    game_id: game.gameId, game_code: `${game.date.replaceAll('-', '')}/${game.away.tricode}${game.home.tricode}`, game_date: game.date,
    game_date_est: game.tip, game_status: status, game_status_text: statusText(game, status), season: label,
    season_nba_format: `${game.seasonYear}-${game.seasonYear + 1}`, season_year: game.seasonYear,
    home_team_id: game.home.teamId, home_team_name: game.home.name, home_team_tricode: game.home.tricode,
    away_team_id: game.away.teamId, away_team_name: game.away.name, away_team_tricode: game.away.tricode,
    home_team_score: final?.home ?? null, away_team_score: final?.away ?? null,
    winning_team_tricode: final ? (final.home > final.away ? game.home.tricode : game.away.tricode) : null,
    is_regular_season: true, data_source: 'nba_com_schedule_api', source_file_path: `nba-com/schedule/${label}/schedule.json`,
    created_at: loadedAt, processed_at: loadedAt,
  };
}

/** Games a player appeared in for one team in one season. */
export interface Stint {
  player: Player;
  team: string;
  games: number;
  first: string | null;
  last: string | null;
}

export function registryRow(stint: Stint, seasonYear: number): Row<'nba_reference.nba_players_registry'> {
  const { player } = stint;
  return {
    universal_player_id: player.universalId, player_lookup: player.name.lookup, player_name: player.name.fullName,
    season: seasonLabel(seasonYear), team_abbr: stint.team, position: player.position, jersey_number: player.jersey,
    games_played: stint.games, first_game_date: stint.first, last_game_date: stint.last,
  };
}

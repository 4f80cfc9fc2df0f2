/**
 * Turns one simulated game into the rows of the box-score tables: `player_game_summary` (active
 * players only, or every dressed player when the game fell back to balldontlie), the NBA.com
 * gamebook (every rostered player: active, DNP or inactive), balldontlie (dressed players, zero
 * minutes included), team offence and, for the as-of night, `sample_meta.tonight_box_scores`.
 */
import type { GameResult, Participant, PlayerResult } from './box-scores.ts';
import type { Row } from './ddl.ts';
import type { ScheduledGame } from './schedule.ts';

export interface GameRowsOptions {
  game: ScheduledGame;
  result: GameResult;
  /** Closing points line per player index (absent = no line). */
  closingLines: ReadonlyMap<number, number>;
  /** This game's box score came from balldontlie (no rebound splits or attempts, zero-minute rows kept). */
  fromBalldontlie: boolean;
}

/** `OVER` when points ≥ line (a push counts as OVER, as upstream), `UNDER` below, NULL without a line. */
export function overUnder(points: number, line: number | null): 'OVER' | 'UNDER' | null {
  if (line === null) return null;
  return points >= line ? 'OVER' : 'UNDER';
}

export function playerGameSummaryRows(o: GameRowsOptions): Row<'nba_analytics.player_game_summary'>[] {
  const bdl = o.fromBalldontlie;
  return o.result.players.filter((r) => bdl || r.minutes > 0).map(({ participant: p, minutes, line }) => {
    const pointsLine = o.closingLines.get(p.player.index) ?? null;
    return {
      player_lookup: p.player.name.lookup, universal_player_id: p.player.universalId, player_full_name: p.player.name.fullName,
      game_id: o.game.gameCode, game_date: o.game.date, team_abbr: p.team.tricode, opponent_team_abbr: p.opponent.tricode,
      season_year: o.game.seasonYear, points: line.points, minutes_played: minutes, assists: line.assists,
      offensive_rebounds: bdl ? null : line.offensiveRebounds, defensive_rebounds: bdl ? null : line.defensiveRebounds,
      steals: line.steals, blocks: line.blocks, turnovers: line.turnovers, fg_makes: line.fgm, fg_attempts: bdl ? null : line.fga,
      three_pt_makes: line.fg3m, three_pt_attempts: bdl ? null : line.fg3a, ft_makes: line.ftm, ft_attempts: bdl ? null : line.fta,
      win_flag: false, points_line: pointsLine, over_under_result: overUnder(line.points, pointsLine),
      primary_source_used: bdl ? 'bdl_boxscores' : 'nbac_gamebook',
    };
  });
}

function clockMinutes(decimal: number): string {
  const seconds = Math.round(decimal * 60);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Every rostered player of both teams: played, did not play (coach's decision) or inactive. */
export function gamebookRows(game: ScheduledGame, roster: readonly Participant[], result: GameResult): Row<'nba_raw.nbac_gamebook_player_stats'>[] {
  const played = new Map(result.players.map((r) => [r.participant.player.index, r]));
  return roster.map((p) => {
    const r = played.get(p.player.index);
    const status = !r ? 'inactive' : r.minutes > 0 ? 'active' : 'dnp';
    return {
      game_id: game.gameCode, game_date: game.date, season_year: game.seasonYear, team_abbr: p.team.tricode,
      player_name: p.player.name.fullName, player_lookup: p.player.name.lookup, player_status: status,
      dnp_reason: status === 'dnp' ? "DNP - Coach's Decision" : status === 'inactive' ? `Inactive - ${p.availability.reason ?? 'Not With Team'}` : null,
      name_resolution_status: 'resolved', minutes: r && r.minutes > 0 ? clockMinutes(r.minutesDecimal) : null,
      minutes_decimal: r && r.minutes > 0 ? r.minutesDecimal : null, points: r && r.minutes > 0 ? r.line.points : null,
    };
  });
}

export function balldontlieRows(game: ScheduledGame, result: GameResult): Row<'nba_raw.bdl_player_boxscores'>[] {
  return result.players.map(({ participant: p, minutes, line }) => ({
    game_id: game.gameCode, game_date: game.date, season_year: game.seasonYear, bdl_game_id: game.bdlGameId,
    bdl_player_id: p.player.bdlPlayerId, player_lookup: p.player.name.lookup, player_full_name: p.player.name.fullName,
    team_abbr: p.team.tricode, minutes: String(minutes).padStart(2, '0'), points: line.points,
    rebounds: line.offensiveRebounds + line.defensiveRebounds, assists: line.assists, steals: line.steals, blocks: line.blocks,
    turnovers: line.turnovers, field_goals_made: line.fgm, field_goals_attempted: line.fga, three_pointers_made: line.fg3m,
    three_pointers_attempted: line.fg3a, free_throws_made: line.ftm, free_throws_attempted: line.fta,
  }));
}

export function teamOffenseRows(game: ScheduledGame, result: GameResult): Row<'nba_analytics.team_offense_game_summary'>[] {
  const sides = [
    { team: game.home.tricode, opponent: game.away.tricode, scored: result.homeScore, allowed: result.awayScore, home: true },
    { team: game.away.tricode, opponent: game.home.tricode, scored: result.awayScore, allowed: result.homeScore, home: false },
  ];
  return sides.map((s) => ({
    game_id: game.gameCode, nba_game_id: game.gameId, game_date: game.date, season_year: game.seasonYear, team_abbr: s.team,
    opponent_team_abbr: s.opponent, points_scored: s.scored, opponent_points: s.allowed, possessions: Math.round(result.pace),
    pace: result.pace, home_game: s.home, win_flag: s.scored > s.allowed,
  }));
}

export function tonightRows(game: ScheduledGame, result: GameResult, status: number): Row<'sample_meta.tonight_box_scores'>[] {
  return result.players.map(({ participant: p, minutes, line }: PlayerResult) => ({
    game_id: game.gameId, game_code: game.gameCode, bdl_game_id: game.bdlGameId, game_date: game.date, tip_instant: game.tip,
    final_instant: new Date(game.tip.getTime() + game.durationMinutes * 60_000), status_at_as_of: status,
    home_team: game.home.tricode, away_team: game.away.tricode, home_quarter_scores: result.homeQuarters,
    away_quarter_scores: result.awayQuarters, home_score: result.homeScore, away_score: result.awayScore,
    player_lookup: p.player.name.lookup, bdl_player_id: p.player.bdlPlayerId, first_name: p.player.name.firstName,
    last_name: p.player.name.lastName, team_abbr: p.team.tricode, minutes, points: line.points,
    rebounds: line.offensiveRebounds + line.defensiveRebounds, assists: line.assists, steals: line.steals, blocks: line.blocks,
    turnovers: line.turnovers, fgm: line.fgm, fga: line.fga, fg3m: line.fg3m, fg3a: line.fg3a, ftm: line.ftm, fta: line.fta,
  }));
}

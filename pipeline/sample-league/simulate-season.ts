/**
 * One season, day by day: every game up to the as-of night is played and written, the next day
 * gets only its upcoming-game context, later dates exist only in the schedule. The schedule and
 * the registry are written last, once scores and appearances are known.
 */
import { seasonLabel, seasonStartYear } from '../time.ts';
import { allocateMinutes, newParticipant, slotMinutes } from './box-scores.ts';
import type { Participant } from './box-scores.ts';
import { easternInstant, seasonWindow } from './calendar.ts';
import { upcomingContextRows } from './context.ts';
import { NOT_LISTED } from './injuries.ts';
import { playGame } from './play-game.ts';
import { pointsPerMinute } from './players.ts';
import type { Player } from './players.ts';
import { clamp } from './random.ts';
import type { Random } from './random.ts';
import { registryRow, scheduleRow } from './reference-rows.ts';
import type { FinalScore, Stint } from './reference-rows.ts';
import { rosterOn } from './rosters.ts';
import type { Roster, SeasonRosters } from './rosters.ts';
import { buildSeasonSchedule, gameStatusAt } from './schedule.ts';
import type { ScheduledGame } from './schedule.ts';
import { createSeasonStreams } from './simulation-context.ts';
import type { SimulationContext } from './simulation-context.ts';
import { newTeamState, startSeason } from './state.ts';
import type { TeamState } from './state.ts';
import { TEAMS } from './teams.ts';

/** Full-strength points of an average team (about 4 below the league's real 113: form, rounding at zero and injuries add that back). */
const TEAM_POINTS_MEAN = 109;

export type ProgressReporter = (label: string, done: number, total: number) => void;

export function simulateSeason(ctx: SimulationContext, season: SeasonRosters, progress: ProgressReporter): void {
  const { asOf, seed } = ctx.options;
  const streams = createSeasonStreams(seed, season.startYear);
  const isCurrent = season.startYear === seasonStartYear(asOf);
  const schedule = buildSeasonSchedule({ window: seasonWindow(season.startYear), random: streams.schedule, asOf: isCurrent ? asOf : null });
  const teamStates = new Map(TEAMS.map((t) => [t.tricode, newTeamState(streams.teams)]));
  calibrateOffences(ctx, season, { teamStates, random: streams.teams });
  for (const state of ctx.playerStates) startSeason(state);
  const stints = openStints(ctx, season);
  const scores = new Map<string, FinalScore>();
  const dates = groupByDate(schedule);
  let done = 0;
  for (const [date, games] of dates) {
    progress(`season ${seasonLabel(season.startYear)}`, done++, dates.size);
    if (date > ctx.nextDay) break;
    const roster = rosterOn(season, date);
    if (date === ctx.nextDay) {
      emitNextDayContext(ctx, games, roster);
      continue;
    }
    for (const game of games) {
      const played = playGame({ ctx, streams, game, teamStates }, roster);
      if (played.score) scores.set(game.gameId, played.score);
      for (const { player, team } of played.appeared) recordAppearance(stints, { player, team, date });
    }
  }
  progress(`season ${seasonLabel(season.startYear)}`, dates.size, dates.size);
  const loadedAt = easternInstant(asOf, 6 * 60);
  for (const game of schedule) {
    ctx.writer.append('nba_raw.nbac_schedule', scheduleRow({ game, status: gameStatusAt(game, ctx.asOfInstant), score: scores.get(game.gameId) ?? null, loadedAt }));
  }
  for (const stint of stints.values()) ctx.writer.append('nba_reference.nba_players_registry', registryRow(stint, season.startYear));
}

/** Sets each team's offence scale so that its opening roster at full strength scores a realistic total. */
function calibrateOffences(ctx: SimulationContext, season: SeasonRosters, { teamStates, random }: { teamStates: Map<string, TeamState>; random: Random }): void {
  for (const [tricode, list] of season.opening) {
    const minutes = allocateMinutes(list.map((_, slot) => slotMinutes(slot)));
    const raw = list.reduce((sum, index, slot) => sum + pointsPerMinute((ctx.league.players[index] as Player).talent) * (minutes[slot] as number), 0);
    (teamStates.get(tricode) as TeamState).offenceScale = clamp(random.normal(TEAM_POINTS_MEAN, 3.5), 104, 122) / raw;
  }
}

function groupByDate(schedule: readonly ScheduledGame[]): Map<string, ScheduledGame[]> {
  const dates = new Map<string, ScheduledGame[]>();
  for (const game of schedule) {
    const list = dates.get(game.date) ?? [];
    list.push(game);
    dates.set(game.date, list);
  }
  return dates;
}

/** A registry stint for every roster spot of the season (opening rosters, then trade arrivals). */
function openStints(ctx: SimulationContext, season: SeasonRosters): Map<string, Stint> {
  const stints = new Map<string, Stint>();
  const open = (index: number, team: string): void => {
    const key = `${index}|${team}`;
    if (!stints.has(key)) stints.set(key, { player: ctx.league.players[index] as Player, team, games: 0, first: null, last: null });
  };
  for (const [team, list] of season.opening) for (const index of list) open(index, team);
  for (const trade of season.trades) for (const move of trade.moves) open(move.player, move.to);
  return stints;
}

function recordAppearance(stints: Map<string, Stint>, { player, team, date }: { player: Player; team: string; date: string }): void {
  const stint = stints.get(`${player.index}|${team}`);
  if (!stint) return;
  stint.games++;
  stint.first ??= date;
  stint.last = date;
}

/** Tomorrow's context: one row per rostered player (no lines or injury lines yet), native ids. */
function emitNextDayContext(ctx: SimulationContext, games: readonly ScheduledGame[], roster: Roster): void {
  const processedAt = easternInstant(ctx.options.asOf, 17 * 60);
  for (const game of games) {
    for (const [team, opponent, home] of [[game.home, game.away, true], [game.away, game.home, false]] as const) {
      for (const [slot, index] of (roster.get(team.tricode) ?? []).entries()) {
        const player = ctx.league.players[index] as Player;
        const participant = newParticipant({
          player, state: ctx.playerStates[index] as Participant['state'], team, opponent, home, slot,
          availability: NOT_LISTED, pointsPerMinute: pointsPerMinute(player.talent), matchup: 1,
        });
        const rows = upcomingContextRows({ participant, date: game.date, gameId: game.gameId, seasonYear: game.seasonYear, processedAt, market: null, bettingProsLine: null, injuryStatuses: [] });
        for (const row of rows) ctx.writer.append('nba_analytics.upcoming_player_game_context', row);
      }
    }
  }
}

/**
 * One game from roster to rows: who is available, pre-game rows, the simulated result, and (for a
 * finished game) box scores, grading and the memory the next games' pre-game rows read.
 */
import { addDays } from '../time.ts';
import { balldontlieRows, gamebookRows, playerGameSummaryRows, teamOffenseRows, tonightRows } from './box-score-rows.ts';
import { coachDnpChance, newParticipant, setExpectations, simulateGame } from './box-scores.ts';
import type { GameResult, Participant } from './box-scores.ts';
import { easternInstant } from './calendar.ts';
import { gradePredictions } from './grading.ts';
import type { Actual } from './grading.ts';
import { decideAvailability } from './injuries.ts';
import { pointsPerMinute } from './players.ts';
import type { Player } from './players.ts';
import { emitPreGame } from './pre-game.ts';
import type { GameDay, PreGameOutcome } from './pre-game.ts';
import type { FinalScore } from './reference-rows.ts';
import type { Roster } from './rosters.ts';
import { gameStatusAt } from './schedule.ts';
import { rememberGame, rememberTeamGame, stepForm } from './state.ts';
import type { TeamState } from './state.ts';
import type { Team } from './teams.ts';

/** Share of games whose box score falls back to balldontlie upstream. */
const BALLDONTLIE_FALLBACK_SHARE = 0.04;
/** A team always dresses at least this many; the least-injured sit-outs are pressed into service. */
const MIN_DRESSED = 8;
const HOME_COURT = 0.015;

export interface PlayedGame {
  score: FinalScore | null;
  /** Players who appeared (minutes > 0), for the registry; empty unless the game is final. */
  appeared: { player: Player; team: string }[];
}

export function playGame(day: GameDay, roster: Roster): PlayedGame {
  const { game, ctx, streams } = day;
  const home = participantsOf(day, { roster, team: game.home, opponent: game.away, home: true });
  const away = participantsOf(day, { roster, team: game.away, opponent: game.home, home: false });
  const everyone = [...home, ...away];
  const preGame = emitPreGame(day, everyone);
  const paceOf = (t: Team): number => (day.teamStates.get(t.tricode) as TeamState).pace;
  const result = simulateGame({ home, away, basePace: (paceOf(game.home) + paceOf(game.away)) / 2, random: streams.games });
  const status = gameStatusAt(game, ctx.asOfInstant);
  if (game.date === ctx.options.asOf) for (const row of tonightRows(game, result, status)) ctx.writer.append('sample_meta.tonight_box_scores', row);
  for (const p of everyone) stepForm(p.state, streams.games);
  if (status !== 3) {
    for (const r of result.players) r.participant.state.lastGameDate = game.date;
    return { score: null, appeared: [] };
  }
  emitFinal(day, { roster: everyone, result, preGame });
  return {
    score: { home: result.homeScore, away: result.awayScore },
    appeared: result.players.filter((r) => r.minutes > 0).map((r) => ({ player: r.participant.player, team: r.participant.team.tricode })),
  };
}

interface ParticipantsOptions {
  roster: Roster;
  team: Team;
  opponent: Team;
  home: boolean;
}

function participantsOf(day: GameDay, { roster, team, opponent, home }: ParticipantsOptions): Participant[] {
  const { ctx, streams } = day;
  const defence = (day.teamStates.get(opponent.tricode) as TeamState).defence;
  const offenceScale = (day.teamStates.get(team.tricode) as TeamState).offenceScale;
  const list = (roster.get(team.tricode) ?? []).map((index, slot): Participant => {
    const player = ctx.league.players[index] as Player;
    const state = ctx.playerStates[index] as (typeof ctx.playerStates)[number];
    const availability = decideAvailability(player, state, streams.injuries);
    return newParticipant({
      player, state, team, opponent, home, slot, availability, pointsPerMinute: pointsPerMinute(player.talent) * offenceScale,
      matchup: defence * (home ? 1 + HOME_COURT : 1 - HOME_COURT),
    });
  });
  for (const p of list.filter((x) => !x.availability.plays).reverse()) {
    if (list.filter((x) => x.availability.plays).length >= MIN_DRESSED) break;
    p.availability = { ...p.availability, finalReported: 'available', plays: true };
  }
  for (const p of list) p.coachDnp = p.availability.plays && streams.games.chance(coachDnpChance(p.slot));
  setExpectations(list);
  return list;
}

interface FinalOptions {
  roster: Participant[];
  result: GameResult;
  preGame: PreGameOutcome;
}

/** Box-score rows, grading (dates before the as-of date) and memory of a finished game. */
function emitFinal(day: GameDay, { roster, result, preGame }: FinalOptions): void {
  const { ctx, game, streams } = day;
  const { writer } = ctx;
  const fromBalldontlie = streams.games.chance(BALLDONTLIE_FALLBACK_SHARE);
  const summary = playerGameSummaryRows({ game, result, closingLines: preGame.closingLines, fromBalldontlie });
  for (const row of summary) writer.append('nba_analytics.player_game_summary', row);
  for (const row of gamebookRows(game, roster, result)) writer.append('nba_raw.nbac_gamebook_player_stats', row);
  for (const row of balldontlieRows(game, result)) writer.append('nba_raw.bdl_player_boxscores', row);
  for (const row of teamOffenseRows(game, result)) writer.append('nba_analytics.team_offense_game_summary', row);
  if (game.date < ctx.options.asOf) {
    const actuals = new Map<string, Actual>(summary.map((r) => [r.player_lookup, { teamAbbr: r.team_abbr, opponentAbbr: r.opponent_team_abbr, points: r.points ?? 0, minutes: r.minutes_played ?? 0 }]));
    const gradedAt = easternInstant(addDays(game.date, 1), 11 * 60);
    for (const p of roster) {
      const rows = preGame.predictions.get(p.player.index) ?? [];
      for (const row of gradePredictions(rows, actuals.get(p.player.name.lookup), gradedAt)) writer.append('nba_predictions.prediction_accuracy', row);
    }
  }
  rememberFinal(day, result);
}

function rememberFinal(day: GameDay, result: GameResult): void {
  const { game } = day;
  for (const r of result.players) {
    if (r.minutes === 0) continue;
    const l = r.line;
    rememberGame(r.participant.state, { date: game.date, points: l.points, minutes: r.minutes, paintAttempts: l.paintAttempts, midAttempts: l.midAttempts, threeAttempts: l.fg3a });
  }
  for (const side of [{ team: game.home, scored: result.homeScore, allowed: result.awayScore }, { team: game.away, scored: result.awayScore, allowed: result.homeScore }]) {
    const opponents = result.players.filter((r) => r.participant.team !== side.team).map((r) => r.line);
    const sum = (pick: (l: (typeof opponents)[number]) => number): number => opponents.reduce((a, l) => a + pick(l), 0);
    rememberTeamGame(day.teamStates.get(side.team.tricode) as TeamState, {
      opponentPoints: side.allowed, pace: result.pace, paintMade: sum((l) => l.paintMade), paintAttempts: sum((l) => l.paintAttempts),
      midMade: sum((l) => l.midMade), midAttempts: sum((l) => l.midAttempts), threeMade: sum((l) => l.fg3m), threeAttempts: sum((l) => l.fg3a),
    }, side.scored, side.scored > side.allowed);
  }
}

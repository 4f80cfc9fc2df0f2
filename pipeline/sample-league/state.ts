/**
 * What the simulation remembers between games: each player's form, health and recent lines, and
 * each team's recent defence. Pre-game tables (features, composite factors, shot zones, team
 * defence, baseline predictions) read only this state, so they never see the game they precede.
 */
import { clamp } from './random.ts';
import type { Random } from './random.ts';

/** One played game as remembered for rolling windows. */
export interface GameMemory {
  date: string;
  points: number;
  minutes: number;
  paintAttempts: number;
  midAttempts: number;
  threeAttempts: number;
}

export interface PlayerState {
  /** Log-scale scoring form, an AR(1) process: hot and cold streaks that revert (bounce-backs). */
  form: number;
  injuryGamesLeft: number;
  injuryReason: string | null;
  /** The player's first game after an injury spell (listed `probable`). */
  returning: boolean;
  /** Played games of the current season, newest last (only the last `MEMORY_GAMES` kept). */
  recent: GameMemory[];
  seasonGames: number;
  seasonPoints: number;
  /** Last date the player played or was expected to play (for calendar `days_rest`). */
  lastGameDate: string | null;
}

/** What a team's defence allowed in one game. */
export interface DefenceMemory {
  opponentPoints: number;
  pace: number;
  paintMade: number;
  paintAttempts: number;
  midMade: number;
  midAttempts: number;
  threeMade: number;
  threeAttempts: number;
}

export interface TeamState {
  pace: number;
  /** Scales players' scoring rates so that the team's full-strength total is realistic (≈ 104–122). */
  offenceScale: number;
  /** Multiplier on opponents' scoring (below 1 = good defence). */
  defence: number;
  recentDefence: DefenceMemory[];
  /** Points the team scored in the same games as `recentDefence`. */
  recentScored: number[];
  wins: number;
  games: number;
}

const MEMORY_GAMES = 15;
const FORM_PERSISTENCE = 0.8;
const FORM_SHOCK_SD = 0.08;

export function newPlayerState(): PlayerState {
  return { form: 0, injuryGamesLeft: 0, injuryReason: null, returning: false, recent: [], seasonGames: 0, seasonPoints: 0, lastGameDate: null };
}

/** Clears season-scoped memory at opening night (form and health carry over). */
export function startSeason(state: PlayerState): void {
  state.recent = [];
  state.seasonGames = 0;
  state.seasonPoints = 0;
  state.lastGameDate = null;
  state.form = 0;
}

export function newTeamState(random: Random): TeamState {
  return { pace: clamp(random.normal(99.5, 2.2), 94, 105), offenceScale: 1, defence: clamp(random.normal(1, 0.04), 0.9, 1.1), recentDefence: [], recentScored: [], wins: 0, games: 0 };
}

/** Advances the form process by one team game. */
export function stepForm(state: PlayerState, random: Random): void {
  state.form = clamp(FORM_PERSISTENCE * state.form + random.normal(0, FORM_SHOCK_SD), -0.45, 0.45);
}

export function rememberGame(state: PlayerState, memory: GameMemory): void {
  state.recent.push(memory);
  if (state.recent.length > MEMORY_GAMES) state.recent.shift();
  state.seasonGames++;
  state.seasonPoints += memory.points;
  state.lastGameDate = memory.date;
}

export function rememberTeamGame(state: TeamState, memory: DefenceMemory, scored: number, won: boolean): void {
  state.recentDefence.push(memory);
  state.recentScored.push(scored);
  if (state.recentDefence.length > MEMORY_GAMES) state.recentDefence.shift();
  if (state.recentScored.length > MEMORY_GAMES) state.recentScored.shift();
  state.games++;
  if (won) state.wins++;
}

/** Mean of the last `n` values (null when there are none). */
export function meanOfLast(values: readonly number[], n: number): number | null {
  const window = values.slice(-n);
  return window.length === 0 ? null : window.reduce((a, b) => a + b, 0) / window.length;
}

export function seasonAverage(state: PlayerState): number | null {
  return state.seasonGames === 0 ? null : state.seasonPoints / state.seasonGames;
}

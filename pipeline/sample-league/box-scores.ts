/**
 * Game simulation: minutes for each team (whole minutes summing to 240, no overtime), each
 * player's line (points drawn around a streaky expectation, then split exactly into twos, threes
 * and free throws), quarter scores and pace.
 */
import type { Availability } from './injuries.ts';
import type { Player } from './players.ts';
import { clamp } from './random.ts';
import type { Random } from './random.ts';
import type { PlayerState } from './state.ts';
import type { Team } from './teams.ts';
import { buildStatLine } from './stat-line.ts';
import type { StatLine } from './stat-line.ts';

export type { StatLine } from './stat-line.ts';

/** One rostered player going into one game. */
export interface Participant {
  player: Player;
  state: PlayerState;
  team: Team;
  opponent: Team;
  home: boolean;
  /** Rotation slot, 0 = best. */
  slot: number;
  availability: Availability;
  /** Available but will not get in (coach's decision); unknown to the pre-game tables. */
  coachDnp: boolean;
  /** Points per minute this season at full strength. */
  pointsPerMinute: number;
  /** Multiplier from the opponent's defence and home court. */
  matchup: number;
  /** Pre-game expectation (0 when out). */
  expectedMinutes: number;
  expectedPoints: number;
}

/** What a participant is before expectations are set. */
export type ParticipantBasics = Pick<Participant, 'player' | 'state' | 'team' | 'opponent' | 'home' | 'slot' | 'availability' | 'pointsPerMinute' | 'matchup'>;

export function newParticipant(basics: ParticipantBasics): Participant {
  return { ...basics, coachDnp: false, expectedMinutes: 0, expectedPoints: 0 };
}

export interface PlayerResult {
  participant: Participant;
  /** Whole minutes; 0 for a dressed player who did not get in. */
  minutes: number;
  /** The gamebook's exact minutes (pgs keeps them rounded). */
  minutesDecimal: number;
  line: StatLine;
}

export interface GameResult {
  /** Dressed players of both teams (out players excluded), home team first. */
  players: PlayerResult[];
  homeScore: number;
  awayScore: number;
  homeQuarters: number[];
  awayQuarters: number[];
  pace: number;
}

const SLOT_MINUTES = [34, 33, 32, 30, 28, 25, 22, 19, 16, 12, 8, 6, 4, 3, 3, 2, 2, 2, 2, 2];
const TEAM_MINUTES = 240;
const MAX_MINUTES = 44;

/** Chance that an available player at `slot` stays on the bench all game. */
export function coachDnpChance(slot: number): number {
  return slot < 9 ? 0.01 : slot === 9 ? 0.06 : slot === 10 ? 0.25 : slot === 11 ? 0.45 : 0.65;
}

/**
 * Splits 240 minutes among players in proportion to weights, whole minutes, largest remainder,
 * nobody above `MAX_MINUTES` (the excess goes to the others in proportion to their weights).
 */
export function allocateMinutes(weights: readonly number[]): number[] {
  const capped = new Set<number>();
  let exact: number[] = weights.map(() => 0);
  for (let round = 0; round < weights.length; round++) {
    const free = weights.reduce((a, w, i) => (capped.has(i) ? a : a + w), 0);
    if (free <= 0) break;
    const left = TEAM_MINUTES - capped.size * MAX_MINUTES;
    exact = weights.map((w, i) => (capped.has(i) ? MAX_MINUTES : (w / free) * left));
    const over = exact.map((m, i) => [m, i] as const).filter(([m, i]) => m > MAX_MINUTES && !capped.has(i));
    if (over.length === 0) break;
    for (const [, i] of over) capped.add(i);
  }
  return roundPreservingTotal(exact);
}

/** Floors every value and hands the remaining units to the largest fractions (ties: lower index). */
function roundPreservingTotal(exact: readonly number[]): number[] {
  const minutes = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = Math.round(exact.reduce((a, b) => a + b, 0)) - minutes.reduce((a, b) => a + b, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    minutes[i] = (minutes[i] as number) + 1;
  }
  return minutes;
}

/** Fills `expectedMinutes` / `expectedPoints` of one team's participants from their slots and form. */
export function setExpectations(team: readonly Participant[]): void {
  const weights = team.map((p) => (p.availability.plays ? slotMinutes(p.slot) : 0));
  const minutes = allocateMinutes(weights);
  team.forEach((p, i) => {
    p.expectedMinutes = minutes[i] as number;
    p.expectedPoints = p.pointsPerMinute * p.expectedMinutes * Math.exp(p.state.form) * p.matchup;
  });
}

/** Nominal minutes of a rotation slot before injuries and coaching reshuffle them. */
export function slotMinutes(slot: number): number {
  return SLOT_MINUTES[Math.min(slot, SLOT_MINUTES.length - 1)] as number;
}

export interface SimulateGameOptions {
  home: readonly Participant[];
  away: readonly Participant[];
  /** Mean of the two teams' season paces. */
  basePace: number;
  random: Random;
}

/** Plays the game: both teams' lines, a winner (ties broken by one late free throw), quarters, pace. */
export function simulateGame({ home, away, basePace, random }: SimulateGameOptions): GameResult {
  const homeLines = playTeam(home, random);
  const awayLines = playTeam(away, random);
  const sum = (lines: PlayerResult[]): number => lines.reduce((a, r) => a + r.line.points, 0);
  if (sum(homeLines) === sum(awayLines)) addFreeThrow(homeLines);
  const [homeScore, awayScore] = [sum(homeLines), sum(awayLines)];
  return {
    players: [...homeLines, ...awayLines], homeScore, awayScore,
    homeQuarters: splitQuarters(homeScore, random), awayQuarters: splitQuarters(awayScore, random),
    pace: Math.round(clamp(basePace + random.normal(0, 2.5), 88, 112) * 10) / 10,
  };
}

function playTeam(team: readonly Participant[], random: Random): PlayerResult[] {
  const dressed = team.filter((p) => p.availability.plays);
  const weights = dressed.map((p) => (p.coachDnp ? 0 : slotMinutes(p.slot) * clamp(random.normal(1, 0.12), 0.5, 1.5)));
  const minutes = allocateMinutes(weights);
  return dressed.map((participant, i) => {
    const played = minutes[i] as number;
    const seconds = played > 0 ? random.int(1, 59) : 30;
    return { participant, minutes: played, minutesDecimal: Math.round((played + (seconds - 30) / 60) * 100) / 100, line: buildStatLine(participant, played, random) };
  });
}

/** Breaks a tie: the home team's busiest player makes one more free throw. */
function addFreeThrow(lines: PlayerResult[]): void {
  const busiest = lines.reduce((best, r) => (r.minutes > best.minutes ? r : best));
  busiest.line.points++;
  busiest.line.ftm++;
  busiest.line.fta++;
}

/** Splits a team total into four quarter scores that sum to it exactly. */
function splitQuarters(total: number, random: Random): number[] {
  const weights = [0, 1, 2, 3].map(() => clamp(random.normal(1, 0.12), 0.6, 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const quarters = weights.map((w) => Math.floor((w / sum) * total));
  quarters[3] = total - (quarters[0] as number) - (quarters[1] as number) - (quarters[2] as number);
  return quarters;
}

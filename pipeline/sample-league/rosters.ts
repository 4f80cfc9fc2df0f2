/**
 * The league over time: who plays for whom in each season.
 *
 * Each off-season players develop, some retire, some change teams, and rookies fill the gaps, so
 * the same player carries history across seasons. In-season, two trades swap a pair of rotation
 * players between two teams (the registry then has one row per team for that season, and box
 * scores switch team on the trade date).
 */
import { addDays, seasonStartYear } from '../time.ts';
import { daysBetween, seasonWindow } from './calendar.ts';
import { createNameGenerator } from './names.ts';
import { ageInSeason, createPlayer, developPlayer } from './players.ts';
import type { Player } from './players.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import { TEAMS } from './teams.ts';

/** Team tricode → player indexes, best first (the order is the rotation). */
export type Roster = Map<string, number[]>;

export interface Trade {
  date: string;
  moves: { player: number; from: string; to: string }[];
}

export interface SeasonRosters {
  startYear: number;
  opening: Roster;
  trades: Trade[];
}

export interface League {
  players: Player[];
  seasons: SeasonRosters[];
}

export interface BuildLeagueOptions {
  seed: number;
  firstYear: number;
  seasons: number;
  playersPerTeam: number;
  asOf: string;
}

const TRADES_PER_SEASON = 2;

export function buildLeague(options: BuildLeagueOptions): League {
  const random = createRandom(options.seed, 'league');
  const nextName = createNameGenerator(createRandom(options.seed, 'names'));
  const players: Player[] = [];
  const sign = (debutYear: number, rookie: boolean): number => {
    players.push(createPlayer({ index: players.length, name: nextName(), random, debutYear, rookie }));
    return players.length - 1;
  };
  const seasons: SeasonRosters[] = [];
  let previous: Roster | null = null;
  for (let s = 0; s < options.seasons; s++) {
    const startYear = options.firstYear + s;
    const teams: Roster = previous === null
      ? new Map(TEAMS.map((t) => [t.tricode, Array.from({ length: options.playersPerTeam }, () => sign(startYear, false))]))
      : turnOver({ previous, players, random, startYear, sign });
    for (const [tricode, list] of teams) teams.set(tricode, sortByTalent(list, players));
    seasons.push({ startYear, opening: teams, trades: planTrades({ teams, random, startYear, asOf: options.asOf }) });
    previous = teams;
  }
  return { players, seasons };
}

function sortByTalent(list: readonly number[], players: readonly Player[]): number[] {
  return list.slice().sort((a, b) => (players[b] as Player).talent - (players[a] as Player).talent || a - b);
}

interface TurnOverOptions {
  previous: Roster;
  players: Player[];
  random: Random;
  startYear: number;
  sign: (debutYear: number, rookie: boolean) => number;
}

/** One off-season: development, retirements, free agency and rookies. */
function turnOver({ previous, players, random, startYear, sign }: TurnOverOptions): Roster {
  const movers: number[] = [];
  const teams: Roster = new Map();
  for (const [tricode, list] of previous) {
    const kept: number[] = [];
    for (const index of list) {
      const player = players[index] as Player;
      developPlayer(player, startYear, random);
      const age = ageInSeason(player, startYear);
      if (age >= 37 || random.chance(age >= 33 ? 0.2 : 0.04)) continue;
      if (random.chance(0.15)) movers.push(index);
      else kept.push(index);
    }
    teams.set(tricode, kept);
  }
  const vacancies = [...teams.entries()].flatMap(([tricode, list]) => Array.from({ length: (previous.get(tricode)?.length ?? 0) - list.length }, () => tricode));
  const pool = random.shuffle([...movers, ...Array.from({ length: Math.max(0, vacancies.length - movers.length) }, () => sign(startYear, true))]);
  vacancies.forEach((tricode, i) => teams.get(tricode)?.push(pool[i] as number));
  return teams;
}

interface PlanTradesOptions {
  teams: Roster;
  random: Random;
  startYear: number;
  asOf: string;
}

/**
 * Trades happen in early February, or halfway to the as-of date when that comes sooner (so a
 * single-season sample still has a traded player). Each swaps rotation players (slots 3–7).
 */
function planTrades({ teams, random, startYear, asOf }: PlanTradesOptions): Trade[] {
  const opening = seasonWindow(startYear).opening;
  let date = `${startYear + 1}-02-06`;
  if (seasonStartYear(asOf) === startYear && asOf < addDays(date, 7)) date = addDays(opening, Math.floor(daysBetween(opening, asOf) / 2));
  // Too early in the season for a trade to leave a trace on both teams.
  if (date < addDays(opening, 7)) return [];
  const partners = random.shuffle(TEAMS.map((t) => t.tricode)).slice(0, TRADES_PER_SEASON * 2);
  const trades: Trade[] = [];
  for (let i = 0; i < TRADES_PER_SEASON; i++) {
    const [a, b] = [partners[2 * i] as string, partners[2 * i + 1] as string];
    const slot = random.int(3, 7);
    const playerA = teams.get(a)?.[slot] as number;
    const playerB = teams.get(b)?.[slot] as number;
    trades.push({ date, moves: [{ player: playerA, from: a, to: b }, { player: playerB, from: b, to: a }] });
  }
  return trades;
}

/** The rosters in force on `date`: opening rosters with every trade dated on or before it applied. */
export function rosterOn(season: SeasonRosters, date: string): Roster {
  const roster: Roster = new Map([...season.opening].map(([t, list]) => [t, list.slice()]));
  for (const trade of season.trades) {
    if (trade.date > date) continue;
    for (const move of trade.moves) {
      const from = roster.get(move.from) as number[];
      const slot = season.opening.get(move.from)?.indexOf(move.player) ?? from.indexOf(move.player);
      const partner = trade.moves.find((m) => m.to === move.from)?.player as number;
      from[slot] = partner;
    }
  }
  return roster;
}

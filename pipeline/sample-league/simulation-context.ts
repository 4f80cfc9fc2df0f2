/**
 * What every step of the simulation shares: the resolved options, the league, the writer, the
 * key dates that decide which tables get rows, and per-season random streams.
 */
import { addDays } from '../time.ts';
import { easternInstant, seasonWindow } from './calendar.ts';
import type { ResolvedSeedOptions } from './options.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import type { League } from './rosters.ts';
import type { PlayerState } from './state.ts';
import type { WarehouseWriter } from './write.ts';

/** Wall-clock time of the sample clock on the as-of date (Eastern). */
export const AS_OF_MINUTES_ET = 21 * 60 + 30;
/** BettingPros offers are kept for the as-of date and this many days before it. */
const OFFER_HISTORY_DAYS = 7;
/** With a single season, prediction rows of its first days carry backfilled date-based ids. */
const BACKFILL_DAYS_SINGLE_SEASON = 30;

export interface SimulationContext {
  options: ResolvedSeedOptions;
  league: League;
  writer: WarehouseWriter;
  asOfInstant: Date;
  nextDay: string;
  /** Prediction-table rows dated before this use date-based game ids ("backfilled" history). */
  backfillEnd: string;
  /** First date with BettingPros offers. */
  offersStart: string;
  /** By player index. */
  playerStates: PlayerState[];
}

export function createSimulationContext(options: ResolvedSeedOptions, league: League, writer: WarehouseWriter, playerStates: PlayerState[]): SimulationContext {
  const [first, second] = league.seasons;
  const firstOpening = first ? seasonWindow(first.startYear).opening : options.asOf;
  return {
    options, league, writer, playerStates,
    asOfInstant: easternInstant(options.asOf, AS_OF_MINUTES_ET),
    nextDay: addDays(options.asOf, 1),
    backfillEnd: second ? seasonWindow(second.startYear).opening : addDays(firstOpening, BACKFILL_DAYS_SINGLE_SEASON),
    offersStart: addDays(options.asOf, -OFFER_HISTORY_DAYS),
  };
}

/** Independent random streams of one season, one per concern. */
export interface SeasonStreams {
  schedule: Random;
  teams: Random;
  injuries: Random;
  games: Random;
  lines: Random;
  predictions: Random;
  offers: Random;
}

export function createSeasonStreams(seed: number, startYear: number): SeasonStreams {
  const stream = (name: string): Random => createRandom(seed, `${name}:${startYear}`);
  return {
    schedule: stream('schedule'), teams: stream('teams'), injuries: stream('injuries'), games: stream('games'),
    lines: stream('lines'), predictions: stream('predictions'), offers: stream('offers'),
  };
}

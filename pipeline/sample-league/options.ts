/**
 * Options of the sample league generator, their defaults and eager validation (one message
 * template, in the manner of p-queue: "Expected `seasons` to be an integer ≥ 1, got `0` (number)").
 */
import { invalidOption } from '../errors.ts';
import { isIsoDate, seasonStartYear } from '../time.ts';
import { seasonWindow } from './calendar.ts';

export interface SeedOptions {
  /** Where the DuckDB file goes. Written to a temporary file first and renamed into place. */
  dbPath: string;
  /** @default 42 */
  seed?: number;
  /** The sample clock's date (`YYYY-MM-DD`, a regular-season game date). @default '2025-03-15' */
  asOf?: string;
  /** Seasons of history, ending with the as-of date's season. @default 1 */
  seasons?: number;
  /** @default 13 */
  playersPerTeam?: number;
  /** Overwrite an existing file at `dbPath`. @default false */
  force?: boolean;
  /** Called as each phase advances; the generator prints nothing itself. */
  onProgress?: (label: string, done: number, total: number) => void;
}

export type ResolvedSeedOptions = Required<Omit<SeedOptions, 'onProgress'>> & Pick<SeedOptions, 'onProgress'>;

export const DEFAULT_SEED_OPTIONS = { seed: 42, asOf: '2025-03-15', seasons: 1, playersPerTeam: 13, force: false } as const;

const MAX_SEED = 2 ** 32 - 1;
const MAX_SEASONS = 30;
const MIN_PLAYERS_PER_TEAM = 8;
const MAX_PLAYERS_PER_TEAM = 20;

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Applies the defaults and throws a `ConfigError` (`InvalidOption`) for the first bad value. */
export function resolveSeedOptions(options: SeedOptions): ResolvedSeedOptions {
  const resolved = { ...DEFAULT_SEED_OPTIONS, ...stripUndefined(options) } as ResolvedSeedOptions;
  if (typeof resolved.dbPath !== 'string' || resolved.dbPath.trim() === '') throw invalidOption('dbPath', 'a non-empty file path', resolved.dbPath);
  if (!isIntegerIn(resolved.seed, 0, MAX_SEED)) throw invalidOption('seed', `an integer from 0 to ${MAX_SEED}`, resolved.seed);
  if (!isIntegerIn(resolved.seasons, 1, Number.POSITIVE_INFINITY)) throw invalidOption('seasons', 'an integer ≥ 1', resolved.seasons);
  if (resolved.seasons > MAX_SEASONS) throw invalidOption('seasons', `an integer from 1 to ${MAX_SEASONS}`, resolved.seasons);
  if (!isIntegerIn(resolved.playersPerTeam, MIN_PLAYERS_PER_TEAM, MAX_PLAYERS_PER_TEAM)) {
    throw invalidOption('playersPerTeam', `an integer from ${MIN_PLAYERS_PER_TEAM} to ${MAX_PLAYERS_PER_TEAM}`, resolved.playersPerTeam);
  }
  if (typeof resolved.force !== 'boolean') throw invalidOption('force', 'a boolean', resolved.force);
  if (resolved.onProgress !== undefined && typeof resolved.onProgress !== 'function') throw invalidOption('onProgress', 'a function', resolved.onProgress);
  validateAsOf(resolved.asOf);
  return resolved;
}

function validateAsOf(asOf: unknown): void {
  if (typeof asOf !== 'string' || !isIsoDate(asOf) || asOf < '2001-01-01' || asOf > '2098-12-31') {
    throw invalidOption('asOf', 'a date `YYYY-MM-DD` between 2001 and 2098', asOf);
  }
  const window = seasonWindow(seasonStartYear(asOf));
  if (asOf < window.opening || asOf > window.lastDay || window.offDays.has(asOf)) {
    const offDays = [...window.offDays].join(', ');
    throw invalidOption('asOf', `a regular-season game date (${window.opening} to ${window.lastDay}, except ${offDays})`, asOf);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

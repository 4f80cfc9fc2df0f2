/**
 * Benchmark warehouses: sample leagues of N seasons, generated once and cached as
 * `<cacheDir>/seasons-N.duckdb` (`seasons-N-pptM.duckdb` for a non-default roster size). A cached
 * file is reused only when `sample_meta.league` says it came from this generator version with the
 * same options; anything else (older generator, other options, unreadable file) is regenerated.
 */
import path from 'node:path';
import { DEFAULT_SEED_OPTIONS, GENERATOR_VERSION, readSampleMeta, seedSampleWarehouse, type SampleMeta } from '../sample-league/index.ts';

export interface BenchWarehouseOptions {
  cacheDir: string;
  seasons: number;
  playersPerTeam: number;
  onProgress?: (label: string, done: number, total: number) => void;
}

export interface BenchWarehouse {
  path: string;
  /** False when a cached file was reused. */
  seeded: boolean;
  /** The sample clock (as-of instant) of the warehouse. */
  asOfInstant: string;
}

export function benchWarehousePath(options: Pick<BenchWarehouseOptions, 'cacheDir' | 'seasons' | 'playersPerTeam'>): string {
  const roster = options.playersPerTeam === DEFAULT_SEED_OPTIONS.playersPerTeam ? '' : `-ppt${options.playersPerTeam}`;
  return path.resolve(options.cacheDir, `seasons-${options.seasons}${roster}.duckdb`);
}

/** True when `meta` is what the generator would write today for these options. */
export function isCurrentSample(meta: SampleMeta | null, options: Pick<BenchWarehouseOptions, 'seasons' | 'playersPerTeam'>): meta is SampleMeta {
  return (
    meta !== null &&
    meta.generatorVersion === GENERATOR_VERSION &&
    meta.seed === DEFAULT_SEED_OPTIONS.seed &&
    meta.asOf === DEFAULT_SEED_OPTIONS.asOf &&
    meta.seasons === options.seasons &&
    meta.playersPerTeam === options.playersPerTeam
  );
}

export async function ensureBenchWarehouse(options: BenchWarehouseOptions): Promise<BenchWarehouse> {
  const dbPath = benchWarehousePath(options);
  const cached = await readSampleMeta(dbPath).catch(() => null); // unreadable: regenerate it
  if (isCurrentSample(cached, options)) return { path: dbPath, seeded: false, asOfInstant: cached.asOfInstant };
  const summary = await seedSampleWarehouse({
    dbPath, seasons: options.seasons, playersPerTeam: options.playersPerTeam, force: true, ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { path: dbPath, seeded: true, asOfInstant: summary.asOfInstant };
}

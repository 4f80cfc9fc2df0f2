/**
 * The sample league generator (`props-api seed`): a DuckDB warehouse with every source table of
 * `spec/sources.md`, filled deterministically from a numeric seed (same seed and options → the
 * same table contents), plus `sample_meta` tables that mark it as sample data and carry the
 * as-of night's final box scores for the live replay.
 *
 * The file is written under a temporary name and renamed into place, so a killed run never leaves
 * a half-written warehouse at `dbPath`. Prints nothing; progress goes to `onProgress`.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ExportError, SeedError } from '../errors.ts';
import { seasonStartYear } from '../time.ts';
import { TABLE_NAMES, createTableStatements } from './ddl.ts';
import { withDuckDBFile } from './duckdb-file.ts';
import { recordTableChanges } from './change-stamps.ts';
import { aggregateDailyPerformance, DAILY_PERFORMANCE_TABLE } from './grading.ts';
import { resolveSeedOptions } from './options.ts';
import type { ResolvedSeedOptions, SeedOptions } from './options.ts';
import { buildLeague } from './rosters.ts';
import { GENERATOR_VERSION, readSampleMeta } from './sample-meta.ts';
import { simulateSeason } from './simulate-season.ts';
import { createSimulationContext } from './simulation-context.ts';
import { newPlayerState } from './state.ts';
import { createWarehouseWriter } from './write.ts';

export { DEFAULT_SEED_OPTIONS } from './options.ts';
export type { SeedOptions } from './options.ts';
export { normalizePlayerLookup } from './names.ts';
export { GENERATOR_VERSION, readSampleMeta } from './sample-meta.ts';
export type { SampleMeta } from './sample-meta.ts';

export interface SeedSummary {
  dbPath: string;
  seed: number;
  asOf: string;
  /** ISO instant of the sample clock: the as-of date at 21:30 America/New_York. */
  asOfInstant: string;
  seasons: number;
  playersPerTeam: number;
  /** Rows per table, keyed `<schema>.<table>`. */
  rowCounts: Record<string, number>;
}

export async function seedSampleWarehouse(options: SeedOptions): Promise<SeedSummary> {
  const resolved = resolveSeedOptions(options);
  const dbPath = resolve(resolved.dbPath);
  if (existsSync(dbPath) && !resolved.force) {
    throw new SeedError('SeedFailed', `The sample warehouse \`${dbPath}\` already exists`, { hint: 'Pass `--force` (`force: true`) to overwrite it.' });
  }
  const tempPath = `${dbPath}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(dbPath), { recursive: true });
    await removeDatabase(tempPath);
    const rowCounts = await withDuckDBFile(tempPath, { readOnly: false }, (connection) => generate(connection, resolved));
    await rename(tempPath, dbPath);
    await rm(`${dbPath}.wal`, { force: true });
    const meta = await readSampleMeta(dbPath);
    return { dbPath, seed: resolved.seed, asOf: resolved.asOf, asOfInstant: meta?.asOfInstant ?? '', seasons: resolved.seasons, playersPerTeam: resolved.playersPerTeam, rowCounts };
  } catch (cause) {
    await removeDatabase(tempPath);
    if (cause instanceof ExportError) throw cause;
    throw new SeedError('SeedFailed', `Generating the sample warehouse \`${dbPath}\` failed`, { cause, hint: 'Nothing was written at that path; fix the cause above and run `props-api seed` again.' });
  }
}

async function removeDatabase(path: string): Promise<void> {
  await rm(path, { force: true });
  await rm(`${path}.wal`, { force: true });
}

async function generate(connection: DuckDBConnection, options: ResolvedSeedOptions): Promise<Record<string, number>> {
  const progress = options.onProgress ?? (() => {});
  for (const statement of createTableStatements()) await connection.run(statement);
  const firstYear = seasonStartYear(options.asOf) - options.seasons + 1;
  const league = buildLeague({ seed: options.seed, firstYear, seasons: options.seasons, playersPerTeam: options.playersPerTeam, asOf: options.asOf });
  const writer = await createWarehouseWriter(connection, { asOf: options.asOf });
  const ctx = createSimulationContext(options, league, writer, league.players.map(() => newPlayerState()));
  for (const season of league.seasons) {
    simulateSeason(ctx, season, progress);
    await writer.checkpoint();
  }
  writer.append('sample_meta.league', {
    seed: options.seed, as_of_date: options.asOf, as_of_instant: ctx.asOfInstant, seasons: options.seasons,
    players_per_team: options.playersPerTeam, generator_version: GENERATOR_VERSION,
  });
  await writer.checkpoint();
  writer.close();
  progress('grading aggregates', 0, 1);
  await aggregateDailyPerformance(connection);
  await recordTableChanges(connection, [DAILY_PERFORMANCE_TABLE]);
  progress('grading aggregates', 1, 1);
  await connection.run('CHECKPOINT');
  return countRows(connection);
}

async function countRows(connection: DuckDBConnection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of TABLE_NAMES) {
    const reader = await connection.runAndReadAll(`SELECT count(*) FROM ${name}`);
    counts[name] = Number(reader.getRows()[0]?.[0] ?? 0);
  }
  return counts;
}

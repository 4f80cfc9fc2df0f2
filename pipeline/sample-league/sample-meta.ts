/**
 * Recognising a sample warehouse: `sample_meta.league` holds how it was generated. Builds use it
 * to take their default clock (`asOfInstant`) from the file instead of the wall clock.
 */
import { existsSync } from 'node:fs';
import { withDuckDBFile } from './duckdb-file.ts';

/** Bumped whenever the same options would generate different contents. */
export const GENERATOR_VERSION = 'sample-league/1';

export interface SampleMeta {
  seed: number;
  asOf: string;
  /** ISO 8601 UTC instant (`Z`): the as-of date at 21:30 America/New_York. */
  asOfInstant: string;
  seasons: number;
  playersPerTeam: number;
  generatorVersion: string;
}

/**
 * The generation record of a sample warehouse; null when the file is missing or is a DuckDB file
 * without `sample_meta.league`. Throws when the file cannot be opened as DuckDB (corrupt, locked).
 */
export async function readSampleMeta(dbPath: string): Promise<SampleMeta | null> {
  if (!existsSync(dbPath)) return null;
  return withDuckDBFile(dbPath, { readOnly: true }, async (connection) => {
    const exists = await connection.runAndReadAll(
      `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'sample_meta' AND table_name = 'league'`,
    );
    if (Number(exists.getRows()[0]?.[0] ?? 0) === 0) return null;
    const reader = await connection.runAndReadAll(
      `SELECT seed, strftime(as_of_date, '%Y-%m-%d'), epoch_ms(as_of_instant), seasons, players_per_team, generator_version FROM sample_meta.league LIMIT 1`,
    );
    const row = reader.getRows()[0];
    if (!row) return null;
    return {
      seed: Number(row[0]), asOf: String(row[1]), asOfInstant: new Date(Number(row[2])).toISOString(),
      seasons: Number(row[3]), playersPerTeam: Number(row[4]), generatorVersion: String(row[5]),
    };
  });
}

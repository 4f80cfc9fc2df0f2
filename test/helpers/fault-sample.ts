/**
 * The small sample league the fault suite builds on: seeded once per test run by
 * `test/faults/global-setup.ts`, opened read-only by each test file (DuckDB allows many
 * read-only readers). A week into the season with 8 players a team, so a full build of every
 * registered endpoint takes seconds and the same rows replay quickly through loopback BigQuery.
 */
import { inject } from 'vitest';
import { createDuckDBWarehouse } from '../../pipeline/adapters/duckdb-warehouse.ts';

export const FAULT_SAMPLE = { seed: 42, asOf: '2024-10-30', seasons: 1, playersPerTeam: 8 } as const;

export function faultSamplePath(): string {
  const dbPath = inject('faultSampleDb');
  const failed = inject('faultSampleError');
  if (failed) throw new Error(`The fault suite's sample league could not be seeded:\n${failed}`);
  if (!dbPath) throw new Error('Internal error: the fault sample was not seeded; run with a vitest config whose globalSetup is test/faults/global-setup.ts');
  return dbPath;
}

/** The build clock of the sample (its as-of night, 21:30 New York time). */
export function faultSampleAsOf(): string {
  return inject('faultSampleAsOf');
}

export function openFaultSample() {
  return createDuckDBWarehouse({ path: faultSamplePath() });
}

/**
 * The small sample league the fault suite builds on: a week into the season with 8 players a
 * team, so a full build of every registered endpoint takes seconds and the same rows replay
 * quickly through loopback BigQuery. Seeded once per test run by the first test file that opens
 * it (shared-sample.ts); test files open it read-only.
 */
import { createDuckDBWarehouse } from '../../pipeline/adapters/duckdb-warehouse.ts';
import type { Warehouse } from '../../pipeline/ports.ts';
import { sharedSamplePath } from './shared-sample.ts';

export const FAULT_SAMPLE = { seed: 42, asOf: '2024-10-30', seasons: 1, playersPerTeam: 8 } as const;

let prepared: { dbPath: string; asOf: string } | undefined;

/** Opens the sample read-only, seeding it first when this run has not yet. */
export async function openFaultSample(): Promise<Warehouse> {
  const dbPath = prepared?.dbPath ?? (await sharedSamplePath('fault', FAULT_SAMPLE));
  const warehouse = await createDuckDBWarehouse({ path: dbPath });
  prepared ??= { dbPath, asOf: warehouse.sample!.asOfInstant };
  return warehouse;
}

function requirePrepared() {
  if (!prepared) throw new Error('Internal error: call openFaultSample() (in beforeAll) before using the fault sample');
  return prepared;
}

/** The sample's DuckDB file (after `openFaultSample`). */
export const faultSamplePath = (): string => requirePrepared().dbPath;

/** The build clock of the sample: its as-of night, 21:30 New York time (after `openFaultSample`). */
export const faultSampleAsOf = (): string => requirePrepared().asOf;

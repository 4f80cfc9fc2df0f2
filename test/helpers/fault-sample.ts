/**
 * The small sample league the fault suite builds on: a week into the season with 8 players a
 * team, so a full build of every registered endpoint takes seconds and the same rows replay
 * quickly through loopback BigQuery. Seeded once per test run, lazily, by the first test file
 * that opens it (runs that use none of these files pay nothing): the run's own directory comes
 * from `test/faults/global-setup.ts`, an atomic `mkdir` elects the one seeder, and the others wait
 * for the file (the generator renames it into place when complete) or for the seeder's error.
 * Test files open it read-only (DuckDB allows many read-only readers).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';
import { createDuckDBWarehouse } from '../../pipeline/adapters/duckdb-warehouse.ts';
import { formatErrorChain } from '../../pipeline/errors.ts';
import type { Warehouse } from '../../pipeline/ports.ts';
import { seedSampleWarehouse } from '../../pipeline/sample-league/index.ts';

export const FAULT_SAMPLE = { seed: 42, asOf: '2024-10-30', seasons: 1, playersPerTeam: 8 } as const;
/** Longest wait for another worker's seeding (it takes seconds; this only bounds a crash). */
const SEED_WAIT_LIMIT_MS = 300_000;

let prepared: { dbPath: string; asOf: string } | undefined;

async function seededPath(): Promise<string> {
  const dir = inject('faultSuiteDir');
  if (!dir) throw new Error('Internal error: no fault suite directory; run with a vitest config whose globalSetup is test/faults/global-setup.ts');
  const dbPath = path.join(dir, 'sample.duckdb');
  const failure = path.join(dir, 'seed-error.txt');
  if (existsSync(dbPath)) return dbPath;
  const elected = await mkdir(path.join(dir, 'seeding')).then(() => true, () => false);
  if (elected) {
    try {
      await seedSampleWarehouse({ dbPath, ...FAULT_SAMPLE });
    } catch (error) {
      await writeFile(failure, formatErrorChain(error));
      throw error;
    }
    return dbPath;
  }
  for (let waited = 0; !existsSync(dbPath); waited += 100) {
    if (existsSync(failure)) throw new Error(`The fault suite's sample league could not be seeded:\n${await readFile(failure, 'utf8')}`);
    if (waited > SEED_WAIT_LIMIT_MS) throw new Error('Internal error: gave up waiting for the fault sample to be seeded');
    await delay(100);
  }
  return dbPath;
}

/** Opens the sample read-only, seeding it first when this run has not yet. */
export async function openFaultSample(): Promise<Warehouse> {
  const dbPath = prepared?.dbPath ?? (await seededPath());
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

/**
 * Sample leagues shared by the test files of one run: each (by name) is seeded once, lazily, by
 * the first test file that asks for it, so a run that uses none pays nothing and one that uses it
 * in five files seeds it once. The run's own directory comes from `test/faults/global-setup.ts`;
 * an atomic `mkdir` elects the one seeder, and the others wait for the file (the generator renames
 * it into place when complete) or for the seeder's error. Test files open it read-only (DuckDB
 * allows many read-only readers, in any number of processes).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';
import { formatErrorChain } from '../../pipeline/errors.ts';
import { seedSampleWarehouse, type SeedOptions } from '../../pipeline/sample-league/index.ts';

/** Longest wait for another worker's seeding (it takes seconds; this only bounds a crash). */
const SEED_WAIT_LIMIT_MS = 300_000;

/**
 * The DuckDB file of the run's sample league `name`, seeded with `options` by the first caller.
 * One name, one set of options: callers sharing a name must pass the same.
 */
export async function sharedSamplePath(name: string, options: Omit<SeedOptions, 'dbPath' | 'force'> = {}): Promise<string> {
  const dir = inject('runDir');
  if (!dir) throw new Error('Internal error: no run directory; run with a vitest config whose globalSetup is test/faults/global-setup.ts');
  const dbPath = path.join(dir, `${name}.duckdb`);
  const failure = path.join(dir, `${name}.seed-error.txt`);
  if (existsSync(dbPath)) return dbPath;
  const elected = await mkdir(path.join(dir, `${name}.seeding`)).then(() => true, () => false);
  if (elected) {
    try {
      await seedSampleWarehouse({ ...options, dbPath });
    } catch (error) {
      await writeFile(failure, formatErrorChain(error));
      throw error;
    }
    return dbPath;
  }
  for (let waited = 0; !existsSync(dbPath); waited += 100) {
    if (existsSync(failure)) throw new Error(`The shared sample league \`${name}\` could not be seeded:\n${await readFile(failure, 'utf8')}`);
    if (waited > SEED_WAIT_LIMIT_MS) throw new Error(`Internal error: gave up waiting for the shared sample league \`${name}\` to be seeded`);
    await delay(100);
  }
  return dbPath;
}

/** The default sample league (`props-api seed` with no options: seed 42, as of 2025-03-15, one season). */
export const defaultSamplePath = (): Promise<string> => sharedSamplePath('default');

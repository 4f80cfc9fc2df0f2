/**
 * Sample leagues shared by the test files of one run: each (by name) is seeded once, lazily, by
 * the first test file that asks for it, so a run that uses none pays nothing and one that uses it
 * in five files seeds it once. The run's own directory comes from `test/faults/global-setup.ts`;
 * an atomic `mkdir` elects the one seeder, and the others wait for its summary (written once the
 * file is complete) or for its error. Test files open it read-only (DuckDB
 * allows many read-only readers, in any number of processes).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { inject } from 'vitest';
import { formatErrorChain } from '../../pipeline/errors.ts';
import { seedSampleWarehouse, type SeedOptions, type SeedSummary } from '../../pipeline/sample-league/index.ts';

/** Longest wait for another worker's seeding (it takes seconds; this only bounds a crash). */
const SEED_WAIT_LIMIT_MS = 300_000;

/**
 * The run's sample league `name`, seeded with `options` by the first caller: the seeder's summary
 * (its `dbPath` is the DuckDB file). One name, one set of options: callers sharing a name must
 * pass the same.
 */
export async function sharedSample(name: string, options: Omit<SeedOptions, 'dbPath' | 'force'> = {}): Promise<SeedSummary> {
  const dir = inject('runDir');
  if (!dir) throw new Error('Internal error: no run directory; run with a vitest config whose globalSetup is test/faults/global-setup.ts');
  const summaryFile = path.join(dir, `${name}.summary.json`);
  const failure = path.join(dir, `${name}.seed-error.txt`);
  if (existsSync(summaryFile)) return readSummary(summaryFile);
  const elected = await mkdir(path.join(dir, `${name}.seeding`)).then(() => true, () => false);
  if (elected) {
    try {
      const summary = await seedSampleWarehouse({ ...options, dbPath: path.join(dir, `${name}.duckdb`) });
      await writeFile(`${summaryFile}.tmp`, JSON.stringify(summary));
      await rename(`${summaryFile}.tmp`, summaryFile); // waiters see the summary complete or not at all
      return summary;
    } catch (error) {
      await writeFile(failure, formatErrorChain(error));
      throw error;
    }
  }
  for (let waited = 0; !existsSync(summaryFile); waited += 100) {
    if (existsSync(failure)) throw new Error(`The shared sample league \`${name}\` could not be seeded:\n${await readFile(failure, 'utf8')}`);
    if (waited > SEED_WAIT_LIMIT_MS) throw new Error(`Internal error: gave up waiting for the shared sample league \`${name}\` to be seeded`);
    await delay(100);
  }
  return readSummary(summaryFile);
}

const readSummary = async (file: string): Promise<SeedSummary> => JSON.parse(await readFile(file, 'utf8')) as SeedSummary;

/** The DuckDB file of the run's sample league `name` (see `sharedSample`). */
export const sharedSamplePath = async (name: string, options: Omit<SeedOptions, 'dbPath' | 'force'> = {}): Promise<string> => (await sharedSample(name, options)).dbPath;

/** The default sample league (`props-api seed` with no options: seed 42, as of 2025-03-15, one season). */
export const defaultSamplePath = (): Promise<string> => sharedSamplePath('default');

/** The default sample league's seed summary (row counts, sample clock) as its seeder returned it. */
export const defaultSample = (): Promise<SeedSummary> => sharedSample('default');

/** A whole season (as of 2025-03-15) with 8 players a team: the bench's small warehouse and a smaller league than the default. */
export const SEASON_8 = { playersPerTeam: 8 } as const;

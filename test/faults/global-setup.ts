/**
 * Global setup of the fault suite (used by both vitest configs):
 * - seeds one small sample league (8 players a team, a week into the season, so every query is
 *   small) into a temporary file and provides its path to the test files that build on it;
 * - gives the run its own tally directory, and afterwards adds the tallies up into `test-output/faults-summary.json` and
 *   prints the one summary line (faults injected, kill points, races, bad inputs, and the
 *   torn / lost / invalid counts that must be 0).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatErrorChain } from '../../pipeline/errors.ts';
import { seedSampleWarehouse } from '../../pipeline/sample-league/index.ts';
import { readTallies, summarise, SUMMARY_FILE } from '../helpers/fault-tally.ts';
import { FAULT_SAMPLE } from '../helpers/fault-sample.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    faultSampleDb: string;
    faultSampleAsOf: string;
    /** Why the sample could not be seeded, when it could not. */
    faultSampleError: string;
    /** This run's own directory for the test files' tallies. */
    faultTallyDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'props-api-fault-suite-'));
  // A seeding failure fails only the tests that build on the sample (they report it), not the run.
  try {
    const seeded = await seedSampleWarehouse({ dbPath: path.join(dir, 'sample.duckdb'), ...FAULT_SAMPLE });
    project.provide('faultSampleDb', seeded.dbPath);
    project.provide('faultSampleAsOf', seeded.asOfInstant);
  } catch (error) {
    project.provide('faultSampleError', formatErrorChain(error));
  }
  project.provide('faultTallyDir', path.join(dir, 'tallies'));
  return () => {
    const { files, total } = readTallies(path.join(dir, 'tallies'));
    rmSync(dir, { recursive: true, force: true });
    if (files.length === 0) return;
    const { summary, line } = summarise(total);
    mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE, `${JSON.stringify({ ...summary, from: files }, null, 2)}\n`);
    process.stdout.write(`\n${line}\n`);
  };
}

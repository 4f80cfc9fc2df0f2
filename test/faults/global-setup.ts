/**
 * Global setup of the fault suite (used by both vitest configs):
 * - seeds one small sample league (8 players a team, a week into the season, so every query is
 *   small) into a temporary file and provides its path to the test files that build on it;
 * - clears the tallies, and afterwards adds them up into `test-output/faults-summary.json` and
 *   prints the one summary line (faults injected, kill points, races, bad inputs, and the
 *   torn / lost / invalid counts that must be 0).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedSampleWarehouse } from '../../pipeline/sample-league/index.ts';
import { clearTallies, readTallies, summarise, SUMMARY_FILE } from '../helpers/fault-tally.ts';
import { FAULT_SAMPLE } from '../helpers/fault-sample.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    faultSampleDb: string;
    faultSampleAsOf: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  clearTallies();
  const dir = mkdtempSync(path.join(tmpdir(), 'props-api-fault-sample-'));
  const seeded = await seedSampleWarehouse({ dbPath: path.join(dir, 'sample.duckdb'), ...FAULT_SAMPLE });
  project.provide('faultSampleDb', seeded.dbPath);
  project.provide('faultSampleAsOf', seeded.asOfInstant);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    const { files, total } = readTallies();
    if (files.length === 0) return;
    const { summary, line } = summarise(total);
    mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE, `${JSON.stringify({ ...summary, from: files }, null, 2)}\n`);
    process.stdout.write(`\n${line}\n`);
  };
}

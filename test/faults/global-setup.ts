/**
 * Global setup of the test run (used by both vitest configs): gives the run its own directory
 * (for the sample leagues the test files share, each seeded lazily by the first test file that
 * needs it, see test/helpers/shared-sample.ts, and for the fault suite's tallies), and afterwards
 * adds the tallies up into `test-output/faults-summary.json` and prints the one summary line
 * (faults injected, kill points, races, bad inputs, and the torn / lost / invalid counts that
 * must be 0).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readTallies, summarise, SUMMARY_FILE } from '../helpers/fault-tally.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's own directory: the shared sample leagues and the tallies live in it. */
    runDir: string;
    /** This run's own directory for the test files' tallies. */
    faultTallyDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'props-api-test-run-'));
  project.provide('runDir', dir);
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

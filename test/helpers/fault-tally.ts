/**
 * Counts kept by the fault suite (faults injected, kill points, races, bad inputs, and the
 * problems that must stay at zero). Each test file keeps its own tally and writes it to
 * `<run dir>/<name>.json` after its tests; the global teardown in `test/faults/global-setup.ts`
 * adds them up, writes `test-output/faults-summary.json` and prints one line. Test files run in
 * separate workers, so files are the simplest shared channel; the run directory is this run's
 * own (provided by the global setup), so concurrent test runs in one checkout never mix counts.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, inject } from 'vitest';

export const SUMMARY_FILE = fileURLToPath(new URL('../../test-output/faults-summary.json', import.meta.url));

/** Flat counters: `faults.storage`, `killPoints.prune`, `races`, `badInputs`, `torn`, `lost`, `invalid`, … */
export type Counts = Record<string, number>;

export interface Tally {
  add(key: string, n?: number): void;
  /** Adds the length of `problems` to `key` and returns them (for `expect(...).toEqual([])`). */
  problems(key: 'torn' | 'lost' | 'invalid', problems: string[]): string[];
  readonly counts: Counts;
}

/** A tally for this test file, written after its tests (also when some failed). */
export function useTally(name: string): Tally {
  const counts: Counts = { torn: 0, lost: 0, invalid: 0 };
  afterAll(() => {
    const dir = inject('faultTallyDir');
    if (!dir) return; // run without the fault suite's global setup: nothing to add up
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(counts, null, 2)}\n`);
  });
  return {
    counts,
    add(key, n = 1) {
      counts[key] = (counts[key] ?? 0) + n;
    },
    problems(key, problems) {
      counts[key] = (counts[key] ?? 0) + problems.length;
      return problems;
    },
  };
}

export function readTallies(dir: string): { files: string[]; total: Counts } {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return { files: [], total: {} };
  }
  const total: Counts = {};
  for (const name of names) {
    const counts = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Counts;
    for (const [key, value] of Object.entries(counts)) total[key] = (total[key] ?? 0) + value;
  }
  return { files: names.map((name) => name.replace(/\.json$/, '')), total };
}

const sumOf = (total: Counts, prefix: string) => Object.entries(total).filter(([key]) => key.startsWith(`${prefix}.`)).reduce((sum, [, value]) => sum + value, 0);
const partsOf = (total: Counts, prefix: string) =>
  Object.entries(total).filter(([key, value]) => key.startsWith(`${prefix}.`) && value > 0).map(([key, value]) => `${key.slice(prefix.length + 1)} ${value}`).join(', ');

/** The summary object and its one printed line. */
export function summarise(total: Counts): { summary: Record<string, unknown>; line: string } {
  const summary = {
    faults_injected: sumOf(total, 'faults'),
    faults_by_target: Object.fromEntries(Object.entries(total).filter(([k]) => k.startsWith('faults.')).map(([k, v]) => [k.slice(7), v])),
    kill_points: sumOf(total, 'killPoints'),
    kill_points_by_phase: Object.fromEntries(Object.entries(total).filter(([k]) => k.startsWith('killPoints.')).map(([k, v]) => [k.slice(11), v])),
    races: total.races ?? 0,
    bad_inputs: total.badInputs ?? 0,
    outcomes: Object.fromEntries(Object.entries(total).filter(([k]) => k.startsWith('outcome.')).map(([k, v]) => [k.slice(8), v])),
    torn_releases: total.torn ?? 0,
    lost_files: total.lost ?? 0,
    invalid_files_published: total.invalid ?? 0,
  };
  const line =
    `fault suite: ${summary.faults_injected} faults injected (${partsOf(total, 'faults')}), ` +
    `${summary.kill_points} kill points (${partsOf(total, 'killPoints')}), ${summary.races} races, ${summary.bad_inputs} bad inputs; ` +
    `${summary.torn_releases} torn releases, ${summary.lost_files} lost files, ${summary.invalid_files_published} invalid files published`;
  return { summary, line };
}

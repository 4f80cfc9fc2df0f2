/**
 * Issue 20: `props-api build` is incremental unless `--full`, run in-process on the shared sample
 * league: a second build of an unchanged endpoint carries it over, `--full` rebuilds it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import build from '../../../pipeline/commands/build.ts';
import { endpointEntries, SCHEMA_FILES_OWNER, type BuildManifest } from '../../../pipeline/manifest.ts';
import { newestLocalBuild } from '../../../pipeline/out-dir.ts';
import { defaultSamplePath } from '../../helpers/shared-sample.ts';

let dir: string;
let warehouse: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'build-command-'));
  warehouse = `duckdb:${await defaultSamplePath()}`;
}, 300_000);
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function runBuild(extra: Record<string, string | boolean> = {}): Promise<{ stderr: string; manifest: BuildManifest }> {
  const err: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    expect(await build.run({ values: { warehouse, out: dir, only: 'trends.whos-hot', ...extra }, positionals: [] })).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
  const newest = await newestLocalBuild(dir);
  return { stderr: err.join(''), manifest: JSON.parse(await readFile(path.join(newest!.dir, 'manifest.json'), 'utf8')) as BuildManifest };
}

test('a second build carries an unchanged endpoint over; --full rebuilds it', async () => {
  const first = await runBuild();
  expect(first.manifest.build.query_count).toBe(1);
  const second = await runBuild();
  expect(second.stderr).toMatch(/0 queries, 1 endpoint\(s\) carried over/);
  // The schema files (written by every build, owner `schemas`) aside, nothing was built.
  expect(endpointEntries(second.manifest)).toMatchObject([{ exporter: 'trends.whos-hot', carried: true, files: 0 }]);
  expect(second.manifest.files.filter((f) => f.exporter !== SCHEMA_FILES_OWNER)).toEqual([]);
  const full = await runBuild({ full: true });
  expect(full.stderr).toMatch(/ 1 queries;/);
  expect(endpointEntries(full.manifest)[0]!.carried).toBeUndefined();
});

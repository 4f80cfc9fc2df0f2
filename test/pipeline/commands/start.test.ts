/**
 * `npm start` reuses an up-to-date build (issue 21): a second start with nothing changed serves
 * the build it made without building (no query runs, no tree is written); a touched warehouse
 * file, a changed schema or exporter, or --rebuild builds again. One cheap endpoint on a copy of
 * the shared fault sample; the fingerprinted sources are a small stand-in tree.
 */
import { appendFile, copyFile, mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import resultsDaily from '../../../exporters/results/daily.ts';
import { startBuild, type StartBuildOptions } from '../../../pipeline/commands/start.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { START_FINGERPRINT_FILE } from '../../../pipeline/start-fingerprint.ts';
import { FAULT_SAMPLE } from '../../helpers/fault-sample.ts';
import { sharedSamplePath } from '../../helpers/shared-sample.ts';

let dir: string;
let base: Omit<StartBuildOptions, 'logger'>;
const code = (...parts: string[]) => path.join(dir, 'code', ...parts);

/** One start; what it logged and whether it built. */
async function start(extra: Partial<StartBuildOptions> = {}) {
  const logger = createMemoryLogger();
  const result = await startBuild({ ...base, ...extra, logger });
  return { ...result, lines: logger.lines };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'start-reuse-'));
  const warehouseFile = path.join(dir, 'warehouse.duckdb');
  await copyFile(await sharedSamplePath('fault', FAULT_SAMPLE), warehouseFile);
  for (const sub of ['exporters', 'pipeline', 'schemas']) await mkdir(code(sub), { recursive: true });
  await writeFile(code('exporters/toy.ts'), 'export default 1;\n');
  await writeFile(code('pipeline/run.ts'), 'export const run = 1;\n');
  await writeFile(code('schemas/toy.schema.json'), '{"type":"object"}\n');
  await writeFile(code('package-lock.json'), '{}\n');
  base = { outDir: path.join(dir, 'out'), warehouseFile, registry: [resultsDaily], codeRoot: code() };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifestMtime = async (buildId: string) => (await stat(path.join(base.outDir, buildId, 'manifest.json'))).mtimeMs;

test('a first start builds and records what the build depends on next to it', async () => {
  const first = await start();
  expect(first.built).toBe(true);
  expect(first.lines[0]).toBe('building (no earlier start build) …');
  expect((await readdir(base.outDir)).sort()).toEqual([first.buildId, START_FINGERPRINT_FILE].sort());
});

test('a second start with nothing changed serves the same build without building', async () => {
  const before = await start(); // the record of the previous test's build
  const mtime = await manifestMtime(before.buildId!);
  const again = await start();
  expect(again).toEqual({ buildId: before.buildId, built: false, lines: [`build ${before.buildId} is up to date (same warehouse file, code, schemas and options): serving it without rebuilding (--rebuild to build anyway)`] });
  // No plan, no query, no tree: a build would log its plan and mark its tree newest.
  expect(await manifestMtime(before.buildId!)).toBe(mtime);
});

test('a touched warehouse file rebuilds', async () => {
  const when = new Date('2030-01-02T03:04:05Z');
  await utimes(base.warehouseFile, when, when);
  const touched = await start();
  expect(touched.built).toBe(true);
  expect(touched.lines[0]).toBe('building (the warehouse file changed) …');
  expect(touched.lines).toContainEqual(expect.stringMatching(/^plan: 1 endpoints/));
  expect((await start()).built).toBe(false);
});

test('a changed schema or exporter rebuilds', async () => {
  for (const file of ['schemas/toy.schema.json', 'exporters/toy.ts']) {
    await appendFile(code(file), '\n');
    const changed = await start();
    expect(changed.built, file).toBe(true);
    expect(changed.lines[0], file).toBe('building (the code or schemas changed) …');
  }
  expect((await start()).built).toBe(false);
});

test('--rebuild builds even when up to date; a newer build in the out directory is not taken for the start build', async () => {
  expect((await start({ rebuild: true })).lines[0]).toBe('building (--rebuild) …');
  const id = (await start()).buildId!;
  // Another command's build in the same directory, newer than the start build.
  const other = path.join(base.outDir, 'zz-other');
  await mkdir(other);
  await writeFile(path.join(other, 'manifest.json'), JSON.stringify({ build: { id: 'zz-other', as_of: '2099-01-01T00:00:00Z' }, files: [], endpoints: [] }));
  const after = await start();
  expect(after.built).toBe(true);
  expect(after.lines[0]).toBe(`building (build ${id} is no longer the newest in ${base.outDir}) …`);
});

/**
 * Issue 20, incremental builds, on a copy of the shared sample league (real DuckDB, its change
 * stamps) published to the loopback GCS server (real client), each build taking the live release
 * as its baseline as the hourly workflow does (`build --bucket`). One sequence of small builds
 * (six endpoints) shared by the assertions:
 *
 *   B1 first build (21:30 ET) → publish · B2 half an hour later, nothing changed → publish · B3 one
 *   table stamped as changed → publish · B3b later · B3c changed code (another source hash) · B4
 *   the same with --full (all before midnight ET) · B5 the next ET day.
 *
 * Which endpoint reads which table is read off their SQL by hand: of the six,
 * `nba_analytics.upcoming_player_game_context` is read by results.predictions and
 * trends.tonight-plays (and not by results.performance, trends.whos-hot, status.status, live.scores).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { historyFromRelease } from '../../pipeline/build-history.ts';
import { endpointEntries, SCHEMA_FILES_OWNER, type BuildManifest } from '../../pipeline/manifest.ts';
import { createFixedClock, type ObjectStore } from '../../pipeline/ports.ts';
import { readLiveRelease } from '../../pipeline/publish/live-release.ts';
import { publishBuild, type PublishResult } from '../../pipeline/publish/publish-build.ts';
import { runBuild, type BuildSummary } from '../../pipeline/run-build.ts';
import { recordTableChanges } from '../../pipeline/sample-league/change-stamps.ts';
import { withDuckDBFile } from '../../pipeline/sample-league/duckdb-file.ts';
import { useLoopbackBucket } from '../helpers/gcs-bucket.ts';
import { defaultSample } from '../helpers/shared-sample.ts';

const SIX = ['results.predictions', 'results.performance', 'trends.whos-hot', 'trends.tonight-plays', 'status.status', 'live.scores'];
const READS_CONTEXT = ['results.predictions', 'trends.tonight-plays'];
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const bucket = useLoopbackBucket('incremental');
let dir: string;
let dbPath: string;
let t0: number;
let store: ObjectStore;
const builds: Record<string, BuildSummary> = {};
const publishes: Record<string, PublishResult> = {};
/** Per publish, every live object's body as stored (gzip-encoded ones stay encoded). */
const objects: Record<string, Map<string, Buffer>> = {};

const at = (ms: number) => createFixedClock(new Date(t0 + ms).toISOString());

async function build(name: string, offsetMs: number, options: { full?: boolean; only?: string[]; sourceTree?: string } = {}): Promise<BuildSummary> {
  const baseline = historyFromRelease((await readLiveRelease(store)).manifest, exporters);
  const summary = await runBuild({
    registry: exporters, warehouse: `duckdb:${dbPath}`, only: options.only ?? SIX, outDir: path.join(dir, 'out'),
    asOf: new Date(t0 + offsetMs).toISOString(), baseline, incremental: options.full !== true, ...(options.sourceTree ? { sourceTree: options.sourceTree } : {}),
  });
  builds[name] = summary;
  return summary;
}

async function publish(name: string, offsetMs: number): Promise<void> {
  publishes[name] = await publishBuild({ store, treeDir: builds[name]!.treeDir!, clock: at(offsetMs) });
  const { manifest } = await readLiveRelease(store);
  objects[name] = new Map(await Promise.all(manifest!.files.map(async (file) => [file.path, Buffer.from((await store.read(file.path))!.body)] as const)));
}

const decoded = (body: Buffer) => (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
/** Endpoints the build queried: not carried, and not the schema files' owner (written by every build, no query). */
const queried = (name: string) => endpointEntries(builds[name]!.manifest!).filter((e) => e.carried !== true).map((e) => e.exporter).sort();
const carried = (name: string) => [...builds[name]!.carried].sort();
const ownPaths = (manifest: BuildManifest, ids: readonly string[]) => manifest.files.filter((f) => ids.includes(f.exporter)).map((f) => f.path);

beforeAll(async () => {
  const sample = await defaultSample();
  dir = await mkdtemp(path.join(os.tmpdir(), 'incremental-'));
  dbPath = path.join(dir, 'warehouse.duckdb');
  await copyFile(sample.dbPath, dbPath);
  t0 = Date.parse(sample.asOfInstant); // 21:30 ET on the as-of night
}, 300_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('incremental builds (issue 20)', { timeout: 300_000 }, () => {
  test('B1 → B2: unchanged tables carry endpoints over, files byte-identical; status and live rebuilt', async () => {
    store = bucket.store();
    await build('b1', 0);
    await publish('b1', MINUTE_MS);
    expect(queried('b1')).toEqual([...SIX].sort());
    expect(builds.b1!.metadataRequests).toBe(1); // DuckDB: one read of its change-stamp table

    await build('b2', 30 * MINUTE_MS);
    await publish('b2', 31 * MINUTE_MS);
    expect(carried('b2')).toEqual(['results.performance', 'results.predictions', 'trends.tonight-plays', 'trends.whos-hot']);
    expect(builds.b2!.queryCount).toBe(2);
    expect(queried('b2')).toEqual(['live.scores', 'status.status']);
    const m2 = builds.b2!.manifest!;
    expect(m2.files.every((f) => [SCHEMA_FILES_OWNER, 'status.status', 'live.scores'].includes(f.exporter))).toBe(true);
    for (const id of carried('b2')) expect(m2.endpoints.find((e) => e.exporter === id)).toMatchObject({ carried: true, files: 0, complete: false });
    // Carried files: still live, not uploaded, bytes as the first publish left them.
    const carriedPaths = ownPaths(builds.b1!.manifest!, carried('b2'));
    expect(carriedPaths.length).toBeGreaterThan(4);
    for (const file of carriedPaths) expect(objects.b2!.get(file)!.equals(objects.b1!.get(file)!), file).toBe(true);
    const uploaded = new Set(publishes.b2!.plan.upload.map((f) => f.path));
    expect(carriedPaths.filter((file) => uploaded.has(file))).toEqual([]);
  });

  test('status.json of B2 shows carried endpoints as checked now, holding the data of B1', () => {
    const status = JSON.parse(decoded(objects.b2!.get('v1/status.json')!)) as { endpoints: { exporter: string; built_this_run: boolean; last_built_at: string; data_as_of: string }[] };
    const first = JSON.parse(decoded(objects.b1!.get('v1/status.json')!)) as typeof status;
    const whosHot = status.endpoints.find((e) => e.exporter === 'trends.whos-hot')!;
    expect(whosHot.built_this_run).toBe(false);
    expect(whosHot.last_built_at).toBe(new Date(t0 + 30 * MINUTE_MS).toISOString().replace('.000Z', 'Z'));
    expect(whosHot.data_as_of).toBe(first.endpoints.find((e) => e.exporter === 'trends.whos-hot')!.data_as_of);
  });

  test('B3: a changed table rebuilds only the endpoints reading it; same bytes still record the new inputs', async () => {
    await withDuckDBFile(dbPath, { readOnly: false }, (connection) => recordTableChanges(connection, ['nba_analytics.upcoming_player_game_context'], new Date(t0 + 60 * MINUTE_MS)));
    await build('b3', 60 * MINUTE_MS);
    await publish('b3', 61 * MINUTE_MS);
    expect(queried('b3')).toEqual([...READS_CONTEXT, 'live.scores', 'status.status'].sort());
    expect(carried('b3')).toEqual(['results.performance', 'trends.whos-hot']);
    // The data did not change, so neither did the bytes: nothing of theirs uploaded ...
    const uploaded = new Set(publishes.b3!.plan.upload.map((f) => f.path));
    expect(ownPaths(builds.b3!.manifest!, READS_CONTEXT).filter((file) => uploaded.has(file))).toEqual([]);
    // ... yet the release took the new digests, so the next build carries them over.
    await build('b3b', 90 * MINUTE_MS);
    expect(carried('b3b')).toEqual(['results.performance', 'results.predictions', 'trends.tonight-plays', 'trends.whos-hot']);
  });

  test('B3c: changed code (another source hash) rebuilds every endpoint B3b carried over, with nothing else changed', async () => {
    // B3b ran the same code as B3 (the default hash of this checkout) and carried these four.
    await build('b3c', 100 * MINUTE_MS, { sourceTree: 'another-source-tree' });
    expect(builds.b3c!.carried).toEqual([]);
    expect(queried('b3c')).toEqual([...SIX].sort());
  });

  test('B4: --full rebuilds endpoints an incremental build would carry over, and records their inputs', async () => {
    const only = ['results.performance', 'trends.whos-hot']; // both carried by B3b
    await build('b4', 120 * MINUTE_MS, { full: true, only });
    expect(builds.b4!.carried).toEqual([]);
    expect(queried('b4')).toEqual(only);
    expect(endpointEntries(builds.b4!.manifest!).map((e) => e.inputs?.digest.length)).toEqual([16, 16]);
  });

  test('B5: the next ET day rebuilds day-dependent endpoints and moves the today alias', async () => {
    const only = ['results.predictions', 'results.performance', 'trends.whos-hot'];
    await build('b5', 24 * HOUR_MS, { only });
    expect(builds.b5!.carried).toEqual([]);
    expect(queried('b5')).toEqual([...only].sort());
    const alias = builds.b5!.manifest!.files.find((f) => f.path === 'v1/predictions/today.json')!;
    expect(alias.alias_of).toBe('v1/predictions/2025-03-16.json');
  });
});

/**
 * `npm run bench` on a tiny setup: one season of 8 players per team, two live ticks, the real
 * loopback GCS server. Checks the results shape and the counts (queries equal endpoints, a no-op
 * republish uploads nothing); never a time, since this machine's speed is not the subject.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseScales, resolveBenchOptions } from '../../../pipeline/bench/bench-options.ts';
import { formatResults, writeResults, type BenchResults } from '../../../pipeline/bench/bench-results.ts';
import { benchWarehousePath, ensureBenchWarehouse } from '../../../pipeline/bench/bench-warehouse.ts';
import { runBench } from '../../../pipeline/bench/run-bench.ts';
import { median, percentile } from '../../../pipeline/bench/stats.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { startGcsServer, type GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { SEASON_8, sharedSamplePath } from '../../helpers/shared-sample.ts';

const SCALE_KEYS = ['build_s', 'floor_s', 'floor_min_s', 'floor_max_s', 'ratio', 'queries_alone_s', 'queries_alone_ratio', 'files', 'bytes', 'peak_rss_mb',
  'v8_heap_at_peak_mb', 'cpu_user_s', 'cpu_system_s', 'cpu_busy', 'queries', 'endpoints'];
const COUNT_KEYS = ['requests', 'uploads', 'bytes'];

let dir: string;
let server: GcsTestServer;
let results: BenchResults;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bench-'));
  server = await startGcsServer();
  // The run's shared one-season league of 8 players a team, where the bench caches its own: reused, not seeded.
  await copyFile(await sharedSamplePath('season-8', SEASON_8), benchWarehousePath({ cacheDir: dir, seasons: 1, playersPerTeam: 8 }));
  results = await runBench({ scales: [1], playersPerTeam: 8, ticks: 2, floorRuns: 1, cacheDir: dir, production: 'no' }, { server, logger: createMemoryLogger() }); // production: production-bench.test.ts
}, 300_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('runBench', () => {
  test('results have the committed shape', async () => {
    expect(Object.keys(results)).toEqual(['machine', 'date', 'scales', 'publish', 'live_tick', 'settings', 'targets']);
    expect(Object.keys(results.publish)).toEqual(['first', 'noop', 'hourly', 'naive_first', 'naive_noop']);
    expect(Object.keys(results.machine)).toEqual(expect.arrayContaining(['cpu', 'cores', 'memory_gb', 'node', 'os']));
    expect(Object.keys(results.scales)).toEqual(['1']);
    // Only 1 season was run (the 10-season targets are not measured), and no production section.
    expect(results.targets.map((t) => t.met)).toEqual([null, null, true, null, null, null, null]);
    const scale = results.scales['1']!;
    for (const key of SCALE_KEYS) expect(scale[key as keyof typeof scale], key).toEqual(expect.any(Number));
    expect(scale.files).toBeGreaterThan(0);
    expect(scale.bytes).toBeGreaterThan(0);
    expect(scale.peak_rss_mb).toBeGreaterThan(0);
    expect(scale.floor_min_s).toBeLessThanOrEqual(scale.floor_s);
    expect(scale.floor_s).toBeLessThanOrEqual(scale.floor_max_s);
    // The V8 heap is part of the peak; a build of real work takes CPU, and no more than the cores give.
    expect(scale.v8_heap_at_peak_mb).toBeGreaterThan(0);
    expect(scale.v8_heap_at_peak_mb).toBeLessThan(scale.peak_rss_mb);
    expect(scale.cpu_user_s).toBeGreaterThan(0);
    expect(scale.cpu_busy).toBeGreaterThan(0);
    expect(scale.cpu_busy).toBeLessThanOrEqual(1.05);
    // The queries alone are part of the build, so they cannot take longer than the whole build.
    expect(scale.queries_alone_s).toBeGreaterThan(0);
    expect(scale.queries_alone_s).toBeLessThan(scale.build_s);
    for (const name of ['first', 'noop', 'hourly', 'naive_first', 'naive_noop'] as const) {
      expect(Object.keys(results.publish[name]), name).toEqual(COUNT_KEYS);
    }
    expect(results.live_tick).toMatchObject({ median_ms: expect.any(Number), p95_ms: expect.any(Number), ticks: 2, failed: 0 });
    const file = path.join(dir, 'results.json');
    await writeResults(file, results);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(results);
  });

  test('one warehouse query per endpoint, and the manifest agrees', () => {
    const scale = results.scales['1']!;
    expect(scale.endpoints).toBeGreaterThan(0);
    expect(scale.queries).toBe(scale.endpoints);
    expect(scale.manifest_queries).toBe(scale.endpoints);
  });

  test('a no-op republish uploads nothing; the naive baseline uploads and patches every file every time', () => {
    const { publish } = results;
    const files = results.scales['1']!.files;
    expect(publish.first.uploads).toBeGreaterThanOrEqual(files);
    expect(publish.noop).toMatchObject({ uploads: 0, bytes: 0 });
    expect(publish.noop.requests).toBeLessThanOrEqual(3);
    expect(publish.hourly.uploads).toBeLessThan(publish.first.uploads);
    expect(publish.naive_first).toEqual({ requests: 2 * files, uploads: files, bytes: results.scales['1']!.bytes });
    expect(publish.naive_noop).toEqual(publish.naive_first);
  });

  test('the table lists every scale and publish case', () => {
    const table = formatResults(results);
    expect(table).toContain('| 1 |');
    expect(table).toContain('| no-op republish | ');
    expect(table).toContain('Live tick');
  });

  test('a cached warehouse is reused when generator and options match', async () => {
    expect(results.scales['1']!.seeded).toBe(false); // the copy placed in beforeAll
    const again = await ensureBenchWarehouse({ cacheDir: dir, seasons: 1, playersPerTeam: 8 });
    expect(again).toMatchObject({ seeded: false, path: benchWarehousePath({ cacheDir: dir, seasons: 1, playersPerTeam: 8 }) });
  });
});

describe('bench options and statistics', () => {
  test('--quick means scale 1, fewer ticks, and a results file that is not the committed one', () => {
    expect(resolveBenchOptions({ quick: true })).toMatchObject({ scales: [1], ticks: 5, resultsFile: '.cache/bench/results.quick.json' });
    expect(resolveBenchOptions({})).toMatchObject({ scales: [1, 5, 10], ticks: 30, resultsFile: 'bench/results.json' });
    expect(resolveBenchOptions({ scales: parseScales('10,1,5,1') })).toMatchObject({ scales: [1, 5, 10] });
  });

  test('bad options are refused with the house message', () => {
    expect(() => parseScales('1,,5')).toThrow('Expected `--scales` to be comma-separated season counts such as 1,5,10, got `1,,5` (string)');
    expect(() => resolveBenchOptions({ scales: [0] })).toThrow('Expected `scales` to be a non-empty list of season counts from 1 to 30');
    expect(() => resolveBenchOptions({ ticks: 0 })).toThrow('Expected `ticks` to be an integer ≥ 1, got `0` (number)');
  });

  test('median and p95 interpolate between samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([...Array(21).keys()], 95)).toBe(19);
    expect(percentile([], 95)).toBe(0);
  });
});

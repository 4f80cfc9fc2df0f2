/**
 * Feed faults: a game night of live ticks (the real tick: live trigger build, skip when unchanged,
 * publish, status on failure) polling the real balldontlie HTTP adapter, which reads the sample
 * night's games from a loopback server through a proxy failing 20 % of requests (429/5xx,
 * connections dropped before or after the answer) and stalling others. Each tick either writes
 * exactly the live files the same games give without faults (an independent expected output),
 * writes nothing because nothing changed, or fails cleanly: only the live endpoints fail, with
 * `LiveFeedUnavailable`, the last good live files stay live, and status.json says so. The bucket
 * is a complete release after every tick, and the API key never shows up in a log line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { readsLiveFeed } from '../../pipeline/live/snapshot.ts';
import { createHttpLiveFeed } from '../../pipeline/adapters/http-live-feed.ts';
import { createSampleLiveFeedFromWarehouse } from '../../pipeline/adapters/sample-live-feed.ts';
import { gameNightDate } from '../../pipeline/live/game-night.ts';
import { runLiveTick } from '../../pipeline/live/live-tick.ts';
import { createMemoryLogger } from '../../pipeline/logger.ts';
import type { BuildManifest } from '../../pipeline/manifest.ts';
import type { LiveFeed, Warehouse } from '../../pipeline/ports.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import type { SchemaRegistry } from '../../pipeline/schema-registry.ts';
import { startPagedFeedServer, type PagedFeedServer } from '../helpers/balldontlie-pages-server.ts';
import { auditSchemas, invalidFileProblems, lostFileProblems, tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { minutesAfter } from '../helpers/fault-builds.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { faultSampleAsOf, openFaultSample } from '../helpers/fault-sample.ts';
import { FAULT_MIX, SPIKE_RATE } from '../helpers/fault-rates.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { bucketObjects, decodedBody, stableSnapshot } from '../helpers/release-checks.ts';

/** The suite's 20 % fault mix (test/helpers/fault-rates.ts), and 10 % of requests stalled. */
const FEED_FAULTS = { ...FAULT_MIX, spikeRate: SPIKE_RATE, spikeMs: 40 };
const TICKS = 10;
const PREFIX = 'live-night';
const API_KEY = 'bdl-fake-key-7c1d4e0b9a';

const tally = useTally('feed-faults');
const logger = createMemoryLogger();
const liveIds = exporters.filter(readsLiveFeed).map((e) => e.id);
let warehouse: Warehouse;
let sampleFeed: LiveFeed;
let feedServer: PagedFeedServer;
let proxy: FaultProxy;
let gcs: GcsTestServer;
let schemas: SchemaRegistry;
let outDir = '';

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-feed-faults-'));
  warehouse = await openFaultSample();
  sampleFeed = createSampleLiveFeedFromWarehouse(warehouse);
  feedServer = await startPagedFeedServer({ apiKey: API_KEY, gamesPerPage: 2 });
  proxy = await startFaultProxy(feedServer.url.replace(/\/v1$/, ''));
  gcs = await startTestGcs();
  schemas = await auditSchemas();
  // The night before the first tick: everything published once.
  const first = await runBuild({ registry: exporters, warehouseAdapter: warehouse, outDir, asOf: faultSampleAsOf(), liveFeed: sampleFeed });
  await publishBuild({ store: openTestStore(gcs, { prefix: PREFIX }), treeDir: first.treeDir! });
});
afterAll(async () => {
  await Promise.all([proxy?.close(), feedServer?.close(), gcs?.close()]);
  await warehouse?.close();
  await rm(outDir, { recursive: true, force: true });
});

/** content_sha256 of each live file the same games give without any fault (a fresh build). */
async function expectedLiveContent(asOf: string): Promise<Map<string, string>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'props-api-feed-ref-'));
  try {
    const summary = await runBuild({ registry: exporters, warehouseAdapter: warehouse, outDir: dir, trigger: 'live', only: liveIds, asOf, liveFeed: sampleFeed });
    return new Map(summary.manifest!.files.map((f) => [f.path, f.content_sha256]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const liveFilesOf = (snapshot: ReturnType<typeof stableSnapshot>, live: ReadonlyMap<string, string>) => Object.fromEntries(Object.entries(snapshot).filter(([name]) => live.has(name)));

function statusPayload(): { endpoints: { exporter: string; last_error_code: string | null }[] } {
  return JSON.parse(decodedBody(bucketObjects(gcs, PREFIX).get('v1/status.json')!).toString('utf8'));
}

describe('live feed with 20 % injected 429/5xx, dropped connections and latency spikes', () => {
  test(`a game night of ${TICKS} ticks: each tick writes the fault-free live files, nothing, or fails cleanly keeping the last good ones`, async () => {
    const store = openTestStore(gcs, { prefix: PREFIX });
    const outcomes: string[] = [];
    for (let tick = 1; tick <= TICKS; tick += 1) {
      const asOf = minutesAfter(faultSampleAsOf(), 3 * tick);
      feedServer.setGames((await sampleFeed.fetchSnapshot({ gameDate: gameNightDate(asOf), asOf })).games);
      const expected = await expectedLiveContent(asOf);
      const before = stableSnapshot(gcs, PREFIX);
      let deleted: string[] = [];
      // Odd ticks retry as production does (4 attempts a page); even ticks get one attempt, so some fail.
      const liveFeed = createHttpLiveFeed({ baseUrl: `${proxy.url}/v1`, apiKey: API_KEY, attempts: tick % 2 === 1 ? 4 : 1, timeoutMs: 10_000, sleep: async () => {}, logger });
      proxy.setFaults({ seed: tick, ...FEED_FAULTS });
      const outcome = await runLiveTick(new Date(asOf), {
        warehouse, liveFeed, outDir, logger, registry: exporters,
        publish: async (treeDir) => {
          const result = await publishBuild({ store, treeDir });
          deleted = result.plan.delete;
          return `published ${result.buildId}`;
        },
      });
      tally.add('faults.feed', proxy.injected() + proxy.counts.spikes);
      proxy.setFaults();
      outcomes.push(outcome.kind);
      tally.add(`outcome.tick${outcome.kind[0]!.toUpperCase()}${outcome.kind.slice(1)}`);
      if (outcome.kind === 'written') {
        const manifest = JSON.parse(await readFile(path.join(outcome.treeDir, 'manifest.json'), 'utf8')) as BuildManifest;
        const written = manifest.files.filter((f) => expected.has(f.path));
        expect(written.map((f) => `${f.path} ${f.content_sha256}`)).toEqual([...expected].map(([p, sha]) => `${p} ${sha}`));
      } else if (outcome.kind === 'failed') {
        expect(Object.keys(outcome.failedEndpoints).sort()).toEqual([...liveIds].sort());
        expect(new Set(Object.values(outcome.failedEndpoints))).toEqual(new Set(['LiveFeedUnavailable']));
        expect(liveFilesOf(stableSnapshot(gcs, PREFIX), expected), 'the last good live files stay').toEqual(liveFilesOf(before, expected));
        const marked = statusPayload().endpoints.filter((e) => liveIds.includes(e.exporter)).map((e) => e.last_error_code);
        expect(marked).toEqual(liveIds.map(() => 'LiveFeedUnavailable'));
      }
      expect(tally.problems('torn', tornReleaseProblems(gcs, PREFIX))).toEqual([]);
      expect(tally.problems('lost', lostFileProblems(before, gcs, PREFIX, { allowedDrops: deleted }))).toEqual([]);
      expect(tally.problems('invalid', invalidFileProblems(gcs, PREFIX, schemas))).toEqual([]);
    }
    expect(outcomes, 'the night wrote live files at least once').toContain('written');
    expect(feedServer.requests.some((r) => r.keyMatched), 'the key was sent').toBe(true);
    expect(logger.lines.join('\n')).not.toContain(API_KEY);
  });
});

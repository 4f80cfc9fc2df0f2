/**
 * The game-night loop end to end on the generated sample league (issue 5 acceptance), time driven
 * by a fake clock:
 * - over the replay, the live files move every game scheduled → in progress → final with scores
 *   that only go up, and once every game is final a tick writes nothing;
 * - each feed fault (HTTP 500, truncated JSON, 429 with a long Retry-After, a slow answer, an empty
 *   slate while games are on, a refused key) leaves the live files byte-identical locally and in
 *   the bucket, status reports the failure, and the next good tick clears it;
 * - no API key value appears in any log line, output file, bucket object or error message.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { readsLiveFeed } from '../../../pipeline/live/snapshot.ts';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { createHttpLiveFeed } from '../../../pipeline/adapters/http-live-feed.ts';
import { createSampleLiveFeedFromWarehouse } from '../../../pipeline/adapters/sample-live-feed.ts';
import { livePublishing } from '../../../pipeline/live/live-publish.ts';
import { runLiveTick, type LiveTickDeps, type TickOutcome } from '../../../pipeline/live/live-tick.ts';
import { runLiveLoop } from '../../../pipeline/live/watch-loop.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import type { LiveFeed, Warehouse } from '../../../pipeline/ports.ts';
import { loadSchemaFiles } from '../../../pipeline/schema-registry.ts';
import { openObjectStore } from '../../../pipeline/publish/open-store.ts';
import { defaultSamplePath } from '../../helpers/shared-sample.ts';
import { createFakeLoopClock } from '../../helpers/fake-loop-clock.ts';
import { startFeedServer, type FeedServer, type ScriptedAnswer } from '../../helpers/live-feed-server.ts';
import { localTree, PROBE_PATH, schemasWithProbe, statusProbe, type ProbeStatus } from '../../helpers/live-status-probe.ts';

const KEY = 'bdl-live-key-83c1f0aa49e2';
const NIGHT = '2025-03-15'; // the sample league's as-of night
const LIVE_EXPORTERS = exporters.filter(readsLiveFeed);
const logger = createMemoryLogger();
let dir: string;
let warehouse: Warehouse;
let server: FeedServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'live-watch-'));
  const dbPath = await defaultSamplePath();
  warehouse = await createDuckDBWarehouse({ path: dbPath });
  server = await startFeedServer();
}, 60_000);

afterAll(async () => {
  await warehouse.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

interface LiveGameFile { feed_game_id: string; status: 'scheduled' | 'in_progress' | 'final'; home_score: number; away_score: number; players: { player_lookup: string; points: number }[] }

describe('a game night over the sample replay', () => {
  test('scores only go up, every game goes scheduled → in progress → final, and a finished night writes nothing', async () => {
    const outDir = path.join(dir, 'out-replay');
    const deps: LiveTickDeps = { warehouse, liveFeed: createSampleLiveFeedFromWarehouse(warehouse), outDir, logger, registry: LIVE_EXPORTERS };
    const clock = createFakeLoopClock('2025-03-15T19:00:00Z'); // 15:00 ET, before the first tip-off
    const outcomes: TickOutcome[] = [];
    const { ticks } = await runLiveLoop({ clock, intervalMs: 40 * 60_000, until: new Date('2025-03-16T06:00:00Z'), tick: async (at) => { outcomes.push(await runLiveTick(at, deps)); } });
    expect(ticks).toBe(17);
    const docs = await Promise.all(outcomes.filter((o) => o.kind === 'written').map(async (o) => JSON.parse(await readFile(path.join(o.treeDir, `v1/live/${NIGHT}.json`), 'utf8')) as { games: LiveGameFile[] }));
    const rank = { scheduled: 0, in_progress: 1, final: 2 };
    const seen = new Map<string, Set<string>>();
    docs.forEach((doc, i) => {
      for (const game of doc.games) {
        seen.set(game.feed_game_id, (seen.get(game.feed_game_id) ?? new Set()).add(game.status));
        const before = docs[i - 1]?.games.find((g) => g.feed_game_id === game.feed_game_id);
        if (!before) continue;
        expect(rank[game.status]).toBeGreaterThanOrEqual(rank[before.status]);
        expect(game.home_score).toBeGreaterThanOrEqual(before.home_score);
        expect(game.away_score).toBeGreaterThanOrEqual(before.away_score);
        for (const p of game.players) expect(p.points).toBeGreaterThanOrEqual(before.players.find((q) => q.player_lookup === p.player_lookup)?.points ?? 0);
      }
    });
    expect(seen.size).toBe(9);
    for (const statuses of seen.values()) expect([...statuses].sort()).toEqual(['final', 'in_progress', 'scheduled']);
    expect(docs.at(-1)!.games.every((g) => g.status === 'final')).toBe(true);
    expect(outcomes.at(-1)).toEqual({ kind: 'unchanged', files: 4 + (await loadSchemaFiles()).length }); // after the last final (00:20 ET): nothing to write (4 live files and the published schemas)
    expect((await readdir(outDir)).filter((d) => !d.startsWith('.'))).toHaveLength(docs.length);
  }, 120_000);
});

describe('feed faults', () => {
  const faults: [string, ScriptedAnswer[], string][] = [
    ['HTTP 500', [{ status: 500, body: { message: `upstream failure ${KEY}` } }], 'LiveFeedUnavailable'],
    ['truncated JSON', [{ body: '{"data":[{"id":18447237,"date":"2025-03-15","status":"3rd Q' }], 'LiveFeedMalformed'],
    ['429 with a Retry-After longer than a poll', [{ status: 429, headers: { 'retry-after': '900' } }], 'LiveFeedUnavailable'],
    ['a slow answer', [{ hang: true }], 'LiveFeedUnavailable'],
    ['an empty slate while games are on', [{ body: { data: [], meta: { per_page: 100 } } }], 'LiveFeedIncomplete'],
    ['a refused key', [{ status: 401 }], 'LiveFeedRejected'],
  ];

  test('each fault keeps the last good live files byte-identical, locally and in the bucket, and status reports it', async () => {
    const outDir = path.join(dir, 'out-faults');
    const bucket = openObjectStore(`file://${path.join(dir, 'bucket')}`);
    const registry = [...LIVE_EXPORTERS, statusProbe];
    let feed: LiveFeed = createSampleLiveFeedFromWarehouse(warehouse);
    const http = createHttpLiveFeed({ baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 200, attempts: 2, sleep: async () => {}, logger });
    const deps: LiveTickDeps = {
      warehouse, outDir, logger, registry, schemasDir: await schemasWithProbe(), ...livePublishing(bucket, registry),
      liveFeed: { description: 'switchable', fetchSnapshot: (request) => feed.fetchSnapshot(request) },
    };
    const clock = createFakeLoopClock('2025-03-16T01:30:00Z');
    const tick = async () => { const outcome = await runLiveTick(clock.now(), deps); clock.advance(3 * 60_000); return outcome; };
    const bucketLive = async () => Object.fromEntries(await Promise.all((await bucket.list('v1/live')).map(async (o) => [o.name, Buffer.from((await bucket.read(o.name))!.body).toString('utf8')])));
    // Paths to sha256 of their bytes: toEqual on Buffers compares byte by byte and took most of this test's time.
    const liveFiles = async () => Object.fromEntries([...await localTree(outDir, 'v1/live')].map(([file, bytes]) => [file, createHash('sha256').update(bytes).digest('hex')]));
    const status = async () => JSON.parse((await localTree(outDir, PROBE_PATH)).get(PROBE_PATH)!.toString('utf8')) as ProbeStatus;

    expect((await tick()).kind).toBe('written');
    const good = await liveFiles();
    const published = await bucketLive();
    expect(Object.keys(good).sort()).toEqual([`v1/live-grading/${NIGHT}.json`, 'v1/live-grading/latest.json', `v1/live/${NIGHT}.json`, 'v1/live/latest.json']);
    expect(Object.keys(published).sort()).toEqual(Object.keys(good).sort());

    feed = http;
    for (const [name, script, code] of faults) {
      server.play(script);
      const outcome = await tick();
      expect(outcome, name).toMatchObject({ kind: 'failed', failedEndpoints: { 'live.scores': code, 'live.grading': code } });
      expect(await liveFiles(), name).toEqual(good);
      expect(await bucketLive(), name).toEqual(published);
      const probe = await status();
      expect(probe.endpoints.map((e) => e.last_error_code), name).toEqual([code, code]);
      expect(logger.lines.at(-1), name).toMatch(new RegExp(`failed \\[${code}\\].*kept the last good live files; status marks live\\.scores, live\\.grading`));
    }

    feed = createSampleLiveFeedFromWarehouse(warehouse);
    expect((await tick()).kind).toBe('written');
    expect((await status()).endpoints.map((e) => e.last_error_code)).toEqual([null, null]);
    expect(await liveFiles()).not.toEqual(good); // three minutes later, scores moved on

    const everything = [...logger.lines, ...(await allFiles(outDir)), ...(await allFiles(path.join(dir, 'bucket')))].join('\n');
    expect(everything).not.toContain(KEY);
    expect(server.requests.every((r) => r.authorization === KEY)).toBe(true); // the key did travel, in its header only
  }, 120_000);
});

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return Promise.all(entries.filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), 'latin1')));
}

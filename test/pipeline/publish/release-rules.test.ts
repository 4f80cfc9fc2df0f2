/**
 * Releases never go backwards or sideways (issue #18), end to end against the loopback server:
 * a build older than the live files keeps them, `rollback` still goes back, and a file that would
 * replace another endpoint's live path fails the publish before anything is staged.
 */
import { describe, expect } from 'vitest';
import { PlanError } from '../../../pipeline/errors.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { rollbackTo } from '../../../pipeline/publish/rollback.ts';
import type { FakeFile } from '../../helpers/fake-out-dir.ts';
import { useLoopbackBucket } from '../../helpers/gcs-bucket.ts';
import { outDirTest as it } from '../../helpers/out-dir-test.ts';
import { expectedTree, sampleTree, writeBuild } from '../../helpers/publish-trees.ts';
import { bucketObjects, liveReleaseManifest, releaseInvariantProblems, stableSnapshot, stableTreeProblems } from '../../helpers/release-checks.ts';

const bucket = useLoopbackBucket('release-rules');
const store = () => bucket.store();

const EARLIER = '2025-03-15T00:30:00Z';
const FULL_AS_OF = '2025-03-15T01:30:00Z';
const LIVE_AS_OF = '2025-03-15T02:30:00Z';

const liveFile = (name: string, version: number): FakeFile => ({ path: `v1/live/${name}.json`, body: { name, version }, exporter: 'live.scores', cache: 'live' });
const isLive = (file: FakeFile) => file.path.startsWith('v1/live/');

describe('a publish never goes back in time', () => {
  it('live build at T+1, then the full build at T: live files stay (bytes and generation), every other new file is published', async ({ outDir }) => {
    const earlier = [...sampleTree({ count: 3 }), liveFile('games', 0), liveFile('latest', 0)];
    const first = await writeBuild(outDir, 'full-0030', earlier, { asOf: EARLIER });
    await publishBuild({ store: store(), treeDir: first.dir });
    const earlierSnapshot = stableSnapshot(bucket.server, bucket.prefix);
    // The live tick at 02:30Z rewrites both live files and adds one for a game that started since.
    const live = [liveFile('games', 2), liveFile('latest', 2), liveFile('game-42', 2)];
    const tick = await writeBuild(outDir, 'live-0230', live, { trigger: 'live', asOf: LIVE_AS_OF });
    await publishBuild({ store: store(), treeDir: tick.dir });
    const liveGenerations = generationsOf(live.map((file) => file.path));

    // The slow full build as of 01:30Z: new daily data, and live files older than the live ones
    // (live.scores is complete in it, so on its own it would also delete game-42).
    const full = [...sampleTree({ version: 2, count: 4 }), liveFile('games', 1), liveFile('latest', 1)];
    const result = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'full-0130', full, { asOf: FULL_AS_OF })).dir });

    expect(result.committed).toBe(true);
    expect(result.totals.keptNewer).toBe(3);
    expect(result.plan.keptNewer).toEqual([
      { path: 'v1/live/game-42.json', instead: 'deleted', liveAsOf: LIVE_AS_OF, buildAsOf: FULL_AS_OF },
      { path: 'v1/live/games.json', instead: 'changed', liveAsOf: LIVE_AS_OF, buildAsOf: FULL_AS_OF },
      { path: 'v1/live/latest.json', instead: 'changed', liveAsOf: LIVE_AS_OF, buildAsOf: FULL_AS_OF },
    ]);
    expect(result.plan.delete).toEqual([]);
    expect(generationsOf(live.map((file) => file.path))).toEqual(liveGenerations);
    // Every other file of the full build is live: the three results and the index, alias, trends and status of version 2.
    expect(stableTreeProblems(bucket.server, expectedTree([...full.filter((file) => !isLive(file)), ...live]), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
    const listed = liveReleaseManifest(bucket.server, bucket.prefix)!.files;
    expect(listed.find((file) => file.path === 'v1/live/games.json')).toMatchObject({ as_of: LIVE_AS_OF, source: `builds/${tick.id}/v1/live/games.json` });
    expect(listed.find((file) => file.path === 'v1/status.json')).toMatchObject({ as_of: FULL_AS_OF });

    // rollback is the one way back: it restores the older live files exactly.
    const back = await rollbackTo({ store: store(), buildId: first.id });
    expect(back.committed).toBe(true);
    expect(stableSnapshot(bucket.server, bucket.prefix)).toEqual(earlierSnapshot);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });

  it('an equal as-of publishes as before, and a dry run lists what it would keep', async ({ outDir }) => {
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'live-a', [liveFile('games', 1)], { trigger: 'live', asOf: LIVE_AS_OF })).dir });
    const older = await writeBuild(outDir, 'full-older', [liveFile('games', 0)], { asOf: FULL_AS_OF });
    bucket.server.resetCounts();
    const dry = await publishBuild({ store: store(), treeDir: older.dir, dryRun: true });
    expect(dry.plan.files).toEqual([{ path: 'v1/live/games.json', action: 'kept', bytes: expect.any(Number) }]);
    expect(dry.plan.keptNewer.map((file) => file.path)).toEqual(['v1/live/games.json']);
    expect(bucket.server.counts.total).toBe(1);
    const same = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'live-b', [liveFile('games', 3)], { trigger: 'live', asOf: LIVE_AS_OF })).dir });
    expect(same).toMatchObject({ committed: true, copied: 1, totals: { changed: 1, keptNewer: 0 } });
    expect(stableTreeProblems(bucket.server, expectedTree([liveFile('games', 3)]), bucket.prefix)).toEqual([]);
  });
});

describe('a publish never replaces another endpoint’s path', () => {
  it('a --only players.profile build writing v1/players/index.json fails with PathCollision after the release read alone', async ({ outDir }) => {
    const index: FakeFile = { path: 'v1/players/index.json', body: { players: ['alpha', 'bravo'] }, exporter: 'players.index', cache: 'weekly' };
    const profile = (slug: string): FakeFile => ({ path: `v1/players/${slug}.json`, body: { slug }, exporter: 'players.profile', cache: 'weekly' });
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'weekly', [index, profile('alpha'), profile('bravo')])).dir });
    const before = stableSnapshot(bucket.server, bucket.prefix);
    const objectsBefore = bucketObjects(bucket.server, bucket.prefix).size;
    const only = await writeBuild(outDir, 'only-profile', [profile('alpha'), profile('index')], { trigger: 'weekly' });
    bucket.server.resetCounts();

    const error = await publishBuild({ store: store(), treeDir: only.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect(error).toMatchObject({ code: 'PathCollision', exporterId: 'players.profile', outputPath: 'v1/players/index.json' });
    expect((error as Error).message).toMatch(/`v1\/players\/index\.json` is live as a file of `players\.index`; .* a file of `players\.profile`/);
    expect(bucket.server.log.map((entry) => entry.operation)).toEqual(['objects.download']);
    expect(stableSnapshot(bucket.server, bucket.prefix)).toEqual(before);
    expect(bucketObjects(bucket.server, bucket.prefix).size).toBe(objectsBefore);
  });

  it('aliases of one endpoint are its own paths: a new latest.json is no collision', async ({ outDir }) => {
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', sampleTree({ count: 2 }))).dir });
    const next = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b2', sampleTree({ version: 2, count: 3 }))).dir });
    expect(next.plan.files.find((file) => file.path === 'v1/results/latest.json')).toMatchObject({ action: 'changed' });
  });
});

function generationsOf(paths: readonly string[]): Record<string, string | undefined> {
  const objects = bucketObjects(bucket.server, bucket.prefix);
  return Object.fromEntries(paths.map((path) => [path, objects.get(path)?.generation]));
}

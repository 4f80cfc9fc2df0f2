/**
 * `publishBuild` end to end: the real GCS client, the loopback server, real build trees on disk.
 * Request counts come from the server, which sees every request the client makes.
 */
import { describe, expect } from 'vitest';
import { CACHE_PRESETS } from '../../../pipeline/cache-policy.ts';
import { PublishError } from '../../../pipeline/errors.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { useLoopbackBucket } from '../../helpers/gcs-bucket.ts';
import { outDirTest as it } from '../../helpers/out-dir-test.ts';
import { expectedTree, sampleTree, writeBuild } from '../../helpers/publish-trees.ts';
import { bucketObjects, liveReleaseManifest, releaseInvariantProblems, stableTreeProblems } from '../../helpers/release-checks.ts';

const bucket = useLoopbackBucket('publish');
const store = () => bucket.store();
const inserts = (match: RegExp) => bucket.server.log.filter((e) => e.operation === 'objects.insert' && match.test(e.object ?? '')).length;

describe('publishBuild', () => {
  it('a first publish stages, commits and seals: the bucket equals the tree', async ({ outDir }) => {
    const build = await writeBuild(outDir, 'b1', sampleTree());
    const result = await publishBuild({ store: store(), treeDir: build.dir });
    expect(result).toMatchObject({ committed: true, stage: { uploaded: build.files.length }, copied: build.files.length, deleted: 0 });
    expect(stableTreeProblems(bucket.server, expectedTree(build.files), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
    const manifest = liveReleaseManifest(bucket.server, bucket.prefix)!;
    expect(manifest).toMatchObject({ state: 'committed', pending: null, release: { build_id: build.id, trigger: 'all' } });
    const objects = bucketObjects(bucket.server, bucket.prefix);
    expect(objects.get(`builds/${build.id}/v1/status.json`)?.cacheControl).toBe(CACHE_PRESETS.immutable);
    expect(objects.get(`builds/${build.id}/release.json`)).toBeDefined();
    // The large JSON file is stored gzip-encoded, on its staged and its stable path alike.
    expect(objects.get('v1/trends/hot-cold.json')?.contentEncoding).toBe('gzip');
    expect(objects.get('v1/results/latest.json')?.contentEncoding).toBeUndefined();
  });

  it('publishing the same tree again uploads nothing and makes at most 3 requests', async ({ outDir }) => {
    const build = await writeBuild(outDir, 'b1', sampleTree());
    await publishBuild({ store: store(), treeDir: build.dir });
    bucket.server.resetCounts();
    const again = await publishBuild({ store: store(), treeDir: build.dir });
    expect(again).toMatchObject({ committed: false, stage: { uploaded: 0 }, copied: 0, totals: { unchanged: build.files.length } });
    expect(bucket.server.counts.byOperation['objects.insert'] ?? 0).toBe(0);
    expect(bucket.server.counts.total).toBeLessThanOrEqual(3);
    expect(again.requests).toBe(bucket.server.counts.total);
  });

  it('changing one file publishes only that file', async ({ outDir }) => {
    const files = sampleTree();
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', files)).dir });
    const changed = files.map((file) => (file.path === 'v1/results/2025-03-11.json' ? { ...file, body: { date: '2025-03-11', regraded: true } } : file));
    bucket.server.resetCounts();
    const b2 = await writeBuild(outDir, 'b2', changed);
    const result = await publishBuild({ store: store(), treeDir: b2.dir });
    expect(result.totals).toMatchObject({ changed: 1, new: 0, deleted: 0 });
    expect(inserts(new RegExp(`/builds/${b2.id}/v1/`))).toBe(1);
    expect(bucket.server.log.filter((e) => e.operation === 'objects.rewrite').map((e) => e.object)).toEqual([`${bucket.prefix}/v1/results/2025-03-11.json`]);
    expect(stableTreeProblems(bucket.server, expectedTree(changed), bucket.prefix)).toEqual([]);
    expect(bucket.server.counts.total).toBeLessThanOrEqual(8);
  });

  it('a changed cache preset with identical bytes is re-published with the new header', async ({ outDir }) => {
    const files = sampleTree();
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', files)).dir });
    const recached = files.map((file) => (file.path === 'v1/trends/hot-cold.json' ? { ...file, cache: 'weekly' as const } : file));
    bucket.server.resetCounts();
    const result = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b2', recached)).dir });
    expect(result.plan.files.find((f) => f.action === 'changed')).toEqual({ path: 'v1/trends/hot-cold.json', action: 'changed', reason: 'headers', bytes: expect.any(Number) });
    expect(bucketObjects(bucket.server, bucket.prefix).get('v1/trends/hot-cold.json')?.cacheControl).toBe(CACHE_PRESETS.weekly);
    expect(bucket.server.log.filter((e) => e.operation === 'objects.rewrite')).toHaveLength(1);
  });

  it('a build for one trigger replaces only its endpoints; a dropped file of a built endpoint is pruned', async ({ outDir }) => {
    const files = sampleTree();
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', files)).dir });
    const hourly = [{ ...files.find((f) => f.exporter === 'trends.hot-cold')!, body: { version: 2 } }];
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b2', hourly, { trigger: 'hourly' })).dir });
    const live = files.map((file) => (file.exporter === 'trends.hot-cold' ? hourly[0]! : file));
    expect(stableTreeProblems(bucket.server, expectedTree(live), bucket.prefix)).toEqual([]);
    const daily = files.filter((file) => file.exporter === 'results.daily' && file.path !== 'v1/results/2025-03-10.json');
    const result = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b3', daily, { trigger: 'daily' })).dir });
    expect(result.plan.delete).toEqual(['v1/results/2025-03-10.json']);
    expect(stableTreeProblems(bucket.server, expectedTree(live.filter((f) => f.path !== 'v1/results/2025-03-10.json')), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });

  it('deletes over --max-deletes fail before anything is uploaded or deleted', async ({ outDir }) => {
    const files = sampleTree({ count: 6 });
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', files)).dir });
    const shrunk = files.filter((file) => !/2025-03-1[0-2]/.test(file.path));
    bucket.server.resetCounts();
    const error = await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b2', shrunk)).dir, maxDeletes: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).code).toBe('DeleteCapExceeded');
    expect(Object.keys(bucket.server.counts.byOperation)).toEqual(['objects.download']);
    expect(stableTreeProblems(bucket.server, expectedTree(files), bucket.prefix)).toEqual([]);
  });

  it('--dry-run plans and touches nothing', async ({ outDir }) => {
    const build = await writeBuild(outDir, 'b1', sampleTree());
    bucket.server.resetCounts();
    const result = await publishBuild({ store: store(), treeDir: build.dir, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, committed: false, totals: { new: build.files.length } });
    expect(bucket.server.log.map((e) => e.operation)).toEqual(['objects.download']);
    expect(bucketObjects(bucket.server, bucket.prefix).size).toBe(0);
  });
});

/** `rollbackTo` and `listReleases` against the loopback server. */
import { describe, expect } from 'vitest';
import { PublishError } from '../../../pipeline/errors.ts';
import { listReleases } from '../../../pipeline/publish/list-releases.ts';
import { publishBuild } from '../../../pipeline/publish/publish-build.ts';
import { rollbackTo } from '../../../pipeline/publish/rollback.ts';
import { TEST_BUCKET, useLoopbackBucket } from '../../helpers/gcs-bucket.ts';
import { outDirTest as it } from '../../helpers/out-dir-test.ts';
import { sampleTree, writeBuild } from '../../helpers/publish-trees.ts';
import { liveReleaseManifest, releaseInvariantProblems, stableSnapshot } from '../../helpers/release-checks.ts';

const bucket = useLoopbackBucket('rollback');
const store = () => bucket.store();

/** b1, then b2 which changes bytes, changes a cache preset (same bytes), drops a file and adds one. */
async function publishTwo(outDir: string) {
  const v1 = sampleTree({ count: 4 });
  const b1 = await writeBuild(outDir, 'b1', v1);
  await publishBuild({ store: store(), treeDir: b1.dir });
  const before = stableSnapshot(bucket.server, bucket.prefix);
  const v2 = sampleTree({ version: 2, count: 4 })
    .filter((file) => file.path !== 'v1/results/2025-03-10.json')
    .map((file) => (file.path === 'v1/status.json' ? { ...v1.find((f) => f.path === file.path)!, cache: 'live' as const } : file));
  v2.push({ path: 'v1/results/extra.json', body: { extra: true }, exporter: 'results.daily' });
  const b2 = await writeBuild(outDir, 'b2', v2);
  await publishBuild({ store: store(), treeDir: b2.dir });
  return { before, b1: b1.id, b2: b2.id };
}

describe('rollback', () => {
  it('restores a kept build’s bytes and headers exactly, removing files it did not have', async ({ outDir }) => {
    const { before, b1, b2 } = await publishTwo(outDir);
    expect(stableSnapshot(bucket.server, bucket.prefix)).not.toEqual(before);
    const result = await rollbackTo({ store: store(), buildId: b1 });
    expect(result).toMatchObject({ committed: true, deleted: 1 });
    expect(stableSnapshot(bucket.server, bucket.prefix)).toEqual(before);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
    expect(liveReleaseManifest(bucket.server, bucket.prefix)?.release).toMatchObject({ build_id: b1, trigger: 'rollback', rolled_back_from: b2 });
  });

  it('rolling back to the live build changes nothing', async ({ outDir }) => {
    const { b2 } = await publishTwo(outDir);
    bucket.server.resetCounts();
    const result = await rollbackTo({ store: store(), buildId: b2 });
    expect(result.committed).toBe(false);
    expect(bucket.server.counts.byOperation['objects.insert'] ?? 0).toBe(0);
  });

  it('a build whose staged files expired cannot be restored, and nothing changes', async ({ outDir }) => {
    const { before, b1 } = await publishTwo(outDir);
    const after = stableSnapshot(bucket.server, bucket.prefix);
    bucket.server.state.bucket(TEST_BUCKET).objects.delete(`${bucket.prefix}/builds/${b1}/v1/results/2025-03-10.json`);
    const error = await rollbackTo({ store: store(), buildId: b1 }).catch((e: unknown) => e);
    expect((error as PublishError).code).toBe('ReleaseNotKept');
    expect(stableSnapshot(bucket.server, bucket.prefix)).toEqual(after);
    expect(after).not.toEqual(before);
    // A well-formed id the bucket has never seen.
    expect((await rollbackTo({ store: store(), buildId: '20250101T000000Z-all-00000000' }).catch((e: unknown) => e) as PublishError).code).toBe('ReleaseNotKept');
  });
});

describe('listReleases', () => {
  it('lists past releases newest first with time, trigger and file counts, marking the live and kept ones', async ({ outDir }) => {
    const { b1, b2 } = await publishTwo(outDir);
    await rollbackTo({ store: store(), buildId: b1 });
    // The lifecycle rule expired build b2's prefix.
    const objects = bucket.server.state.bucket(TEST_BUCKET).objects;
    for (const name of [...objects.keys()]) if (name.startsWith(`${bucket.prefix}/builds/${b2}/`)) objects.delete(name);
    const listing = await listReleases(store());
    expect(listing.pending).toBeNull();
    expect(listing.releases.map((r) => [r.build_id, r.trigger, r.live, r.kept, r.file_count])).toEqual([
      [b1, 'rollback', true, true, 8],
      [b2, 'all', false, false, 8],
      [b1, 'all', false, true, 8],
    ]);
    expect(listing.releases[0]!.published_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

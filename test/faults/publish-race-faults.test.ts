/**
 * Concurrency and unreliable networks: racing publishers, injected 429/503 answers, and
 * connections dropped before or after a request took effect.
 */
import { describe, expect } from 'vitest';
import { PublishError } from '../../pipeline/errors.ts';
import { publishBuild, type PublishResult } from '../../pipeline/publish/publish-build.ts';
import { RELEASE_MANIFEST_PATH } from '../../pipeline/publish/release-manifest.ts';
import { useLoopbackBucket } from '../helpers/gcs-bucket.ts';
import type { RequestInfo } from '../helpers/gcs-server/gcs-server.ts';
import { outDirTest as it } from '../helpers/out-dir-test.ts';
import { expectedTree, sampleTree, writeBuild } from '../helpers/publish-trees.ts';
import { liveReleaseManifest, releaseInvariantProblems, stableTreeProblems } from '../helpers/release-checks.ts';

const bucket = useLoopbackBucket('race');
const store = () => bucket.store();

/** Holds the first `count` requests matching `match` until all of them have arrived. */
function barrier(count: number, match: (info: RequestInfo) => boolean) {
  const waiting: (() => void)[] = [];
  return async (info: RequestInfo): Promise<void> => {
    if (waiting.length >= count || !match(info)) return;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === count) waiting.forEach((release) => release());
    });
  };
}

describe('racing publishers', () => {
  it('two publishers that read the same release: exactly one commits, the other stops with PublishConflict', async ({ outDir }) => {
    const base = sampleTree();
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b0', base)).dir });
    const a = await writeBuild(outDir, 'ba', sampleTree({ version: 2 }));
    const b = await writeBuild(outDir, 'bb', sampleTree({ version: 3 }));
    // Both must read generation G of the manifest before either writes its intent.
    bucket.server.setHooks({ beforeApply: barrier(2, (info) => info.operation === 'objects.download' && info.object === `${bucket.prefix}/${RELEASE_MANIFEST_PATH}`) });
    const results = await Promise.allSettled([publishBuild({ store: store(), treeDir: a.dir }), publishBuild({ store: store(), treeDir: b.dir })]);
    const committed = results.filter((r): r is PromiseFulfilledResult<PublishResult> => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(committed).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(PublishError);
    expect((failed[0]!.reason as PublishError).code).toBe('PublishConflict');
    const winner = committed[0]!.value.buildId === a.id ? a : b;
    expect(liveReleaseManifest(bucket.server, bucket.prefix)?.release?.build_id).toBe(winner.id);
    expect(stableTreeProblems(bucket.server, expectedTree(winner.files), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });
});

describe('unreliable network', () => {
  it('with 20% of requests answered 429 or 503 the publish completes and the bucket equals the tree', async ({ outDir }) => {
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', sampleTree({ count: 8 }))).dir });
    const next = await writeBuild(outDir, 'b2', sampleTree({ version: 2, count: 6 }));
    bucket.server.setFaults({ seed: 20, errorRate: 0.2 });
    bucket.server.resetCounts();
    const result = await publishBuild({ store: store(), treeDir: next.dir, concurrency: 4 });
    expect(bucket.server.counts.injected).toBeGreaterThan(3);
    expect(result.committed).toBe(true);
    expect(stableTreeProblems(bucket.server, expectedTree(next.files), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });

  it('a write whose answer is lost (it took effect, the retry gets 412) is recognised as done, not as a conflict', async ({ outDir }) => {
    // The first attempt of every write takes effect and then loses its connection.
    const attempted = new Set<string>();
    const firstAttempt = (info: RequestInfo): boolean => {
      const key = `${info.operation} ${info.object}`;
      if (!info.mutating || attempted.has(key)) return false;
      attempted.add(key);
      return true;
    };
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', sampleTree())).dir });
    const next = await writeBuild(outDir, 'b2', sampleTree({ version: 2, count: 3 }));
    bucket.server.setFaults({ dropAfterRate: 1, filter: firstAttempt });
    bucket.server.resetCounts();
    const result = await publishBuild({ store: store(), treeDir: next.dir });
    expect(result.committed).toBe(true);
    expect(bucket.server.log.filter((e) => e.status === 412).length).toBeGreaterThanOrEqual(result.copied + 2);
    expect(stableTreeProblems(bucket.server, expectedTree(next.files), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });

  it('connections dropped before or after a request took effect are retried without false conflicts', async ({ outDir }) => {
    const files = sampleTree({ count: 8 });
    bucket.server.setFaults({ seed: 7, dropRate: 0.1, dropAfterRate: 0.15 });
    await publishBuild({ store: store(), treeDir: (await writeBuild(outDir, 'b1', files)).dir, concurrency: 4 });
    const next = await writeBuild(outDir, 'b2', sampleTree({ version: 2, count: 5 }));
    bucket.server.resetCounts();
    await publishBuild({ store: store(), treeDir: next.dir, concurrency: 4 });
    expect(bucket.server.log.filter((e) => e.status === 'dropped').length).toBeGreaterThan(2);
    expect(stableTreeProblems(bucket.server, expectedTree(next.files), bucket.prefix)).toEqual([]);
    expect(releaseInvariantProblems(bucket.server, bucket.prefix)).toEqual([]);
  });
});

/**
 * Rollback: make a kept build's release live again, bytes and headers exactly as they were.
 *
 * The target is the build's release record (`builds/<id>/release.json`). Files that differ from
 * what is live are copied back from their staged sources, files the old release did not have
 * are pruned (within `--max-deletes`), through the same intent → copy → prune → seal commit as
 * a publish, so a rollback is atomic for readers, recoverable, and loses to a racing publisher
 * with `PublishConflict`. Every source is checked to exist before anything changes.
 */
import { randomUUID } from 'node:crypto';
import { PublishError } from '../errors.ts';
import { systemClock, type Clock, type ObjectStore } from '../ports.ts';
import { commitRelease } from './commit.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import { readLiveRelease } from './live-release.ts';
import { checkCounts, DEFAULT_PUBLISH_CONCURRENCY } from './publish-build.ts';
import { diffReleases, planTotals, type PlanTotals, type ReleaseDiff } from './plan-publish.ts';
import { checkDeleteCap, DEFAULT_MAX_DELETES } from './prune.ts';
import { recoverPendingCommit } from './recover.ts';
import { releaseRecordName, sortFiles, targetFilesOf, type ReleaseInfo, type ReleaseRecord } from './release-manifest.ts';
import { readJsonObject } from './write-json-object.ts';

export interface RollbackOptions {
  store: ObjectStore;
  buildId: string;
  /** @default 500 */
  maxDeletes?: number;
  /** @default 16 */
  concurrency?: number;
  dryRun?: boolean;
  clock?: Clock;
}

export interface RollbackResult {
  buildId: string;
  diff: ReleaseDiff;
  totals: PlanTotals;
  committed: boolean;
  copied: number;
  deleted: number;
  requests: number;
}

export async function rollbackTo(options: RollbackOptions): Promise<RollbackResult> {
  const { store, buildId } = options;
  const concurrency = options.concurrency ?? DEFAULT_PUBLISH_CONCURRENCY;
  checkCounts({ concurrency, maxDeletes: options.maxDeletes ?? DEFAULT_MAX_DELETES });
  const requestsBefore = store.requestCount();
  const read = await readLiveRelease(store);
  const { live } = options.dryRun ? { live: read } : await recoverPendingCommit(store, read, concurrency);
  const record = await readRecord(store, buildId);
  const diff = diffReleases(live.manifest ? targetFilesOf(live.manifest) : [], sortFiles([...record.files]));
  const result = { buildId, diff, totals: planTotals(diff), committed: false, copied: 0, deleted: 0, requests: 0 };
  const finish = (): RollbackResult => ({ ...result, requests: store.requestCount() - requestsBefore });
  if (options.dryRun || (diff.copy.length === 0 && diff.delete.length === 0)) return finish();
  checkDeleteCap(diff.delete, options.maxDeletes ?? DEFAULT_MAX_DELETES);
  await checkSourcesKept(store, buildId, diff, concurrency);
  const release: ReleaseInfo = {
    build_id: record.build_id,
    trigger: 'rollback',
    as_of: record.as_of,
    published_at: (options.clock ?? systemClock).now().toISOString(),
    publish_id: randomUUID(),
    file_count: diff.target.length,
    total_bytes: diff.target.reduce((sum, file) => sum + file.bytes, 0),
    changes: { uploaded: 0, copied: diff.copy.length, deleted: diff.delete.length },
    ...(live.manifest?.release ? { rolled_back_from: live.manifest.release.build_id } : {}),
  };
  const commit = await commitRelease({ store, live, diff, release, concurrency });
  return { ...finish(), committed: true, copied: commit.copied, deleted: commit.deleted };
}

async function readRecord(store: ObjectStore, buildId: string): Promise<ReleaseRecord> {
  const found = await readJsonObject(store, releaseRecordName(buildId));
  const record = found?.value as ReleaseRecord | undefined;
  if (!record || !Array.isArray(record.files)) {
    throw new PublishError('ReleaseNotKept', `Build ${buildId} has no release record in ${store.description}`, { hint: 'Run `props-api releases` to list the builds that can be restored.' });
  }
  return record;
}

/** Old staged copies expire by the bucket's lifecycle rule: fail before changing anything if one is gone. */
async function checkSourcesKept(store: ObjectStore, buildId: string, diff: ReleaseDiff, concurrency: number): Promise<void> {
  const missing: string[] = [];
  await forEachConcurrently([...new Set(diff.copy.map((file) => file.source))], concurrency, async (source) => {
    if (!(await store.stat(source))) missing.push(source);
  });
  if (missing.length === 0) return;
  throw new PublishError('ReleaseNotKept', `Build ${buildId} cannot be restored: ${missing.length} staged file(s) it needs have expired (first: ${missing.sort()[0]})`, {
    hint: 'Roll back to a newer build (see `props-api releases`), or rebuild that data and publish it.',
  });
}

/**
 * Rollback: make a kept build's release live again, bytes and headers exactly as they were.
 *
 * The target is the build's release record (`builds/<id>/release.json`). Files that differ from
 * what is live are copied back from their staged sources, files the old release did not have
 * are pruned (within `--max-deletes`), through the same intent → copy → prune → seal commit as
 * a publish, so a rollback is atomic for readers, recoverable, and loses to a racing publisher
 * with `PublishConflict`. Every source is checked to exist before anything changes.
 *
 * The record comes from the bucket and is checked before it is used (`release-validation.ts`):
 * a rollback writes only stable `v1/` paths, copying from staged `builds/<id>/` objects.
 */
import { randomUUID } from 'node:crypto';
import { PublishError } from '../errors.ts';
import { systemClock, type Clock, type ObjectStore } from '../ports.ts';
import type { ProgressListener } from '../progress.ts';
import { commitRelease } from './commit.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import { readLiveRelease } from './live-release.ts';
import { checkCounts, DEFAULT_PUBLISH_CONCURRENCY } from './publish-build.ts';
import { diffReleases, planTotals, type PlanTotals, type ReleaseDiff } from './plan-publish.ts';
import { checkDeleteCap, DEFAULT_MAX_DELETES } from './prune.ts';
import { recoverPendingCommit } from './recover.ts';
import { BUILD_ID_EXAMPLE, isBuildId, releaseRecordName, sortFiles, targetFilesOf, type ReleaseInfo, type ReleaseRecord } from './release-manifest.ts';
import { releaseRecordProblem } from './release-validation.ts';
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
  /** Reports the commit and prune phases as their requests finish; @default none */
  progress?: ProgressListener;
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
  if (!isBuildId(buildId)) {
    throw new PublishError('InvalidBuildId', `Cannot roll back to ${JSON.stringify(buildId)}: it is not a build id`, { hint: `Build ids look like ${BUILD_ID_EXAMPLE}; \`props-api releases\` lists the ones that can be restored.` });
  }
  const requestsBefore = store.requestCount();
  const read = await readLiveRelease(store);
  // Read (and check) the record before a recovery can write anything.
  const record = await readRecord(store, buildId);
  const { live } = options.dryRun ? { live: read } : await recoverPendingCommit(store, read, concurrency);
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
  const commit = await commitRelease({ store, live, diff, release, concurrency, progress: options.progress });
  return { ...finish(), committed: true, copied: commit.copied, deleted: commit.deleted };
}

async function readRecord(store: ObjectStore, buildId: string): Promise<ReleaseRecord> {
  const name = releaseRecordName(buildId);
  let found: Awaited<ReturnType<typeof readJsonObject>>;
  try {
    found = await readJsonObject(store, name);
  } catch (cause) {
    if (cause instanceof SyntaxError) throw invalidRecord(store, name, 'it is not valid JSON', cause);
    throw cause;
  }
  if (!found) throw new PublishError('ReleaseNotKept', `Build ${buildId} has no release record in ${store.description}`, { hint: 'Run `props-api releases` to list the builds that can be restored.' });
  const problem = releaseRecordProblem(found.value, buildId);
  if (problem) throw invalidRecord(store, name, problem);
  return found.value as ReleaseRecord;
}

function invalidRecord(store: ObjectStore, name: string, problem: string, cause?: unknown): PublishError {
  return new PublishError('InvalidReleaseRecord', `${store.description}/${name} is not a release record props-api wrote: ${problem}; nothing was changed`, {
    outputPath: name,
    cause,
    hint: 'Something other than props-api wrote it. Roll back to another build (`props-api releases` lists them), or rebuild that data and publish it.',
  });
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

/**
 * `publishBuild`: the publish protocol in order. Reads like the steps of DESIGN.md:
 *
 *   load (gate) → read live release → recover an interrupted commit → plan → [dry run stops]
 *   → cap check → stage → commit (intent, copy, prune, seal)
 *
 * The plan keeps live files newer than the build (`plan.keptNewer`) and fails with `PathCollision`
 * before anything is staged when a build file would replace another endpoint's live path.
 * A publish with nothing to change makes one request (the release manifest read). One that changes
 * no file but the inputs digests (a rebuild that gave the same bytes from changed tables) commits a
 * release without uploads or copies, so the next incremental build skips those endpoints.
 */
import { randomUUID } from 'node:crypto';
import { invalidOption } from '../errors.ts';
import type { BuildManifest } from '../manifest.ts';
import { systemClock, type Clock, type ObjectStore } from '../ports.ts';
import type { ProgressListener } from '../progress.ts';
import { commitRelease } from './commit.ts';
import { readLiveRelease } from './live-release.ts';
import { loadBuild } from './load-build.ts';
import { planPublish, planTotals, type PlanTotals, type PublishPlan } from './plan-publish.ts';
import { checkDeleteCap, DEFAULT_MAX_DELETES } from './prune.ts';
import { recoverPendingCommit } from './recover.ts';
import { targetFilesOf, type ReleaseFile, type ReleaseInfo } from './release-manifest.ts';
import { stageBuild, type StageResult } from './stage.ts';

export const DEFAULT_PUBLISH_CONCURRENCY = 16;

export interface PublishOptions {
  store: ObjectStore;
  /** The build directory (holding `manifest.json`). */
  treeDir: string;
  /** Plan and report only; no request but the release manifest read. @default false */
  dryRun?: boolean;
  /** @default 500 */
  maxDeletes?: number;
  /** Publish a build whose report counts failed jobs. @default false */
  allowPartial?: boolean;
  /** Requests in flight at once. @default 16 */
  concurrency?: number;
  /** @default the system clock */
  clock?: Clock;
  /** Reports the stage, commit and prune phases as their requests finish; @default none */
  progress?: ProgressListener;
}

export interface PublishResult {
  buildId: string;
  plan: PublishPlan;
  totals: PlanTotals;
  dryRun: boolean;
  /** False for a dry run and when nothing changed. */
  committed: boolean;
  /** An interrupted earlier commit found in the bucket; rolled forward first unless this is a dry run. */
  interrupted?: ReleaseInfo;
  stage: StageResult;
  copied: number;
  deleted: number;
  /** Object-store requests this publish made (retries included). */
  requests: number;
}

export async function publishBuild(options: PublishOptions): Promise<PublishResult> {
  const { store } = options;
  const concurrency = options.concurrency ?? DEFAULT_PUBLISH_CONCURRENCY;
  checkCounts({ concurrency, maxDeletes: options.maxDeletes ?? DEFAULT_MAX_DELETES });
  const requestsBefore = store.requestCount();
  const build = await loadBuild(options.treeDir, { allowPartial: options.allowPartial ?? false });
  const read = await readLiveRelease(store);
  const recovery = options.dryRun ? { live: read, copied: 0, deleted: 0 } : await recoverPendingCommit(store, read, concurrency);
  const { live } = recovery;
  const liveFiles = live.manifest ? targetFilesOf(live.manifest) : [];
  const plan = planPublish(liveFiles, build.manifest);
  const result: PublishResult = {
    buildId: plan.buildId,
    plan,
    totals: planTotals(plan),
    dryRun: options.dryRun ?? false,
    committed: false,
    ...(read.manifest?.pending ? { interrupted: read.manifest.pending.release } : {}),
    stage: { uploaded: 0, uploadedBytes: 0, reused: 0 },
    copied: recovery.copied,
    deleted: recovery.deleted,
    requests: 0,
  };
  const finish = (): PublishResult => ({ ...result, requests: store.requestCount() - requestsBefore });
  if (result.dryRun || (plan.copy.length === 0 && plan.delete.length === 0 && !inputsChanged(liveFiles, plan.target))) return finish();
  checkDeleteCap(plan.delete, options.maxDeletes ?? DEFAULT_MAX_DELETES);
  const { build: info } = build.manifest;
  result.stage = await stageBuild({ store, plan, treeDir: build.dir, trigger: info.trigger, asOf: info.as_of, concurrency, progress: options.progress });
  const release = releaseInfo(plan, info, options.clock ?? systemClock);
  const commit = await commitRelease({ store, live, diff: plan, release, concurrency, progress: options.progress });
  result.copied += commit.copied;
  result.deleted += commit.deleted;
  return { ...finish(), committed: true };
}

function releaseInfo(plan: PublishPlan, build: BuildManifest['build'], clock: Clock): ReleaseInfo {
  return {
    build_id: plan.buildId,
    trigger: build.trigger,
    as_of: build.as_of,
    published_at: clock.now().toISOString(),
    publish_id: randomUUID(),
    file_count: plan.target.length,
    total_bytes: plan.target.reduce((sum, file) => sum + file.bytes, 0),
    changes: { uploaded: plan.upload.length, copied: plan.copy.length, deleted: plan.delete.length },
  };
}

/** True when a file keeps its bytes but the build wrote it from other inputs (incremental.ts). */
function inputsChanged(live: readonly ReleaseFile[], target: readonly ReleaseFile[]): boolean {
  const before = new Map(live.map((file) => [file.path, file.inputs]));
  return target.some((file) => before.get(file.path) !== file.inputs);
}

/** Eager option checks, shared with rollback. */
export function checkCounts(options: { concurrency: number; maxDeletes: number }): void {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw invalidOption('concurrency', 'an integer ≥ 1', options.concurrency);
  if (!Number.isInteger(options.maxDeletes) || options.maxDeletes < 0) throw invalidOption('maxDeletes', 'an integer ≥ 0', options.maxDeletes);
}

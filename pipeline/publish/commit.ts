/**
 * Commit: make a planned release live, in an order that keeps the release manifest truthful at
 * every instant and lets any later publish finish a commit that died part-way.
 *
 * 1. Intent: replace `v1/release.json` (compare-and-swap on the generation the publisher read)
 *    with a `committing` manifest whose `files` leave out every path about to change, and whose
 *    `pending` lists the copies and deletes. Of two racing publishers only one gets here; the
 *    other stops with `PublishConflict` before touching a stable path.
 * 2. Copy each new or changed file server-side from its staged source onto its stable path:
 *    leaves first, then indexes, then `latest`/`today` aliases, then `v1/status.json`.
 * 3. Prune the stable paths the release drops.
 * 4. Seal: the `committed` manifest listing the whole release, again compare-and-swap.
 *
 * Steps 2 and 3 write with generation preconditions taken after step 1, and treat a 412 as
 * success only when the object now holds exactly the intended bytes and headers. That makes
 * them idempotent (a rerun skips what is done) and safe when two processes finish the same
 * intent (a publisher that took over a stale-looking intent, and its original owner).
 */
import { PublishError } from '../errors.ts';
import type { ObjectStore, StoredObject } from '../ports.ts';
import { phaseCounter, type ProgressListener } from '../progress.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import { writeLiveRelease, type LiveRelease } from './live-release.ts';
import { headersOf, objectMatches } from './object-headers.ts';
import type { ReleaseDiff } from './plan-publish.ts';
import { HISTORY_LIMIT, RELEASE_FORMAT, STABLE_PREFIX, targetFilesOf, type ReleaseFile, type ReleaseInfo, type ReleaseManifest } from './release-manifest.ts';
import { stableConflict } from './conflicts.ts';
import { pruneStable } from './prune.ts';

/** Objects per list request (the JSON API maximum). */
const LIST_PAGE_SIZE = 1000;

export interface CommitOptions {
  store: ObjectStore;
  /** The release the plan was made against, with the generation it was read at. */
  live: LiveRelease;
  diff: Pick<ReleaseDiff, 'copy' | 'delete' | 'target'>;
  release: ReleaseInfo;
  concurrency: number;
  /** Reports each phase's items (and bytes) as they finish; @default none */
  progress?: ProgressListener;
}

export interface CommitResult {
  copied: number;
  deleted: number;
  manifest: ReleaseManifest;
  generation: string;
}

export async function commitRelease(options: CommitOptions): Promise<CommitResult> {
  const intent = intentManifest(options.live.manifest, options.diff, options.release);
  const generation = await writeLiveRelease(options.store, intent, options.live.generation);
  return finishCommit({ store: options.store, manifest: intent, generation, concurrency: options.concurrency, progress: options.progress });
}

export function intentManifest(previous: ReleaseManifest | null, diff: CommitOptions['diff'], release: ReleaseInfo): ReleaseManifest {
  const inFlight = new Set([...diff.copy.map((file) => file.path), ...diff.delete]);
  const targetInputs = new Map(diff.target.map((file) => [file.path, file.inputs]));
  return {
    format: RELEASE_FORMAT,
    state: 'committing',
    written_by: release.publish_id,
    release: previous?.release ?? null,
    files: (previous?.files ?? []).filter((file) => !inFlight.has(file.path)).map((file) => withInputs(file, targetInputs.get(file.path))),
    pending: { release, copy: diff.copy, delete: diff.delete },
    history: previous?.history ?? [],
  };
}

/**
 * A file whose bytes and headers stay takes the inputs digest of the release being made (a rebuild
 * that gave the same bytes from changed tables): the next incremental build then compares with it.
 */
function withInputs(file: ReleaseFile, inputs: string | undefined): ReleaseFile {
  if (file.inputs === inputs) return file;
  const { inputs: _old, ...rest } = file;
  return inputs === undefined ? rest : { ...rest, inputs };
}

export interface FinishCommitOptions extends Pick<CommitOptions, 'store' | 'concurrency' | 'progress'> {
  /** A `committing` manifest, as read (or just written) at `generation`. */
  manifest: ReleaseManifest;
  generation: string;
}

/** Steps 2–4 for a `committing` manifest read at `generation` (by its writer, or by a later publish). */
export async function finishCommit(options: FinishCommitOptions): Promise<CommitResult> {
  const { store, manifest, concurrency, progress } = options;
  const pending = manifest.pending;
  if (!pending) throw new PublishError('InvalidReleaseManifest', 'Internal error: finishCommit called on a manifest without a pending commit');
  // Stat each changing path, or list v1/ when that takes fewer requests (a first publish).
  const paths = [...pending.copy.map((file) => file.path), ...pending.delete];
  const listPages = Math.ceil((manifest.files.length + paths.length + 1) / LIST_PAGE_SIZE);
  const stable = await stableObjects(store, paths, { list: paths.length > listPages, concurrency });
  const copied = await copyToStable(store, pending.copy, { stable, concurrency, progress });
  const deleted = await pruneStable({ store, paths: pending.delete, stable, concurrency, progress });
  const sealed: ReleaseManifest = {
    format: RELEASE_FORMAT,
    state: 'committed',
    written_by: manifest.written_by,
    release: pending.release,
    files: targetFilesOf(manifest),
    pending: null,
    history: [pending.release, ...manifest.history].slice(0, HISTORY_LIMIT),
  };
  const generation = await writeLiveRelease(store, sealed, options.generation);
  return { copied, deleted, manifest: sealed, generation };
}

/** Leaves before indexes before aliases before `status.json`: a reader following an index finds its targets. */
export function commitTier(file: ReleaseFile): number {
  const base = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (file.path === `${STABLE_PREFIX}status.json`) return 3;
  if (file.alias_of !== undefined || /^(latest|today)\b/.test(base)) return 2;
  if (/^index\b/.test(base)) return 1;
  return 0;
}

async function copyToStable(store: ObjectStore, files: readonly ReleaseFile[], how: { stable: ReadonlyMap<string, StoredObject>; concurrency: number; progress?: ProgressListener }): Promise<number> {
  const { stable, concurrency } = how;
  const done = phaseCounter(how.progress, 'commit copies', files.length);
  let copied = 0;
  for (let tier = 0; tier <= 3; tier += 1) {
    const batch = files.filter((file) => commitTier(file) === tier);
    await forEachConcurrently(batch, concurrency, async (file) => {
      const live = stable.get(file.path);
      if (objectMatches(live, file)) return done();
      try {
        await store.copy(file.source, file.path, { ...headersOf(file), ifGenerationMatch: live?.generation ?? '0' });
        copied += 1;
      } catch (error) {
        if (!(error instanceof PublishError) || error.code !== 'StorePreconditionFailed') throw error;
        if (!objectMatches(await store.stat(file.path), file)) throw stableConflict(store, file.path, error);
      }
      done();
    });
  }
  return copied;
}

/** Live objects at `paths`, by a stat each or from one listing of `v1/`. */
async function stableObjects(store: ObjectStore, paths: readonly string[], how: { list: boolean; concurrency: number }): Promise<Map<string, StoredObject>> {
  if (how.list) return new Map((await store.list(STABLE_PREFIX)).map((object) => [object.name, object]));
  const found = new Map<string, StoredObject>();
  await forEachConcurrently(paths, how.concurrency, async (path) => {
    const object = await store.stat(path);
    if (object) found.set(path, object);
  });
  return found;
}

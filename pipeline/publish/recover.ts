/**
 * Recover: a publish that died after writing its intent left `v1/release.json` in the
 * `committing` state. The next publish (or rollback) rolls it forward before planning its own:
 * the intent lists every copy and delete, the staged sources are immutable, and each step skips
 * what is already done, so finishing is always possible and never undoes anything newer.
 * A publish that died before its intent left only staged objects, which nothing lists; the
 * lifecycle rule on `builds/` expires them.
 *
 * The intent comes from the bucket, so it is checked before it is acted on: a pending list
 * that names anything but stable `v1/` paths (for copies and deletes) and staged sources under
 * `builds/<id>/` stops the recovery before any request (`release-validation.ts`).
 */
import type { ObjectStore } from '../ports.ts';
import { finishCommit } from './commit.ts';
import { checkReleaseManifest, type LiveRelease } from './live-release.ts';
import type { ReleaseInfo } from './release-manifest.ts';

export interface RecoverResult {
  live: LiveRelease;
  /** The release that was rolled forward, if there was one in flight. */
  recovered?: ReleaseInfo;
  copied: number;
  deleted: number;
}

export async function recoverPendingCommit(store: ObjectStore, live: LiveRelease, concurrency: number): Promise<RecoverResult> {
  const pending = live.manifest?.pending;
  if (!live.manifest || live.manifest.state !== 'committing' || !pending) return { live, copied: 0, deleted: 0 };
  const manifest = checkReleaseManifest(store, live.manifest);
  const result = await finishCommit({ store, manifest, generation: live.generation, concurrency });
  return { live: { manifest: result.manifest, generation: result.generation }, recovered: pending.release, copied: result.copied, deleted: result.deleted };
}

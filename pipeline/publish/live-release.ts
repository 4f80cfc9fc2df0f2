/**
 * Reading and compare-and-swap writing of the live release manifest (`v1/release.json`).
 *
 * Every write carries `ifGenerationMatch` with the generation the writer read, so of two
 * publishers that read the same release exactly one can replace it. A 412 is not always a rival:
 * a write whose first attempt took effect but whose answer was lost comes back 412 on retry, and
 * a commit may have been finished by another publisher that took over its intent record. Both
 * are recognised by content (`written_by`, history) rather than reported as conflicts.
 *
 * A manifest is checked whole before anything uses it (`release-validation.ts`): a recovery
 * copies and deletes what its pending list names, so a manifest that names anything but stable
 * paths and staged sources stops the publish before any request that changes the bucket.
 */
import { PublishError } from '../errors.ts';
import type { ObjectStore } from '../ports.ts';
import { RELEASE_MANIFEST_CACHE_CONTROL, RELEASE_MANIFEST_PATH, type ReleaseManifest } from './release-manifest.ts';
import { releaseManifestProblem } from './release-validation.ts';
import { readJsonObject, writeJsonObject } from './write-json-object.ts';
import { releaseConflict } from './conflicts.ts';

export interface LiveRelease {
  /** `null` when nothing was ever published to this bucket prefix. */
  manifest: ReleaseManifest | null;
  /** Generation of `v1/release.json`; `'0'` when absent. */
  generation: string;
}

export async function readLiveRelease(store: ObjectStore): Promise<LiveRelease> {
  let found: Awaited<ReturnType<typeof readJsonObject>>;
  try {
    found = await readJsonObject(store, RELEASE_MANIFEST_PATH);
  } catch (cause) {
    if (cause instanceof SyntaxError) throw invalidManifest(store, 'it is not valid JSON', cause);
    throw cause;
  }
  if (!found) return { manifest: null, generation: '0' };
  return { manifest: checkReleaseManifest(store, found.value), generation: found.generation };
}

/** `value` as a release manifest, or `InvalidReleaseManifest` naming its first problem. */
export function checkReleaseManifest(store: ObjectStore, value: unknown): ReleaseManifest {
  const problem = releaseManifestProblem(value);
  if (problem) throw invalidManifest(store, problem);
  return value as ReleaseManifest;
}

/** Replaces the live manifest if it is still at `ifGenerationMatch`; resolves to the new generation. */
export async function writeLiveRelease(store: ObjectStore, manifest: ReleaseManifest, ifGenerationMatch: string): Promise<string> {
  try {
    const written = await writeJsonObject(store, RELEASE_MANIFEST_PATH, manifest, { cacheControl: RELEASE_MANIFEST_CACHE_CONTROL, ifGenerationMatch });
    return written.generation;
  } catch (error) {
    if (!(error instanceof PublishError) || error.code !== 'StorePreconditionFailed') throw error;
    const current = await readLiveRelease(store);
    if (isOurs(current.manifest, manifest)) return current.generation;
    throw releaseConflict(store, current.manifest, error);
  }
}

/** Our write already took effect, or (for a seal) a publisher that took over our intent committed our release. */
function isOurs(current: ReleaseManifest | null, ours: ReleaseManifest): boolean {
  if (!current) return false;
  if (current.written_by === ours.written_by && current.state === ours.state) return true;
  return ours.state === 'committed' && current.history.some((release) => release.publish_id === ours.written_by);
}

function invalidManifest(store: ObjectStore, problem: string, cause?: unknown): PublishError {
  return new PublishError('InvalidReleaseManifest', `${store.description}/${RELEASE_MANIFEST_PATH} is not a release manifest: ${problem}`, {
    outputPath: RELEASE_MANIFEST_PATH,
    cause,
    hint: 'Something other than props-api wrote it. Restore it from a bucket backup, or delete it and publish a full build (`--trigger all`).',
  });
}

/**
 * `releases`: the live release and the past ones the live manifest remembers, each marked
 * `kept` while its build prefix still exists (the lifecycle rule expires old ones), i.e. while
 * `rollback --to` can restore it. Two requests: the manifest read and one prefix listing page
 * per 1000 builds.
 */
import type { ObjectStore } from '../ports.ts';
import { readLiveRelease } from './live-release.ts';
import { BUILDS_PREFIX, type ReleaseInfo } from './release-manifest.ts';

export interface ListedRelease extends ReleaseInfo {
  live: boolean;
  kept: boolean;
}

export interface ReleaseListing {
  /** A commit found in flight (finished by the next publish). */
  pending: ReleaseInfo | null;
  /** Newest first. */
  releases: ListedRelease[];
}

export async function listReleases(store: ObjectStore): Promise<ReleaseListing> {
  const { manifest } = await readLiveRelease(store);
  if (!manifest) return { pending: null, releases: [] };
  const kept = new Set((await store.listPrefixes(BUILDS_PREFIX)).map((prefix) => prefix.slice(BUILDS_PREFIX.length, -1)));
  const liveId = manifest.release?.publish_id;
  return {
    pending: manifest.pending?.release ?? null,
    releases: manifest.history.map((release) => ({ ...release, live: release.publish_id === liveId, kept: kept.has(release.build_id) })),
  };
}

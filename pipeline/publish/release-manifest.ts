/**
 * The bucket's release bookkeeping, and where each object lives.
 *
 * Layout below the bucket prefix (`gs://NAME/PREFIX/`):
 * - `v1/...`                     stable paths the frontend fetches (the live API);
 * - `v1/release.json`            the live release manifest (`ReleaseManifest`): the compare-and-swap
 *                                point of every publish, replaced only with `ifGenerationMatch`;
 * - `builds/<buildId>/v1/...`    staged, immutable copies of the files a build changed;
 * - `builds/<buildId>/release.json`  the release record (`ReleaseRecord`): every file that
 *                                publishing that build made live, for `rollback --to` and `releases`.
 *
 * Invariant (checked by the kill-point tests): every entry in `ReleaseManifest.files` has live
 * bytes and headers on its stable path exactly as listed. While a commit is in flight the
 * manifest is `committing`: the paths being rewritten or deleted are moved out of `files` into
 * `pending`, which is also the intent record a later publish uses to roll the commit forward.
 */
import { CACHE_PRESETS } from '../cache-policy.ts';
import { TRIGGERS } from '../define-exporter.ts';

export const RELEASE_FORMAT = 1;
/** Stable paths start with this; nothing a build lists may fall outside it. */
export const STABLE_PREFIX = 'v1/';
export const RELEASE_MANIFEST_PATH = 'v1/release.json';
export const BUILDS_PREFIX = 'builds/';
/** Release manifests change every publish: operators and CDNs may cache them briefly. */
export const RELEASE_MANIFEST_CACHE_CONTROL = CACHE_PRESETS.status;
/** How many past releases the live manifest remembers (`releases` lists them). */
export const HISTORY_LIMIT = 100;
/** Custom metadata key holding the sha256 of an object's uncompressed bytes. */
export const SHA256_METADATA_KEY = 'sha256';

/** A build id as `buildIdFor` (stages/write.ts) makes it: `<as-of, compact UTC>-<trigger>-<8 hex of the content>`. */
export const BUILD_ID_EXAMPLE = '20250316T013000Z-all-52adfa0a';
const BUILD_ID = new RegExp(`^\\d{8}T\\d{6}Z-(?:all|${TRIGGERS.join('|')})-[0-9a-f]{8}$`);

/** Only ids of this form become object names (`builds/<id>/…`) or directory names (`out/<id>`). */
export function isBuildId(value: unknown): value is string {
  return typeof value === 'string' && BUILD_ID.test(value);
}

export function stagedName(buildId: string, path: string): string {
  return `${BUILDS_PREFIX}${buildId}/${path}`;
}

export function releaseRecordName(buildId: string): string {
  return `${BUILDS_PREFIX}${buildId}/release.json`;
}

/** One live file: its stable path, exact bytes and headers, and the staged object holding the same bytes. */
export interface ReleaseFile {
  path: string;
  /** sha256 of the uncompressed bytes (the build manifest's `sha256`). */
  sha256: string;
  bytes: number;
  content_type: string;
  cache_control: string;
  /** Present when the object is stored gzip-encoded. */
  content_encoding?: 'gzip';
  cache: string;
  exporter: string;
  schema: string;
  alias_of?: string;
  /** From the build manifest, so a build in a fresh checkout can keep unchanged files' stamps. */
  content_sha256?: string;
  generated_at?: string;
  /** From the build manifest: the inputs digest of the endpoint build that wrote it (incremental.ts). */
  inputs?: string;
  /**
   * The `build.as_of` of the newest build whose publish listed these bytes and headers (a no-op
   * publish commits nothing, so it may be older). A publish never replaces or deletes a file with
   * a newer `as_of` than its build's. Absent in releases written before it was recorded: see
   * `fileAsOf` in `release-rules.ts`.
   */
  as_of?: string;
  /** `builds/<buildId>/<path>`: where a commit or a rollback copies these bytes from. */
  source: string;
}

/** One release: which build went live, when, why, and what it changed. */
export interface ReleaseInfo {
  build_id: string;
  /** The build's trigger, or `rollback`. */
  trigger: string;
  as_of: string;
  /** Wall-clock time the commit started (set by the publisher's clock). */
  published_at: string;
  /** Random id of the publish that produced this release. */
  publish_id: string;
  file_count: number;
  total_bytes: number;
  changes: { uploaded: number; copied: number; deleted: number };
  /** For rollbacks: the build that was live before. */
  rolled_back_from?: string;
}

/** The in-flight commit (intent record): enough to finish it without the process that began it. */
export interface PendingCommit {
  release: ReleaseInfo;
  /** Entries being written onto their stable paths (from their `source`). */
  copy: ReleaseFile[];
  /** Stable paths being removed. */
  delete: string[];
}

/** `v1/release.json`. */
export interface ReleaseManifest {
  format: number;
  state: 'committed' | 'committing';
  /** The `publish_id` of the publish whose write this is: tells a retried write from a rival's. */
  written_by: string;
  /** The last committed release; `null` before the first commit. */
  release: ReleaseInfo | null;
  /** Sorted by path. Every entry's live bytes and headers are exactly as listed. */
  files: ReleaseFile[];
  pending: PendingCommit | null;
  /** Newest first, at most `HISTORY_LIMIT`. */
  history: ReleaseInfo[];
}

/** `builds/<buildId>/release.json`: the complete file list of a release, for rollback. */
export interface ReleaseRecord {
  format: number;
  build_id: string;
  trigger: string;
  as_of: string;
  files: ReleaseFile[];
}

/** The files a committing manifest will list once its pending commit is done. */
export function targetFilesOf(manifest: ReleaseManifest): ReleaseFile[] {
  if (!manifest.pending) return manifest.files;
  const removed = new Set([...manifest.pending.copy.map((f) => f.path), ...manifest.pending.delete]);
  return sortFiles([...manifest.files.filter((f) => !removed.has(f.path)), ...manifest.pending.copy]);
}

/** Sorts in place by path (code-unit order, as every release list is kept) and returns the list. */
export function sortFiles<T extends { path: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

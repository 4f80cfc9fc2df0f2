/**
 * Plan: what a publish (or a rollback) will change, decided from manifests alone (pure, no I/O).
 *
 * - The next release is the previous release plus this build's files. A previous file the build
 *   did not produce is dropped only when its endpoint is marked `complete` in the build manifest
 *   (the build produced every file that endpoint should have). So a build for one trigger
 *   replaces only its own endpoints, dated history and date-restricted builds only add or
 *   replace, and an endpoint that failed (left out of a `--allow-partial` manifest) keeps its
 *   previous files. Files of an endpoint removed from the registry are never pruned by a build.
 * - A file is `changed` when the sha256 of its exact bytes differs, or when any header differs
 *   (Content-Type, Cache-Control, Content-Encoding): a new cache preset is re-published even
 *   with identical bytes. Unchanged files keep the staged source they already had.
 * - Releases never go backwards or sideways (`release-rules.ts`): a live file newer than the build
 *   is `kept` (neither replaced nor deleted; listed in `keptNewer`), and a build file that would
 *   replace another endpoint's live file fails the plan with `PathCollision`.
 */
import type { BuildManifest, ManifestFile } from '../manifest.ts';
import { contentEncodingFor } from './object-headers.ts';
import { sortFiles, stagedName, type ReleaseFile } from './release-manifest.ts';
import { checkPathOwnership, fileAsOf, isNewerThan } from './release-rules.ts';

export type FileAction = 'new' | 'changed' | 'unchanged' | 'deleted' | 'kept';

export interface PlannedFile {
  path: string;
  action: FileAction;
  /** For `changed`: whether the bytes or only the headers differ. */
  reason?: 'bytes' | 'headers';
  bytes: number;
}

/** A live file the build would have replaced or deleted, left as it is because it is newer than the build. */
export interface KeptNewerFile {
  path: string;
  /** What the build would have done to it. */
  instead: 'changed' | 'deleted';
  /** The live file's as-of (later than `buildAsOf`). */
  liveAsOf: string;
  buildAsOf: string;
}

export interface ReleaseDiff {
  /** The next release's files, sorted by path. */
  target: ReleaseFile[];
  /** New and changed entries: written onto their stable paths from their `source`. */
  copy: ReleaseFile[];
  /** Stable paths of the previous release that the next one drops. */
  delete: string[];
  /** Every path of either release with its action, sorted by path. */
  files: PlannedFile[];
}

export interface PublishPlan extends ReleaseDiff {
  buildId: string;
  /** Entries to stage under `builds/<buildId>/` (the same as `copy`). */
  upload: ReleaseFile[];
  /** Live files left as they are because they are newer than the build, sorted by path. */
  keptNewer: KeptNewerFile[];
}

export function planPublish(previous: readonly ReleaseFile[], build: BuildManifest): PublishPlan {
  const { id: buildId, as_of: asOf } = build.build;
  const previousByPath = new Map(previous.map((file) => [file.path, file]));
  checkPathOwnership(previousByPath, build);
  const complete = new Set(build.endpoints.filter((endpoint) => endpoint.complete).map((endpoint) => endpoint.exporter));
  const keptNewer: KeptNewerFile[] = [];
  const keep = (file: ReleaseFile, instead: KeptNewerFile['instead']): ReleaseFile => {
    keptNewer.push({ path: file.path, instead, liveAsOf: fileAsOf(file)!, buildAsOf: asOf });
    return file;
  };
  const produced = build.files.map((file) => {
    const entry = releaseEntry(file, stagedName(buildId, file.path), asOf);
    const before = previousByPath.get(file.path);
    if (!before) return entry;
    if (isNewerThan(before, asOf)) return differs(before, entry) ? keep(before, 'changed') : before;
    // Unchanged bytes and headers: keep the staged copy that already holds them.
    return differs(before, entry) ? entry : { ...entry, source: before.source };
  });
  const producedPaths = new Set(produced.map((file) => file.path));
  const notProduced = previous.filter((file) => !producedPaths.has(file.path));
  const kept = notProduced.filter((file) => {
    if (!complete.has(file.exporter)) return true;
    // The build's complete endpoint drops this file, unless the live copy is newer than the build.
    if (!isNewerThan(file, asOf)) return false;
    keep(file, 'deleted');
    return true;
  });
  const diff = diffReleases(previous, sortFiles([...kept, ...produced]));
  sortFiles(keptNewer);
  const keptPaths = new Set(keptNewer.map((file) => file.path));
  const files = diff.files.map((file): PlannedFile => (keptPaths.has(file.path) ? { path: file.path, action: 'kept', bytes: file.bytes } : file));
  return { ...diff, files, buildId, upload: diff.copy, keptNewer };
}

/** Compares two file lists by path: what to copy, what to delete, and a line per path. */
export function diffReleases(previous: readonly ReleaseFile[], target: ReleaseFile[]): ReleaseDiff {
  const previousByPath = new Map(previous.map((file) => [file.path, file]));
  const targetPaths = new Set(target.map((file) => file.path));
  const files: PlannedFile[] = [];
  const copy: ReleaseFile[] = [];
  for (const file of target) {
    const before = previousByPath.get(file.path);
    const change = before ? differs(before, file) : 'new';
    if (change) copy.push(file);
    if (change === 'new') files.push({ path: file.path, action: 'new', bytes: file.bytes });
    else if (change) files.push({ path: file.path, action: 'changed', reason: change, bytes: file.bytes });
    else files.push({ path: file.path, action: 'unchanged', bytes: file.bytes });
  }
  const deleted = previous.filter((file) => !targetPaths.has(file.path));
  files.push(...deleted.map((file): PlannedFile => ({ path: file.path, action: 'deleted', bytes: file.bytes })));
  sortFiles(files);
  return { target, copy, delete: deleted.map((file) => file.path), files };
}

/** `bytes` when the content differs, `headers` when only a header does, otherwise undefined. */
export function differs(a: ReleaseFile, b: ReleaseFile): 'bytes' | 'headers' | undefined {
  if (a.sha256 !== b.sha256) return 'bytes';
  if (a.content_type !== b.content_type || a.cache_control !== b.cache_control || a.content_encoding !== b.content_encoding) return 'headers';
  return undefined;
}

/** The release entry of a build file staged at `source`, from a build as of `asOf`. */
export function releaseEntry(file: ManifestFile, source: string, asOf: string): ReleaseFile {
  const encoding = contentEncodingFor(file.content_type, file.bytes);
  return {
    path: file.path,
    sha256: file.sha256,
    bytes: file.bytes,
    content_type: file.content_type,
    cache_control: file.cache_control,
    ...(encoding ? { content_encoding: encoding } : {}),
    cache: file.cache,
    exporter: file.exporter,
    schema: file.schema,
    ...(file.alias_of === undefined ? {} : { alias_of: file.alias_of }),
    content_sha256: file.content_sha256,
    generated_at: file.generated_at,
    ...(file.inputs === undefined ? {} : { inputs: file.inputs }),
    as_of: asOf,
    source,
  };
}

export interface PlanTotals {
  new: number;
  changed: number;
  unchanged: number;
  deleted: number;
  /** Live files kept because they are newer than the build (publish only). */
  keptNewer: number;
  uploadBytes: number;
}

export function planTotals(plan: ReleaseDiff): PlanTotals {
  const count = (action: FileAction) => plan.files.filter((file) => file.action === action).length;
  const uploadBytes = plan.copy.reduce((sum, file) => sum + file.bytes, 0);
  return { new: count('new'), changed: count('changed'), unchanged: count('unchanged'), deleted: count('deleted'), keptNewer: count('kept'), uploadBytes };
}

/**
 * Checks of what the publisher reads back from the bucket before acting on it: the live release
 * manifest (`v1/release.json`, whose pending list a recovery copies and deletes) and release
 * records (`builds/<id>/release.json`, whose files a rollback copies). Anyone who can write to
 * the bucket can put anything there; these rules keep the publisher's writes and deletes on the
 * stable paths and its copies coming from staged objects, whatever those files say:
 *
 * - every listed path is a plain path under `v1/` and not `v1/release.json` itself;
 * - every entry's `source` is `builds/<build id>/<its own path>`, with a well-formed build id;
 * - no list names a path twice; pending deletes are such stable paths, none also a pending copy;
 * - every release names a well-formed build id.
 *
 * Each check returns the first problem as a phrase, or `undefined`.
 */
import { isSafeTreePath } from '../resolve-tree.ts';
import { BUILDS_PREFIX, isBuildId, RELEASE_FORMAT, RELEASE_MANIFEST_PATH, STABLE_PREFIX, stagedName, type ReleaseFile, type ReleaseInfo, type ReleaseManifest, type ReleaseRecord } from './release-manifest.ts';

/** 64 lower-case hex digits: how manifests and records write a sha256. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A path the publisher may write or delete: plain, under `v1/`, not the release manifest. */
export function stablePathProblem(value: unknown): string | undefined {
  if (!isSafeTreePath(value) || !value.startsWith(STABLE_PREFIX)) return `${JSON.stringify(value)} is not a plain path under ${STABLE_PREFIX}`;
  if (value === RELEASE_MANIFEST_PATH) return `it lists ${RELEASE_MANIFEST_PATH} itself as a file`;
  return undefined;
}

function sourceBuildId(source: string): string {
  return source.slice(BUILDS_PREFIX.length, source.indexOf('/', BUILDS_PREFIX.length));
}

function fileProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'a file entry is not an object';
  const file = value as Partial<ReleaseFile>;
  const pathProblem = stablePathProblem(file.path);
  if (pathProblem) return pathProblem;
  if (typeof file.sha256 !== 'string' || !SHA256_HEX.test(file.sha256)) return `${file.path} has no sha256`;
  if (typeof file.bytes !== 'number' || !Number.isSafeInteger(file.bytes) || file.bytes < 0) return `${file.path} has no byte size`;
  if (typeof file.content_type !== 'string' || typeof file.cache_control !== 'string' || ![undefined, 'gzip'].includes(file.content_encoding)) return `${file.path} has malformed headers`;
  const source = typeof file.source === 'string' ? file.source : '';
  if (!source.startsWith(BUILDS_PREFIX) || !isBuildId(sourceBuildId(source)) || source !== stagedName(sourceBuildId(source), file.path!)) {
    return `the source of ${file.path} is ${JSON.stringify(file.source)}, not ${BUILDS_PREFIX}<build id>/${file.path}`;
  }
  return undefined;
}

function filesProblem(value: unknown, list: string): string | undefined {
  if (!Array.isArray(value)) return `it lacks the ${list} list`;
  const seen = new Set<string>();
  for (const file of value as unknown[]) {
    const problem = fileProblem(file);
    if (problem) return `${list}: ${problem}`;
    const { path } = file as ReleaseFile;
    if (seen.has(path)) return `${list} lists ${path} twice`;
    seen.add(path);
  }
  return undefined;
}

function releaseInfoProblem(value: unknown, what: string): string | undefined {
  if (!value || typeof value !== 'object') return `${what} is not an object`;
  const info = value as Partial<ReleaseInfo>;
  if (!isBuildId(info.build_id)) return `${what} names build ${JSON.stringify(info.build_id)}, which is not a build id`;
  if (typeof info.publish_id !== 'string' || typeof info.published_at !== 'string' || typeof info.trigger !== 'string') return `${what} lacks its publish id, time or trigger`;
  return undefined;
}

function deletesProblem(value: unknown, copies: readonly ReleaseFile[]): string | undefined {
  if (!Array.isArray(value)) return 'it is committing without a pending delete list';
  const copied = new Set(copies.map((file) => file.path));
  const seen = new Set<string>();
  for (const path of value as unknown[]) {
    const problem = stablePathProblem(path);
    if (problem) return `pending.delete: ${problem}`;
    if (copied.has(path as string) || seen.has(path as string)) return `pending.delete lists ${path as string} twice or also as a copy`;
    seen.add(path as string);
  }
  return undefined;
}

function pendingProblem(manifest: Partial<ReleaseManifest>): string | undefined {
  const { pending } = manifest;
  if (manifest.state === 'committed') return pending === null || pending === undefined ? undefined : 'it is committed with a pending commit';
  if (!pending || typeof pending !== 'object') return 'it is committing without a pending commit';
  return filesProblem(pending.copy, 'pending.copy') ?? deletesProblem(pending.delete, pending.copy) ?? releaseInfoProblem(pending.release, 'the pending release');
}

/** Check of a parsed `v1/release.json` before any of it is used. */
export function releaseManifestProblem(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return 'it is not a JSON object';
  const m = value as Partial<ReleaseManifest>;
  if (m.format !== RELEASE_FORMAT) return `its format is ${JSON.stringify(m.format)}, not ${RELEASE_FORMAT}`;
  if (m.state !== 'committed' && m.state !== 'committing') return `its state is ${JSON.stringify(m.state)}`;
  if (typeof m.written_by !== 'string') return 'it does not say which publish wrote it';
  if (!Array.isArray(m.history)) return 'it lacks the history list';
  const releases = [...(m.release === null ? [] : [[m.release, 'the live release'] as const]), ...m.history.map((info, i) => [info, `history entry ${i + 1}`] as const)];
  for (const [info, what] of releases) {
    const problem = releaseInfoProblem(info, what);
    if (problem) return problem;
  }
  return filesProblem(m.files, 'files') ?? pendingProblem(m);
}

/** Check of a parsed `builds/<buildId>/release.json` before a rollback copies anything it lists. */
export function releaseRecordProblem(value: unknown, buildId: string): string | undefined {
  if (!value || typeof value !== 'object') return 'it is not a JSON object';
  const record = value as Partial<ReleaseRecord>;
  if (record.format !== RELEASE_FORMAT) return `its format is ${JSON.stringify(record.format)}, not ${RELEASE_FORMAT}`;
  if (record.build_id !== buildId) return `it names build ${JSON.stringify(record.build_id)}`;
  if (typeof record.trigger !== 'string' || typeof record.as_of !== 'string') return 'it lacks its trigger or as-of';
  return filesProblem(record.files, 'files');
}

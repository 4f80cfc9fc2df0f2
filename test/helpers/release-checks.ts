/**
 * Checks on a bucket's state, read straight from the loopback server's memory (never through
 * the client under test):
 * - `releaseInvariantProblems`: every file the live release manifest lists has exactly those
 *   bytes and headers on its stable path (the property a killed publisher must never break);
 * - `stableTreeProblems`: the stable paths hold exactly the expected files, nothing more.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { RELEASE_MANIFEST_PATH, STABLE_PREFIX, type ReleaseManifest } from '../../pipeline/publish/release-manifest.ts';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';
import type { ServerObject } from './gcs-server/gcs-state.ts';
import { TEST_BUCKET } from './gcs-bucket.ts';

export interface ExpectedFile {
  path: string;
  bytes: Buffer;
  contentType: string;
  cacheControl: string;
}

export function decodedBody(object: ServerObject): Buffer {
  return object.contentEncoding === 'gzip' ? gunzipSync(object.bytes) : object.bytes;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Live objects below `prefix/` keyed by their name relative to it. */
export function bucketObjects(server: GcsTestServer, prefix = ''): Map<string, ServerObject> {
  const root = prefix ? `${prefix}/` : '';
  const out = new Map<string, ServerObject>();
  for (const [name, object] of server.state.bucket(TEST_BUCKET).objects) {
    if (name.startsWith(root)) out.set(name.slice(root.length), object);
  }
  return out;
}

export function liveReleaseManifest(server: GcsTestServer, prefix = ''): ReleaseManifest | null {
  const object = bucketObjects(server, prefix).get(RELEASE_MANIFEST_PATH);
  return object ? (JSON.parse(decodedBody(object).toString('utf8')) as ReleaseManifest) : null;
}

export function releaseInvariantProblems(server: GcsTestServer, prefix = ''): string[] {
  const manifest = liveReleaseManifest(server, prefix);
  if (!manifest) return [];
  const objects = bucketObjects(server, prefix);
  const problems: string[] = [];
  for (const file of manifest.files) {
    const live = objects.get(file.path);
    if (!live) problems.push(`${file.path}: listed but absent`);
    else if (sha256(decodedBody(live)) !== file.sha256) problems.push(`${file.path}: live bytes differ from the listed sha256`);
    else if (live.contentType !== file.content_type || live.cacheControl !== file.cache_control || live.contentEncoding !== file.content_encoding) {
      problems.push(`${file.path}: live headers differ (${live.contentType}; ${live.cacheControl}; ${live.contentEncoding ?? 'identity'})`);
    }
  }
  return problems;
}

/** A `committing` manifest must be finishable: every pending copy's staged source holds its bytes. */
export function pendingCommitProblems(server: GcsTestServer, prefix = ''): string[] {
  const pending = liveReleaseManifest(server, prefix)?.pending;
  if (!pending) return [];
  const objects = bucketObjects(server, prefix);
  return pending.copy.flatMap((file) => {
    const source = objects.get(file.source);
    return source && sha256(decodedBody(source)) === file.sha256 ? [] : [`${file.path}: staged source ${file.source} missing or different`];
  });
}

export function stableTreeProblems(server: GcsTestServer, expected: readonly ExpectedFile[], prefix = ''): string[] {
  const stable = new Map([...bucketObjects(server, prefix)].filter(([name]) => name.startsWith(STABLE_PREFIX) && name !== RELEASE_MANIFEST_PATH));
  const problems: string[] = [];
  for (const file of expected) {
    const live = stable.get(file.path);
    stable.delete(file.path);
    if (!live) problems.push(`${file.path}: missing`);
    else if (!decodedBody(live).equals(file.bytes)) problems.push(`${file.path}: bytes differ`);
    else if (live.contentType !== file.contentType || live.cacheControl !== file.cacheControl) problems.push(`${file.path}: headers differ (${live.contentType}; ${live.cacheControl})`);
  }
  for (const extra of stable.keys()) problems.push(`${extra}: not in the expected tree`);
  return problems;
}

/** Headers and decoded bytes of every stable object, for before/after comparisons. */
export function stableSnapshot(server: GcsTestServer, prefix = ''): Record<string, { body: string; contentType?: string; cacheControl?: string; contentEncoding?: string }> {
  const out: Record<string, { body: string; contentType?: string; cacheControl?: string; contentEncoding?: string }> = {};
  for (const [name, object] of [...bucketObjects(server, prefix)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!name.startsWith(STABLE_PREFIX) || name === RELEASE_MANIFEST_PATH) continue;
    out[name] = { body: decodedBody(object).toString('base64'), contentType: object.contentType, cacheControl: object.cacheControl, contentEncoding: object.contentEncoding };
  }
  return out;
}

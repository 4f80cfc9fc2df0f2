/**
 * Stage: upload every new or changed file of a build to its immutable build prefix,
 * `builds/<buildId>/<path>`, with `Cache-Control: public, max-age=31536000, immutable`, then
 * write the build's release record. Nothing a reader fetches changes here.
 *
 * Resumable: objects a killed run already staged are listed first and skipped when their
 * sha256 and headers match. Build ids are content-derived, so a staged object under the same
 * name with other bytes means a corrupted tree or bucket, and stops the publish.
 *
 * Each file is read (no symlink followed) and checked against its entry again as it is
 * uploaded: `loadBuild` checked the whole tree before the first request, and what is uploaded
 * is exactly what was checked.
 */
import { CACHE_PRESETS } from '../cache-policy.ts';
import { PublishError } from '../errors.ts';
import type { ObjectStore, StoredObject } from '../ports.ts';
import { phaseCounter, type ProgressListener } from '../progress.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import { encodeBody, headersOf, objectMatches } from './object-headers.ts';
import type { PublishPlan } from './plan-publish.ts';
import { BUILDS_PREFIX, RELEASE_FORMAT, releaseRecordName, type ReleaseFile, type ReleaseRecord } from './release-manifest.ts';
import { readTreeFile, treeRoot } from './tree-files.ts';
import { writeJsonObject } from './write-json-object.ts';

export const STAGED_CACHE_CONTROL = CACHE_PRESETS.immutable;

export interface StageOptions {
  store: ObjectStore;
  plan: PublishPlan;
  /** The build directory: files at their manifest paths. */
  treeDir: string;
  trigger: string;
  asOf: string;
  concurrency: number;
  /** Reports each phase's items (and bytes) as they finish; @default none */
  progress?: ProgressListener;
}

export interface StageResult {
  uploaded: number;
  /** Bytes sent (after gzip). */
  uploadedBytes: number;
  /** Already staged by an earlier, interrupted run. */
  reused: number;
}

export async function stageBuild(options: StageOptions): Promise<StageResult> {
  const { store, plan } = options;
  const existing = new Map((await store.list(`${BUILDS_PREFIX}${plan.buildId}/`)).map((object) => [object.name, object]));
  const result: StageResult = { uploaded: 0, uploadedBytes: 0, reused: 0 };
  const root = await treeRoot(options.treeDir);
  const finished = phaseCounter(options.progress, 'stage uploads', plan.upload.length);
  await forEachConcurrently(plan.upload, options.concurrency, async (file) => {
    const staged = existing.get(file.source);
    if (objectMatches(staged, file, STAGED_CACHE_CONTROL)) {
      result.reused += 1;
      finished(0);
      return;
    }
    if (staged) throw stagedMismatch(file);
    const body = encodeBody(await readTreeFile(root, file), file.content_encoding);
    await stageObject(store, file, body);
    result.uploaded += 1;
    result.uploadedBytes += body.byteLength;
    finished(body.byteLength);
  });
  const record: ReleaseRecord = { format: RELEASE_FORMAT, build_id: plan.buildId, trigger: options.trigger, as_of: options.asOf, files: plan.target };
  await writeJsonObject(store, releaseRecordName(plan.buildId), record, { cacheControl: STAGED_CACHE_CONTROL });
  return result;
}

/** Create-only write; a 412 is fine when the object that won is this very file (a retried or rival upload). */
async function stageObject(store: ObjectStore, file: ReleaseFile, body: Uint8Array): Promise<void> {
  try {
    await store.write(file.source, body, { ...headersOf(file, STAGED_CACHE_CONTROL), ifGenerationMatch: '0' });
  } catch (error) {
    if (!(error instanceof PublishError) || error.code !== 'StorePreconditionFailed') throw error;
    const now: StoredObject | null = await store.stat(file.source);
    if (!objectMatches(now, file, STAGED_CACHE_CONTROL)) throw stagedMismatch(file, error);
  }
}

function stagedMismatch(file: ReleaseFile, cause?: unknown): PublishError {
  return new PublishError('BuildTreeMismatch', `${file.source} is already staged with other bytes or headers than this build's ${file.path}`, {
    exporterId: file.exporter,
    outputPath: file.path,
    cause,
    hint: 'Build ids are derived from content, so this means the bucket or the tree was altered. Rebuild to get a fresh build id.',
  });
}

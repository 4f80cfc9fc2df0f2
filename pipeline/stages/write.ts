/**
 * Stage 5, write: deterministic bytes into `out/<buildId>/v1/...` plus `manifest.json`.
 *
 * The tree is written to a temporary directory and renamed into place, so a reader never sees a
 * half-written build. A payload's generated-at stamp is the build time only when its content
 * changed: when the previous local tree holds the same content (hash with the stamp blanked), the
 * previous stamp is kept, so an unchanged source gives unchanged bytes and nothing to upload.
 */
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { JSON_CONTENT_TYPE, cacheControlFor } from '../cache-policy.ts';
import type { BuildContext, RenderContext } from '../define-exporter.ts';
import { WriteError } from '../errors.ts';
import type { BuildManifest, ManifestEndpoint, ManifestFile } from '../manifest.ts';
import { MANIFEST_FILE, MANIFEST_VERSION } from '../manifest.ts';
import { SerializationProblem, serializePayload, sha256Hex } from '../serialize.ts';
import type { ValidatedFile } from './validate.ts';

export interface PreviousStamp { content_sha256: string; generated_at: string }

export interface SerializedFile { readonly file: ValidatedFile; readonly bytes: Buffer; readonly entry: ManifestFile }

export interface BuildFacts {
  queryCount: number;
  endpointIds: readonly string[];
  schemaOf: (exporterId: string) => string;
  warehouse: string;
  codeVersion: string;
  schemaVersion: string;
}

/** Serialise every file and assemble the manifest; pure apart from hashing. */
export function serializeBuild(files: readonly ValidatedFile[], ctx: RenderContext, previous: ReadonlyMap<string, PreviousStamp>, facts: BuildFacts) {
  const serialized = new Map<string, SerializedFile>();
  for (const file of files.filter((f) => !f.aliasOf)) serialized.set(file.outputPath, serializeFile(file, ctx, previous));
  for (const file of files.filter((f) => f.aliasOf)) {
    const source = serialized.get(file.aliasOf!)!;
    serialized.set(file.outputPath, { file, bytes: source.bytes, entry: { ...source.entry, path: file.outputPath, cache: file.cache, cache_control: cacheControlFor(file.cache), alias_of: file.aliasOf } });
  }
  const entries = [...serialized.values()].sort((a, b) => a.file.outputPath.localeCompare(b.file.outputPath));
  const buildId = buildIdFor(ctx, entries.map((e) => e.entry));
  const manifest: BuildManifest = {
    manifest_version: MANIFEST_VERSION,
    build: {
      id: buildId, trigger: ctx.trigger, as_of: ctx.asOf, today: ctx.today, dates: ctx.dates ? [...ctx.dates] : null,
      query_count: facts.queryCount, endpoint_count: facts.endpointIds.length, file_count: entries.length,
      total_bytes: entries.reduce((sum, e) => sum + e.bytes.length, 0), warehouse: facts.warehouse, sample_data: ctx.sampleData,
      code_version: facts.codeVersion, schema_version: facts.schemaVersion,
    },
    endpoints: facts.endpointIds.map((id) => endpointEntry(id, facts.schemaOf(id), entries, ctx)),
    files: entries.map((e) => e.entry),
  };
  return { buildId, manifest, files: entries };
}

function serializeFile(file: ValidatedFile, ctx: RenderContext, previous: ReadonlyMap<string, PreviousStamp>): SerializedFile {
  const stampField = file.exporter.stampField ?? 'generated_at';
  const payload = file.payload;
  const hasStamp = typeof payload[stampField] === 'string';
  try {
    const contentSha = sha256Hex(serializePayload(hasStamp ? { ...payload, [stampField]: '' } : payload));
    const before = previous.get(file.outputPath);
    const stamp = before && before.content_sha256 === contentSha ? before.generated_at : ctx.generatedAt;
    if (hasStamp) payload[stampField] = stamp;
    const bytes = serializePayload(payload);
    return {
      file, bytes,
      entry: {
        path: file.outputPath, sha256: sha256Hex(bytes), bytes: bytes.length, content_type: JSON_CONTENT_TYPE, cache: file.cache,
        cache_control: cacheControlFor(file.cache), exporter: file.exporter.id, schema: file.exporter.schema, content_sha256: contentSha, generated_at: stamp,
      },
    };
  } catch (cause) {
    const detail = cause instanceof SerializationProblem ? cause.message : String(cause);
    throw new WriteError('SerializationFailed', `cannot serialise the payload: ${detail}`, { exporterId: file.exporter.id, outputPath: file.outputPath, cause });
  }
}

function endpointEntry(exporterId: string, schema: string, files: readonly SerializedFile[], ctx: BuildContext): ManifestEndpoint {
  const own = files.filter((f) => f.file.exporter.id === exporterId && !f.file.aliasOf);
  const dates = own.map((f) => f.file.params.date ?? f.file.params.game_date).filter((d): d is string => typeof d === 'string').sort();
  return { exporter: exporterId, schema, files: own.length, data_as_of: dates.at(-1) ?? ctx.today };
}

/** `<as-of, compact UTC>-<trigger>-<8 hex of the content>`: sortable, and equal for equal builds. */
export function buildIdFor(ctx: BuildContext, entries: readonly ManifestFile[]): string {
  const compact = ctx.asOf.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const digest = sha256Hex(entries.map((e) => `${e.path} ${e.sha256} ${e.cache_control}`).join('\n')).slice(0, 8);
  return `${compact}-${ctx.trigger}-${digest}`;
}

const WRITE_CONCURRENCY = 64;

/** Write the tree atomically: temp directory, then rename. An existing build of the same id is identical and kept. */
export async function writeBuildTree(outDir: string, buildId: string, manifest: BuildManifest, files: readonly SerializedFile[], extra: Record<string, string> = {}): Promise<string> {
  const finalDir = path.join(outDir, buildId);
  const tempDir = path.join(outDir, `.tmp-${buildId}-${process.pid}`);
  if (await exists(path.join(finalDir, MANIFEST_FILE))) return finalDir;
  try {
    await rm(tempDir, { recursive: true, force: true });
    const dirs = new Set(files.map((f) => path.dirname(path.join(tempDir, f.entry.path))));
    for (const dir of [...dirs].sort()) await mkdir(dir, { recursive: true });
    const queue = new PQueue({ concurrency: WRITE_CONCURRENCY });
    await queue.addAll(files.map((f) => () => writeFile(path.join(tempDir, f.entry.path), f.bytes)));
    await writeFile(path.join(tempDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const [name, text] of Object.entries(extra)) await writeFile(path.join(tempDir, name), text);
    await rename(tempDir, finalDir);
    return finalDir;
  } catch (cause) {
    await rm(tempDir, { recursive: true, force: true }).catch(() => {});
    throw new WriteError('WriteFailed', `could not write the build tree to \`${finalDir}\`: ${(cause as Error).message}`, { cause });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

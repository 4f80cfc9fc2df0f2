/**
 * Stage 5, write: deterministic bytes into `out/<buildId>/v1/...` plus `manifest.json`.
 *
 * Files are written as they are validated into a temporary directory inside the output
 * directory; only a build without failures is renamed into place (`abort` removes it), so a
 * reader never sees a half-written or failed build. A payload's generated-at stamp is the build
 * time only when its content changed: when the previous local tree holds the same content (hash
 * with the stamp blanked), the previous stamp is kept, so unchanged data gives unchanged bytes.
 */
import { access, mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JSON_CONTENT_TYPE, cacheControlFor } from '../cache-policy.ts';
import type { BuildContext, RenderContext } from '../define-exporter.ts';
import { WriteError } from '../errors.ts';
import type { BuildManifest, EndpointInputs, ManifestEndpoint, ManifestFile } from '../manifest.ts';
import { MANIFEST_FILE, MANIFEST_VERSION, SCHEMA_FILES_OWNER } from '../manifest.ts';
import { SerializationProblem, serializePayload, serializeStamped, sha256Hex, type StampedSerialization } from '../serialize.ts';
import type { AliasTarget } from './render.ts';
import type { ValidatedFile } from './validate.ts';

export interface PreviousStamp { content_sha256: string; generated_at: string }

/** What the manifest needs of a written file (its bytes are not kept once written). */
export interface WrittenFile { readonly entry: ManifestFile; readonly dataDate: string | undefined }

export interface SerializedFile extends WrittenFile { readonly bytes: Buffer }

export function serializeFile(file: ValidatedFile, ctx: RenderContext, previous: ReadonlyMap<string, PreviousStamp>): SerializedFile {
  const stampField = file.exporter.stampField ?? 'generated_at';
  const payload = file.payload;
  const hasStamp = typeof payload[stampField] === 'string';
  try {
    const before = previous.get(file.outputPath);
    const stampFor = (contentSha: string) => (before && before.content_sha256 === contentSha ? before.generated_at : ctx.generatedAt);
    const { contentSha256: contentSha, bytes } = hasStamp
      ? serializeStamped(payload, stampField, stampFor)
      : unstamped(serializePayload(payload));
    const stamp = stampFor(contentSha);
    return {
      bytes,
      dataDate: file.params.date ?? file.params.game_date,
      entry: {
        path: file.outputPath, sha256: hasStamp ? sha256Hex(bytes) : contentSha, bytes: bytes.length, content_type: JSON_CONTENT_TYPE, cache: file.cache,
        cache_control: cacheControlFor(file.cache), exporter: file.exporter.id, schema: file.exporter.schema, content_sha256: contentSha, generated_at: stamp,
      },
    };
  } catch (cause) {
    const detail = cause instanceof SerializationProblem ? cause.message : String(cause);
    throw new WriteError('SerializationFailed', `cannot serialise the payload: ${detail}`, { exporterId: file.exporter.id, outputPath: file.outputPath, cause });
  }
}

const unstamped = (bytes: Buffer): StampedSerialization => ({ contentSha256: sha256Hex(bytes), bytes });

/** An alias file: the same bytes as its source, under another path and cache preset. */
export function aliasFile(source: SerializedFile, target: AliasTarget): SerializedFile {
  return { ...source, dataDate: undefined, entry: { ...source.entry, path: target.outputPath, cache: target.cache, cache_control: cacheControlFor(target.cache), alias_of: source.entry.path } };
}

/** An endpoint of the build: built (its files are in the list), or carried over with its live files' data date. */
export interface EndpointFact {
  id: string;
  schema: string;
  complete: boolean;
  inputs?: EndpointInputs;
  carried?: { dataAsOf: string | null };
}

export interface BuildFacts {
  queryCount: number;
  endpoints: readonly EndpointFact[];
  warehouse: string;
  codeVersion: string;
  schemaVersion: string;
}

/** The manifest (files sorted by path) and the build id derived from its content. */
export function assembleManifest(files: readonly WrittenFile[], ctx: BuildContext, facts: BuildFacts): BuildManifest {
  const sorted = [...files].sort((a, b) => (a.entry.path < b.entry.path ? -1 : a.entry.path > b.entry.path ? 1 : 0));
  const entries = sorted.map((f) => f.entry);
  return {
    manifest_version: MANIFEST_VERSION,
    build: {
      id: buildIdFor(ctx, entries), trigger: ctx.trigger, as_of: ctx.asOf, today: ctx.today, dates: ctx.dates ? [...ctx.dates] : null,
      query_count: facts.queryCount, endpoint_count: facts.endpoints.length, file_count: entries.length,
      total_bytes: entries.reduce((sum, e) => sum + e.bytes, 0), warehouse: facts.warehouse, sample_data: ctx.sampleData,
      code_version: facts.codeVersion, schema_version: facts.schemaVersion,
    },
    endpoints: [...facts.endpoints, ...schemaOwner(entries)].map((endpoint) => endpointEntry(endpoint, sorted, ctx)),
    files: entries,
  };
}

/** The published schema files' owner, complete (stages/schema-files.ts), when the build wrote them; not counted as an endpoint. */
function schemaOwner(entries: readonly ManifestFile[]): BuildFacts['endpoints'] {
  const schema = entries.find((e) => e.exporter === SCHEMA_FILES_OWNER)?.schema;
  return schema === undefined ? [] : [{ id: SCHEMA_FILES_OWNER, schema, complete: true }];
}

function endpointEntry(endpoint: EndpointFact, files: readonly WrittenFile[], ctx: BuildContext): ManifestEndpoint {
  const inputs = endpoint.inputs ? { inputs: endpoint.inputs } : {};
  if (endpoint.carried) return { exporter: endpoint.id, schema: endpoint.schema, files: 0, data_as_of: endpoint.carried.dataAsOf ?? ctx.today, complete: false, ...inputs, carried: true };
  const own = files.filter((f) => f.entry.exporter === endpoint.id && !f.entry.alias_of);
  const dates = own.map((f) => f.dataDate).filter((d): d is string => d !== undefined).sort();
  return { exporter: endpoint.id, schema: endpoint.schema, files: own.length, data_as_of: dates.at(-1) ?? ctx.today, complete: endpoint.complete, ...inputs };
}

/** `<as-of, compact UTC>-<trigger>-<8 hex of the content>`: sortable, and equal for equal builds. */
export function buildIdFor(ctx: BuildContext, entries: readonly ManifestFile[]): string {
  const compact = ctx.asOf.replace(/[-:]/g, '').replace(/\.\d+/, '');
  const digest = sha256Hex(entries.map((e) => `${e.path} ${e.sha256} ${e.cache_control}`).join('\n')).slice(0, 8);
  return `${compact}-${ctx.trigger}-${digest}`;
}

export interface TreeWriter {
  write(file: SerializedFile): Promise<void>;
  /** Add the manifest and extra files, then move the tree to `out/<buildId>` (kept as is if that build exists). */
  commit(manifest: BuildManifest, extra: Record<string, string>): Promise<string>;
  /** Remove everything written so far. */
  abort(): Promise<void>;
}

export async function createTreeWriter(outDir: string): Promise<TreeWriter> {
  const tempDir = path.join(outDir, `.tmp-build-${process.pid}-${Date.now().toString(36)}`);
  const madeDirs = new Set<string>();
  const fail = (cause: unknown, what: string) => new WriteError('WriteFailed', `could not ${what}: ${(cause as Error).message}`, { cause });
  try {
    await mkdir(tempDir, { recursive: true });
  } catch (cause) {
    throw fail(cause, `create the output directory \`${outDir}\``);
  }
  return {
    async write(file) {
      const target = path.join(tempDir, file.entry.path);
      const dir = path.dirname(target);
      try {
        if (!madeDirs.has(dir)) { await mkdir(dir, { recursive: true }); madeDirs.add(dir); }
        await writeFile(target, file.bytes);
      } catch (cause) {
        throw new WriteError('WriteFailed', `could not write \`${target}\`: ${(cause as Error).message}`, { exporterId: file.entry.exporter, outputPath: file.entry.path, cause });
      }
    },
    async commit(manifest, extra) {
      const finalDir = path.join(outDir, manifest.build.id);
      try {
        const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
        if (await exists(path.join(finalDir, MANIFEST_FILE))) {
          // Same id, same bytes: keep it, but mark it as the newest build of the directory. Its
          // manifest is replaced when only the inputs digests differ (same bytes from changed tables).
          await rm(tempDir, { recursive: true, force: true });
          const file = path.join(finalDir, MANIFEST_FILE);
          if ((await readFile(file, 'utf8')) !== manifestText) {
            await writeFile(`${file}.tmp`, manifestText);
            await rename(`${file}.tmp`, file);
          }
          const now = new Date();
          await utimes(file, now, now);
          return finalDir;
        }
        await writeFile(path.join(tempDir, MANIFEST_FILE), manifestText);
        for (const [name, text] of Object.entries(extra)) await writeFile(path.join(tempDir, name), text);
        await rm(finalDir, { recursive: true, force: true });
        await rename(tempDir, finalDir);
        return finalDir;
      } catch (cause) {
        await rm(tempDir, { recursive: true, force: true }).catch(() => {});
        throw fail(cause, `move the build into \`${finalDir}\``);
      }
    },
    async abort() {
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

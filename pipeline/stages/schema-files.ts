/**
 * The JSON Schemas published with the API. Every `schemas/**.schema.json` goes into the tree at the
 * path its `$id` names (`https://nbaprops.com/v1/schemas/results/daily.schema.json` →
 * `v1/schemas/results/daily.schema.json`), byte for byte as in `schemas/`, so the `$id` a manifest
 * entry or the docs show resolves wherever the tree is served (the preview, the bucket behind the CDN).
 *
 * Every build writes all of them: a trigger's build publishes the contract it validated against, the
 * unchanged bytes upload nothing, and the owner is complete (a removed schema is pruned).
 */
import { cacheControlFor } from '../cache-policy.ts';
import type { RenderContext } from '../define-exporter.ts';
import { SCHEMA_FILES_OWNER } from '../manifest.ts';
import { SCHEMAS_DIR, parseSchemaFile, readSchemaSources, schemaTreePath } from '../schema-registry.ts';
import { sha256Hex } from '../serialize.ts';
import type { PreviousStamp, SerializedFile, TreeWriter } from './write.ts';

/** The media type of a JSON Schema (draft 2020-12 §13); gzip applies to it as to JSON. */
export const SCHEMA_CONTENT_TYPE = 'application/schema+json';

/** The schema files of `dir`, ready for the tree writer and the manifest. */
export async function readSchemaTreeFiles(ctx: Pick<RenderContext, 'generatedAt'>, previous: ReadonlyMap<string, PreviousStamp>, dir = SCHEMAS_DIR): Promise<SerializedFile[]> {
  // One read per file: the bytes published are the bytes parsed for the `$id`.
  return (await readSchemaSources(dir)).map((source) => {
    const { id, schema } = parseSchemaFile(source);
    const { bytes } = source;
    const treePath = schemaTreePath(id);
    const sha256 = sha256Hex(bytes);
    const before = previous.get(treePath);
    return {
      bytes,
      dataDate: undefined,
      entry: {
        path: treePath, sha256, bytes: bytes.length, content_type: SCHEMA_CONTENT_TYPE, cache: 'schema', cache_control: cacheControlFor('schema'),
        exporter: SCHEMA_FILES_OWNER, schema: String(schema.$schema), content_sha256: sha256,
        generated_at: before?.content_sha256 === sha256 ? before.generated_at : ctx.generatedAt,
      },
    };
  });
}

/** Reads the schema files and writes them into the build's tree; on any failure the tree is aborted. */
export async function writeSchemaTreeFiles(writer: TreeWriter, ctx: Pick<RenderContext, 'generatedAt'>, previous: ReadonlyMap<string, PreviousStamp>, dir?: string): Promise<SerializedFile[]> {
  try {
    const files = await readSchemaTreeFiles(ctx, previous, dir);
    for (const file of files) await writer.write(file);
    return files;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

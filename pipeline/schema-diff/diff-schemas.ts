/**
 * `diffSchemaSets`: the released endpoint schemas against the current ones, file by file (matched
 * by path under `schemas/`). Shared files (`_shared/`) are not compared on their own: a change
 * there shows up in every endpoint field that uses it, at that field.
 */
import { createSchemaResolver } from '../docs/schema-resolver.ts';
import { listSchemaFields, type SchemaField } from '../docs/schema-fields.ts';
import { loadSchemaFiles, type SchemaFile } from '../schema-registry.ts';
import { diffFields } from './diff-fields.ts';
import { finding, type SchemaFinding } from './rules.ts';

/** Every finding, ordered by schema file, then field declaration order. */
export function diffSchemaSets(released: readonly SchemaFile[], current: readonly SchemaFile[]): SchemaFinding[] {
  const before = endpointFields(released);
  const after = endpointFields(current);
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  return files.flatMap((file) => {
    const old = before.get(file);
    const now = after.get(file);
    if (old === undefined) return [finding('endpoint-added', { file, location: `${file}#`, field: undefined, detail: 'new endpoint schema' })];
    if (now === undefined) return [finding('endpoint-removed', { file, location: `${file}#`, field: undefined, detail: 'the current schemas have no such file' })];
    return diffFields(file, old, now);
  });
}

/** Loads both directories (each laid out like `schemas/`) and diffs them. */
export async function diffSchemaDirs(releasedDir: string, currentDir: string): Promise<SchemaFinding[]> {
  return diffSchemaSets(await loadSchemaFiles(releasedDir), await loadSchemaFiles(currentDir));
}

function endpointFields(files: readonly SchemaFile[]): Map<string, SchemaField[]> {
  const resolver = createSchemaResolver(files);
  const fields = new Map<string, SchemaField[]>();
  for (const file of files) {
    if (file.file.startsWith('_shared/')) continue;
    fields.set(file.file, listSchemaFields(resolver.root(file.id)!, resolver));
  }
  return fields;
}

/**
 * Schema examples from the sample build: each endpoint schema's `examples` holds one real file of
 * the newest local build, with every array cut to its first two items so the schema stays
 * readable. `props-api generate --examples` writes them; a test checks they are current.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LocalBuild } from './out-dir.ts';
import { SCHEMAS_DIR, loadSchemaFiles } from './schema-registry.ts';

export const EXAMPLE_ARRAY_ITEMS = 2;

/** A copy with every array cut to its first `EXAMPLE_ARRAY_ITEMS` items. */
export function trimExample(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, EXAMPLE_ARRAY_ITEMS).map(trimExample);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimExample(v)]));
  return value;
}

/** Schema `$id` → trimmed example, from the first non-alias file of each schema in a build. */
export async function examplesFromBuild(build: LocalBuild): Promise<Map<string, unknown>> {
  const examples = new Map<string, unknown>();
  for (const file of build.manifest.files) {
    if (file.alias_of || examples.has(file.schema)) continue;
    examples.set(file.schema, trimExample(JSON.parse(await readFile(path.join(build.dir, file.path), 'utf8'))));
  }
  return examples;
}

/** Write each schema's example; schemas without a file in the build keep theirs. Returns changed files. */
export async function writeSchemaExamples(build: LocalBuild, schemasDir = SCHEMAS_DIR): Promise<string[]> {
  const examples = await examplesFromBuild(build);
  const changed: string[] = [];
  for (const file of await loadSchemaFiles(schemasDir)) {
    const example = examples.get(file.id);
    if (example === undefined) continue;
    const text = `${JSON.stringify({ ...file.schema, examples: [example] }, null, 2)}\n`;
    const target = path.join(schemasDir, file.file);
    if ((await readFile(target, 'utf8')) === text) continue;
    await writeFile(target, text);
    changed.push(file.file);
  }
  return changed;
}

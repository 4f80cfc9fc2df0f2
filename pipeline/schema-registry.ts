/**
 * The JSON Schemas of `schemas/`, loaded once, each validated by ajv (draft 2020-12, strict, all
 * errors): precompiled when current, else compiled once on first use. Shared `$defs` under
 * `schemas/_shared/` resolve by `$id`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, loadPrecompiledValidators } from './precompiled-validators.ts';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const SCHEMA_ID_BASE = 'https://nbaprops.com/schemas/';

export interface SchemaFile { file: string; id: string; schema: Record<string, unknown> }

export async function loadSchemaFiles(dir = SCHEMAS_DIR): Promise<SchemaFile[]> {
  const files = (await fg('**/*.schema.json', { cwd: dir })).sort();
  return Promise.all(files.map(async (file) => {
    const schema = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    return { file, id: String(schema.$id), schema };
  }));
}

/** The `$id` a schema file must carry: base + its path under `schemas/`. */
export function expectedSchemaId(file: string): string {
  return `${SCHEMA_ID_BASE}${file}`;
}

export interface SchemaRegistry {
  has(id: string): boolean;
  validator(id: string): ValidateFunction;
  ids(): string[];
}

/**
 * Validators come precompiled from generated/validators/ when the schema is the one they were
 * compiled from (see precompiled-validators.ts); otherwise ajv compiles them here, on first use.
 */
export async function createSchemaRegistry(dir = SCHEMAS_DIR): Promise<SchemaRegistry> {
  const [files, precompiled] = await Promise.all([loadSchemaFiles(dir), loadPrecompiledValidators()]);
  let ajv: ReturnType<typeof createAjv> | undefined;
  const runtimeCompile = (id: string) => {
    if (!ajv) {
      ajv = createAjv();
      for (const { schema } of files) ajv.addSchema(schema);
    }
    return ajv.getSchema(id);
  };
  const compiled = new Map<string, ValidateFunction>();
  return {
    has: (id) => files.some((f) => f.id === id),
    ids: () => files.map((f) => f.id),
    validator(id) {
      let validate = compiled.get(id);
      if (!validate) {
        const file = files.find((f) => f.id === id);
        validate = (file && precompiled.payload(file.schema)) ?? runtimeCompile(id);
        if (!validate) throw new Error(`Internal error: schema \`${id}\` is not loaded`);
        compiled.set(id, validate);
      }
      return validate;
    },
  };
}

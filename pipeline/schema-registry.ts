/**
 * The JSON Schemas of `schemas/`, loaded once and compiled once per schema with ajv
 * (draft 2020-12, strict, all errors). Shared `$defs` under `schemas/_shared/` resolve by `$id`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
export const SCHEMA_ID_BASE = 'https://nbaprops.com/schemas/';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

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

export async function createSchemaRegistry(dir = SCHEMAS_DIR): Promise<SchemaRegistry> {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const files = await loadSchemaFiles(dir);
  for (const { schema } of files) ajv.addSchema(schema);
  const compiled = new Map<string, ValidateFunction>();
  return {
    has: (id) => files.some((f) => f.id === id),
    ids: () => files.map((f) => f.id),
    validator(id) {
      let validate = compiled.get(id);
      if (!validate) {
        validate = ajv.getSchema(id);
        if (!validate) throw new Error(`Internal error: schema \`${id}\` is not loaded`);
        compiled.set(id, validate);
      }
      return validate;
    },
  };
}

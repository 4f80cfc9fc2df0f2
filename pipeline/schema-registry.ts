/**
 * The JSON Schemas of `schemas/`, loaded once, each validated by ajv (draft 2020-12, strict, all
 * errors), compiled once per schema. Shared `$defs` under `schemas/_shared/` resolve by `$id`.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { API_VERSION } from './paths.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/** The one ajv configuration of payloads and rows: draft 2020-12, strict, all errors, formats. */
export function createAjv(): Ajv2020 {
  return addFormats(new Ajv2020({ allErrors: true, strict: true }));
}

export const SCHEMAS_DIR = fileURLToPath(new URL('../schemas/', import.meta.url));
/**
 * Every schema is published with the API at the path its `$id` names, under the version prefix:
 * `https://nbaprops.com/v1/schemas/results/daily.schema.json` is `v1/schemas/results/daily.schema.json`
 * in the tree and the bucket (pipeline/stages/schema-files.ts).
 */
export const SCHEMA_ID_BASE = `https://nbaprops.com/${API_VERSION}/schemas/`;

export interface SchemaFile { file: string; id: string; schema: Record<string, unknown> }

/** A schema file as read: its path under the directory and its bytes (published as they are, schema-files.ts). */
export interface SchemaSource { file: string; bytes: Buffer }

export async function readSchemaSources(dir = SCHEMAS_DIR): Promise<SchemaSource[]> {
  const files = (await fg('**/*.schema.json', { cwd: dir })).sort();
  return Promise.all(files.map(async (file) => ({ file, bytes: await readFile(path.join(dir, file)) })));
}

export function parseSchemaFile({ file, bytes }: SchemaSource): SchemaFile {
  const schema = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  return { file, id: String(schema.$id), schema };
}

export async function loadSchemaFiles(dir = SCHEMAS_DIR): Promise<SchemaFile[]> {
  return (await readSchemaSources(dir)).map(parseSchemaFile);
}

/** The `$id` a schema file must carry: base + its path under `schemas/`. */
export function expectedSchemaId(file: string): string {
  return `${SCHEMA_ID_BASE}${file}`;
}

/** Where the schema with this `$id` is published: the `$id`'s path without its leading slash. */
export function schemaTreePath(id: string): string {
  return new URL(id).pathname.slice(1);
}

export interface SchemaRegistry {
  has(id: string): boolean;
  validator(id: string): ValidateFunction;
  ids(): string[];
}

/** Registries by the content of their schema files: the most recently used are kept. */
const REGISTRY_CACHE_SIZE = 8;
const registries = new Map<string, SchemaRegistry>();

/**
 * Every schema is added to one ajv at start-up and compiled once, when its first payload is
 * validated: a live tick builds two or three endpoints, and compiling all of them would cost it
 * more than its build. Registries are shared by content: a process that builds again with the same
 * schema files (a live loop, a test run) reuses the compiled validators; changed files get a new one.
 */
export async function createSchemaRegistry(dir = SCHEMAS_DIR): Promise<SchemaRegistry> {
  const sources = await readSchemaSources(dir);
  const hash = createHash('sha256');
  for (const { file, bytes } of sources) hash.update(`${file}\0`).update(bytes).update('\0');
  const key = hash.digest('hex');
  const cached = registries.get(key);
  if (cached) {
    registries.delete(key); // re-inserted: the map's order is least recently used first
    registries.set(key, cached);
    return cached;
  }
  const files = sources.map(parseSchemaFile);
  const ajv = createAjv();
  for (const { schema } of files) ajv.addSchema(schema);
  const registry: SchemaRegistry = {
    has: (id) => files.some((f) => f.id === id),
    ids: () => files.map((f) => f.id),
    validator(id) {
      const validate = ajv.getSchema(id);
      if (!validate) throw new Error(`Internal error: schema \`${id}\` is not loaded`);
      return validate;
    },
  };
  registries.set(key, registry);
  if (registries.size > REGISTRY_CACHE_SIZE) registries.delete(registries.keys().next().value!);
  return registry;
}

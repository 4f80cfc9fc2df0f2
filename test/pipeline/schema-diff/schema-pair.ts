/**
 * Small before/after schema sets for the schema-diff tests: one endpoint file `demo/item.schema.json`
 * (plus a shared `_shared/common.schema.json` with a `rate` definition), built in memory.
 */
import type { SchemaFile } from '../../../pipeline/schema-registry.ts';

export const BASE = 'https://nbaprops.com/v1/schemas/';
export const FILE = 'demo/item.schema.json';

export type Json = Record<string, unknown>;

export function endpoint(properties: Json, required: string[], extra: Json = {}, file = FILE): SchemaFile {
  const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `${BASE}${file}`, title: 'Demo', type: 'object', additionalProperties: false, required, properties, ...extra };
  return { file, id: schema.$id, schema };
}

export function common(defs: Json = { rate: { type: ['number', 'null'], description: 'A share.' } }): SchemaFile {
  const schema = { $id: `${BASE}_shared/common.schema.json`, title: 'Common', $defs: defs };
  return { file: '_shared/common.schema.json', id: schema.$id, schema };
}

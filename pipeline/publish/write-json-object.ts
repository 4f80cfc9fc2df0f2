/** Writes a JSON document as an object: gzip where it pays, with the sha256 of the JSON text in metadata. */
import type { GenerationPrecondition, ObjectStore, StoredObject } from '../ports.ts';
import { sha256Hex } from '../serialize.ts';
import { contentEncodingFor, encodeBody } from './object-headers.ts';
import { SHA256_METADATA_KEY } from './release-manifest.ts';

export interface WriteJsonObjectOptions extends GenerationPrecondition {
  cacheControl: string;
}

export function writeJsonObject(store: ObjectStore, name: string, value: unknown, options: WriteJsonObjectOptions): Promise<StoredObject> {
  const json = Buffer.from(`${JSON.stringify(value)}\n`);
  const encoding = contentEncodingFor('application/json', json.length);
  return store.write(name, encodeBody(json, encoding), {
    contentType: 'application/json',
    cacheControl: options.cacheControl,
    ...(encoding ? { contentEncoding: encoding } : {}),
    metadata: { [SHA256_METADATA_KEY]: sha256Hex(json) },
    ...(options.ifGenerationMatch === undefined ? {} : { ifGenerationMatch: options.ifGenerationMatch }),
  });
}

/** Reads and parses a JSON object; `null` when absent. Parse errors propagate to the caller to explain. */
export async function readJsonObject(store: ObjectStore, name: string): Promise<{ value: unknown; generation: string } | null> {
  const found = await store.read(name);
  if (!found) return null;
  return { value: JSON.parse(Buffer.from(found.body).toString('utf8')) as unknown, generation: found.object.generation };
}

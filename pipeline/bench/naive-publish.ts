/**
 * The baseline publisher, the way the old exporters did it: every file of the tree uploaded to its
 * stable path whether it changed or not, uncompressed, then its Content-Type and Cache-Control set
 * by a second metadata request. Only the benchmark uses it, through the real client.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createStorageClient } from '../adapters/gcs-object-store.ts';
import { MANIFEST_FILE, type BuildManifest } from '../manifest.ts';
import { forEachConcurrently } from '../publish/for-each-concurrently.ts';

export interface NaivePublishOptions {
  endpoint: string;
  bucket: string;
  /** Object name prefix, e.g. `naive`. */
  prefix: string;
  treeDir: string;
  /** @default 16 */
  concurrency?: number;
}

/** Uploads every `v1/...` file of the tree and patches its headers; resolves to the bytes sent. */
export async function publishNaively(options: NaivePublishOptions): Promise<number> {
  const bucket = createStorageClient({ endpoint: options.endpoint }).bucket(options.bucket);
  const manifest = JSON.parse(await readFile(path.join(options.treeDir, MANIFEST_FILE), 'utf8')) as BuildManifest;
  let bytes = 0;
  await forEachConcurrently(manifest.files, options.concurrency ?? 16, async (file) => {
    const body = await readFile(path.join(options.treeDir, file.path));
    const object = bucket.file(`${options.prefix}/${file.path}`);
    await object.save(body, { resumable: false, validation: false });
    await object.setMetadata({ contentType: file.content_type, cacheControl: file.cache_control });
    bytes += body.byteLength;
  });
  return bytes;
}

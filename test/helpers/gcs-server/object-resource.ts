/** JSON resources as the GCS JSON API returns them (numbers that are int64 travel as strings). */
import type { ServerBucket, ServerObject } from './gcs-state.ts';

export function objectResource(object: ServerObject, baseUrl: string): Record<string, unknown> {
  const path = `b/${object.bucket}/o/${encodeURIComponent(object.name)}`;
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    selfLink: `${baseUrl}/storage/v1/${path}`,
    mediaLink: `${baseUrl}/download/storage/v1/${path}?generation=${object.generation}&alt=media`,
    name: object.name,
    bucket: object.bucket,
    generation: object.generation,
    metageneration: String(object.metageneration),
    contentType: object.contentType ?? 'application/octet-stream',
    ...(object.cacheControl === undefined ? {} : { cacheControl: object.cacheControl }),
    ...(object.contentEncoding === undefined ? {} : { contentEncoding: object.contentEncoding }),
    ...(object.contentDisposition === undefined ? {} : { contentDisposition: object.contentDisposition }),
    ...(object.contentLanguage === undefined ? {} : { contentLanguage: object.contentLanguage }),
    ...(object.metadata && Object.keys(object.metadata).length > 0 ? { metadata: object.metadata } : {}),
    storageClass: 'STANDARD',
    size: String(object.bytes.length),
    md5Hash: object.md5Hash,
    crc32c: object.crc32c,
    etag: `${object.generation}/${object.metageneration}`,
    timeCreated: object.timeCreated,
    updated: object.updated,
  };
}

export function bucketResource(bucket: ServerBucket): Record<string, unknown> {
  return {
    kind: 'storage#bucket',
    id: bucket.name,
    name: bucket.name,
    metageneration: String(bucket.metageneration),
    location: 'US',
    storageClass: 'STANDARD',
    ...bucket.fields,
  };
}

/**
 * What a release file looks like as an object: its encoding rule and its headers, and whether
 * a stored object already is that file.
 *
 * Gzip "where it pays": compressible types (JSON, text, SVG) of at least 1 KiB. Below that the
 * saving is a few dozen bytes and the gzip header eats much of it. The rule reads only the type
 * and size, so the plan can decide it without reading bytes, and re-running it on the same file
 * always decides the same. Node's gzip writes no timestamp, so the encoded bytes are
 * deterministic too (not that anything relies on it: comparisons use the sha256 of the
 * uncompressed bytes, kept in custom metadata).
 */
import { gzipSync } from 'node:zlib';
import type { ObjectMetadata, StoredObject } from '../ports.ts';
import { SHA256_METADATA_KEY, type ReleaseFile } from './release-manifest.ts';

export const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE_TYPE = /^(application\/(?:[\w.+-]*\+)?json|text\/[\w.+-]+|image\/svg\+xml)\b/i;

export function contentEncodingFor(contentType: string, bytes: number): 'gzip' | undefined {
  return bytes >= GZIP_MIN_BYTES && COMPRESSIBLE_TYPE.test(contentType) ? 'gzip' : undefined;
}

export function encodeBody(bytes: Uint8Array, encoding: 'gzip' | undefined): Uint8Array {
  return encoding === 'gzip' ? gzipSync(bytes, { level: 9 }) : bytes;
}

/** Exactly the header fields of `headers`, with an absent encoding left out (what adapters store). */
export function storedHeaders(headers: ObjectMetadata): ObjectMetadata {
  const { contentType, cacheControl, contentEncoding, metadata } = headers;
  return { contentType, cacheControl, ...(contentEncoding ? { contentEncoding } : {}), metadata: { ...metadata } };
}

/** The headers of `file` on its stable path (or, with `cacheControl`, on its staged copy). */
export function headersOf(file: ReleaseFile, cacheControl = file.cache_control): ObjectMetadata {
  return {
    contentType: file.content_type,
    cacheControl,
    ...(file.content_encoding ? { contentEncoding: file.content_encoding } : {}),
    metadata: { [SHA256_METADATA_KEY]: file.sha256 },
  };
}

/** True when `object` holds `file`'s bytes with `file`'s headers (with `cacheControl` for staged copies). */
export function objectMatches(object: StoredObject | null | undefined, file: ReleaseFile, cacheControl = file.cache_control): boolean {
  if (!object) return false;
  return (
    object.metadata?.[SHA256_METADATA_KEY] === file.sha256 &&
    object.contentType === file.content_type &&
    object.cacheControl === cacheControl &&
    (object.contentEncoding ?? undefined) === file.content_encoding
  );
}

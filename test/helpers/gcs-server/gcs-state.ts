/**
 * In-memory state of the loopback GCS server: buckets, objects with generations and
 * metagenerations, and the precondition rules of the JSON API.
 *
 * Rules followed (from the GCS request-preconditions documentation):
 * - `ifGenerationMatch=0` means "only if no live object"; any other value needs that generation;
 * - `ifGenerationNotMatch`, `ifMetagenerationMatch`, `ifMetagenerationNotMatch` as named;
 * - a failed precondition is 412 for writes and 304 for `NotMatch` reads; a missing object is 404
 *   for reads and deletes before any precondition is looked at.
 */
import { createHash } from 'node:crypto';
import { crc32cBase64 } from './crc32c.ts';

export interface ObjectHeaders {
  contentType?: string;
  cacheControl?: string;
  contentEncoding?: string;
  contentDisposition?: string;
  contentLanguage?: string;
  metadata?: Record<string, string>;
}

export interface ServerObject extends ObjectHeaders {
  bucket: string;
  name: string;
  /** As stored: gzip bytes when `contentEncoding` is `gzip`. */
  bytes: Buffer;
  generation: string;
  metageneration: number;
  md5Hash: string;
  crc32c: string;
  timeCreated: string;
  updated: string;
}

export interface ServerBucket {
  name: string;
  metageneration: number;
  /** Patchable bucket fields: cors, lifecycle, iamConfiguration, website, labels… */
  fields: Record<string, unknown>;
  objects: Map<string, ServerObject>;
  iamPolicy: { version: number; etag: string; bindings: { role: string; members: string[] }[] };
}

export interface Preconditions {
  ifGenerationMatch?: string;
  ifGenerationNotMatch?: string;
  ifMetagenerationMatch?: string;
  ifMetagenerationNotMatch?: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly reason: string;
  constructor(status: number, message: string, reason = 'invalid') {
    super(message);
    this.status = status;
    this.reason = reason;
  }
}

const PRECONDITION_NAMES = ['ifGenerationMatch', 'ifGenerationNotMatch', 'ifMetagenerationMatch', 'ifMetagenerationNotMatch'] as const;

/** Reads the four precondition query parameters (or `ifSource…` ones when `source` is set). */
export function preconditionsFrom(query: URLSearchParams, source = false): Preconditions {
  const out: Preconditions = {};
  for (const name of PRECONDITION_NAMES) {
    const key = source ? `ifSource${name.slice(2)}` : name;
    const value = query.get(key);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Throws 412 (or 304 for reads with `NotMatch`) when `current` fails `p`. */
export function checkPreconditions(current: ServerObject | undefined, p: Preconditions, read = false): void {
  const generation = current?.generation ?? '0';
  const failed =
    (p.ifGenerationMatch !== undefined && p.ifGenerationMatch !== generation) ||
    (p.ifGenerationNotMatch !== undefined && p.ifGenerationNotMatch === generation) ||
    (p.ifMetagenerationMatch !== undefined && (!current || String(current.metageneration) !== p.ifMetagenerationMatch)) ||
    (p.ifMetagenerationNotMatch !== undefined && (!current || String(current.metageneration) === p.ifMetagenerationNotMatch));
  if (!failed) return;
  const notModified = read && (p.ifGenerationNotMatch !== undefined || p.ifMetagenerationNotMatch !== undefined);
  throw notModified ? new HttpError(304, 'Not Modified', 'notModified') : new HttpError(412, 'At least one of the pre-conditions you specified did not hold.', 'conditionNotMet');
}

export class GcsState {
  readonly buckets = new Map<string, ServerBucket>();
  private lastGeneration = BigInt(Date.now()) * 1000n;

  /**
   * An independent copy, for tests that seed a bucket once and start many servers from it.
   * Objects are shared: the state replaces an object on every change, never edits it in place.
   */
  clone(): GcsState {
    const copy = new GcsState();
    copy.lastGeneration = this.lastGeneration;
    for (const [name, bucket] of this.buckets) copy.buckets.set(name, { ...bucket, fields: { ...bucket.fields }, objects: new Map(bucket.objects) });
    return copy;
  }

  createBucket(name: string): ServerBucket {
    const bucket: ServerBucket = { name, metageneration: 1, fields: {}, objects: new Map(), iamPolicy: { version: 1, etag: 'CAE=', bindings: [] } };
    this.buckets.set(name, bucket);
    return bucket;
  }

  bucket(name: string): ServerBucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new HttpError(404, `The specified bucket does not exist: ${name}`, 'notFound');
    return bucket;
  }

  /** The live object, or 404. */
  object(bucketName: string, name: string): ServerObject {
    const found = this.bucket(bucketName).objects.get(name);
    if (!found) throw new HttpError(404, `No such object: ${bucketName}/${name}`, 'notFound');
    return found;
  }

  /** Creates a new generation of `name` after checking `p` against the live one. */
  putObject(bucketName: string, name: string, bytes: Buffer, headers: ObjectHeaders, p: Preconditions): ServerObject {
    const bucket = this.bucket(bucketName);
    const current = bucket.objects.get(name);
    checkPreconditions(current, p);
    const now = new Date().toISOString();
    const object: ServerObject = {
      ...cleanHeaders(headers),
      bucket: bucketName,
      name,
      bytes,
      generation: this.nextGeneration(),
      metageneration: 1,
      md5Hash: createHash('md5').update(bytes).digest('base64'),
      crc32c: crc32cBase64(bytes),
      timeCreated: now,
      updated: now,
    };
    bucket.objects.set(name, object);
    return object;
  }

  deleteObject(bucketName: string, name: string, p: Preconditions): void {
    const current = this.object(bucketName, name);
    checkPreconditions(current, p);
    this.bucket(bucketName).objects.delete(name);
  }

  /** A metadata patch: a new metageneration of the same generation. `null` values remove custom keys. */
  patchObject(bucketName: string, name: string, patch: Record<string, unknown>, p: Preconditions): ServerObject {
    const current = this.object(bucketName, name);
    checkPreconditions(current, p);
    const metadata = { ...current.metadata };
    const patchMetadata = (patch.metadata ?? {}) as Record<string, string | null>;
    for (const [key, value] of Object.entries(patchMetadata)) {
      if (value === null) delete metadata[key];
      else metadata[key] = value;
    }
    const next: ServerObject = {
      ...current,
      ...cleanHeaders(patch as ObjectHeaders),
      metadata,
      metageneration: current.metageneration + 1,
      updated: new Date().toISOString(),
    };
    this.bucket(bucketName).objects.set(name, next);
    return next;
  }

  private nextGeneration(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastGeneration = now > this.lastGeneration ? now : this.lastGeneration + 1n;
    return String(this.lastGeneration);
  }
}

/** Keeps only the header fields, dropping undefined and null ones. */
export function cleanHeaders(input: ObjectHeaders): ObjectHeaders {
  const out: ObjectHeaders = {};
  for (const key of ['contentType', 'cacheControl', 'contentEncoding', 'contentDisposition', 'contentLanguage'] as const) {
    const value = input[key];
    if (typeof value === 'string') out[key] = value;
  }
  if (input.metadata && typeof input.metadata === 'object') {
    out.metadata = Object.fromEntries(Object.entries(input.metadata).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  }
  return out;
}

/**
 * `ObjectStore` on Google Cloud Storage through `@google-cloud/storage`.
 *
 * - Endpoint: production GCS by default; `endpoint` (the `--endpoint` flag) or the client's own
 *   `STORAGE_EMULATOR_HOST` point it at an emulator or the loopback test server, and then the
 *   client sends no credentials.
 * - Retries: the client's own retries are off and every request goes through `withRetry`
 *   (bounded attempts, exponential backoff with full jitter) on 408/429/5xx and dropped
 *   connections. A retried precondition write can come back 412 because its first attempt took
 *   effect; the publish protocol tells that apart by content (it compares sha256 metadata).
 * - Headers: Content-Type, Cache-Control, Content-Encoding and custom metadata go in the upload
 *   or rewrite request itself, never as a second patch. Uploads carry their MD5 so the server
 *   rejects corrupted bytes (client-side validation is off: on a mismatch it would delete the
 *   object without a precondition).
 * - Reads take the generation and headers from the media response itself (`x-goog-*`), so
 *   bytes and generation come from one request and always agree.
 */
import { createHash } from 'node:crypto';
import { Storage, type File, type FileMetadata } from '@google-cloud/storage';
import { PublishError } from '../errors.ts';
import type { ObjectContent, ObjectMetadata, ObjectStore, StoredObject } from '../ports.ts';
import { statusOf, withRetry, type RetryOptions } from '../publish/retry.ts';

export interface GcsObjectStoreOptions {
  bucket: string;
  /** API endpoint such as `http://127.0.0.1:4443` (emulators, tests). @default production GCS */
  endpoint?: string;
  /** Only needed by operations that create buckets; uploads do not need it. @default 'props-api' */
  projectId?: string;
  retry?: Partial<RetryOptions>;
  /** Larger objects use a resumable upload instead of one multipart request. @default 8 MiB */
  resumableThresholdBytes?: number;
  /** Objects per list request (the API maximum is 1000). @default 1000 */
  pageSize?: number;
}

const DEFAULT_RESUMABLE_THRESHOLD_BYTES = 8 * 1024 * 1024;
const MAX_PAGE_SIZE = 1000;

/** A client that never retries by itself and, with a custom endpoint, never authenticates. */
export function createStorageClient(options: { endpoint?: string; projectId?: string }): Storage {
  return new Storage({
    projectId: options.projectId ?? 'props-api',
    ...(options.endpoint ? { apiEndpoint: options.endpoint } : {}),
    retryOptions: { autoRetry: false },
  });
}

export function createGcsObjectStore(options: GcsObjectStoreOptions): ObjectStore {
  const bucket = createStorageClient(options).bucket(options.bucket);
  const threshold = options.resumableThresholdBytes ?? DEFAULT_RESUMABLE_THRESHOLD_BYTES;
  const maxResults = options.pageSize ?? MAX_PAGE_SIZE;
  let requests = 0;
  const attempt = <T>(label: string, fn: () => Promise<T>): Promise<T> =>
    withRetry(label, () => {
      requests += 1;
      return fn();
    }, options.retry);

  return {
    description: `gs://${options.bucket}`,
    requestCount: () => requests,
    stat: (name) =>
      attempt(`stat ${name}`, async () => {
        const [metadata] = await bucket.file(name).getMetadata().catch(nullOn404);
        return metadata ? toStoredObject(metadata) : null;
      }),
    read: (name) => attempt(`read ${name}`, () => download(bucket.file(name))),
    async list(prefix) {
      const out: StoredObject[] = [];
      let pageToken: string | undefined;
      do {
        const [files, next] = await attempt(`list ${prefix}`, () => bucket.getFiles({ prefix, autoPaginate: false, maxResults, ...(pageToken ? { pageToken } : {}) }));
        out.push(...files.map((file) => toStoredObject(file.metadata)));
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
      return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async listPrefixes(prefix) {
      const out: string[] = [];
      let pageToken: string | undefined;
      do {
        const [, next, response] = await attempt(`list ${prefix}`, () => bucket.getFiles({ prefix, delimiter: '/', autoPaginate: false, maxResults, ...(pageToken ? { pageToken } : {}) }));
        out.push(...(((response as { prefixes?: string[] } | undefined)?.prefixes) ?? []));
        pageToken = (next as { pageToken?: string } | null)?.pageToken;
      } while (pageToken);
      return out.sort();
    },
    write: (name, body, writeOptions) =>
      attempt(`write ${name}`, async () => {
        const file = bucket.file(name);
        await file.save(Buffer.from(body), {
          resumable: body.byteLength > threshold,
          validation: false,
          metadata: { ...uploadHeaders(writeOptions), md5Hash: createHash('md5').update(body).digest('base64') },
          ...precondition(writeOptions.ifGenerationMatch),
        }).catch(mapFailure(name));
        return toStoredObject(file.metadata);
      }),
    copy: (source, destination, copyOptions) =>
      attempt(`copy ${source} → ${destination}`, async () => {
        const [, response] = await bucket.file(source).copy(bucket.file(destination), {
          ...uploadHeaders(copyOptions),
          ...precondition(copyOptions.ifGenerationMatch),
        }).catch(mapFailure(destination, source));
        return toStoredObject((response as { resource: FileMetadata }).resource);
      }),
    delete: (name, deleteOptions = {}) =>
      attempt(`delete ${name}`, async () => {
        const query = deleteOptions.ifGenerationMatch === undefined ? {} : { ifGenerationMatch: deleteOptions.ifGenerationMatch };
        try {
          await bucket.file(name).delete(query);
          return true;
        } catch (error) {
          if (statusOf(error) === 404) return false;
          return mapFailure(name)(error);
        }
      }),
  };
}

/** One GET `alt=media`: bytes (gunzipped by the client when gzip-stored) plus the `x-goog-*` headers. */
async function download(file: File): Promise<ObjectContent | null> {
  let headers: Record<string, string> = {};
  const stream = file.createReadStream({ decompress: true });
  stream.on('response', (response: { headers?: Record<string, string> }) => {
    headers = response.headers ?? {};
  });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
  const metadata = Object.fromEntries(Object.entries(headers).filter(([key]) => key.startsWith('x-goog-meta-')).map(([key, value]) => [key.slice('x-goog-meta-'.length), value]));
  const encoding = headers['x-goog-stored-content-encoding'];
  const object: StoredObject = {
    name: file.name,
    size: Number(headers['x-goog-stored-content-length'] ?? 0),
    generation: String(headers['x-goog-generation'] ?? ''),
    contentType: headers['content-type'] ?? 'application/octet-stream',
    cacheControl: headers['cache-control'] ?? '',
    ...(encoding && encoding !== 'identity' ? { contentEncoding: encoding } : {}),
    metadata,
  };
  if (!object.generation) throw new PublishError('StoreRequestFailed', `The download of ${file.name} carried no x-goog-generation header`);
  return { object, body: Buffer.concat(chunks) };
}

function uploadHeaders(headers: ObjectMetadata) {
  return {
    contentType: headers.contentType,
    cacheControl: headers.cacheControl,
    ...(headers.contentEncoding ? { contentEncoding: headers.contentEncoding } : {}),
    metadata: { ...headers.metadata },
  };
}

function precondition(ifGenerationMatch: string | undefined) {
  return ifGenerationMatch === undefined ? {} : { preconditionOpts: { ifGenerationMatch } };
}

export function toStoredObject(metadata: FileMetadata): StoredObject {
  return {
    name: String(metadata.name),
    size: Number(metadata.size ?? 0),
    generation: String(metadata.generation),
    contentType: metadata.contentType ?? 'application/octet-stream',
    cacheControl: metadata.cacheControl ?? '',
    ...(metadata.contentEncoding ? { contentEncoding: metadata.contentEncoding } : {}),
    metadata: Object.fromEntries(Object.entries(metadata.metadata ?? {}).map(([key, value]) => [key, String(value)])),
  };
}

function nullOn404(error: unknown): [null] {
  if (statusOf(error) === 404) return [null];
  throw error;
}

/** 412 → `StorePreconditionFailed`; a missing copy source → `StoreObjectNotFound`; others unchanged (retry decides). */
function mapFailure(name: string, source?: string) {
  return (error: unknown): never => {
    const status = statusOf(error);
    if (status === 412) throw new PublishError('StorePreconditionFailed', `${name} changed since it was read (generation precondition failed)`, { outputPath: name, cause: error });
    if (status === 404 && source !== undefined) throw new PublishError('StoreObjectNotFound', `Cannot copy ${source}: it does not exist`, { outputPath: source, cause: error });
    throw error;
  };
}

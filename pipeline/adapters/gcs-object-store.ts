/**
 * `ObjectStore` on Google Cloud Storage through `@google-cloud/storage`.
 *
 * - Endpoint: production GCS by default; `endpoint` (the `--endpoint` flag) or the client's own
 *   `STORAGE_EMULATOR_HOST` point it at an emulator or the loopback test server, and then the
 *   client sends no credentials.
 * - Retries: the client's own retries are off and every request goes through `withRetry`
 *   (bounded attempts, exponential backoff with full jitter) on 408/429/5xx and connections that
 *   broke or never formed. A retried precondition write can come back 412 because its first
 *   attempt took effect; the publish protocol tells that apart by content (it compares sha256
 *   metadata). Every failure leaves the adapter coded (`gcs-failures.ts`).
 * - Headers go in the upload or rewrite request itself, never as a second patch. Uploads carry
 *   their MD5 so the server rejects corrupted bytes (client-side validation is off: on a
 *   mismatch it deletes the object without a precondition).
 * - Reads take the generation and headers from the media response itself (`x-goog-*`), so
 *   bytes and generation come from one request and always agree.
 */
import { createHash } from 'node:crypto';
import { Storage, type Bucket, type File, type FileMetadata, type GetFilesResponse } from '@google-cloud/storage';
import { PublishError } from '../errors.ts';
import type { CopyObjectOptions, GenerationPrecondition, ObjectContent, ObjectStore, StoredObject, WriteObjectOptions } from '../ports.ts';
import { storedHeaders } from '../publish/object-headers.ts';
import { statusOf, withRetry, type RetryOptions } from '../publish/retry.ts';
import { codedStoreFailure, mapFailure, nullOn404, type StoreOperation } from './gcs-failures.ts';

export interface GcsObjectStoreOptions {
  bucket: string;
  /** API endpoint such as `http://127.0.0.1:4443` (emulators, tests). @default production GCS */
  endpoint?: string;
  /** Only operations that create buckets need it. @default 'props-api' */
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
  return new GcsObjectStore(options);
}

class GcsObjectStore implements ObjectStore {
  readonly description: string;
  private readonly bucket: Bucket;
  /** The API endpoint requests go to (named in errors). */
  private readonly endpoint: string;
  private readonly options: GcsObjectStoreOptions;
  private requests = 0;

  constructor(options: GcsObjectStoreOptions) {
    this.options = options;
    this.description = `gs://${options.bucket}`;
    const client = createStorageClient(options);
    this.endpoint = client.apiEndpoint;
    this.bucket = client.bucket(options.bucket);
  }

  requestCount(): number {
    return this.requests;
  }

  stat(name: string): Promise<StoredObject | null> {
    return this.attempt('stat', name, async () => {
      const [metadata] = await this.bucket.file(name).getMetadata().catch(nullOn404);
      return metadata ? toStoredObject(metadata) : null;
    });
  }

  read(name: string): Promise<ObjectContent | null> {
    return this.attempt('read', name, () => download(this.bucket.file(name)));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const pages = await this.pages(prefix, false);
    const objects = pages.flatMap(([files]) => files.map((file) => toStoredObject(file.metadata)));
    return objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async listPrefixes(prefix: string): Promise<string[]> {
    const pages = await this.pages(prefix, true);
    return pages.flatMap(([, , response]) => (response as { prefixes?: string[] } | undefined)?.prefixes ?? []).sort();
  }

  write(name: string, body: Uint8Array, options: WriteObjectOptions): Promise<StoredObject> {
    const resumable = body.byteLength > (this.options.resumableThresholdBytes ?? DEFAULT_RESUMABLE_THRESHOLD_BYTES);
    const md5Hash = createHash('md5').update(body).digest('base64');
    return this.attempt('write', name, async () => {
      const file = this.bucket.file(name);
      await file.save(Buffer.from(body), { resumable, validation: false, metadata: { ...storedHeaders(options), md5Hash }, ...precondition(options.ifGenerationMatch) }).catch(mapFailure(name));
      return toStoredObject(file.metadata);
    });
  }

  copy(source: string, destination: string, options: CopyObjectOptions): Promise<StoredObject> {
    return this.attempt('copy', `${source} → ${destination}`, async () => {
      const copyOptions = { ...storedHeaders(options), ...precondition(options.ifGenerationMatch) };
      const [, response] = await this.bucket.file(source).copy(this.bucket.file(destination), copyOptions).catch(mapFailure(destination, source));
      return toStoredObject((response as { resource: FileMetadata }).resource);
    });
  }

  delete(name: string, options: GenerationPrecondition = {}): Promise<boolean> {
    const query = options.ifGenerationMatch === undefined ? {} : { ifGenerationMatch: options.ifGenerationMatch };
    return this.attempt('delete', name, async () => {
      try {
        await this.bucket.file(name).delete(query);
        return true;
      } catch (error) {
        if (statusOf(error) === 404) return false;
        return mapFailure(name)(error);
      }
    });
  }

  /** Every page of a listing, one retried request each. */
  private async pages(prefix: string, delimited: boolean): Promise<GetFilesResponse[]> {
    const pages: GetFilesResponse[] = [];
    let pageToken: string | undefined;
    do {
      const query = { prefix, autoPaginate: false, maxResults: this.options.pageSize ?? MAX_PAGE_SIZE, ...(delimited ? { delimiter: '/' } : {}), ...(pageToken ? { pageToken } : {}) };
      const page = await this.attempt('list', prefix, () => this.bucket.getFiles(query));
      pages.push(page);
      pageToken = (page[1] as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
    return pages;
  }

  /** One request with bounded retries; whatever fails in the end is a coded error naming the operation. */
  private attempt<T>(operation: StoreOperation, subject: string, fn: () => Promise<T>): Promise<T> {
    const label = `${operation} ${subject}`;
    const tries = withRetry(label, () => {
      this.requests += 1;
      return fn();
    }, this.options.retry);
    return tries.catch((error: unknown) => {
      throw codedStoreFailure(error, { operation, label, endpoint: this.endpoint });
    });
  }
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

function precondition(ifGenerationMatch: string | undefined) {
  return ifGenerationMatch === undefined ? {} : { preconditionOpts: { ifGenerationMatch } };
}

function toStoredObject(metadata: FileMetadata): StoredObject {
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

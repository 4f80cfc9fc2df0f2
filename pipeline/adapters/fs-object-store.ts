/**
 * `ObjectStore` on a local directory, for preview and tests. Preconditions behave as on GCS.
 *
 * Layout under `root`:
 * - `objects/<encoded name>.json`: the sidecar (headers, generation, which blob holds the bytes);
 *   renaming a finished sidecar into place is the single atomic commit point of every write;
 * - `blobs/<generation>-<random>`: stored bytes, written before the sidecar that names them, so a
 *   reader never sees a sidecar without its bytes; a blob left by a killed writer is only garbage;
 * - `.lock`: a cross-process mutex (`file-lock.ts`) taken for every mutation, so a
 *   compare-and-swap is read-check-write without interleaving.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ExportError, PublishError } from '../errors.ts';
import { withLock } from '../publish/file-lock.ts';
import { storedHeaders } from '../publish/object-headers.ts';
import type { CopyObjectOptions, GenerationPrecondition, ObjectContent, ObjectMetadata, ObjectStore, StoredObject, WriteObjectOptions } from '../ports.ts';

export interface FsObjectStoreOptions {
  root: string;
  /** Give up waiting for the lock after this long. @default 30000 */
  lockTimeoutMs?: number;
}

interface Sidecar extends StoredObject { blob: string }

export function createFsObjectStore(options: FsObjectStoreOptions): ObjectStore {
  return new FsObjectStore(options.root, options.lockTimeoutMs ?? 30_000);
}

class FsObjectStore implements ObjectStore {
  readonly description: string;
  private requests = 0;
  private readonly objectsDir: string;
  private readonly blobsDir: string;
  private readonly root: string;
  private readonly lockTimeoutMs: number;

  constructor(root: string, lockTimeoutMs: number) {
    this.root = root;
    this.lockTimeoutMs = lockTimeoutMs;
    this.description = `file://${path.resolve(root)}`;
    this.objectsDir = path.join(root, 'objects');
    this.blobsDir = path.join(root, 'blobs');
  }

  requestCount(): number {
    return this.requests;
  }

  async stat(name: string): Promise<StoredObject | null> {
    this.requests += 1;
    const sidecar = await this.readSidecar(name);
    return sidecar ? publicView(sidecar) : null;
  }

  async read(name: string): Promise<ObjectContent | null> {
    this.requests += 1;
    const found = await this.readStored(name);
    if (!found) return null;
    const body = found.sidecar.contentEncoding === 'gzip' ? gunzipSync(found.stored) : found.stored;
    return { object: publicView(found.sidecar), body };
  }

  async list(prefix: string): Promise<StoredObject[]> {
    this.requests += 1;
    const names = (await this.names()).filter((name) => name.startsWith(prefix)).sort();
    const found = await Promise.all(names.map((name) => this.readSidecar(name)));
    return found.filter((s): s is Sidecar => s !== null).map(publicView);
  }

  async listPrefixes(prefix: string): Promise<string[]> {
    this.requests += 1;
    const below = (await this.names()).filter((name) => name.startsWith(prefix) && name.indexOf('/', prefix.length) > 0);
    return [...new Set(below.map((name) => name.slice(0, name.indexOf('/', prefix.length) + 1)))].sort();
  }

  async write(name: string, body: Uint8Array, options: WriteObjectOptions): Promise<StoredObject> {
    this.requests += 1;
    return this.put(name, body, options, options);
  }

  async copy(source: string, destination: string, options: CopyObjectOptions): Promise<StoredObject> {
    this.requests += 1;
    const found = await this.readStored(source);
    if (!found) throw new PublishError('StoreObjectNotFound', `Cannot copy ${source}: it does not exist`, { outputPath: source });
    return this.put(destination, found.stored, options, options);
  }

  async delete(name: string, precondition: GenerationPrecondition = {}): Promise<boolean> {
    this.requests += 1;
    const deleted = withLock(path.join(this.root, '.lock'), this.lockTimeoutMs, async () => {
      const current = await this.readSidecar(name);
      if (!current) return false;
      checkPrecondition(name, current, precondition);
      await unlink(this.sidecarPath(name));
      await unlink(path.join(this.blobsDir, current.blob)).catch(() => undefined);
      return true;
    });
    return deleted.catch(codedAs(`delete ${name}`));
  }

  /** Under the lock: check the precondition, write the blob, then swap the sidecar in. */
  private put(name: string, bytes: Uint8Array, headers: ObjectMetadata, precondition: GenerationPrecondition): Promise<StoredObject> {
    const written = withLock(path.join(this.root, '.lock'), this.lockTimeoutMs, async () => {
      const current = await this.readSidecar(name);
      checkPrecondition(name, current, precondition);
      const generation = nextGeneration(current?.generation);
      const blob = `${generation}-${randomBytes(4).toString('hex')}`;
      await mkdir(this.blobsDir, { recursive: true });
      await mkdir(this.objectsDir, { recursive: true });
      await writeFile(path.join(this.blobsDir, blob), bytes);
      const sidecar: Sidecar = { ...storedHeaders(headers), name, size: bytes.byteLength, generation, blob };
      const temp = path.join(this.objectsDir, `.tmp-${blob}`);
      await writeFile(temp, JSON.stringify(sidecar));
      await rename(temp, this.sidecarPath(name));
      if (current) await unlink(path.join(this.blobsDir, current.blob)).catch(() => undefined);
      return publicView(sidecar);
    });
    return written.catch(codedAs(`write ${name}`));
  }

  /** A writer may swap the sidecar and delete the old blob between our two reads: then read again. */
  private async readStored(name: string): Promise<{ sidecar: Sidecar; stored: Buffer } | null> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const sidecar = await this.readSidecar(name);
      if (!sidecar) return null;
      try {
        return { sidecar, stored: await readFile(path.join(this.blobsDir, sidecar.blob)) };
      } catch (error) {
        if (!isMissing(error)) throw storeFailure(`read ${name}`, error);
      }
    }
    throw storeFailure(`read ${name}`, new Error('the object kept changing while being read'));
  }

  private async readSidecar(name: string): Promise<Sidecar | null> {
    try {
      return JSON.parse(await readFile(this.sidecarPath(name), 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error)) return null;
      throw storeFailure(`read the sidecar of ${name}`, error);
    }
  }

  private sidecarPath(name: string): string {
    return path.join(this.objectsDir, `${encodeURIComponent(name)}.json`);
  }

  private async names(): Promise<string[]> {
    const entries = await readdir(this.objectsDir).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw storeFailure('list objects', error);
    });
    return entries.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.tmp-')).map((entry) => decodeURIComponent(entry.slice(0, -5)));
  }
}

function checkPrecondition(name: string, current: StoredObject | null, precondition: GenerationPrecondition): void {
  const expected = precondition.ifGenerationMatch;
  if (expected === undefined || expected === (current?.generation ?? '0')) return;
  throw new PublishError('StorePreconditionFailed', `${name} is at generation ${current?.generation ?? '0 (absent)'}, not ${expected}`, { outputPath: name });
}

/** Microsecond-clock generations like GCS's, strictly different from the one they replace. */
function nextGeneration(previous: string | undefined): string {
  let generation = String(BigInt(Date.now()) * 1000n + BigInt(randomInt(1000)));
  while (generation === previous) generation = String(BigInt(generation) + 1n);
  return generation;
}

function publicView({ blob: _blob, ...object }: Sidecar): StoredObject {
  return object;
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

function storeFailure(what: string, cause: unknown): PublishError {
  return new PublishError('StoreRequestFailed', `Could not ${what} in the local object store`, { cause, hint: 'Check that the `file://` directory exists, is writable by this user and has free space.' });
}

/** Coded errors (preconditions, the lock) pass through; file-system failures become `StoreRequestFailed`. */
function codedAs(what: string) {
  return (error: unknown): never => {
    throw error instanceof ExportError ? error : storeFailure(what, error);
  };
}

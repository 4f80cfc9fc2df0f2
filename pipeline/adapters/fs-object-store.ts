/**
 * `ObjectStore` on a local directory, for preview and tests. Preconditions behave as on GCS.
 *
 * Layout under `root`:
 * - `objects/<encoded name>.json`: the sidecar (headers, generation, which blob holds the bytes);
 *   renaming a finished sidecar into place is the single atomic commit point of every write;
 * - `blobs/<generation>-<random>`: stored bytes, written before the sidecar that names them, so a
 *   reader never sees a sidecar without its bytes; a blob left by a killed writer is only garbage;
 * - `.lock`: a cross-process mutex (holder's pid inside) taken for every mutation, so a
 *   compare-and-swap is read-check-write without interleaving. A lock whose holder died (SIGKILL)
 *   is broken by the next writer.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PublishError } from '../errors.ts';
import type { CopyObjectOptions, GenerationPrecondition, ObjectContent, ObjectMetadata, ObjectStore, StoredObject, WriteObjectOptions } from '../ports.ts';

export interface FsObjectStoreOptions {
  root: string;
  /** Give up waiting for the lock after this long. @default 30000 */
  lockTimeoutMs?: number;
}

interface Sidecar extends StoredObject { blob: string }

const LOCK_POLL_MS = 2;
const EMPTY_LOCK_STALE_MS = 1000;

export function createFsObjectStore(options: FsObjectStoreOptions): ObjectStore {
  const { root } = options;
  const objectsDir = path.join(root, 'objects');
  const blobsDir = path.join(root, 'blobs');
  let requests = 0;
  const sidecarPath = (name: string): string => path.join(objectsDir, `${encodeURIComponent(name)}.json`);
  const readSidecar = async (name: string): Promise<Sidecar | null> => {
    try {
      return JSON.parse(await readFile(sidecarPath(name), 'utf8')) as Sidecar;
    } catch (error) {
      if (isMissing(error)) return null;
      throw storeFailure(`read the sidecar of ${name}`, error);
    }
  };
  const locked = <T>(fn: () => Promise<T>): Promise<T> => withLock(path.join(root, '.lock'), options.lockTimeoutMs ?? 30_000, fn);

  /** Under the lock: check the precondition, write the blob, then swap the sidecar in. */
  const put = (name: string, bytes: Uint8Array, headers: ObjectMetadata, precondition: GenerationPrecondition) =>
    locked(async () => {
      const current = await readSidecar(name);
      checkPrecondition(name, current, precondition);
      const generation = nextGeneration(current?.generation);
      const blob = `${generation}-${randomBytes(4).toString('hex')}`;
      await mkdir(blobsDir, { recursive: true });
      await mkdir(objectsDir, { recursive: true });
      await writeFile(path.join(blobsDir, blob), bytes);
      const sidecar: Sidecar = { ...copyHeaders(headers), name, size: bytes.byteLength, generation, blob };
      const temp = path.join(objectsDir, `.tmp-${blob}`);
      await writeFile(temp, JSON.stringify(sidecar));
      await rename(temp, sidecarPath(name));
      if (current) await unlink(path.join(blobsDir, current.blob)).catch(() => undefined);
      return publicView(sidecar);
    });

  const readStored = async (name: string): Promise<{ sidecar: Sidecar; stored: Buffer } | null> => {
    // A writer may swap the sidecar and delete the old blob between our two reads: read again.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const sidecar = await readSidecar(name);
      if (!sidecar) return null;
      try {
        return { sidecar, stored: await readFile(path.join(blobsDir, sidecar.blob)) };
      } catch (error) {
        if (!isMissing(error)) throw storeFailure(`read ${name}`, error);
      }
    }
    throw storeFailure(`read ${name}`, new Error('the object kept changing while being read'));
  };

  return {
    description: `file://${path.resolve(root)}`,
    requestCount: () => requests,
    async stat(name) {
      requests += 1;
      const sidecar = await readSidecar(name);
      return sidecar ? publicView(sidecar) : null;
    },
    async read(name): Promise<ObjectContent | null> {
      requests += 1;
      const found = await readStored(name);
      if (!found) return null;
      const body = found.sidecar.contentEncoding === 'gzip' ? gunzipSync(found.stored) : found.stored;
      return { object: publicView(found.sidecar), body };
    },
    async list(prefix) {
      requests += 1;
      const names = (await listNames(objectsDir)).filter((name) => name.startsWith(prefix)).sort();
      const found = await Promise.all(names.map(readSidecar));
      return found.filter((s): s is Sidecar => s !== null).map(publicView);
    },
    async listPrefixes(prefix) {
      requests += 1;
      const below = (await listNames(objectsDir)).filter((name) => name.startsWith(prefix) && name.indexOf('/', prefix.length) > 0);
      return [...new Set(below.map((name) => name.slice(0, name.indexOf('/', prefix.length) + 1)))].sort();
    },
    async write(name, body, writeOptions: WriteObjectOptions) {
      requests += 1;
      return put(name, body, writeOptions, writeOptions);
    },
    async copy(source, destination, copyOptions: CopyObjectOptions) {
      requests += 1;
      const found = await readStored(source);
      if (!found) throw new PublishError('StoreObjectNotFound', `Cannot copy ${source}: it does not exist`, { outputPath: source });
      return put(destination, found.stored, copyOptions, copyOptions);
    },
    async delete(name, precondition = {}) {
      requests += 1;
      return locked(async () => {
        const current = await readSidecar(name);
        if (!current) return false;
        checkPrecondition(name, current, precondition);
        await unlink(sidecarPath(name));
        await unlink(path.join(blobsDir, current.blob)).catch(() => undefined);
        return true;
      });
    },
  };
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

function copyHeaders(headers: ObjectMetadata): ObjectMetadata {
  return {
    contentType: headers.contentType,
    cacheControl: headers.cacheControl,
    ...(headers.contentEncoding ? { contentEncoding: headers.contentEncoding } : {}),
    metadata: { ...headers.metadata },
  };
}

function publicView(sidecar: Sidecar): StoredObject {
  const { blob: _blob, ...object } = sidecar;
  return object;
}

async function listNames(objectsDir: string): Promise<string[]> {
  try {
    const entries = await readdir(objectsDir);
    return entries.filter((entry) => entry.endsWith('.json') && !entry.startsWith('.tmp-')).map((entry) => decodeURIComponent(entry.slice(0, -5)));
  } catch (error) {
    if (isMissing(error)) return [];
    throw storeFailure('list objects', error);
  }
}

async function withLock<T>(lockPath: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeFailure('take the store lock', error);
      await breakIfStale(lockPath);
      if (Date.now() > deadline) throw storeFailure('take the store lock', new Error(`${lockPath} is held by another process`));
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/**
 * A lock whose holder no longer runs (killed mid-write) is removed; so is an empty one older than
 * a second (its holder died between creating it and writing its pid).
 */
async function breakIfStale(lockPath: string): Promise<void> {
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return;
  const pid = Number(await readFile(lockPath, 'utf8').catch(() => ''));
  const stale = pid > 0 ? !isAlive(pid) : Date.now() - info.mtimeMs > EMPTY_LOCK_STALE_MS;
  if (stale) await unlink(lockPath).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

function storeFailure(what: string, cause: unknown): PublishError {
  return new PublishError('StoreRequestFailed', `Could not ${what} in the local object store`, { cause });
}

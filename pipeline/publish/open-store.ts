/**
 * `--bucket` → an `ObjectStore`. `gs://NAME[/PREFIX]` opens GCS (optionally at `--endpoint`);
 * `file://DIR` opens the local-directory store (preview, tests, dry runs against a copy). A
 * prefix scopes every object name, so several sites or stages can share a bucket. The GCS client
 * is imported at a `gs://` store's first request: a command that opens none (a local build, a
 * publish to `file://`) never loads its hundreds of modules, about half a second of start-up.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFsObjectStore } from '../adapters/fs-object-store.ts';
import { invalidOption } from '../errors.ts';
import type { ObjectStore, StoredObject } from '../ports.ts';
import type { RetryOptions } from './retry.ts';

export type BucketLocation = { kind: 'gcs'; bucket: string; prefix: string } | { kind: 'fs'; root: string };

/** GCS bucket naming rules (lower case, digits, `-_.`, 3–222 characters). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

export function parseBucketUrl(url: string): BucketLocation {
  const gs = /^gs:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (gs) {
    const [, bucket = '', rawPrefix = ''] = gs;
    if (!BUCKET_NAME.test(bucket)) throw invalidOption('--bucket', 'gs://NAME[/PREFIX] with a valid bucket name', url);
    const prefix = rawPrefix.replace(/\/+$/, '');
    if (prefix !== '' && prefix.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw invalidOption('--bucket', 'a prefix of plain path segments', url);
    }
    return { kind: 'gcs', bucket, prefix };
  }
  if (url.startsWith('file:')) return { kind: 'fs', root: url.startsWith('file://') ? fileURLToPath(url) : path.resolve(url.slice('file:'.length)) };
  throw invalidOption('--bucket', 'gs://NAME[/PREFIX] or file://DIR', url);
}

export interface OpenStoreOptions {
  /** GCS API endpoint (`--endpoint`), e.g. an emulator. */
  endpoint?: string;
  retry?: Partial<RetryOptions>;
}

export function openObjectStore(url: string, options: OpenStoreOptions = {}): ObjectStore {
  const location = parseBucketUrl(url);
  if (location.kind === 'fs') return createFsObjectStore({ root: location.root });
  const store = lazyGcsStore(location.bucket, options);
  return location.prefix ? withPrefix(store, location.prefix) : store;
}

/** The GCS store of `bucket`, its client module imported at the first request. */
function lazyGcsStore(bucket: string, options: OpenStoreOptions): ObjectStore {
  let opened: ObjectStore | undefined;
  let opening: Promise<ObjectStore> | undefined;
  const store = () => (opening ??= import('../adapters/gcs-object-store.ts').then(({ createGcsObjectStore }) => (opened = createGcsObjectStore({ bucket, ...options }))));
  return {
    description: `gs://${bucket}`,
    requestCount: () => opened?.requestCount() ?? 0,
    stat: async (name) => (await store()).stat(name),
    read: async (name) => (await store()).read(name),
    list: async (prefix) => (await store()).list(prefix),
    listPrefixes: async (prefix) => (await store()).listPrefixes(prefix),
    write: async (name, body, writeOptions) => (await store()).write(name, body, writeOptions),
    copy: async (source, destination, copyOptions) => (await store()).copy(source, destination, copyOptions),
    delete: async (name, precondition) => (await store()).delete(name, precondition),
  };
}

/** The same store seen from `prefix/`: names in and out are relative to it. */
export function withPrefix(store: ObjectStore, prefix: string): ObjectStore {
  const root = `${prefix.replace(/\/+$/, '')}/`;
  const strip = (object: StoredObject): StoredObject => ({ ...object, name: object.name.slice(root.length) });
  return {
    description: `${store.description}/${root.slice(0, -1)}`,
    requestCount: () => store.requestCount(),
    stat: async (name) => {
      const object = await store.stat(root + name);
      return object ? strip(object) : null;
    },
    read: async (name) => {
      const found = await store.read(root + name);
      return found ? { ...found, object: strip(found.object) } : null;
    },
    list: async (prefixBelow) => (await store.list(root + prefixBelow)).map(strip),
    listPrefixes: async (prefixBelow) => (await store.listPrefixes(root + prefixBelow)).map((p) => p.slice(root.length)),
    write: async (name, body, options) => strip(await store.write(root + name, body, options)),
    copy: async (source, destination, options) => strip(await store.copy(root + source, root + destination, options)),
    delete: (name, options) => store.delete(root + name, options),
  };
}

/**
 * Publish costs against a loopback GCS server, counted by the server itself: requests and uploads
 * (object inserts) per publish, and the bytes sent in upload bodies. Our publisher (`publishBuild`
 * through the real `@google-cloud/storage` client) for a first publish, a no-op republish of the
 * same tree and a one-hour trends change; the naive baseline (`publishNaively`) for the first and
 * no-op cases on the same tree, under its own prefix of the same bucket.
 */
import { createGcsObjectStore } from '../adapters/gcs-object-store.ts';
import type { Clock, ObjectStore } from '../ports.ts';
import { withPrefix } from '../publish/open-store.ts';
import { publishBuild } from '../publish/publish-build.ts';
import { publishNaively } from './naive-publish.ts';

/** A GCS-compatible loopback server that counts the requests it answers (test/helpers/gcs-server). */
export interface CountingGcsServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly counts: { readonly total: number; readonly byOperation: Readonly<Record<string, number>> };
  createBucket(name: string): void;
}

export interface PublishCounts {
  requests: number;
  /** Object uploads (simple, multipart or resumable starts). */
  uploads: number;
  /** Bytes of upload bodies, after gzip where the publisher compresses. */
  bytes: number;
}

export interface PublishBench {
  first: PublishCounts;
  noop: PublishCounts;
  hourly: PublishCounts;
  naive_first: PublishCounts;
  naive_noop: PublishCounts;
}

export interface PublishBenchOptions {
  server: CountingGcsServer;
  /** A bucket the server holds. */
  bucket: string;
  /** A full build. */
  treeDir: string;
  /** Builds the one-hour change (trigger hourly, clock an hour later); resolves to its tree. */
  rebuildHourly: () => Promise<string>;
  /** Release timestamps; @default the system clock */
  clock?: Clock;
}

const UPLOAD_OPERATIONS = ['objects.insert', 'objects.insert.resumable-start'];

export async function benchPublish(options: PublishBenchOptions): Promise<PublishBench> {
  const { server, bucket } = options;
  const counted = countUploadedBytes(withPrefix(createGcsObjectStore({ bucket, endpoint: server.url }), 'ours'));
  const publish = (treeDir: string) => measure(server, async () => {
    await publishBuild({ store: counted.store, treeDir, ...(options.clock ? { clock: options.clock } : {}) });
    return counted.take();
  });
  const naive = () => measure(server, () => publishNaively({ endpoint: server.url, bucket, prefix: 'naive', treeDir: options.treeDir }));
  const first = await publish(options.treeDir);
  const noop = await publish(options.treeDir);
  const hourly = await publish(await options.rebuildHourly());
  return { first, noop, hourly, naive_first: await naive(), naive_noop: await naive() };
}

async function measure(server: CountingGcsServer, work: () => Promise<number>): Promise<PublishCounts> {
  const before = countsOf(server);
  const bytes = await work();
  const after = countsOf(server);
  return { requests: after.requests - before.requests, uploads: after.uploads - before.uploads, bytes };
}

function countsOf(server: CountingGcsServer): { requests: number; uploads: number } {
  const uploads = UPLOAD_OPERATIONS.reduce((sum, operation) => sum + (server.counts.byOperation[operation] ?? 0), 0);
  return { requests: server.counts.total, uploads };
}

/** The store, and the body bytes written through it since the last `take()`. */
function countUploadedBytes(inner: ObjectStore): { store: ObjectStore; take: () => number } {
  let bytes = 0;
  const store: ObjectStore = {
    ...inner,
    write: (name, body, writeOptions) => {
      bytes += body.byteLength;
      return inner.write(name, body, writeOptions);
    },
  };
  return { store, take: () => { const taken = bytes; bytes = 0; return taken; } };
}

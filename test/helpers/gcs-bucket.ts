/**
 * The loopback GCS server with one bucket, and GCS-adapter stores pointed at it with fast
 * retries (so injected faults cost milliseconds). Google auth never probes the metadata server
 * (`METADATA_SERVER_DETECTION=none`, also set for child processes) and the client sends no
 * credentials to a custom endpoint, so no test leaves the loopback interface.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createGcsObjectStore, type GcsObjectStoreOptions } from '../../pipeline/adapters/gcs-object-store.ts';
import type { ObjectStore } from '../../pipeline/ports.ts';
import { withPrefix } from '../../pipeline/publish/open-store.ts';
import { startGcsServer, type GcsTestServer } from './gcs-server/gcs-server.ts';
import type { GcsState } from './gcs-server/gcs-state.ts';

process.env.METADATA_SERVER_DETECTION = 'none';

export const TEST_BUCKET = 'props-api-test';

/** Retry quickly in tests: the backoff ceiling stays in milliseconds. */
export const FAST_RETRY = { attempts: 10, baseDelayMs: 2, maxDelayMs: 20 };

/** `from`: a copy of that server state (e.g. a bucket seeded once, `server.state`) instead of an empty bucket. */
export function startTestGcs(from?: GcsState): Promise<GcsTestServer> {
  return startGcsServer({ buckets: [TEST_BUCKET], from });
}

/** The state `seed` leaves on a fresh loopback server (closed afterwards), to start servers from with `startTestGcs(state)`. */
export async function seededGcsState(seed: (server: GcsTestServer) => Promise<unknown>): Promise<GcsState> {
  const server = await startTestGcs();
  try {
    await seed(server);
    return server.state.clone();
  } finally {
    await server.close();
  }
}

export interface TestStoreOptions extends Partial<GcsObjectStoreOptions> {
  /** Scope the store below `prefix/`, as `gs://bucket/prefix` does. */
  prefix?: string;
}

export function openTestStore(server: GcsTestServer, options: TestStoreOptions = {}): ObjectStore {
  const { prefix, ...rest } = options;
  const store = createGcsObjectStore({ bucket: TEST_BUCKET, endpoint: server.url, retry: FAST_RETRY, ...rest });
  return prefix ? withPrefix(store, prefix) : store;
}

export interface LoopbackBucket {
  readonly server: GcsTestServer;
  /** This test's own prefix below the bucket, e.g. `publish-3`. */
  readonly prefix: string;
  /** A GCS-adapter store scoped to this test's prefix. */
  store(): ObjectStore;
}

/**
 * One loopback server for the test file (started before its tests, closed after), and a fresh
 * bucket prefix for every test, so tests share the server without seeing each other's objects.
 * Faults and hooks are cleared before each test.
 */
export function useLoopbackBucket(name: string): LoopbackBucket {
  let server: GcsTestServer | undefined;
  let count = 0;
  beforeAll(async () => {
    server = await startTestGcs();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    count += 1;
    server?.setFaults();
    server?.setHooks();
  });
  const current = (): GcsTestServer => {
    if (!server) throw new Error('Internal error: the loopback server is used outside a test');
    return server;
  };
  return {
    get server() {
      return current();
    },
    get prefix() {
      return `${name}-${count}`;
    },
    store: () => openTestStore(current(), { prefix: `${name}-${count}` }),
  };
}

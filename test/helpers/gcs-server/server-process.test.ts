/**
 * The loopback GCS server in its own process (the production bench's storage): it creates the
 * bucket it is asked for, serves the real client, and counts what it served, as the in-process
 * server does.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createGcsObjectStore } from '../../../pipeline/adapters/gcs-object-store.ts';
import { startGcsServerProcess, type GcsServerProcess } from './server-process.ts';

let server: GcsServerProcess;
beforeAll(async () => { server = await startGcsServerProcess({ latencyMs: 1 }); }, 60_000);
afterAll(async () => { await server?.close(); });

test('creates the bucket it is asked for, serves the client and counts each request it served', async () => {
  await server.createBucket('bench');
  const before = await server.requestCount();
  const store = createGcsObjectStore({ bucket: 'bench', endpoint: server.url });
  await store.write('a.json', new TextEncoder().encode('{"a":1}'), { contentType: 'application/json', cacheControl: 'no-store' });
  expect(new TextDecoder().decode((await store.read('a.json'))!.body)).toBe('{"a":1}');
  // The store counts the requests it sent; the server, in another process, the ones it answered.
  expect((await server.requestCount()) - before).toBe(store.requestCount());
  expect(store.requestCount()).toBeGreaterThanOrEqual(2);
});

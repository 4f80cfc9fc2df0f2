/**
 * The GCS adapter with the real `@google-cloud/storage` client against the loopback server:
 * the shared contract, plus what only a network store has (retries, request shapes, endpoint).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGcsObjectStore } from '../../../pipeline/adapters/gcs-object-store.ts';
import { PublishError } from '../../../pipeline/errors.ts';
import { openTestStore, startTestGcs, TEST_BUCKET } from '../../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../../helpers/gcs-server/gcs-server.ts';
import { describeObjectStoreContract } from '../../helpers/object-store-contract.ts';

let server: GcsTestServer;
let caseNumber = 0;
beforeAll(async () => {
  server = await startTestGcs();
});
afterAll(() => server.close());

// Each contract case gets its own prefix, so cases share the server without seeing each other.
describeObjectStoreContract('GCS adapter (loopback server, 2 objects per list page)', async () => openTestStore(server, { pageSize: 2, prefix: `contract-${++caseNumber}` }));

describe('GCS adapter', () => {
  const headers = { contentType: 'application/json', cacheControl: 'public, max-age=60' };

  test('headers travel in the upload request itself: one insert, no metadata patch', async () => {
    const store = openTestStore(server, { prefix: 'one-request' });
    server.resetCounts();
    await store.write('v1/a.json', Buffer.from('{}'), { ...headers, metadata: { sha256: 'x' } });
    expect(server.counts.byOperation).toEqual({ 'objects.insert': 1 });
    expect(server.state.object(TEST_BUCKET, 'one-request/v1/a.json')).toMatchObject({ contentType: 'application/json', cacheControl: 'public, max-age=60', metadata: { sha256: 'x' } });
  });

  test('objects above the threshold go up as resumable uploads', async () => {
    const store = openTestStore(server, { prefix: 'resumable', resumableThresholdBytes: 16 });
    server.resetCounts();
    const body = Buffer.alloc(1000, 7);
    await store.write('big.bin', body, { contentType: 'application/octet-stream', cacheControl: 'no-store', ifGenerationMatch: '0' });
    expect(server.counts.byOperation['objects.insert.resumable-start']).toBe(1);
    expect(server.counts.byOperation['objects.insert.resumable-chunk']).toBeGreaterThanOrEqual(1);
    expect(server.state.object(TEST_BUCKET, 'resumable/big.bin').bytes.equals(body)).toBe(true);
  });

  test('429/503 answers and dropped connections are retried with backoff until the request succeeds', async () => {
    const store = openTestStore(server, { prefix: 'retry' });
    server.setFaults({ failNext: 2, dropNext: 1 });
    server.resetCounts();
    try {
      await store.write('a', Buffer.from('x'), headers);
    } finally {
      server.setFaults();
    }
    expect(server.counts.byOperation['objects.insert']).toBe(4);
    expect(store.requestCount()).toBe(4);
  });

  test('a request still failing after the last attempt is StoreRequestFailed', async () => {
    const store = openTestStore(server, { prefix: 'give-up', retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    server.setFaults({ failNext: 5 });
    try {
      const error = await store.stat('a').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PublishError);
      expect((error as PublishError).code).toBe('StoreRequestFailed');
      expect(server.counts.injected).toBeGreaterThanOrEqual(3);
    } finally {
      server.setFaults();
    }
  });

  test('a 404 bucket or a 403 is an answer, not retried', async () => {
    const store = createGcsObjectStore({ bucket: 'no-such-bucket', endpoint: server.url, retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 1 } });
    server.resetCounts();
    await expect(store.write('a', Buffer.from('x'), headers)).rejects.toThrow();
    expect(server.counts.total).toBe(1);
  });

  test('STORAGE_EMULATOR_HOST points the client at the server without an endpoint option', async () => {
    const previous = process.env.STORAGE_EMULATOR_HOST;
    process.env.STORAGE_EMULATOR_HOST = server.url;
    try {
      const store = createGcsObjectStore({ bucket: TEST_BUCKET });
      await store.write('emulator/a', Buffer.from('hi'), headers);
      expect(Buffer.from((await store.read('emulator/a'))!.body).toString()).toBe('hi');
    } finally {
      if (previous === undefined) delete process.env.STORAGE_EMULATOR_HOST;
      else process.env.STORAGE_EMULATOR_HOST = previous;
    }
  });
});

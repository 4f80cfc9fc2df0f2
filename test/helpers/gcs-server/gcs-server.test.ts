/**
 * The loopback GCS server's own semantics, exercised with the real client where the adapter
 * does not reach: metadata patches and metageneration preconditions, `ifGenerationNotMatch`,
 * decompressive transcoding, and the fault and request-log switches.
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createStorageClient } from '../../../pipeline/adapters/gcs-object-store.ts';
import { startTestGcs, TEST_BUCKET } from '../gcs-bucket.ts';
import { crc32cBase64 } from './crc32c.ts';
import { createFaultInjector, createSeededRandom } from './faults.ts';
import type { GcsTestServer } from './gcs-server.ts';

let server: GcsTestServer;
beforeAll(async () => {
  server = await startTestGcs();
});
afterAll(() => server.close());

const bucket = () => createStorageClient({ endpoint: server.url }).bucket(TEST_BUCKET);
const statusOf = (error: unknown) => (error as { code?: number }).code;

function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('loopback GCS server', () => {
  test('a metadata patch makes a new metageneration of the same generation and honours ifMetagenerationMatch', async () => {
    const file = bucket().file('server/patch.json');
    await file.save('{}', { contentType: 'application/json', resumable: false, validation: false });
    const [before] = await file.getMetadata();
    await file.setMetadata({ cacheControl: 'no-store', metadata: { a: '1' } }, { ifMetagenerationMatch: before.metageneration });
    const [after] = await file.getMetadata();
    expect([after.generation, after.metageneration, after.cacheControl, after.metadata]).toEqual([before.generation, '2', 'no-store', { a: '1' }]);
    const stale = await file.setMetadata({ cacheControl: 'x' }, { ifMetagenerationMatch: before.metageneration }).catch((e: unknown) => e);
    expect(statusOf(stale)).toBe(412);
    const notMatch = await file.save('{}', { resumable: false, validation: false, preconditionOpts: { ifGenerationNotMatch: String(after.generation) } }).catch((e: unknown) => e);
    expect(statusOf(notMatch)).toBe(412);
  });

  test('gzip-stored objects are served as stored to gzip-accepting clients and decompressed to others', async () => {
    const text = JSON.stringify({ x: 'y'.repeat(3000) });
    await bucket().file('server/gz.json').save(gzipSync(text), { resumable: false, validation: false, metadata: { contentType: 'application/json', contentEncoding: 'gzip' } });
    const path = `/storage/v1/b/${TEST_BUCKET}/o/${encodeURIComponent('server/gz.json')}?alt=media`;
    const stored = await rawGet(path, { 'accept-encoding': 'gzip' });
    expect(stored.headers['content-encoding']).toBe('gzip');
    expect(stored.headers['x-goog-stored-content-encoding']).toBe('gzip');
    const plain = await rawGet(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(text);
    const [downloaded] = await bucket().file('server/gz.json').download();
    expect(downloaded.toString()).toBe(text);
  });

  test('list pages over objects and common prefixes together', async () => {
    for (const name of ['server/list/a', 'server/list/b/1', 'server/list/b/2', 'server/list/c', 'server/list/d/1']) await bucket().file(name).save('x', { resumable: false, validation: false });
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const [files, next, response] = await bucket().getFiles({ prefix: 'server/list/', delimiter: '/', maxResults: 2, autoPaginate: false, ...(pageToken ? { pageToken } : {}) });
      seen.push(...files.map((f) => f.name), ...((response as { prefixes?: string[] }).prefixes ?? []));
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
    expect(seen.sort()).toEqual(['server/list/a', 'server/list/b/', 'server/list/c', 'server/list/d/']);
  });

  test('counted failures, injected statuses and the request log', async () => {
    server.resetCounts();
    server.setFaults({ failNext: 1 });
    const failed = await bucket().file('server/none').getMetadata().catch((e: unknown) => e);
    server.setFaults();
    expect(statusOf(failed)).toBe(503);
    expect(server.counts).toMatchObject({ total: 1, injected: 1, byOperation: { 'objects.get': 1 }, byMethod: { GET: 1 } });
    expect(server.log).toEqual([{ method: 'GET', path: `/storage/v1/b/${TEST_BUCKET}/o/server%2Fnone`, operation: 'objects.get', object: 'server/none', status: 503 }]);
  });

  test('the seeded generator replays the same sequence', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const draws = Array.from({ length: 5 }, () => a());
    expect(draws).toEqual(Array.from({ length: 5 }, () => b()));
    expect(new Set(draws).size).toBe(5);
  });

  test('CRC32C as GCS reports it: the check value of "123456789" (0xE3069283), base64', () => {
    expect(crc32cBase64(Buffer.from('123456789'))).toBe(Buffer.from([0xe3, 0x06, 0x92, 0x83]).toString('base64'));
    expect(crc32cBase64(Buffer.alloc(0))).toBe('AAAAAA==');
  });

  test('a server started from a copy of another\'s state holds its objects, and the two then change independently', async () => {
    const headers = { contentType: 'application/json' };
    const source = await startTestGcs();
    const seeded = source.state.putObject(TEST_BUCKET, 'copy/a.json', Buffer.from('{}'), headers, {});
    const copy = await startTestGcs(source.state);
    try {
      copy.state.deleteObject(TEST_BUCKET, 'copy/a.json', {});
      const added = copy.state.putObject(TEST_BUCKET, 'copy/b.json', Buffer.from('[]'), headers, {});
      source.state.patchObject(TEST_BUCKET, 'copy/a.json', { cacheControl: 'no-store' }, {});
      expect([...source.state.bucket(TEST_BUCKET).objects.keys()]).toEqual(['copy/a.json']);
      expect([...copy.state.bucket(TEST_BUCKET).objects.keys()]).toEqual(['copy/b.json']);
      expect(BigInt(added.generation)).toBeGreaterThan(BigInt(seeded.generation));
      expect(source.state.object(TEST_BUCKET, 'copy/a.json').metageneration).toBe(2);
    } finally {
      await Promise.all([source.close(), copy.close()]);
    }
  });

  test('latency with jitter: each request waits latency ± jitter, and the jitter shifts no fault draw (issue 20)', async () => {
    const jittered = createFaultInjector({ latencyMs: 50, latencyJitterMs: 20, errorRate: 0.3 });
    const waits = Array.from({ length: 200 }, () => jittered.nextLatencyMs());
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(30);
    expect(Math.max(...waits)).toBeLessThanOrEqual(70);
    expect(new Set(waits).size).toBeGreaterThan(100);
    expect(createFaultInjector({ latencyMs: 50 }).nextLatencyMs()).toBe(50);
    const plain = createFaultInjector({ errorRate: 0.3 });
    const info = { seq: 1, method: 'GET', operation: 'objects.get', mutating: false };
    expect(Array.from({ length: 50 }, () => jittered.decide(info))).toEqual(Array.from({ length: 50 }, () => plain.decide(info)));
    server.setFaults({ latencyMs: 30, latencyJitterMs: 10 });
    try {
      const started = performance.now();
      await bucket().file('server/absent.json').exists();
      expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    } finally {
      server.setFaults();
    }
  });
});

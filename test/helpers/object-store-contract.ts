/**
 * The `ObjectStore` contract (see `pipeline/ports.ts`) as one suite of cases, run against
 * every adapter: the GCS adapter on the loopback server and the local-directory adapter.
 * Both must agree exactly, since tests and preview use the second in place of the first.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { PublishError } from '../../pipeline/errors.ts';
import type { ObjectMetadata, ObjectStore } from '../../pipeline/ports.ts';

const JSON_HEADERS: ObjectMetadata = { contentType: 'application/json', cacheControl: 'public, max-age=60', metadata: { sha256: 'abc' } };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof PublishError ? error.code : `foreign: ${String(error)}`;
  }
}

/** `open` gives a fresh, empty store for each case. */
export function describeObjectStoreContract(label: string, open: () => Promise<ObjectStore>): void {
  describe(`ObjectStore contract: ${label}`, () => {
    test('write then read and stat give the bytes, headers and generation back', async () => {
      const store = await open();
      const written = await store.write('v1/a.json', Buffer.from('{"a":1}'), JSON_HEADERS);
      const read = await store.read('v1/a.json');
      expect(Buffer.from(read!.body).toString()).toBe('{"a":1}');
      expect(read!.object).toEqual(written);
      expect(await store.stat('v1/a.json')).toEqual(written);
      expect(written).toMatchObject({ name: 'v1/a.json', size: 7, contentType: 'application/json', cacheControl: 'public, max-age=60', metadata: { sha256: 'abc' } });
      expect(written.contentEncoding).toBeUndefined();
    });

    test('a gzip-encoded object is stored as given and read back decoded', async () => {
      const store = await open();
      const text = JSON.stringify({ rows: 'x'.repeat(2000) });
      const gz = gzipSync(text);
      const written = await store.write('v1/big.json', gz, { ...JSON_HEADERS, contentEncoding: 'gzip' });
      expect(written).toMatchObject({ size: gz.length, contentEncoding: 'gzip' });
      const read = await store.read('v1/big.json');
      expect(Buffer.from(read!.body).toString()).toBe(text);
      expect(read!.object.contentEncoding).toBe('gzip');
    });

    test('ifGenerationMatch: 0 creates only; a matching generation replaces; a stale one fails and changes nothing', async () => {
      const store = await open();
      const first = await store.write('k', Buffer.from('1'), { ...JSON_HEADERS, ifGenerationMatch: '0' });
      expect(await codeOf(store.write('k', Buffer.from('2'), { ...JSON_HEADERS, ifGenerationMatch: '0' }))).toBe('StorePreconditionFailed');
      const second = await store.write('k', Buffer.from('3'), { ...JSON_HEADERS, ifGenerationMatch: first.generation });
      expect(second.generation).not.toBe(first.generation);
      expect(await codeOf(store.write('k', Buffer.from('4'), { ...JSON_HEADERS, ifGenerationMatch: first.generation }))).toBe('StorePreconditionFailed');
      expect(Buffer.from((await store.read('k'))!.body).toString()).toBe('3');
    });

    test('absent objects: read and stat give null, delete gives false', async () => {
      const store = await open();
      expect(await store.read('nope')).toBeNull();
      expect(await store.stat('nope')).toBeNull();
      expect(await store.delete('nope')).toBe(false);
    });

    test('copy is server-side, sets exactly the given headers, and honours the destination precondition', async () => {
      const store = await open();
      const gz = gzipSync('{"z":1}');
      await store.write('builds/b1/v1/z.json', gz, { contentType: 'application/json', cacheControl: 'public, max-age=31536000, immutable', contentEncoding: 'gzip', metadata: { sha256: 's' } });
      const copied = await store.copy('builds/b1/v1/z.json', 'v1/z.json', { contentType: 'application/json', cacheControl: 'public, max-age=30', contentEncoding: 'gzip', metadata: { sha256: 's' }, ifGenerationMatch: '0' });
      expect(copied).toMatchObject({ name: 'v1/z.json', cacheControl: 'public, max-age=30', contentEncoding: 'gzip', metadata: { sha256: 's' }, size: gz.length });
      expect(Buffer.from((await store.read('v1/z.json'))!.body).toString()).toBe('{"z":1}');
      expect(await codeOf(store.copy('builds/b1/v1/z.json', 'v1/z.json', { ...JSON_HEADERS, ifGenerationMatch: '0' }))).toBe('StorePreconditionFailed');
      expect(await codeOf(store.copy('builds/b1/v1/missing.json', 'v1/m.json', JSON_HEADERS))).toBe('StoreObjectNotFound');
    });

    test('delete honours its precondition', async () => {
      const store = await open();
      const written = await store.write('d', Buffer.from('x'), JSON_HEADERS);
      expect(await codeOf(store.delete('d', { ifGenerationMatch: '1' }))).toBe('StorePreconditionFailed');
      expect(await store.stat('d')).not.toBeNull();
      expect(await store.delete('d', { ifGenerationMatch: written.generation })).toBe(true);
      expect(await store.stat('d')).toBeNull();
    });

    test('list gives every object under a prefix, sorted, across pages; listPrefixes gives the next level', async () => {
      const store = await open();
      const names = ['v1/b.json', 'v1/a.json', 'v1/x/c.json', 'v1/x/d.json', 'v1/y/e.json', 'builds/b1/v1/a.json', 'v1extra'];
      for (const name of names) await store.write(name, Buffer.from(name), JSON_HEADERS);
      expect((await store.list('v1/')).map((o) => o.name)).toEqual(['v1/a.json', 'v1/b.json', 'v1/x/c.json', 'v1/x/d.json', 'v1/y/e.json']);
      expect(await store.listPrefixes('v1/')).toEqual(['v1/x/', 'v1/y/']);
      expect(await store.listPrefixes('')).toEqual(['builds/', 'v1/']);
      expect(await store.list('none/')).toEqual([]);
    });

    test('requestCount grows with requests', async () => {
      const store = await open();
      const before = store.requestCount();
      await store.stat('a');
      await store.list('');
      expect(store.requestCount()).toBeGreaterThanOrEqual(before + 2);
    });
  });
}

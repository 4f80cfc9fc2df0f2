import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createFsObjectStore } from '../../../pipeline/adapters/fs-object-store.ts';
import { PublishError } from '../../../pipeline/errors.ts';
import { describeObjectStoreContract } from '../../helpers/object-store-contract.ts';

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'props-api-fs-store-'));
  roots.push(root);
  return root;
}
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describeObjectStoreContract('local-directory adapter', async () => createFsObjectStore({ root: await freshRoot() }));

describe('local-directory adapter', () => {
  test('a file-system failure is coded with a hint (issue 18), not a raw EEXIST', async () => {
    const root = await freshRoot();
    await writeFile(path.join(root, 'blobs'), 'not a directory');
    const store = createFsObjectStore({ root });
    const error = await store.write('v1/a.json', Buffer.from('x'), { contentType: 'text/plain', cacheControl: 'no-store' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error).toMatchObject({ code: 'StoreRequestFailed', message: 'Could not write v1/a.json in the local object store', hint: expect.stringMatching(/writable/) });
  });

  test('a lock left by a process that died is broken by the next writer', async () => {
    const root = await freshRoot();
    // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
    await writeFile(path.join(root, '.lock'), String(2 ** 22 + 1));
    const store = createFsObjectStore({ root, lockTimeoutMs: 5000 });
    await store.write('a', Buffer.from('x'), { contentType: 'text/plain', cacheControl: 'no-store' });
    expect(await store.stat('a')).not.toBeNull();
  });

  test('a lock held by a live process is waited for, then reported', async () => {
    const root = await freshRoot();
    await writeFile(path.join(root, '.lock'), String(process.pid));
    const store = createFsObjectStore({ root, lockTimeoutMs: 20 });
    await expect(store.write('a', Buffer.from('x'), { contentType: 'text/plain', cacheControl: 'no-store' })).rejects.toMatchObject({ code: 'StoreRequestFailed' });
  });

  test('concurrent create-only writes: exactly one wins', async () => {
    const store = createFsObjectStore({ root: await freshRoot() });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => store.write('race', Buffer.from(String(i)), { contentType: 'text/plain', cacheControl: 'no-store', ifGenerationMatch: '0' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

/**
 * Issue 20: a build whose id already exists in the out directory (same files, same bytes) keeps
 * that tree, but its manifest takes the newer build's inputs digests, so the next incremental
 * build compares with the inputs the files now stand for.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { createTreeWriter } from '../../../pipeline/stages/write.ts';

const manifestWith = (digest: string) => ({
  manifest_version: 1,
  build: { id: '20250316T013000Z-hourly-0badcafe' },
  endpoints: [{ exporter: 'toy.daily', schema: 'toy', files: 0, data_as_of: '2025-03-15', complete: true, inputs: { digest, tables: {} } }],
  files: [],
}) as unknown as BuildManifest;

test('a second commit of the same build id replaces the manifest when only the inputs differ', async () => {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'write-same-id-'));
  try {
    const first = await (await createTreeWriter(outDir)).commit(manifestWith('1111111111111111'), {});
    const second = await (await createTreeWriter(outDir)).commit(manifestWith('2222222222222222'), {});
    expect(second).toBe(first);
    const written = JSON.parse(await readFile(path.join(second, 'manifest.json'), 'utf8')) as BuildManifest;
    expect(written.endpoints[0]!.inputs!.digest).toBe('2222222222222222');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
});

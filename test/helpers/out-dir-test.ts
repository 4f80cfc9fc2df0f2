/**
 * `outDirTest`: a vitest `test` whose `outDir` fixture is a fresh temporary directory, removed
 * after the test. Pair it with `writeFakeBuild` from `fake-out-dir.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from 'vitest';

export const outDirTest = base.extend<{ outDir: string }>({
  // vitest reads fixture dependencies from the destructuring pattern, so it must stay (empty).
  outDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'props-api-out-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

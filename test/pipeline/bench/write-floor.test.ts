/**
 * The write floor on a small tree made here: it counts the tree's own files and bytes, orders its
 * runs (fastest ≤ median ≤ slowest), and leaves no scratch copy behind.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { measureWriteFloor } from '../../../pipeline/bench/write-floor.ts';

let dir: string;
const FILES = { 'manifest.json': '{}\n', 'v1/a.json': 'x'.repeat(1000), 'v1/players/b.json': 'é'.repeat(10), 'v1/players/c/d.json': '' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'floor-'));
  for (const [file, text] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, 'tree', file)), { recursive: true });
    await writeFile(path.join(dir, 'tree', file), text);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('the same files and bytes as the tree, runs ordered, scratch removed', async () => {
  const floor = await measureWriteFloor({ treeDir: path.join(dir, 'tree'), scratchDir: path.join(dir, 'scratch'), runs: 4 });
  // 3 ('{}' and a newline) + 1000 + 20 (é is two bytes in UTF-8) + 0
  expect(floor).toMatchObject({ files: 4, bytes: 1023 });
  expect(floor.fastest).toBeGreaterThan(0);
  expect(floor.fastest).toBeLessThanOrEqual(floor.seconds);
  expect(floor.seconds).toBeLessThanOrEqual(floor.slowest);
  expect(await readdir(path.join(dir, 'scratch'))).toEqual([]);
});

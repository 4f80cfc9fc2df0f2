/**
 * The code hash that incremental builds put in every inputs digest and `npm start` compares
 * (issue 20): what it covers, on a small stand-in code tree, and that the folders it leaves out
 * hold nothing a build imports.
 */
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ExportError } from '../../pipeline/errors.ts';
import { CODE_ROOT, hashSourceTree, NOT_OUTPUT_SOURCES, runningSourceHash } from '../../pipeline/source-hash.ts';

let dir: string;
const inCode = (file: string) => path.join(dir, 'code', file);
const FILES = ['exporters/a.ts', 'pipeline/stages/b.ts', 'pipeline/bench/c.ts', 'pipeline/doctor/d.ts', 'schemas/e.schema.json', 'package-lock.json'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'source-hash-'));
  for (const file of FILES) {
    await mkdir(path.dirname(inCode(file)), { recursive: true });
    await writeFile(inCode(file), `${file}\n`);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('a pipeline stage moves the hash; the benchmark and the diagnostics do not', async () => {
  const root = path.join(dir, 'code');
  const before = await hashSourceTree(root);
  await appendFile(inCode('pipeline/bench/c.ts'), '// tuned\n');
  await appendFile(inCode('pipeline/doctor/d.ts'), '// tuned\n');
  expect(await hashSourceTree(root)).toBe(before);
  await appendFile(inCode('pipeline/stages/b.ts'), '// changed\n');
  expect(await hashSourceTree(root)).not.toBe(before);
});

test('a tree with no source file is an internal error, not a hash every build would share', async () => {
  const empty = await mkdtemp(path.join(dir, 'empty-'));
  const error = await hashSourceTree(empty).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  expect((error as ExportError).message).toMatch(/^Internal error: no source file under /);
});

test('the running hash is the hash of this checkout', async () => {
  expect(await runningSourceHash()).toBe(await hashSourceTree(CODE_ROOT));
});

/** Every module reachable from `entries` by relative imports (static, dynamic and type-only alike). */
async function importGraph(entries: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(path.join(CODE_ROOT, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:from\s+|import\()'(\.{1,2}\/[^']+)'/g)) queue.push(path.posix.join(path.posix.dirname(file), spec!));
  }
  return seen;
}

test('the hash covers every module a build imports, and the folders it leaves out hold none', async () => {
  const graph = [...(await importGraph(['pipeline/run-build.ts', 'exporters/index.ts']))];
  expect(graph).toContain('pipeline/stages/write.ts'); // the walk follows imports
  const left = NOT_OUTPUT_SOURCES.map((pattern) => pattern.replace('**', ''));
  expect(graph.filter((file) => left.some((folder) => file.startsWith(folder)))).toEqual([]);
  // Outside exporters/ and pipeline/, only the payload types generated from schemas/ (covered), which emit no code.
  expect(graph.filter((file) => !/^(exporters|pipeline)\//.test(file) && !/^generated\/[\w/-]+\.ts$/.test(file))).toEqual([]);
});

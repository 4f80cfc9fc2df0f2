/**
 * The client's cost in a frontend bundle (issue 22: ≤ 3 KB min+gzip without validation). An app
 * that imports `createClient` and gets one path is bundled by esbuild (tsx's and vite's, already
 * installed: no extra dependency) with code splitting, as a frontend bundler ships it; the entry
 * chunk, minified and gzipped, is what every page loads. The validators are separate chunks,
 * loaded only by `validate: true`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { GENERATED_DIR } from '../../../pipeline/generate-types.ts';

const LIMIT_BYTES = 3 * 1024;

let dir: string;
let entryBytes: number;
let chunks: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'client-bundle-'));
  const app = path.join(dir, 'app.js');
  await writeFile(app, `import { createClient } from ${JSON.stringify(path.join(GENERATED_DIR, 'index.js'))};
const api = createClient({ baseUrl: 'https://nbaprops.com' });
export const load = () => api.get('results/latest.json');\n`);
  const result = await build({ entryPoints: [app], bundle: true, minify: true, splitting: true, format: 'esm', outdir: path.join(dir, 'dist'), write: true, metafile: true, logLevel: 'silent' });
  chunks = Object.keys(result.metafile.outputs);
  entryBytes = gzipSync(await readFile(path.join(dir, 'dist', 'app.js')), { level: 9 }).length;
});
afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

test(`the client without validation is at most ${LIMIT_BYTES} bytes min+gzip`, () => {
  expect(entryBytes).toBeLessThanOrEqual(LIMIT_BYTES);
});

test('the validators are split off, one lazy chunk per endpoint schema', () => {
  expect(chunks.filter((file) => /dist\/daily-[A-Z0-9]+\.js$/.test(file))).toHaveLength(1);
  expect(chunks.length).toBeGreaterThan(20);
});

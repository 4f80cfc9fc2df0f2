/**
 * The preview's docs routes: `/docs` redirects to `/docs/`, which serves generated/docs/index.html;
 * the search index and endpoint sections the page loads on demand are served beside it (issue 22);
 * `/openapi.json` serves generated/openapi.json; anything else below them is a 404, and a missing
 * generated file says to run `npm run generate`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { createDocsRoutes } from '../../../pipeline/docs/docs-route.ts';
import { startPreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { writeFakeBuild } from '../../helpers/fake-out-dir.ts';
import { outDirTest as test } from '../../helpers/out-dir-test.ts';

async function withServer(outDir: string, generated: string, use: (url: string) => Promise<void>): Promise<void> {
  await writeFakeBuild(outDir, { id: 'b1', asOf: '2025-03-15T12:00:00Z', files: [{ path: 'v1/demo/latest.json', body: { ok: true }, exporter: 'demo.board' }] });
  const server = await startPreviewServer({ outDir, port: 0, routes: createDocsRoutes(generated) });
  try {
    await use(server.url);
  } finally {
    await server.close();
  }
}

describe('docs routes', () => {
  test('serve the generated page and OpenAPI document', async ({ outDir }) => {
    const generated = await mkdtemp(path.join(tmpdir(), 'generated-'));
    await mkdir(path.join(generated, 'docs'));
    await writeFile(path.join(generated, 'docs', 'index.html'), '<!doctype html><title>docs</title>');
    await writeFile(path.join(generated, 'openapi.json'), '{"openapi":"3.1.0"}\n');
    await writeFile(path.join(generated, 'secret.ts'), 'not served');
    await mkdir(path.join(generated, 'docs', 'endpoints'));
    await writeFile(path.join(generated, 'docs', 'search-index.json'), '{"endpoints":[]}\n');
    await writeFile(path.join(generated, 'docs', 'endpoints', 'demo.board.html'), '<section id="demo.board"></section>');
    await writeFile(path.join(generated, 'docs', 'endpoints', 'notes.txt'), 'not served');
    await withServer(outDir, generated, async (url) => {
      const redirect = await fetch(new URL('docs', url), { redirect: 'manual' });
      expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/docs/']);
      const page = await fetch(new URL('docs/', url));
      expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>docs</title>']);
      const openapi = await fetch(new URL('openapi.json', url));
      expect([openapi.status, openapi.headers.get('content-type'), await openapi.json()]).toEqual([200, 'application/json', { openapi: '3.1.0' }]);
      const index = await fetch(new URL('docs/search-index.json', url));
      expect([index.status, index.headers.get('content-type'), await index.json()]).toEqual([200, 'application/json', { endpoints: [] }]);
      const section = await fetch(new URL('docs/endpoints/demo.board.html', url));
      expect([section.status, section.headers.get('content-type'), await section.text()]).toEqual([200, 'text/html; charset=utf-8', '<section id="demo.board"></section>']);
      expect((await fetch(new URL('docs/endpoints/demo.player.html', url))).status, 'a section not generated').toBe(404);
      expect((await fetch(new URL('docs/endpoints/notes.txt', url))).status).toBe(404);
      expect((await fetch(new URL('docs/endpoints/..%2f..%2fsecret.ts', url))).status).not.toBe(200);
      expect((await fetch(new URL('docs/secret.ts', url))).status).toBe(404);
      expect((await fetch(new URL('docs/../secret.ts', url))).status).toBe(404);
      expect((await fetch(new URL('v1/demo/latest.json', url))).status).toBe(200);
    });
    await rm(generated, { recursive: true, force: true });
  });

  test('a missing generated file is a 404 naming the fix', async ({ outDir }) => {
    const empty = await mkdtemp(path.join(tmpdir(), 'generated-empty-'));
    await withServer(outDir, empty, async (url) => {
      const page = await fetch(new URL('docs/', url));
      expect(page.status).toBe(404);
      expect(((await page.json()) as { hint: string }).hint).toBe('Run `npm run generate`.');
    });
    await rm(empty, { recursive: true, force: true });
  });
});

/**
 * A frontend on another origin reads the headers the API exposes, in real Chromium (issue 18): a
 * page served from `http://localhost:<port>` fetches a file from the preview server at
 * `http://127.0.0.1:<port>`, which is cross-origin, and reads its ETag. ETag is not a
 * CORS-safelisted response header: unless `Access-Control-Expose-Headers` names it the browser
 * hides it and `etag` reads null, as it did from the production bucket before `bucket-config`
 * exposed it. The preview exposes what the bucket does (pipeline/cors-policy.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../pipeline/preview/preview-server.ts';
import { openFrontend, type Frontend } from '../helpers/chromium.ts';
import { writeFixtureBuilds } from '../pipeline/preview/fixture-builds.ts';

let dir: string;
let preview: PreviewServer;
let frontend: Frontend;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cross-origin-'));
  await writeFixtureBuilds(dir);
  preview = await startPreviewServer({ outDir: dir, port: 0 });
  // The browser runs with the same-origin policy on (see test/helpers/chromium.ts).
  frontend = await openFrontend((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>frontend</title>'));
}, 120_000);

afterAll(async () => {
  await frontend?.close();
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cross-origin reads in Chromium', () => {
  test('a page on another origin reads ETag, Cache-Control, Content-Type and Content-Length of an API file', async () => {
    const page = await frontend.browser.newPage();
    await page.goto(frontend.url);
    const api = new URL('v1/results/latest.json', preview.url).href;
    expect(new URL(api).origin, 'the fetch is cross-origin').not.toBe(new URL(page.url()).origin);
    const seen = await page.evaluate(async (url) => {
      const response = await fetch(url);
      const header = (name: string) => response.headers.get(name);
      return { status: response.status, etag: header('etag'), cacheControl: header('cache-control'), contentType: header('content-type'), contentLength: header('content-length') };
    }, api);
    const blocked = await page.evaluate(async (url) => fetch(url, { headers: { 'x-unlisted': '1' } }).then(() => 'read', () => 'blocked'), api);
    await page.close();
    expect(blocked, 'CORS is enforced: a preflight for an unlisted request header is refused').toBe('blocked');
    expect(seen.status).toBe(200);
    expect(seen.etag, 'null unless Access-Control-Expose-Headers names ETag').toMatch(/^"[0-9a-f]{64}"$/);
    expect(seen.cacheControl).toMatch(/max-age=/);
    expect(seen.contentType).toMatch(/^application\/json/);
    expect(Number(seen.contentLength)).toBeGreaterThan(0);
  });
});

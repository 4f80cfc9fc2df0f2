import { gunzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { CACHE_PRESETS } from '../../../pipeline/cache-policy.ts';
import { ExportError } from '../../../pipeline/errors.ts';
import type { BuildManifest } from '../../../pipeline/manifest.ts';
import { startPreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { fakeFileBytes, sha256Hex } from '../../helpers/fake-out-dir.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';
import { rawRequest } from '../../helpers/raw-http.ts';
import { NEWER_BUILD, OLDER_BUILD, RESULTS_BODY, previewTest, writeFixtureBuilds } from './fixture-builds.ts';

const test = previewTest;

const resultsBytes = fakeFileBytes(RESULTS_BODY);
const resultsPath = 'v1/results/2025-03-13.json';

describe('startPreviewServer: production headers', () => {
  test('listens on loopback and serves a manifest file with its content type, cache control, ETag and length', async ({ preview }) => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await rawRequest(preview.url, `/${resultsPath}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['cache-control']).toBe(CACHE_PRESETS.daily);
    expect(res.headers.etag).toBe(`"${sha256Hex(resultsBytes)}"`);
    expect(res.headers['content-length']).toBe(String(resultsBytes.length));
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(res.body.equals(resultsBytes)).toBe(true);
  });

  test('each file gets the Cache-Control of its own manifest entry', async ({ preview }) => {
    const latest = await fetch(new URL('v1/results/latest.json', preview.url));
    const predictions = await fetch(new URL('v1/predictions/2025-03-14.json', preview.url));
    expect(latest.headers.get('cache-control')).toBe(CACHE_PRESETS.alias);
    expect(predictions.headers.get('cache-control')).toBe(CACHE_PRESETS.tonight);
    expect(await latest.json()).toEqual(RESULTS_BODY);
  });

  test('gzip round-trip: encoded once for clients that accept it, and decodes to the exact bytes', async ({ preview }) => {
    const res = await rawRequest(preview.url, `/${resultsPath}`, { headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toContain('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(resultsBytes.length);
    expect(gunzipSync(res.body).equals(resultsBytes)).toBe(true);
    const refused = await rawRequest(preview.url, `/${resultsPath}`, { headers: { 'accept-encoding': 'gzip;q=0, br' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(resultsBytes)).toBe(true);
  });

  test('If-None-Match with the manifest sha256 gives 304 without a body; another tag gives 200', async ({ preview }) => {
    const etag = `"${sha256Hex(resultsBytes)}"`;
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await rawRequest(preview.url, `/${resultsPath}`, { headers: { 'if-none-match': tag } });
      expect(res.status, tag).toBe(304);
      expect(res.body.length).toBe(0);
      expect(res.headers.etag).toBe(etag);
      expect(res.headers['cache-control']).toBe(CACHE_PRESETS.daily);
    }
    const stale = await rawRequest(preview.url, `/${resultsPath}`, { headers: { 'if-none-match': '"0000"' } });
    expect(stale.status).toBe(200);
  });

  test('HEAD sends the GET headers and no body', async ({ preview }) => {
    const res = await rawRequest(preview.url, `/${resultsPath}`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(resultsBytes.length));
    expect(res.headers['cache-control']).toBe(CACHE_PRESETS.daily);
    expect(res.body.length).toBe(0);
  });

  test('methods other than GET, HEAD and OPTIONS get 405 with an Allow header', async ({ preview }) => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(new URL(resultsPath, preview.url), { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(await res.json()).toMatchObject({ status: 405 });
    }
  });

  test('an unknown path is a 404 with a JSON body naming it', async ({ preview }) => {
    const res = await fetch(new URL('v1/results/1999-01-01.json', preview.url));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toMatchObject({ status: 404, path: '/v1/results/1999-01-01.json' });
  });

  test('/manifest.json is the newest build manifest', async ({ preview }) => {
    const res = await fetch(new URL('manifest.json', preview.url));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe(CACHE_PRESETS.status);
    const manifest = (await res.json()) as BuildManifest;
    expect(manifest.build.id).toBe(NEWER_BUILD.id);
  });
});

describe('startPreviewServer: index page', () => {
  test('lists every exporter with file counts, example links, cache presets and the newest build', async ({ preview }) => {
    const res = await fetch(preview.url);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toMatch(/<code>results\.daily<\/code><\/td><td>2<\/td><td>alias, daily<\/td>/);
    expect(html).toMatch(/<code>systems\.performance<\/code><\/td><td>1<\/td><td>hourly<\/td>/);
    expect(html).toContain('<code>predictions.daily</code>');
    expect(html).toContain('<a href="/v1/results/latest.json">');
    expect(html).toContain(NEWER_BUILD.id);
    expect(html).toContain(OLDER_BUILD.id);
    expect(html).toContain('trigger <b>tonight</b>');
    expect(html).toContain(NEWER_BUILD.asOf);
    expect(html).toContain('Sample data');
  });
});

describe('startPreviewServer: start-up', () => {
  outDirTest('an empty or missing output directory throws NoBuildFound with a hint to build', async ({ outDir }) => {
    for (const dir of [outDir, `${outDir}/missing`]) {
      const error = await startPreviewServer({ outDir: dir, port: 0 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExportError);
      expect(error).toMatchObject({ code: 'NoBuildFound', stage: 'preview' });
      expect((error as ExportError).hint).toContain('props-api build');
    }
  });

  outDirTest('a port already in use fails with PreviewFailed', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const first = await startPreviewServer({ outDir, port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startPreviewServer({ outDir, port })).rejects.toMatchObject({ code: 'PreviewFailed' });
    } finally {
      await first.close();
    }
  });

  outDirTest('invalid options are refused before anything starts', async ({ outDir }) => {
    await expect(startPreviewServer({ outDir, port: -1 })).rejects.toMatchObject({ code: 'InvalidOption' });
    await expect(startPreviewServer({ outDir, port: 1.5 })).rejects.toThrow('Expected `port` to be an integer from 0 to 65535, got `1.5` (number)');
    await expect(startPreviewServer({ outDir, routes: { '/v1': () => undefined } })).rejects.toMatchObject({ code: 'InvalidOption' });
  });
});

import { describe, expect } from 'vitest';
import { isAllowedOrigin } from '../../../pipeline/preview/cors.ts';
import { desiredBucketConfig } from '../../../pipeline/publish/bucket-config.ts';
import { startPreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';
import { rawRequest } from '../../helpers/raw-http.ts';
import { previewTest, writeFixtureBuilds } from './fixture-builds.ts';

const test = previewTest;

const FILE = '/v1/results/latest.json';
/** What a cross-origin script may read: ETag is not CORS-safelisted, so without it `etag` reads null (issue 18). */
const EXPOSED = 'Content-Type, Cache-Control, ETag, Content-Length, If-None-Match';

describe('preview: CORS as the production bucket', () => {
  test.for(['https://nbaprops.com', 'https://www.nbaprops.com', 'http://localhost:3000', 'http://localhost:5173', 'http://127.0.0.1:8080'])(
    'allows %s and exposes Content-Type, Cache-Control, ETag, Content-Length and If-None-Match',
    async (origin, { preview }) => {
      const res = await fetch(new URL(FILE, preview.url), { headers: { origin } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-expose-headers')).toBe(EXPOSED);
      expect(res.headers.get('vary')).toContain('Origin');
    },
  );

  test.for(['https://evil.example', 'https://nbaprops.com.evil.example', 'http://localhost.evil.example', 'https://localhost:3000'])(
    'gives a foreign origin %s no CORS headers (the file itself is still public)',
    async (origin, { preview }) => {
      const res = await fetch(new URL(FILE, preview.url), { headers: { origin } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toBeNull();
    },
  );

  test('a preflight from an allowed origin is answered with methods, headers and max-age 3600', async ({ preview }) => {
    const res = await rawRequest(preview.url, FILE, {
      method: 'OPTIONS',
      headers: { origin: 'https://nbaprops.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://nbaprops.com');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toContain('If-None-Match');
    expect(res.headers['access-control-max-age']).toBe('3600');
    expect(res.body.length).toBe(0);
  });

  test('the preview exposes the headers the production bucket is configured to expose', async ({ preview }) => {
    const res = await fetch(new URL(FILE, preview.url), { headers: { origin: 'https://www.nbaprops.com' } });
    const bucketCors = desiredBucketConfig({ origins: ['https://www.nbaprops.com'], keepDays: 30, prefix: '' }).cors[0]!;
    expect(res.headers.get('access-control-expose-headers')!.split(', ')).toEqual(bucketCors.responseHeader);
    expect(res.headers.get('etag'), 'an ETag to expose').toMatch(/^"[0-9a-f]{64}"$/);
  });

  test('a preflight allows exactly the request headers the bucket allows, If-None-Match among them (issue 22)', async ({ preview }) => {
    // Cloud Storage allows in a preflight only the request headers its CORS responseHeader lists.
    const res = await rawRequest(preview.url, FILE, {
      method: 'OPTIONS',
      headers: { origin: 'https://nbaprops.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    const bucketCors = desiredBucketConfig({ origins: ['https://nbaprops.com'], keepDays: 30, prefix: '' }).cors[0]!;
    expect(String(res.headers['access-control-allow-headers']).split(', ')).toEqual(bucketCors.responseHeader);
    expect(bucketCors.responseHeader).toContain('If-None-Match');
  });

  test('a preflight from a foreign origin gets no CORS headers', async ({ preview }) => {
    const res = await rawRequest(preview.url, FILE, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-max-age']).toBeUndefined();
  });

  test('error responses carry CORS headers too, so a frontend can read the 404', async ({ preview }) => {
    const res = await fetch(new URL('v1/nope.json', preview.url), { headers: { origin: 'https://nbaprops.com' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://nbaprops.com');
  });

  outDirTest('the origins option replaces the default list; loopback dev origins stay allowed', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const server = await startPreviewServer({ outDir, port: 0, origins: ['https://staging.nbaprops.com'] });
    try {
      const allowedOf = async (origin: string): Promise<string | null> =>
        (await fetch(new URL(FILE, server.url), { headers: { origin } })).headers.get('access-control-allow-origin');
      expect(await allowedOf('https://staging.nbaprops.com')).toBe('https://staging.nbaprops.com');
      expect(await allowedOf('https://nbaprops.com')).toBeNull();
      expect(await allowedOf('http://localhost:4321')).toBe('http://localhost:4321');
    } finally {
      await server.close();
    }
  });
});

describe('isAllowedOrigin', () => {
  test('matches exact origins, loopback dev ports and the * wildcard only', () => {
    expect(isAllowedOrigin('https://nbaprops.com', ['https://nbaprops.com'])).toBe(true);
    expect(isAllowedOrigin('https://www.nbaprops.com', ['https://nbaprops.com'])).toBe(false);
    expect(isAllowedOrigin('http://localhost', [])).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:3001', [])).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.2:3001', [])).toBe(false);
    expect(isAllowedOrigin('null', [])).toBe(false);
    expect(isAllowedOrigin('https://any.example', ['*'])).toBe(true);
  });
});

import { describe, expect } from 'vitest';
import { previewOptionsFromFlags, runPreview } from '../../../pipeline/commands/preview.ts';
import type { PreviewRouteContext } from '../../../pipeline/preview/preview-options.ts';
import { formatUrl, startPreviewServer } from '../../../pipeline/preview/preview-server.ts';
import { findRoute } from '../../../pipeline/preview/request-handler.ts';
import { acceptsGzip, matchesIfNoneMatch } from '../../../pipeline/preview/send-entity.ts';
import { outDirTest } from '../../helpers/out-dir-test.ts';
import { writeFixtureBuilds } from './fixture-builds.ts';

const test = outDirTest;

describe('preview: mounted routes (/docs)', () => {
  test('a route handler answers its prefix and everything below it, and nothing else', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const seen: PreviewRouteContext[] = [];
    const server = await startPreviewServer({
      outDir,
      port: 0,
      routes: {
        '/docs': (_request, response, context) => {
          seen.push(context);
          response.writeHead(200, { 'content-type': 'text/plain' }).end(`docs ${context.subpath}`);
        },
      },
    });
    try {
      expect(await (await fetch(new URL('docs', server.url))).text()).toBe('docs /');
      expect(await (await fetch(new URL('docs/results.html', server.url))).text()).toBe('docs /results.html');
      expect((await fetch(new URL('docsx', server.url))).status).toBe(404);
      expect((await fetch(new URL('docs', server.url), { method: 'POST' })).status).toBe(405);
      expect(seen.map((c) => c.pathname)).toEqual(['/docs', '/docs/results.html']);
      expect(await (await fetch(server.url)).text()).toContain('<a href="/docs">');
    } finally {
      await server.close();
    }
  });

  test('a route handler that throws gives a JSON 500', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const server = await startPreviewServer({ outDir, port: 0, routes: { '/docs': () => Promise.reject(new Error('boom')) } });
    try {
      const res = await fetch(new URL('docs', server.url));
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ error: 'Internal error: boom' });
    } finally {
      await server.close();
    }
  });

  test('findRoute picks the longest matching prefix', () => {
    const handler = (): void => undefined;
    const routes = { '/docs': handler, '/docs/api': handler };
    expect(findRoute(routes, '/docs/api/x')?.prefix).toBe('/docs/api');
    expect(findRoute(routes, '/docs/apix')?.prefix).toBe('/docs');
    expect(findRoute(routes, '/doc')).toBeUndefined();
  });
});

describe('props-api preview command', () => {
  test('flags become options; a non-numeric port is refused', () => {
    expect(previewOptionsFromFlags({})).toEqual({ outDir: 'out', host: undefined, port: undefined });
    expect(previewOptionsFromFlags({ out: 'build', port: '0', host: 'localhost' })).toEqual({ outDir: 'build', host: 'localhost', port: 0 });
    expect(() => previewOptionsFromFlags({ port: 'http' })).toThrow('Expected `--port` to be an integer from 0 to 65535, got `http` (string)');
  });

  test('runPreview prints the URL, serves until stopped, then closes', async ({ outDir }) => {
    await writeFixtureBuilds(outDir);
    const lines: string[] = [];
    let servedWhileRunning = 0;
    const urlPrinted = (): string => /(http:\/\/\S+)/.exec(lines[0] ?? '')?.[1] ?? '';
    await runPreview(
      { outDir, port: 0 },
      {
        print: (line) => lines.push(line),
        // Stands in for the shutdown signal: stop as soon as one request has been served.
        untilStopped: async () => {
          servedWhileRunning = (await fetch(new URL('v1/results/latest.json', urlPrinted()))).status;
        },
      },
    );
    expect(servedWhileRunning).toBe(200);
    expect(urlPrinted()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await expect(fetch(urlPrinted())).rejects.toThrow();
  });

  test('runPreview with no build fails before asking to wait', async ({ outDir }) => {
    let waited = false;
    const run = runPreview({ outDir, port: 0 }, { print: () => undefined, untilStopped: async () => void (waited = true) });
    await expect(run).rejects.toMatchObject({ code: 'NoBuildFound' });
    expect(waited).toBe(false);
  });
});

describe('HTTP helpers', () => {
  test('acceptsGzip honours q-values and *', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br, gzip;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  test('matchesIfNoneMatch uses weak comparison over a list', () => {
    expect(matchesIfNoneMatch('"a", "b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('W/"b"', '"b"')).toBe(true);
    expect(matchesIfNoneMatch('"c"', '"b"')).toBe(false);
  });

  test('formatUrl shows wildcard binds as localhost and brackets IPv6', () => {
    expect(formatUrl('127.0.0.1', 4173)).toBe('http://127.0.0.1:4173/');
    expect(formatUrl('0.0.0.0', 80)).toBe('http://localhost:80/');
    expect(formatUrl('::1', 8080)).toBe('http://[::1]:8080/');
  });
});

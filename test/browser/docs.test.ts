/**
 * The docs in real Chromium (from the `@sparticuz/chromium` npm package, or the binary named by
 * PROPS_API_CHROMIUM; driven by playwright-core): seed the sample league into a temporary directory, build it, serve it with the
 * preview server and its docs routes, open /docs, and check that every registered endpoint has
 * its section, that the filter box filters, and that every example link returns 200 with
 * application/json. A screenshot goes to test-output/docs.png. Only loopback traffic.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { createDocsRoutes } from '../../pipeline/docs/docs-route.ts';
import { startPreviewServer, type PreviewServer } from '../../pipeline/preview/preview-server.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { defaultSamplePath } from '../helpers/shared-sample.ts';
import { launchChromium } from '../helpers/chromium.ts';

const SCREENSHOT = path.resolve('test-output', 'docs.png');

let dir: string;
let server: PreviewServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'docs-browser-'));
  const dbPath = await defaultSamplePath();
  await runBuild({ registry: exporters, warehouse: `duckdb:${dbPath}`, outDir: path.join(dir, 'out') });
  server = await startPreviewServer({ outDir: path.join(dir, 'out'), port: 0, routes: createDocsRoutes() });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(new URL('docs', server.url).href);
}, 300_000); // seeding and a full sample build take seconds when idle, much longer on a loaded CI runner

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const visibleSections = () => page.locator('section.endpoint:visible').evaluateAll((nodes) => nodes.map((n) => n.id));

describe('docs in Chromium', () => {
  test('the page is the docs page, and every registered endpoint has a section', async () => {
    expect(new URL(page.url()).pathname).toBe('/docs/');
    const ids = await page.locator('section.endpoint').evaluateAll((nodes) => nodes.map((n) => n.id));
    expect([...ids].sort()).toEqual(exporters.map((e) => e.id).sort());
    expect(await visibleSections()).toHaveLength(exporters.length);
    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  test('the filter box shows only matching endpoints, and all of them again when cleared', async () => {
    const target = exporters.at(-1)!;
    const query = target.id;
    const expected = exporters.filter((e) => [e.id, e.description, e.path, ...(e.aliases ?? []).map((a) => a.path)].join(' ').toLowerCase().includes(query)).map((e) => e.id);
    await page.fill('#filter', query);
    expect(await visibleSections()).toEqual(expected);
    expect(await page.locator('nav li:visible').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-endpoint')))).toEqual(expected);
    await page.fill('#filter', 'no endpoint is called this');
    expect(await visibleSections()).toEqual([]);
    expect(await page.locator('#no-match').isVisible()).toBe(true);
    await page.fill('#filter', '');
    expect(await visibleSections()).toHaveLength(exporters.length);
  });

  test('every example link returns 200 with application/json from the preview tree', async () => {
    const hrefs = await page.locator('a.example-link').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(0);
    const answers = [];
    for (const href of hrefs) {
      const response = await page.request.get(new URL(href, page.url()).href);
      answers.push([href, response.status(), response.headers()['content-type']]);
    }
    expect(answers).toEqual(hrefs.map((href) => [href, 200, 'application/json']));
  });
});

/**
 * The docs in real Chromium (from the `@sparticuz/chromium` npm package, or the binary named by
 * PROPS_API_CHROMIUM; driven by playwright-core), one launch for the file: build the shared sample,
 * serve it with the preview server and its docs routes, and check what issue 22 asks of the page:
 * a first load under 150 KB (bytes on the wire and decoded), sections loaded on demand, a field
 * search that finds `line_value` and jumps to the field, a JavaScript snippet that runs in the
 * page's console context and returns the file, schema links that resolve, and a layout without
 * horizontal scrolling at 375 px. Screenshots at 1280 and 375 px go to test-output/. Only loopback traffic.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import { createDocsRoutes } from '../../pipeline/docs/docs-route.ts';
import { startPreviewServer, type PreviewServer } from '../../pipeline/preview/preview-server.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { defaultSamplePath } from '../helpers/shared-sample.ts';
import { launchChromium } from '../helpers/chromium.ts';

const OUTPUT = path.resolve('test-output');
const FIRST_LOAD_LIMIT_BYTES = 150 * 1024;

let dir: string;
let treeDir: string;
let server: PreviewServer;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
const firstLoad: { url: string; wire: number; decoded: number }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'docs-browser-'));
  const dbPath = await defaultSamplePath();
  treeDir = (await runBuild({ registry: exporters, warehouse: `duckdb:${dbPath}`, outDir: path.join(dir, 'out') })).treeDir!;
  server = await startPreviewServer({ outDir: path.join(dir, 'out'), port: 0, routes: createDocsRoutes() });
  browser = await launchChromium();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await desktop.newPage();
  const measured: Promise<void>[] = [];
  const measure = (request: Request) => measured.push((async () => {
    const sizes = await request.sizes();
    const body = await (await request.response())!.body();
    firstLoad.push({ url: request.url(), wire: sizes.responseHeadersSize + sizes.responseBodySize, decoded: body.length });
  })());
  page.on('requestfinished', measure);
  await page.goto(new URL('docs/', server.url).href, { waitUntil: 'networkidle' });
  await Promise.all(measured);
  page.off('requestfinished', measure);
  await mkdir(OUTPUT, { recursive: true });
}, 300_000); // a full sample build takes seconds when idle, much longer on a loaded CI runner

afterAll(async () => {
  await desktop?.close();
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(file: string): Promise<[number, number]> {
  const bytes = await readFile(file);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

async function screenshot(on: Page, name: string, size: [number, number]): Promise<void> {
  const file = path.join(OUTPUT, name);
  await rm(file, { force: true });
  await on.screenshot({ path: file });
  expect((await stat(file)).size).toBeGreaterThan(1000);
  expect(await pngSize(file)).toEqual(size);
}

/** Navigates to an endpoint (or one of its fields) by hash and waits for its section. */
async function open(on: Page, hash: string): Promise<void> {
  await on.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await on.locator(`section.endpoint[id="${hash.split(':')[0]}"]`).waitFor({ state: 'visible' });
}

const jsSnippet = (on: Page, id: string) => on.locator(`section.endpoint[id="${id}"] .snippet[data-lang="js"] pre`).textContent();

describe('docs in Chromium', () => {
  test('the first load is the page alone, under 150 KB on the wire and decoded, and lists every endpoint', async () => {
    expect(new URL(page.url()).pathname).toBe('/docs/');
    expect(firstLoad.map((r) => new URL(r.url).pathname)).toEqual(['/docs/']);
    const wire = firstLoad.reduce((sum, r) => sum + r.wire, 0);
    const decoded = firstLoad.reduce((sum, r) => sum + r.decoded, 0);
    expect(wire).toBeLessThan(FIRST_LOAD_LIMIT_BYTES);
    expect(decoded).toBeLessThan(FIRST_LOAD_LIMIT_BYTES);
    const listed = await page.locator('nav li[data-endpoint]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-endpoint')));
    expect([...listed].sort()).toEqual(exporters.map((e) => e.id).sort());
    expect(await page.locator('section.endpoint').count(), 'no section before one is asked for').toBe(0);
  });

  test('every endpoint section loads on demand; its example links and schema link resolve on the preview', async () => {
    const answers: [string, number, string | undefined][] = [];
    const expected: [string, number, string][] = [];
    const get = async (href: string) => {
      const response = await page.request.get(new URL(href, page.url()).href);
      answers.push([href, response.status(), response.headers()['content-type']]);
    };
    for (const { id } of exporters) {
      await open(page, id);
      const section = page.locator(`section.endpoint[id="${id}"]`);
      const schemaId = (await section.locator('a.schema-link code').textContent())!;
      const schemaHref = (await section.locator('a.schema-link').getAttribute('href'))!;
      expect(schemaHref, 'the link is the path of the $id').toBe(new URL(schemaId).pathname);
      for (const href of await section.locator('a.example-link').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')!))) {
        await get(href);
        expected.push([href, 200, 'application/json']);
      }
      await get(schemaHref);
      expected.push([schemaHref, 200, 'application/schema+json']);
    }
    expect(answers).toEqual(expected);
    expect(await page.locator('section.endpoint:visible').count(), 'one section shown at a time').toBe(1);
  });

  test('at 1280 px: a screenshot of an endpoint section', async () => {
    await open(page, 'results.daily');
    await page.evaluate('scrollTo(0, 0)');
    await screenshot(page, 'docs-1280.png', [1280, 900]);
  });

  test('the search finds line_value in a field description, and its hit jumps to the field row', async () => {
    await page.evaluate("location.hash = ''");
    await page.fill('#filter', 'line_value');
    const hit = page.locator('#results a[href="#results.daily:results[].line"]');
    await hit.waitFor();
    const hits = await page.locator('#results a').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')));
    expect(hits).toEqual(expect.arrayContaining(['#results.daily:results[].line', '#players.game-report:prop_line.line']));
    expect(await page.locator('nav li[data-endpoint]:visible').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-endpoint')))).toEqual(['results.daily', 'players.game-report']);
    await hit.click();
    const row = page.locator('tr[id="results.daily:results[].line"]');
    await row.waitFor({ state: 'visible' });
    await expect.poll(() => row.evaluate((el) => el.classList.contains('target'))).toBe(true);
    const box = (await row.boundingBox())!; // relative to the viewport
    expect(await page.evaluate<number>('scrollY'), 'the page scrolled down to the row').toBeGreaterThan(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
  });

  test('the search matches field names: recommendation finds fields in several endpoints', async () => {
    await page.fill('#filter', 'recommendation');
    await page.locator('#results a[href="#players.game-report:prop_line.recommendation"]').waitFor();
    const endpoints = new Set(await page.locator('#results a').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('href')!.slice(1).split(':')[0])));
    expect(endpoints.size).toBeGreaterThan(3);
    await page.fill('#filter', '');
    expect(await page.locator('#results').isHidden()).toBe(true);
    expect(await page.locator('nav li[data-endpoint]:visible').count()).toBe(exporters.length);
  });

  test('the JavaScript snippet runs as pasted in the page\'s console context and returns the file the build wrote', async () => {
    await open(page, 'results.daily');
    const code = (await jsSnippet(page, 'results.daily'))!;
    expect(code).not.toMatch(/\b(import|export|interface)\b|: [A-Z]\w+ =/);
    const fetched = /fetch\('([^']+)'\)/.exec(code)![1]!;
    const data = await page.evaluate(code);
    expect(data).toEqual(JSON.parse(await readFile(path.join(treeDir, fetched.slice(1)), 'utf8')));
    expect(await page.locator('section.endpoint[id="results.daily"] .snippet[data-lang="ts"] pre').textContent()).toContain("await api.get('results/{date}.json', { date: '");
  });

  test('at 375 px: no horizontal scroll on the overview, a section or the search; screenshots', async () => {
    // The same page resized: a second browser context crashes the single-process Chromium of @sparticuz/chromium.
    const small = page;
    await small.setViewportSize({ width: 375, height: 812 });
    await small.goto(new URL('docs/', server.url).href, { waitUntil: 'networkidle' });
    const scrollWidth = () => small.evaluate<number>('document.documentElement.scrollWidth');
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await screenshot(small, 'docs-375-overview.png', [375, 812]);
    for (const id of ['results.daily', 'players.profile', 'trends.what-matters']) {
      await open(small, id);
      expect(await scrollWidth(), id).toBeLessThanOrEqual(375);
    }
    await open(small, 'results.daily');
    await small.locator('section.endpoint[id="results.daily"]').scrollIntoViewIfNeeded();
    await screenshot(small, 'docs-375.png', [375, 812]);
    await small.fill('#filter', 'line_value');
    await small.locator('#results a').first().waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
  });
});

/**
 * Issue 22's acceptance for `@props-api/client` (generated/) and the OpenAPI route. One sample build
 * (results.daily for 2025-03-14, and status.json) served by the preview, and one scratch
 * TypeScript project in a temporary directory with generated/ installed as
 * `node_modules/@props-api/client` (a symlink, as `npm install ../generated` makes) and
 * `openapi-fetch`:
 * - types: the issue's snippet, verbatim, and an openapi-fetch call on the types openapi-typescript
 *   generates from generated/openapi.json, type-check in one `tsc --noEmit --strict` run. An
 *   `@ts-expect-error` line that is not an error fails the run (TS2578), so a clean run proves
 *   each of them is one.
 * - Node: `a` deep-equals the file the build wrote, and a second get is answered 304 and served
 *   from the cache; status() reads status.json; openapi-fetch reads the same file.
 * - Chromium: the same from a page on another origin (CORS: the ETag is readable, and the
 *   If-None-Match preflight is allowed), with `validate: true` loading its validator on demand.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import type { ApiClient, ClientOptions } from '../../pipeline/client/runtime.ts';
import { GENERATED_DIR } from '../../pipeline/generate-types.ts';
import { newestLocalBuild } from '../../pipeline/out-dir.ts';
import { startPreviewServer, type PreviewServer } from '../../pipeline/preview/preview-server.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { openFrontend, type Frontend } from '../helpers/chromium.ts';
import { defaultSamplePath } from '../helpers/shared-sample.ts';

const DATE = '2025-03-14';
const SNIPPET = `import { createClient, type ResultsDaily, type PlayerProfile } from '@props-api/client';
const api = createClient({ baseUrl: 'http://127.0.0.1:4173' });
const a: ResultsDaily = await api.get('results/{date}.json', { date: '2025-03-14' });
const b: ResultsDaily = await api.get('results/latest.json');
const p: PlayerProfile = await api.get('players/{player_lookup}.json', { player_lookup: 'x' });
// @ts-expect-error wrong parameter name
await api.get('results/{date}.json', { day: '2025-03-14' });
// @ts-expect-error unknown path
await api.get('results/nope.json');
// @ts-expect-error a profile is not a results file
const c: ResultsDaily = await api.get('players/{player_lookup}.json', { player_lookup: 'x' });
`;
const OPENAPI_FETCH_CHECK = `import createClient from 'openapi-fetch';
import type { paths } from './openapi.js';
const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4173' });
const { data } = await client.GET('/v1/results/{date}.json', { params: { path: { date: '2025-03-14' } } });
export const winRate: number | null | undefined = data?.summary.win_rate;
// @ts-expect-error unknown path
await client.GET('/v1/results/nope.json');
// @ts-expect-error a results file has no such field
export const wrong: string | undefined = data?.summary.nope;
`;

/** The frontend page: it imports the package as an ES module and hands it to the test. */
const FRONTEND_PAGE = `<!doctype html><title>frontend</title>
<script type="module">import * as client from '/pkg/index.js'; window.propsClient = client;</script>`;

let dir: string;
let app: string;
let preview: PreviewServer;
let expected: unknown;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'typed-client-'));
  const outDir = path.join(dir, 'out');
  await runBuild({ registry: exporters, warehouse: `duckdb:${await defaultSamplePath()}`, outDir, only: ['results.daily', 'status.status'], dates: [DATE] });
  const build = (await newestLocalBuild(outDir))!;
  expected = JSON.parse(await readFile(path.join(build.dir, 'v1', 'results', `${DATE}.json`), 'utf8'));
  preview = await startPreviewServer({ outDir, port: 0 });
  app = await writeScratchProject(path.join(dir, 'app'));
}, 300_000);

afterAll(async () => {
  await preview?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function writeScratchProject(root: string): Promise<string> {
  await mkdir(path.join(root, 'node_modules', '@props-api'), { recursive: true });
  await symlink(GENERATED_DIR, path.join(root, 'node_modules', '@props-api', 'client'), 'dir');
  await symlink(path.resolve('node_modules', 'openapi-fetch'), path.join(root, 'node_modules', 'openapi-fetch'), 'dir');
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'frontend', private: true, type: 'module' }));
  const compilerOptions = { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false };
  await writeFile(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['snippet.ts', 'openapi-fetch-check.ts'] }));
  await writeFile(path.join(root, 'snippet.ts'), SNIPPET);
  await writeFile(path.join(root, 'openapi-fetch-check.ts'), OPENAPI_FETCH_CHECK);
  await writeFile(path.join(root, 'openapi.d.ts'), astToString(await openapiTS(pathToFileURL(path.join(GENERATED_DIR, 'openapi.json')))));
  return root;
}

/** The package's root module; its per-path types are the scratch project's to check, not this file's. */
type ClientModule = { createClient: (options: ClientOptions) => ApiClient<Record<string, { params: Record<string, string>; payload: unknown }>> };

/** A `fetch` that records each response's status. */
function recordingFetch(statuses: number[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
}

describe('types', () => {
  test('the issue\'s snippet and an openapi-fetch call type-check with tsc --noEmit --strict, each @ts-expect-error an error', async () => {
    const tsc = path.resolve('node_modules', 'typescript', 'bin', 'tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--strict', '-p', app]).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  }, 120_000);
});

describe('Node, against the preview', () => {
  test('a deep-equals the file the build wrote; the second get is a 304 served from the cache', async () => {
    const { createClient } = await import(pathToFileURL(path.join(app, 'node_modules', '@props-api', 'client', 'index.js')).href) as ClientModule;
    const statuses: number[] = [];
    const api = createClient({ baseUrl: preview.url, fetch: recordingFetch(statuses) });
    const a = await api.get('results/{date}.json', { date: DATE });
    expect(a).toEqual(expected);
    expect(await api.get('results/{date}.json', { date: DATE })).toEqual(expected);
    expect(statuses).toEqual([200, 304]);
    const checked = createClient({ baseUrl: preview.url, validate: true });
    expect(await checked.get('results/{date}.json', { date: DATE })).toEqual(expected);
    const { status, freshness } = await api.status();
    const entry = (status as { endpoints: { exporter: string; status: string }[] }).endpoints.find((e) => e.exporter === 'results.daily')!;
    expect(freshness('results/{date}.json', new Date((status as { updated_at: string }).updated_at))).toMatchObject({ exporter: 'results.daily', status: entry.status, stale: entry.status !== 'fresh' });
  });

  test('openapi-fetch on generated/openapi.json reads the same file', async () => {
    const { default: createOpenApiClient } = await import('openapi-fetch');
    const client = createOpenApiClient({ baseUrl: preview.url.replace(/\/$/, '') });
    const { data, response } = await client.GET('/v1/results/{date}.json' as never, { params: { path: { date: DATE } } } as never);
    expect(response.status).toBe(200);
    expect(data).toEqual(expected);
  });
});

describe('Chromium, from another origin', () => {
  let frontend: Frontend;

  beforeAll(async () => {
    // The frontend's origin serves the package (generated/) as a bundler would ship it.
    frontend = await openFrontend((request, response) => {
      const url = new URL(request.url ?? '/', 'http://frontend');
      if (!url.pathname.startsWith('/pkg/')) return void response.writeHead(200, { 'content-type': 'text/html' }).end(FRONTEND_PAGE);
      const file = path.join(GENERATED_DIR, path.normalize(url.pathname.slice('/pkg/'.length)));
      if (!file.startsWith(GENERATED_DIR) || !file.endsWith('.js')) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'text/javascript' });
      createReadStream(file).on('error', () => response.end()).pipe(response);
    });
  }, 120_000);

  afterAll(async () => {
    await frontend?.close();
  });

  test('a deep-equals the built file, the second get is a 304 from the cache, and validate: true passes', async () => {
    const page = await frontend.browser.newPage();
    await page.goto(frontend.url);
    expect(new URL(preview.url).origin, 'the API is cross-origin').not.toBe(new URL(page.url()).origin);
    await page.waitForFunction(() => 'propsClient' in globalThis);
    const seen = await page.evaluate(async ({ baseUrl, date }) => {
      const { createClient } = (globalThis as unknown as { propsClient: ClientModule }).propsClient;
      const statuses: number[] = [];
      const recording: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        return response;
      };
      const api = createClient({ baseUrl, fetch: recording });
      const a = await api.get('results/{date}.json', { date });
      const b = await api.get('results/{date}.json', { date });
      const validated = await createClient({ baseUrl, validate: true }).get('results/{date}.json', { date });
      return { a, b, validated, statuses };
    }, { baseUrl: preview.url, date: DATE });
    await page.close();
    expect(seen.statuses, 'the ETag is readable cross-origin and the If-None-Match preflight is allowed').toEqual([200, 304]);
    expect(seen.a).toEqual(expected);
    expect(seen.b).toEqual(expected);
    expect(seen.validated).toEqual(expected);
  });
});

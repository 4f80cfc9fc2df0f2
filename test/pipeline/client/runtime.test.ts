/**
 * The typed client's runtime (issue 22) against a fake API (an in-memory `fetch` that serves files
 * with ETags and records every request), with the generated path table: URLs, the build's path
 * rules checked before any request, the ETag cache, the typed errors, lazy validation and
 * status() freshness.
 */
import { describe, expect, test } from 'vitest';
import { TABLE } from '../../../generated/endpoints.js';
import { createApiClient, HttpError, InvalidParams, InvalidPayload, NotFound, type ClientOptions, type EndpointTable } from '../../../pipeline/client/runtime.ts';
import { loadSchemaFiles } from '../../../pipeline/schema-registry.ts';
import { useTally } from '../../helpers/fault-tally.ts';

const table = TABLE as EndpointTable;
const tally = useTally('typed-client');
const BASE = 'https://api.test';

/** Files by URL path; a request with a matching If-None-Match gets 304. */
class FakeApi {
  readonly files = new Map<string, { body: string; etag?: string; status?: number }>();
  readonly requests: { url: string; ifNoneMatch: string | null }[] = [];
  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
    this.requests.push({ url, ifNoneMatch });
    const file = this.files.get(new URL(url).pathname);
    if (!file) return new Response('not found', { status: 404 });
    if (file.status) return new Response('', { status: file.status });
    if (file.etag && ifNoneMatch === file.etag) return new Response(null, { status: 304, headers: { etag: file.etag } });
    return new Response(file.body, { status: 200, headers: file.etag ? { etag: file.etag } : {} });
  }) as typeof fetch;
}

function clientOf(api: FakeApi, options: Partial<ClientOptions> = {}) {
  // Untyped here: the per-path types are the acceptance test's (test/browser/typed-client.test.ts).
  return createApiClient<Record<string, { params: Record<string, string>; payload: unknown }>>({ baseUrl: BASE, fetch: api.fetch, ...options }, table);
}

describe('paths and parameters', () => {
  test('the table is the build\'s: every path template and alias, the slug rule of pipeline/paths.ts', async () => {
    const { PATH_SEGMENT_PATTERN } = await import('../../../pipeline/paths.ts');
    const { exporters } = await import('../../../exporters/index.ts');
    expect(table.segment.source).toBe(PATH_SEGMENT_PATTERN.source);
    expect(Object.keys(table.endpoints).sort()).toEqual(exporters.flatMap((e) => [e.path, ...(e.aliases ?? []).map((a) => a.path)]).sort());
    expect(table.endpoints['players/{player_lookup}.json']).toMatchObject({ exporter: 'players.profile', params: [['player_lookup', 'slug']] });
  });

  test.each([
    ['https://api.test', 'https://api.test/v1/results/2025-03-14.json'],
    ['https://api.test/', 'https://api.test/v1/results/2025-03-14.json'],
    ['https://cdn.test/props', 'https://cdn.test/props/v1/results/2025-03-14.json'],
  ])('baseUrl %s → %s', (baseUrl, expected) => {
    expect(clientOf(new FakeApi(), { baseUrl }).url('results/{date}.json', { date: '2025-03-14' })).toBe(expected);
  });

  test.each([
    ['results/{date}.json', { date: '2025-02-30' }, /calendar date/],
    ['results/{date}.json', { date: '20250314' }, /calendar date/],
    ['results/{date}.json', { date: '../2025-03-14' }, /must be a slug/],
    ['results/{date}.json', {}, /must be a slug/],
    ['results/{date}.json', { date: '2025-03-14', day: 'x' }, /takes date, not day/],
    ['players/{player_lookup}.json', { player_lookup: 'LeBron' }, /must be a slug/],
    ['players/{player_lookup}.json', { player_lookup: '' }, /must be a slug/],
    ['players/{player_lookup}.json', { player_lookup: 'a/b' }, /must be a slug/],
    ['results/latest.json', { date: '2025-03-14' }, /takes no parameters, not date/],
    ['results/nope.json', {}, /Unknown path "results\/nope.json"/],
    ['toString', {}, /Unknown path/],
  ])('%s with %j is refused before any request', async (path, params, message) => {
    tally.add('badInputs');
    const api = new FakeApi();
    await expect(clientOf(api).get(path, params as never)).rejects.toThrow(message);
    await expect(clientOf(api).get(path, params as never)).rejects.toBeInstanceOf(InvalidParams);
    expect(api.requests).toEqual([]);
  });
});

describe('fetching', () => {
  test('a second get revalidates with If-None-Match; 304 serves the cached body, a new ETag the new one', async () => {
    const api = new FakeApi();
    api.files.set('/v1/results/latest.json', { body: '{"n":1}', etag: '"a"' });
    const client = clientOf(api);
    expect(await client.get('results/latest.json', {})).toEqual({ n: 1 });
    expect(await client.get('results/latest.json', {})).toEqual({ n: 1 });
    api.files.set('/v1/results/latest.json', { body: '{"n":2}', etag: '"b"' });
    expect(await client.get('results/latest.json', {})).toEqual({ n: 2 });
    expect(api.requests.map((r) => r.ifNoneMatch)).toEqual([null, '"a"', '"a"']);
  });

  test('the cache keeps the cacheSize most recently used bodies; 0 keeps none', async () => {
    const api = new FakeApi();
    for (const date of ['2025-03-01', '2025-03-02', '2025-03-03']) api.files.set(`/v1/results/${date}.json`, { body: '{}', etag: `"${date}"` });
    const client = clientOf(api, { cacheSize: 2 });
    const get = (date: string) => client.get('results/{date}.json', { date });
    await get('2025-03-01');
    await get('2025-03-02');
    await get('2025-03-01'); // used again: 03-02 is now the least recently used
    await get('2025-03-03'); // a third body: 03-02 goes (first in, first out would drop 03-01)
    await get('2025-03-01'); // still cached
    await get('2025-03-02'); // gone
    expect(api.requests.map((r) => r.ifNoneMatch)).toEqual([null, null, '"2025-03-01"', null, '"2025-03-01"', null]);
    const uncached = clientOf(api, { cacheSize: 0 });
    await uncached.get('results/{date}.json', { date: '2025-03-01' });
    await uncached.get('results/{date}.json', { date: '2025-03-01' });
    expect(api.requests.slice(-2).map((r) => r.ifNoneMatch)).toEqual([null, null]);
  });

  test('a body without an ETag is not cached', async () => {
    const api = new FakeApi();
    api.files.set('/v1/status.json', { body: '{}' });
    await clientOf(api).get('status.json', {});
    const client = clientOf(api);
    await client.get('status.json', {});
    await client.get('status.json', {});
    expect(api.requests.map((r) => r.ifNoneMatch)).toEqual([null, null, null]);
  });

  test('404 is NotFound (an HttpError), 503 an HttpError, a body that is not JSON InvalidPayload', async () => {
    const api = new FakeApi();
    api.files.set('/v1/status.json', { body: '', status: 503 });
    api.files.set('/v1/results/latest.json', { body: '<html>', etag: '"x"' });
    const client = clientOf(api);
    const missing = await client.get('results/{date}.json', { date: '2025-03-14' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFound);
    expect(missing).toMatchObject({ status: 404, url: `${BASE}/v1/results/2025-03-14.json` });
    await expect(client.get('status.json', {})).rejects.toThrow(HttpError);
    await expect(client.get('status.json', {})).rejects.toMatchObject({ status: 503, name: 'HttpError' });
    await expect(client.get('results/latest.json', {})).rejects.toBeInstanceOf(InvalidPayload);
  });
});

describe('validate: true', () => {
  test('a schema example passes; a payload with a wrong field type fails naming the field', async () => {
    const schemas = await loadSchemaFiles();
    const example = (schemas.find((s) => s.file === 'results/daily.schema.json')!.schema.examples as object[])[0]!;
    const api = new FakeApi();
    api.files.set('/v1/results/2025-03-14.json', { body: JSON.stringify(example), etag: '"1"' });
    api.files.set('/v1/results/latest.json', { body: JSON.stringify({ ...example, summary: { ...(example as { summary: object }).summary, win_rate: 'high' } }), etag: '"2"' });
    const client = clientOf(api, { validate: true });
    expect(await client.get('results/{date}.json', { date: '2025-03-14' })).toEqual(example);
    const error = await client.get('results/latest.json', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPayload);
    expect((error as InvalidPayload).problems.join('\n')).toMatch(/\/summary\/win_rate/);
  });

  test('without validate the validator is never loaded', async () => {
    let loads = 0;
    const counting: EndpointTable = { ...table, endpoints: { 'status.json': { ...table.endpoints['status.json']!, validator: () => { loads += 1; return table.endpoints['status.json']!.validator(); } } } };
    const api = new FakeApi();
    api.files.set('/v1/status.json', { body: '{}', etag: '"s"' });
    await createApiClient({ baseUrl: BASE, fetch: api.fetch }, counting).get('status.json' as never, {} as never);
    expect(loads).toBe(0);
    await expect(createApiClient({ baseUrl: BASE, fetch: api.fetch, validate: true }, counting).get('status.json' as never, {} as never)).rejects.toBeInstanceOf(InvalidPayload);
    expect(loads).toBe(1);
  });
});

describe('status()', () => {
  const UPDATED = '2025-03-15T12:00:00.000Z';
  const entry = (exporter: string, status: string, warn: number, reason: string | null = null) => ({ exporter, status, reason, warn_after_minutes: warn });
  const statusFile = {
    updated_at: UPDATED,
    endpoints: [entry('results.daily', 'fresh', 1560), entry('live.scores', 'stale', 10, 'past_warn_after'), entry('status.status', 'fresh', 120)],
  };
  const at = (minutesAfter: number) => new Date(Date.parse(UPDATED) + minutesAfter * 60_000);

  test('each endpoint by its path: status.json\'s verdict while status.json is within its own warn threshold', async () => {
    const api = new FakeApi();
    api.files.set('/v1/status.json', { body: JSON.stringify(statusFile), etag: '"s"' });
    const report = await clientOf(api).status();
    expect(report.status).toEqual(statusFile);
    expect(report.freshness('results/{date}.json', at(119))).toEqual({ exporter: 'results.daily', status: 'fresh', stale: false, reason: null });
    expect(report.freshness('results/latest.json', at(119)).stale).toBe(false);
    expect(report.freshness('live/{date}.json', at(0))).toEqual({ exporter: 'live.scores', status: 'stale', stale: true, reason: 'past_warn_after' });
  });

  test('once status.json is older than its own warn threshold (120 min), every endpoint counts as stale', async () => {
    const api = new FakeApi();
    api.files.set('/v1/status.json', { body: JSON.stringify(statusFile), etag: '"s"' });
    const report = await clientOf(api).status();
    expect(report.freshness('results/{date}.json', at(120))).toEqual({ exporter: 'results.daily', status: 'fresh', stale: true, reason: 'status_outdated' });
    expect(report.freshness('players/index.json', at(0))).toEqual({ exporter: 'players.index', status: 'unknown', stale: true, reason: 'not_listed' });
  });
});

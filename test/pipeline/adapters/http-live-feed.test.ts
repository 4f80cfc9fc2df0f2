/**
 * The balldontlie adapter against a loopback server (issue 5): recorded-shape pages, pagination,
 * an empty slate, a slow answer (timeout), 429 with Retry-After, 500s, truncated JSON (in the body
 * and at the transport), a refused key, and the API key in the Authorization header but never in
 * an error message or log line. Waits between attempts go through a recording `sleep`, so nothing
 * here depends on elapsed time.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpLiveFeed, type HttpLiveFeedOptions } from '../../../pipeline/adapters/http-live-feed.ts';
import { formatErrorChain } from '../../../pipeline/errors.ts';
import { createMemoryLogger } from '../../../pipeline/logger.ts';
import { bdlGame, bdlPlayer, startFeedServer, type FeedServer } from '../../helpers/live-feed-server.ts';

const KEY = 'bdl-test-key-5f0c1e9a7d';
const REQUEST = { gameDate: '2025-03-15', asOf: '2025-03-16T01:30:00Z' };
const logger = createMemoryLogger();
let server: FeedServer;
let sleeps: number[];

beforeAll(async () => { server = await startFeedServer(); });
afterAll(async () => {
  await server.close();
  expect(logger.lines.join('\n')).not.toContain(KEY); // every log line of the whole file
});

function feed(options: Partial<HttpLiveFeedOptions> = {}) {
  sleeps = [];
  return createHttpLiveFeed({ baseUrl: server.baseUrl, apiKey: KEY, timeoutMs: 5_000, attempts: 3, sleep: async (ms) => { sleeps.push(ms); }, random: () => 0.5, logger, ...options });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; text: string }> {
  const error = await promise.then(() => { throw new Error('expected the poll to fail'); }, (e: unknown) => e as { code: string });
  const text = formatErrorChain(error, true);
  expect(text).not.toContain(KEY);
  return { code: error.code, text };
}

const night = [
  bdlGame({ id: 18447237, status: '3rd Qtr', period: 3, time: 'Q3 5:42', home: 'NYK', away: 'BOS', homePlayers: [bdlPlayer('José', 'Álvarez', { id: 11, pts: 21, min: '28:30' })], awayPlayers: [bdlPlayer('Bram', 'Okafor', { id: 12, pts: 14 })] }),
  bdlGame({ id: 18447238, status: 'Final', period: 4, home: 'GSW', away: 'LAL', homePlayers: [bdlPlayer('Nico', 'Ólafsson', { id: 13, pts: 30 }), { min: '10', pts: 2, player: { first_name: 'No', last_name: 'Id' } }] }),
  bdlGame({ status: '2025-03-16T02:00:00Z', period: 0, time: null, home: 'UTA', away: 'MIN' }),
];

describe('createHttpLiveFeed', () => {
  test('reads a recorded-shape page: statuses, teams, stats, ids; sends the key as balldontlie expects', async () => {
    server.play([{ body: { data: night, meta: { per_page: 100 } } }]);
    const snapshot = await feed().fetchSnapshot(REQUEST);
    expect(server.requests).toEqual([{ path: '/v1/box_scores/live?per_page=100', authorization: KEY }]);
    expect(snapshot.games.map((g) => [g.feedGameId, g.status, g.period, g.clock, g.home.tricode, g.home.score, g.away.score])).toEqual([
      ['18447237', 'in_progress', 3, 'Q3 5:42', 'NYK', 21, 14], ['18447238', 'final', 4, null, 'GSW', 32, 0], [null, 'scheduled', 0, null, 'UTA', 0, 0],
    ]);
    expect(snapshot.games[0]!.home.players[0]).toMatchObject({ feedPlayerId: 11, firstName: 'José', lastName: 'Álvarez', minutes: '28:30', points: 21, rebounds: 5, turnovers: 2 });
    expect(snapshot.games[1]!.home.players.map((p) => p.feedPlayerId)).toEqual([13]); // the line without a player id is dropped (its points stay in the team score)
    expect(snapshot.source).not.toContain(KEY);
  });

  test('follows meta.next_cursor across pages', async () => {
    server.play([{ body: { data: night.slice(0, 2), meta: { next_cursor: 42, per_page: 2 } } }, { body: { data: night.slice(2), meta: { per_page: 2 } } }]);
    const snapshot = await feed().fetchSnapshot(REQUEST);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/box_scores/live?per_page=100', '/v1/box_scores/live?per_page=100&cursor=42']);
    expect(snapshot.games).toHaveLength(3);
  });

  test('an empty slate is a real, quiet answer', async () => {
    server.play([{ body: { data: [], meta: { per_page: 100 } } }]);
    expect((await feed().fetchSnapshot(REQUEST)).games).toEqual([]);
  });

  test('a slow answer times out, is retried, then fails as LiveFeedUnavailable', async () => {
    server.play([{ hang: true }]);
    const { code, text } = await failure(feed({ timeoutMs: 100 }).fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedUnavailable');
    expect(text).toMatch(/no complete answer within 100 ms after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  test('429 waits for Retry-After, then succeeds', async () => {
    server.play([{ status: 429, headers: { 'retry-after': '2' } }, { body: { data: night, meta: {} } }]);
    expect((await feed().fetchSnapshot(REQUEST)).games).toHaveLength(3);
    expect(sleeps).toEqual([2000]);
  });

  test('a Retry-After longer than a poll may wait fails the poll at once', async () => {
    server.play([{ status: 429, headers: { 'retry-after': '600' } }]);
    const { code, text } = await failure(feed({ maxRetryAfterMs: 60_000 }).fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedUnavailable');
    expect(text).toMatch(/asked to wait 600 s/);
    expect(server.requests).toHaveLength(1);
  });

  test('500s back off exponentially and recover; persistent 500s fail as LiveFeedUnavailable', async () => {
    server.play([{ status: 500 }, { status: 503 }, { body: { data: [], meta: {} } }]);
    await feed().fetchSnapshot(REQUEST);
    expect(sleeps).toEqual([250, 500]); // random 0.5 × 500 ms, then × 2
    server.play([{ status: 500, body: { error: `internal error for ${KEY}` } }]);
    const { code, text } = await failure(feed().fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedUnavailable');
    expect(text).toMatch(/HTTP 500 after 3 attempts/);
  });

  test('truncated JSON is LiveFeedMalformed and not retried', async () => {
    const full = JSON.stringify({ data: night, meta: {} });
    server.play([{ body: full.slice(0, 180) }]);
    const { code, text } = await failure(feed().fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedMalformed');
    expect(text).toMatch(/180 bytes that are not complete JSON/);
    expect(server.requests).toHaveLength(1);
  });

  test('a body cut short at the transport is a dropped connection: retried, then LiveFeedUnavailable', async () => {
    server.play([{ body: { data: night, meta: {} }, cutAfterBytes: 50 }]);
    const { code } = await failure(feed().fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedUnavailable');
    expect(server.requests).toHaveLength(3);
  });

  test('an unexpected shape names the bad value, with any echo of the key scrubbed', async () => {
    server.play([{ body: { data: [{ ...night[0], home_team: null }], meta: {} } }]);
    expect(await failure(feed().fetchSnapshot(REQUEST))).toMatchObject({ code: 'LiveFeedMalformed', text: expect.stringMatching(/`data\[0\]\.home_team` should be an object, got null/) });
    server.play([{ body: { data: KEY } }]);
    expect((await failure(feed().fetchSnapshot(REQUEST))).text).toMatch(/`data` should be an array of games, got a string of 23 characters/);
    expect(KEY).toHaveLength(23);
  });

  test('401 is LiveFeedRejected at once, naming the variable but never the key', async () => {
    server.play([{ status: 401 }]);
    const { code, text } = await failure(feed().fetchSnapshot(REQUEST));
    expect(code).toBe('LiveFeedRejected');
    expect(text).toMatch(/HTTP 401 \(check BALLDONTLIE_API_KEY/);
    expect(server.requests).toHaveLength(1);
    server.play([{ status: 401 }]);
    expect((await failure(feed({ apiKey: undefined }).fetchSnapshot(REQUEST))).text).toMatch(/no API key is set/);
    expect(server.requests[0]!.authorization).toBeUndefined();
  });

  test('a cursor that repeats is malformed instead of an endless poll', async () => {
    server.play([{ body: { data: [], meta: { next_cursor: 7 } } }]);
    expect((await failure(feed().fetchSnapshot(REQUEST))).code).toBe('LiveFeedMalformed');
  });
});

/**
 * A loopback balldontlie server that pages real games for the HTTP live feed
 * (`GET /v1/box_scores/live`): it serves the games a test sets, in balldontlie's JSON shape, a
 * few games per page with numeric cursors, or
 * raw bodies verbatim (malformed-feed cases). With `apiKey` set it answers 401 unless the
 * `Authorization` header carries exactly that key, which proves the adapter sent it. Listens on
 * 127.0.0.1 only. `toBalldontlieGame` is the inverse of pipeline/live/balldontlie-payload.ts.
 * Unlike the scripted server in live-feed-server.ts, answers depend only on the cursor, so a
 * request retried after a fault gets the same page.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LiveFeedGame, LiveFeedPlayer, LiveFeedTeam } from '../../pipeline/ports.ts';

export interface PagedFeedServer {
  /** API base to pass as `baseUrl` / `--feed-url`: `http://127.0.0.1:<port>/v1`. */
  readonly url: string;
  /** Requests received, in order (the Authorization header is kept only as "matched" or not). */
  readonly requests: { path: string; keyMatched: boolean }[];
  setGames(games: readonly LiveFeedGame[]): void;
  /** Serve these bodies, one per page in order (the last repeats); `undefined` goes back to games. */
  setRaw(bodies: readonly string[] | undefined): void;
  close(): Promise<void>;
}

export function toBalldontlieGame(game: LiveFeedGame): Record<string, unknown> {
  return {
    ...(game.feedGameId === null ? {} : { id: Number.isNaN(Number(game.feedGameId)) ? game.feedGameId : Number(game.feedGameId) }),
    ...(game.date === null ? {} : { date: game.date }),
    status: game.statusText,
    period: game.period,
    time: game.clock,
    home_team: teamOf(game.home),
    visitor_team: teamOf(game.away),
    home_team_score: game.home.score,
    visitor_team_score: game.away.score,
  };
}

function teamOf(team: LiveFeedTeam): Record<string, unknown> {
  return { abbreviation: team.tricode, players: team.players.map(playerOf) };
}

function playerOf(p: LiveFeedPlayer): Record<string, unknown> {
  return {
    player: { id: p.feedPlayerId, first_name: p.firstName, last_name: p.lastName },
    min: p.minutes, pts: p.points, reb: p.rebounds, ast: p.assists, stl: p.steals, blk: p.blocks, turnover: p.turnovers,
    fgm: p.fgMade, fga: p.fgAttempted, fg3m: p.fg3Made, fg3a: p.fg3Attempted, ftm: p.ftMade, fta: p.ftAttempted,
  };
}

export async function startPagedFeedServer(options: { apiKey?: string; gamesPerPage?: number } = {}): Promise<PagedFeedServer> {
  const perPage = options.gamesPerPage ?? 2;
  let games: readonly LiveFeedGame[] = [];
  let raw: readonly string[] | undefined;
  const requests: PagedFeedServer['requests'] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const keyMatched = options.apiKey !== undefined && req.headers.authorization === options.apiKey;
    requests.push({ path: `${url.pathname}${url.search}`, keyMatched });
    const reply = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (url.pathname !== '/v1/box_scores/live') return reply(404, JSON.stringify({ error: 'not found' }));
    if (options.apiKey !== undefined && !keyMatched) return reply(401, JSON.stringify({ error: 'Unauthorized' }));
    const cursor = Number(url.searchParams.get('cursor') ?? '0');
    if (raw) return reply(200, raw[Math.min(cursor, raw.length - 1)]!);
    const page = games.slice(cursor, cursor + perPage).map(toBalldontlieGame);
    const next = cursor + perPage < games.length ? cursor + perPage : null;
    reply(200, JSON.stringify({ data: page, meta: { per_page: perPage, ...(next === null ? {} : { next_cursor: next }) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    setGames: (next) => void ((games = next), (raw = undefined)),
    setRaw: (bodies) => void (raw = bodies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

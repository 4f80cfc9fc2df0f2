/**
 * A loopback stand-in for balldontlie's live box scores (node:http on 127.0.0.1, port 0): it plays
 * a script of answers, one per request (the last one repeats), and records what each request
 * carried. Answers can hang (to trip a client timeout), cut the body short, or be any status,
 * header and body; `bdlGame` builds a game in the recorded shape of `/v1/box_scores/live`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
  /** Declare the full length but send only this many bytes, then drop the connection. */
  cutAfterBytes?: number;
}

export interface RecordedRequest { path: string; authorization: string | undefined }

export interface FeedServer {
  /** Base URL to give the adapter (`http://127.0.0.1:PORT/v1`). */
  baseUrl: string;
  requests: RecordedRequest[];
  play(script: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  let script: ScriptedAnswer[] = [{ body: { data: [], meta: { per_page: 100 } } }];
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    const answer = script[Math.min(requests.length - 1, script.length - 1)]!;
    if (answer.hang) return;
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...answer.headers });
    if (answer.cutAfterBytes !== undefined) {
      res.write(text.slice(0, answer.cutAfterBytes));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    play(next) { script = next; requests.length = 0; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

let nextPlayerId = 1000;

/** A player line in balldontlie's shape. */
export function bdlPlayer(first: string, last: string, stats: { pts: number; min?: string | null } & Record<string, unknown>) {
  return {
    min: stats.min === undefined ? '24' : stats.min, fgm: 5, fga: 11, fg3m: 1, fg3a: 4, ftm: 2, fta: 3, oreb: 1, dreb: 4, reb: 5, ast: 3, stl: 1, blk: 0,
    turnover: 2, pf: 2, ...stats, player: { id: (stats.id as number | undefined) ?? nextPlayerId++, first_name: first, last_name: last, position: 'G', jersey_number: '1' },
  };
}

/** A game of the live box scores in balldontlie's recorded shape. */
export function bdlGame(g: { id?: number; date?: string; status: string; period: number; time?: string | null; home: string; away: string; homePlayers?: unknown[]; awayPlayers?: unknown[] }) {
  const team = (abbreviation: string, players: unknown[] = []) => ({ id: abbreviation.charCodeAt(0), conference: 'East', division: 'Atlantic', city: 'City', name: 'Team', full_name: `${abbreviation} Team`, abbreviation, players });
  const sum = (players: unknown[] = []) => players.reduce((s: number, p) => s + ((p as { pts: number }).pts ?? 0), 0);
  return {
    ...(g.id === undefined ? {} : { id: g.id }), date: g.date ?? '2025-03-15', datetime: `${g.date ?? '2025-03-15'}T23:30:00.000Z`, season: 2024, postseason: false,
    status: g.status, period: g.period, time: g.time === undefined ? ' ' : g.time, home_team_score: sum(g.homePlayers), visitor_team_score: sum(g.awayPlayers),
    home_team: team(g.home, g.homePlayers), visitor_team: team(g.away, g.awayPlayers),
  };
}

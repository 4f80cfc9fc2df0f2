/**
 * Live-feed fakes and builders for tests: a feed that answers a fixed snapshot (or a fault), and
 * terse builders for feed games and player lines in the normalised shape of the LiveFeed port.
 */
import { ExportError, LiveFeedError, type ErrorCode } from '../../pipeline/errors.ts';
import type { LiveFeed, LiveFeedGame, LiveFeedPlayer, LiveGameStatus } from '../../pipeline/ports.ts';

/** What a golden case's feed answers: a list of games, or a fault with its permanent code. */
export type LiveCaseFeed = readonly LiveFeedGame[] | { fault: ErrorCode; message?: string };

export interface FakeLiveFeed extends LiveFeed {
  /** Snapshots asked for so far. */
  polls: number;
}

export function createStaticLiveFeed(answer: LiveCaseFeed | (() => LiveCaseFeed)): FakeLiveFeed {
  const feed: FakeLiveFeed = {
    description: 'static test feed',
    polls: 0,
    async fetchSnapshot() {
      feed.polls += 1;
      const now = typeof answer === 'function' ? answer() : answer;
      if ('fault' in now) throw new LiveFeedError(now.fault, now.message ?? `test feed fault ${now.fault}`);
      return { source: feed.description, games: now };
    },
  };
  return feed;
}

/** For cases without a feed: planning a live endpoint there is a mistake in the case. */
export const noLiveFeed: LiveFeed = {
  description: 'no feed (the case gives none)',
  fetchSnapshot: () => Promise.reject(new ExportError('InvalidOption', 'this golden case has no `live` feed; add one to build live endpoints')),
};

export interface PlayerLineInput {
  id: number;
  first: string;
  last: string;
  min?: string | null;
  pts?: number;
  reb?: number;
  ast?: number;
}

export function feedPlayer(p: PlayerLineInput): LiveFeedPlayer {
  return {
    feedPlayerId: p.id, firstName: p.first, lastName: p.last, minutes: p.min === undefined ? '30' : p.min, points: p.pts ?? 0,
    rebounds: p.reb ?? 0, assists: p.ast ?? 0, steals: 0, blocks: 0, turnovers: 0, fgMade: 0, fgAttempted: 0, fg3Made: 0, fg3Attempted: 0, ftMade: 0, ftAttempted: 0,
  };
}

export interface GameInput {
  id?: string | null;
  date?: string | null;
  status: LiveGameStatus;
  period?: number;
  clock?: string | null;
  home: string;
  away: string;
  homePlayers?: PlayerLineInput[];
  awayPlayers?: PlayerLineInput[];
}

/** A feed game; team scores are the sums of the players' points, as in a real box score. */
export function feedGame(g: GameInput): LiveFeedGame {
  const team = (tricode: string, players: PlayerLineInput[] = []) => {
    const lines = players.map(feedPlayer);
    return { tricode, score: lines.reduce((sum, p) => sum + p.points, 0), players: lines };
  };
  const period = g.period ?? (g.status === 'scheduled' ? 0 : g.status === 'final' ? 4 : 2);
  return {
    feedGameId: g.id === undefined ? '9000001' : g.id, date: g.date === undefined ? null : g.date, status: g.status,
    statusText: g.status === 'final' ? 'Final' : g.status === 'in_progress' ? `${period} Qtr` : '7:30 pm ET', period,
    clock: g.clock === undefined ? (g.status === 'in_progress' ? '6:00' : null) : g.clock,
    home: team(g.home, g.homePlayers), away: team(g.away, g.awayPlayers),
  };
}

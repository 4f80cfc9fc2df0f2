/**
 * The sample night's replay (issue 5): scheduled before tip-off, in progress in between, final
 * from the final instant with the final lines; every stat only goes up, makes never exceed
 * attempts, and a team's score is the sum of its players' points at every instant.
 */
import { describe, expect, test } from 'vitest';
import { replayNight, type TonightBoxScoreRow } from '../../../pipeline/live/replay.ts';
import type { LiveFeedGame } from '../../../pipeline/ports.ts';

const base = {
  game_id: '0022400994', bdl_game_id: 10068994, game_date: '2025-03-15', tip_instant: '2025-03-15T23:30:00Z', final_instant: '2025-03-16T01:45:00Z',
  home_team: 'ATL', away_team: 'MEM', home_quarter_scores: [30, 20, 25, 26], away_quarter_scores: [22, 28, 31, 20],
};
const line = (id: number, team: string, points: number, minutes: number, extra: Partial<TonightBoxScoreRow> = {}): TonightBoxScoreRow => ({
  ...base, bdl_player_id: id, first_name: `P${id}`, last_name: 'Test', team_abbr: team, minutes, points,
  rebounds: 9, assists: 7, steals: 2, blocks: 1, turnovers: 3, fgm: Math.floor(points / 3), fga: Math.floor(points / 2) + 1, fg3m: 2, fg3a: 6, ftm: 3, fta: 4, ...extra,
});
const ROWS = [line(1, 'ATL', 60, 36), line(2, 'ATL', 41, 30), line(3, 'ATL', 0, 0), line(4, 'MEM', 70, 38), line(5, 'MEM', 31, 28)];
const game = (iso: string): LiveFeedGame => replayNight(ROWS, new Date(iso))[0]!;

describe('replayNight', () => {
  test('scheduled before tip-off, with no players listed yet', () => {
    expect(game('2025-03-15T23:29:59Z')).toMatchObject({ status: 'scheduled', period: 0, clock: null, feedGameId: '10068994', date: '2025-03-15', home: { score: 0, players: [] } });
  });

  test('final from the final instant, with the final lines and scores', () => {
    const g = game('2025-03-16T01:45:00Z');
    expect(g).toMatchObject({ status: 'final', statusText: 'Final', period: 4, clock: null, home: { tricode: 'ATL', score: 101 }, away: { tricode: 'MEM', score: 101 } });
    expect(g.home.players.map((p) => [p.feedPlayerId, p.points, p.minutes])).toEqual([[1, 60, '36'], [2, 41, '30'], [3, 0, '00']]);
  });

  test('in progress in between, with the period and clock from game time', () => {
    const half = game('2025-03-16T00:37:30Z'); // half of 135 minutes → 24 game minutes
    expect(half).toMatchObject({ status: 'in_progress', period: 3, clock: '12:00', statusText: '3rd Qtr' });
    expect(half.home.score).toBeLessThanOrEqual(50); // the first half's quarters: 30 + 20
  });

  test('every value is non-decreasing minute by minute, and scores are the sum of the players', () => {
    let before: LiveFeedGame | undefined;
    const order = { scheduled: 0, in_progress: 1, final: 2 };
    for (let t = Date.parse('2025-03-15T23:20:00Z'); t <= Date.parse('2025-03-16T02:00:00Z'); t += 60_000) {
      const now = game(new Date(t).toISOString());
      for (const team of [now.home, now.away]) {
        expect(team.score).toBe(team.players.reduce((sum, p) => sum + p.points, 0));
        for (const p of team.players) {
          expect(p.fgMade).toBeLessThanOrEqual(p.fgAttempted);
          expect(p.fg3Made).toBeLessThanOrEqual(p.fg3Attempted);
          expect(p.ftMade).toBeLessThanOrEqual(p.ftAttempted);
        }
      }
      if (before) {
        expect(order[now.status]).toBeGreaterThanOrEqual(order[before.status]);
        expect(now.period).toBeGreaterThanOrEqual(before.period);
        expect(now.home.score).toBeGreaterThanOrEqual(before.home.score);
        expect(now.away.score).toBeGreaterThanOrEqual(before.away.score);
        for (const p of [...now.home.players, ...now.away.players]) {
          const earlier = [...before.home.players, ...before.away.players].find((q) => q.feedPlayerId === p.feedPlayerId);
          if (!earlier) continue;
          for (const key of ['points', 'rebounds', 'assists', 'fgMade', 'fgAttempted', 'ftMade'] as const) expect(p[key]).toBeGreaterThanOrEqual(earlier[key]);
          expect(Number(p.minutes)).toBeGreaterThanOrEqual(Number(earlier.minutes));
        }
      }
      before = now;
    }
    expect(before?.status).toBe('final');
  });

  test('games come in tip-off order', () => {
    const later = ROWS.map((r) => ({ ...r, game_id: '0022400999', bdl_game_id: 1, tip_instant: '2025-03-16T02:00:00Z', final_instant: '2025-03-16T04:00:00Z' }));
    expect(replayNight([...later, ...ROWS], new Date('2025-03-16T00:00:00Z')).map((g) => [g.feedGameId, g.status])).toEqual([['10068994', 'in_progress'], ['1', 'scheduled']]);
  });
});

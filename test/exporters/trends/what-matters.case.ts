/**
 * Golden cases for trends.what-matters. The archetypes, split percentages and insights are
 * recomputed by a reference aggregation over the case rows; a few facts are also stated by hand.
 */
import { expect } from 'vitest';
import { addDays } from '../../../pipeline/time.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { boxRow, withRest } from './fixtures.ts';

const AS_OF_DATE = '2025-03-15';
type Box = ReturnType<typeof boxRow>;

/**
 * `n` games ending yesterday, one a day except that every third gap is two days; lines only on
 * even games (so line games follow a non-line game on back-to-backs); home on every other game.
 * `side(i)` is +1 (line one point under the points), −1, or 0 (a push).
 */
function player(lookup: string, team: string, n: number, points: number, side: (i: number) => number, end = addDays(AS_OF_DATE, -1)): Box[] {
  const rows: Box[] = [];
  let date = end;
  for (let i = 0; i < n; i++) {
    rows.push(boxRow(lookup, { date, team, opp: 'OPP', points, line: i % 2 === 0 ? points - side(i) : null, home: i % 4 < 2 }));
    date = addDays(date, i % 3 === 2 ? -3 : -1);
  }
  return rows;
}

const STARS = [0, 1, 2, 3, 4, 5].flatMap((k) => player(`star${k}`, 'BOS', 50, 22 + k, (i) => (i % 5 === 0 ? 0 : i % 4 < 2 ? 1 : -1)));
const ROLES = [0, 1, 2].flatMap((k) => player(`role${k}`, 'NYK', 20, 5, (i) => (i % 6 === 0 ? 1 : -1)));
const UNDER_MIN = player('nineteen', 'MIA', 19, 30, () => 1);
const TOO_OLD = player('oldtimer', 'MIA', 25, 30, () => 1, '2024-03-10'); // more than 365 days ago
const BOX = [...STARS, ...ROLES, ...UNDER_MIN, ...TOO_OLD];

/** Reference aggregation straight from the rows. */
function reference() {
  const from = addDays(AS_OF_DATE, -365);
  const out: Record<string, { players: string[]; games: { side: string; rest: string; home: boolean }[] }> = {};
  const inWindow = withRest(BOX).filter(({ b }) => b.game_date >= from && b.game_date <= AS_OF_DATE);
  for (const lookup of new Set(BOX.map((b) => b.player_lookup))) {
    const tagged = inWindow.filter(({ b }) => b.player_lookup === lookup);
    if (tagged.length < 20) continue;
    const ppg = tagged.reduce((s, t) => s + t.b.points!, 0) / tagged.length;
    const a = ppg >= 22 ? 'star' : ppg >= 15 ? 'scorer' : ppg >= 8 ? 'rotation' : 'role_player';
    out[a] ??= { players: [], games: [] };
    out[a].players.push(lookup);
    for (const { b, rest } of tagged) {
      if (b.points_line === null || b.points === b.points_line) continue;
      out[a].games.push({ side: b.points! > b.points_line ? 'OVER' : 'UNDER', rest, home: b.game_id.endsWith(`_${b.team_abbr}`) });
    }
  }
  return out;
}

const pct = (gs: { side: string }[], min: number) => gs.length < min ? null : { games: gs.length, over_pct: Math.round((gs.filter((g) => g.side === 'OVER').length / gs.length) * 1000) / 10 };

export default defineCases([
  {
    name: 'archetypes',
    only: ['trends.what-matters'],
    asOf: '2025-03-15T16:00:00Z',
    tables: { 'nba_analytics.player_game_summary': BOX },
    check: ({ files }) => {
      const doc = files['v1/trends/what-matters.json'];
      const ref = reference();
      expect(Object.keys(ref).sort()).toEqual(['role_player', 'star']);
      for (const a of ['star', 'role_player'] as const) {
        const { games } = ref[a]!;
        expect(doc.archetypes[a], a).toMatchObject({
          player_count: ref[a]!.players.length, line_games: games.length, overall_over_pct: pct(games, 1)!.over_pct,
          factors: {
            rest: { b2b: pct(games.filter((g) => g.rest === 'b2b'), 20), one_day: pct(games.filter((g) => g.rest === 'one_day'), 20), rested: pct(games.filter((g) => g.rest === 'rested'), 20) },
            home_away: { home: pct(games.filter((g) => g.home), 50), away: pct(games.filter((g) => !g.home), 50) },
          },
        });
      }
      // By hand: six stars (star0 at exactly 22 PPG counts), five examples by PPG; nineteen (19 games) and oldtimer are unclassified.
      expect(doc.archetypes.star.player_count).toBe(6);
      expect(doc.archetypes.star.example_players).toEqual(['star5', 'star4', 'star3', 'star2', 'star1']);
      expect(doc.archetypes.scorer).toMatchObject({ player_count: 0, line_games: 0, example_players: [], overall_over_pct: null, factors: { rest: { b2b: null }, home_away: { home: null } } });
      // Lines sit on every other game, so two line games are never on consecutive days: back-to-backs exist only
      // because rest is measured from the previous game of any kind; role players have exactly the 20-game minimum.
      expect(doc.archetypes.star.factors.rest.b2b.games).toBeGreaterThanOrEqual(20);
      expect(doc.archetypes.role_player.player_count).toBe(3);
      const star = doc.archetypes.star.overall_over_pct;
      const role = doc.archetypes.role_player.overall_over_pct;
      expect(doc.key_insights[0]).toBe(`Stars significantly outperform role players (${star}% vs ${role}% OVER)`);
    },
  },
  {
    name: 'empty-warehouse',
    only: ['trends.what-matters'],
    asOf: '2025-03-15T16:00:00Z',
    tables: {},
    check: ({ files }) => {
      const doc = files['v1/trends/what-matters.json'];
      expect(doc.key_insights).toEqual(['No significant factor differences detected in current sample']);
      for (const a of ['star', 'scorer', 'rotation', 'role_player']) expect(doc.archetypes[a]).toMatchObject({ player_count: 0, overall_over_pct: null });
    },
  },
]);

/**
 * Golden cases for trends.team-tendencies. Six teams play twelve games in pairs of back-to-backs;
 * each has its own pace, home edge and back-to-back drop, so every list's order is known by
 * construction and re-derived here from the rows. A team under the minimums, a duplicated team
 * row, stale and missing defence snapshots and a season opener cover the edges.
 */
import { expect } from 'vitest';
import { addDays } from '../../../pipeline/time.ts';
import { defineCases } from '../../helpers/exporter-case.ts';

const AS_OF_DATE = '2025-03-15';
interface Team { code: string; pace: number; base: number; homeEdge: number; b2bDrop: number }
const TEAMS: Team[] = [
  { code: 'BOS', pace: 104, base: 115, homeEdge: 10, b2bDrop: 2 },
  { code: 'DEN', pace: 99, base: 112, homeEdge: 2, b2bDrop: 12 },
  { code: 'GSW', pace: 102, base: 118, homeEdge: -4, b2bDrop: 0 },
  { code: 'MIA', pace: 97, base: 108, homeEdge: 6, b2bDrop: -3 },
  { code: 'NYK', pace: 100, base: 110, homeEdge: 0, b2bDrop: 5 },
  { code: 'UTA', pace: 101, base: 111, homeEdge: 8, b2bDrop: 8 },
];

/** Twelve games in six back-to-back pairs, two days apart, newest yesterday; home on odd games. */
function schedule(t: Team) {
  return Array.from({ length: 12 }, (_, i) => {
    const date = addDays(AS_OF_DATE, -(1 + Math.floor(i / 2) * 3 + (i % 2)));
    const home = i % 2 === 1;
    const b2b = i % 2 === 0; // the newer game of each pair comes one day after the older one
    return { game_id: `${date.replaceAll('-', '')}_${t.code}`, game_date: date, team_abbr: t.code, pace: t.pace, home_game: home, points_scored: t.base + (home ? t.homeEdge : 0) - (b2b ? t.b2bDrop : 0) };
  });
}
const GAMES = TEAMS.flatMap(schedule);
const SHORT = schedule({ code: 'PHX', pace: 120, base: 130, homeEdge: 30, b2bDrop: 30 }).slice(0, 4); // under every minimum
const OPENER = { game_id: '20241022_BOS', game_date: '2024-10-22', team_abbr: 'BOS', pace: 104, home_game: true, points_scored: 200 }; // outside every window
const DUPLICATE = { ...GAMES[0]!, game_id: `${GAMES[0]!.game_id}_dup`, points_scored: 999 }; // a second row for BOS's newest game

const snapshot = (team: string, date: string, paint: number | null, three: number | null, opp = 110) =>
  ({ team_abbr: team, analysis_date: date, paint_pct_allowed_last_15: paint, three_pt_pct_allowed_last_15: three, opponent_points_per_game: opp, games_in_sample: 15 });
const DEFENSE = [
  snapshot('BOS', '2025-03-14', 0.55, 0.33), snapshot('BOS', '2025-03-01', 0.70, 0.45), // newest wins
  snapshot('DEN', '2025-03-13', 0.61, 0.38), snapshot('GSW', '2025-03-14', 0.58, null), // no three-point value
  snapshot('MIA', '2025-03-12', 0.60, 0.35), snapshot('NYK', '2025-03-14', 0.57, 0.36),
  snapshot('UTA', '2025-02-01', 0.50, 0.30), // older than 30 days: left out
];

const r1 = (x: number) => Math.round(x * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const codes = (list: { team: string }[]) => list.map((t) => t.team);
/** Reference ranking: sort by value (desc unless ascending), team code on ties. */
const rank = (rows: { team: string; v: number }[], ascending: boolean) => [...rows].sort((a, b) => (ascending ? a.v - b.v : b.v - a.v) || a.team.localeCompare(b.team)).map((x) => x.team);

export default defineCases([
  {
    name: 'six-teams',
    only: ['trends.team-tendencies'],
    asOf: '2025-03-15T16:00:00Z',
    tables: { 'nba_analytics.team_offense_game_summary': [...GAMES, ...SHORT, OPENER, DUPLICATE], 'nba_precompute.team_defense_zone_analysis': DEFENSE },
    check: ({ files }) => {
      const doc = files['v1/trends/team-tendencies.json'];
      const byPace = rank(TEAMS.map((t) => ({ team: t.code, v: t.pace })), false);
      expect(codes(doc.pace.kings)).toEqual(byPace.slice(0, 3));
      expect(codes(doc.pace.grinders)).toEqual(byPace.slice(3).reverse());
      expect(doc.pace.league_average).toBe(Math.round(mean(TEAMS.map((t) => t.pace)) * 100) / 100);
      const home = (t: Team) => mean(GAMES.filter((g) => g.team_abbr === t.code && g.home_game).map((g) => g.points_scored));
      const away = (t: Team) => mean(GAMES.filter((g) => g.team_abbr === t.code && !g.home_game).map((g) => g.points_scored));
      const byEdge = rank(TEAMS.map((t) => ({ team: t.code, v: r1(home(t) - away(t)) })), false);
      expect(codes(doc.home_away.home_dominant)).toEqual(byEdge.slice(0, 3));
      expect(codes(doc.home_away.road_warriors)).toEqual(byEdge.slice(3).reverse());
      // The newer game of each pair is a back-to-back (gap 1) and the older one follows a gap of 2, except each team's
      // oldest game, which opens its season: only BOS has an earlier game this season (its opener), so only BOS's counts.
      const games = (t: Team) => GAMES.filter((g) => g.team_abbr === t.code);
      const b2b = (t: Team) => mean(games(t).filter((_, i) => i % 2 === 0).map((g) => g.points_scored));
      const rested = (t: Team) => mean(games(t).filter((_, i) => i % 2 === 1 && (i < 11 || t.code === 'BOS')).map((g) => g.points_scored));
      const byImpact = rank(TEAMS.map((t) => ({ team: t.code, v: r1(b2b(t) - rested(t)) })), true);
      expect(codes(doc.back_to_back.vulnerable)).toEqual(byImpact.slice(0, 3));
      expect(codes(doc.back_to_back.resilient)).toEqual(byImpact.slice(3).reverse());
      const worst = TEAMS.find((t) => t.code === byImpact[0])!;
      expect(doc.back_to_back.vulnerable[0]).toMatchObject({ b2b_games: 6, b2b_ppg: r1(b2b(worst)), rested_ppg: r1(rested(worst)) });
      // BOS's duplicated newest game (999 points) is read once.
      expect(doc.pace.kings[0]).toMatchObject({ team: 'BOS', games: 12, avg_points: r1(mean(GAMES.filter((g) => g.team_abbr === 'BOS').map((g) => g.points_scored))) });
      // Paint: UTA's snapshot is stale, so five teams; BOS's newest snapshot (55.0) wins over its older 70.0.
      expect(codes(doc.defense_by_zone.paint.best)).toEqual(['BOS', 'NYK', 'GSW']);
      expect(codes(doc.defense_by_zone.paint.worst)).toEqual(['DEN', 'MIA']);
      expect(doc.defense_by_zone.paint.best[0]).toMatchObject({ dfg_pct: 55, snapshot_date: '2025-03-14', games: 15 });
      // Perimeter: GSW has no value, so four teams split two and two.
      expect(codes(doc.defense_by_zone.perimeter.best)).toEqual(['BOS', 'MIA']);
      expect(codes(doc.defense_by_zone.perimeter.worst)).toEqual(['DEN', 'NYK']);
      const everywhere = JSON.stringify(doc);
      expect(everywhere).not.toContain('"PHX"');
    },
  },
  {
    name: 'no-team-data',
    only: ['trends.team-tendencies'],
    asOf: '2025-03-15T16:00:00Z',
    tables: {},
    check: ({ files }) => {
      expect(files['v1/trends/team-tendencies.json']).toMatchObject({
        pace: { kings: [], grinders: [], league_average: null }, defense_by_zone: { paint: { best: [], worst: [] }, perimeter: { best: [], worst: [] } },
        home_away: { home_dominant: [], road_warriors: [] }, back_to_back: { vulnerable: [], resilient: [] },
      });
    },
  },
]);

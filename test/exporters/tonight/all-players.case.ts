/**
 * Golden cases for tonight.all-players. Expected numbers come from the fixture's history lists
 * through reference.ts (spec §13 with its fixes: New York tip-off times without padding, one
 * entry per game, tonight's injury report only, the newest active prediction, null points kept in
 * the last-10 array, every key present).
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AS_OF, DATE, PREDICTIONS, ROSTER, TABLES } from './fixtures.ts';
import { avg, history, lastTen, seasonGames } from './reference.ts';

const PATH = 'v1/tonight/all-players.json';
type Card = { player_lookup: string; [key: string]: unknown };
const cardsOf = (doc: { games: { players: Card[] }[] }) => doc.games.flatMap((g) => g.players);
const card = (doc: { games: { players: Card[] }[] }, player: string) => cardsOf(doc).find((c) => c.player_lookup === player)!;

export default defineCases([
  {
    name: 'slate',
    only: ['tonight.all-players'],
    asOf: AS_OF,
    tables: TABLES,
    check: ({ files, manifest }) => {
      const doc = files[PATH];
      expect(manifest.build.query_count).toBe(1);
      expect(doc.game_date).toBe(DATE);
      // Tip-off in New York time (EDT), no leading space; one entry per game; the newest schedule snapshot wins.
      expect(doc.games.map((g: { game_id: string; game_time: string }) => [g.game_id, g.game_time])).toEqual([
        ['0022400993', '1:00 PM ET'], ['0022400992', '7:00 PM ET'], ['0022400990', '7:30 PM ET'], ['0022400991', '10:00 PM ET'],
      ]);
      expect(doc.games[0]).toMatchObject({ home_team: 'CHI', away_team: 'DET', player_count: 0, players: [], game_status: 'scheduled' });
      const placed = cardsOf(doc).map((c) => c.player_lookup).sort();
      expect(placed).toEqual(ROSTER.map((s) => s.player).sort()); // no duplicate veteran, no ghost
      expect(doc.total_players).toBe(ROSTER.length);
      const withLines = Object.values(PREDICTIONS).filter((p) => p.line !== null).length;
      expect(doc.total_with_lines).toBe(withLines);

      const vet = card(doc, 'veteran');
      const ten = lastTen('veteran');
      expect(vet).toMatchObject({
        name: 'Vét Eran', team: 'NYK', is_home: true, has_line: true, fatigue_level: 'tired', fatigue_score: 70, days_rest: 1, is_back_to_back: true,
        injury_status: 'probable', injury_reason: 'Injury/Illness - Back; Spasms',
        games_played: seasonGames('veteran').length, limited_data: false,
        season_ppg: avg(seasonGames('veteran').map((g) => g.points)), season_mpg: 30,
        last_5_ppg: avg(history('veteran').slice(0, 5).map((g) => g.points)),
        last_10_points: ten.points, last_10_results: ten.results, last_10_record: ten.record,
        props: [{ stat_type: 'points', line: PREDICTIONS.veteran.line, over_odds: -110, under_odds: -105 }],
        prediction: { predicted: PREDICTIONS.veteran.predicted, confidence: PREDICTIONS.veteran.confidence, recommendation: 'OVER' },
      });
      expect(vet.last_10_points).toContain(null); // a game without points stays in line with its result

      // Rookie: no history, no prediction; an old report for another game does not make him out tonight.
      expect(card(doc, 'rookie')).toMatchObject({
        games_played: 0, limited_data: true, season_ppg: null, season_mpg: null, last_5_ppg: null, last_10_points: [], last_10_results: [],
        last_10_record: null, has_line: false, props: [], prediction: null, injury_status: 'available', injury_reason: null, days_rest: null, is_back_to_back: null,
      });
      // limited_data boundary: 9 season games (last-10 reaches into last season) vs 10.
      const nine = card(doc, 'ninegames');
      expect(nine).toMatchObject({ games_played: 9, limited_data: true, last_10_points: lastTen('ninegames').points });
      expect((nine.last_10_points as number[]).at(-1)).toBe(32); // the newest game of last season
      expect(card(doc, 'tengames')).toMatchObject({ games_played: 10, limited_data: false, fatigue_level: 'fresh' });
      expect(card(doc, 'noline')).toMatchObject({ has_line: false, props: [], prediction: { recommendation: 'NO_LINE', predicted: 3, confidence: 0.3 } });
      expect(card(doc, 'traded')).toMatchObject({ team: 'LAL', is_home: false, props: [{ line: 10.5, over_odds: 102, under_odds: null }] });
      expect(card(doc, 'heatguy')).toMatchObject({ injury_status: 'out', injury_reason: 'Rest' });

      // Within a game: lines first, then not out, then confidence (highest first).
      const nyk = doc.games.find((g: { game_id: string }) => g.game_id === '0022400990');
      expect(nyk.players.map((c: Card) => c.player_lookup)).toEqual(['veteran', 'tengames', 'ninegames', 'rookie']);
      const mia = doc.games.find((g: { game_id: string }) => g.game_id === '0022400992');
      expect(mia.players.map((c: Card) => c.player_lookup)).toEqual(['magicguy', 'heatguy']); // out last
    },
  },
  {
    name: 'backfill-leaves-tonight-alone',
    only: ['tonight'],
    asOf: AS_OF,
    dates: ['2025-03-10', '2025-03-11'],
    tables: TABLES,
    check: ({ files }) => {
      expect(files).toEqual({}); // a backfill of other dates never replaces tonight's board or player files
    },
  },
  {
    name: 'no-games',
    only: ['tonight.all-players'],
    asOf: '2025-03-20T17:00:00Z',
    tables: TABLES,
    check: ({ files }) => {
      expect(files[PATH]).toMatchObject({ game_date: '2025-03-20', total_players: 0, total_with_lines: 0, games: [] });
    },
  },
]);

/**
 * Golden cases for results.best-bets: ranking before the games from active predictions, season-
 * bounded history with pushes excluded, shrinkage toward the league rate, proven players first.
 * Expected composites are recomputed here from the formula in the schema description.
 */
import { expect } from 'vitest';
import { defineCases } from '../../helpers/exporter-case.ts';

const SLATE = '2025-03-15';
const AS_OF = '2025-03-15T18:00:00Z';

interface Hist { player: string; date: string; rec: 'OVER' | 'UNDER'; line: number; actual: number }
const H = (player: string, date: string, rec: 'OVER' | 'UNDER', line: number, actual: number): Hist => ({ player, date, rec, line, actual });
const HISTORY: Hist[] = [
  // provenpat: 4 wins, 2 losses, 1 push this season
  H('provenpat', '2025-03-01', 'OVER', 20.5, 25), H('provenpat', '2025-03-03', 'OVER', 20.5, 22), H('provenpat', '2025-03-05', 'UNDER', 20.5, 18),
  H('provenpat', '2025-03-07', 'UNDER', 20.5, 19), H('provenpat', '2025-03-09', 'OVER', 20.5, 15), H('provenpat', '2025-03-11', 'OVER', 20.5, 19),
  H('provenpat', '2025-03-13', 'OVER', 20.0, 20),
  // weakwes: 1 win, 4 losses
  H('weakwes', '2025-03-02', 'OVER', 10.5, 12), H('weakwes', '2025-03-04', 'OVER', 10.5, 8), H('weakwes', '2025-03-06', 'OVER', 10.5, 9),
  H('weakwes', '2025-03-08', 'UNDER', 10.5, 14), H('weakwes', '2025-03-10', 'UNDER', 10.5, 11),
  // newnick: a perfect record last season only, which must not count
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => H('newnick', `2024-03-0${d + 1 > 9 ? 9 : d + 1}`, 'OVER', 10.5, 20)),
];
const isWin = (h: Hist) => (h.rec === 'OVER' ? h.actual > h.line : h.actual < h.line);
const isLoss = (h: Hist) => (h.rec === 'OVER' ? h.actual < h.line : h.actual > h.line);

const paRow = (h: Hist) => ({ player_lookup: h.player, game_id: `${h.date.replaceAll('-', '')}_AAA_BBB`, game_date: h.date, system_id: 'ensemble_v1', predicted_points: h.line + 1, confidence_score: 0.6, recommendation: h.rec, line_value: h.line, actual_points: h.actual });

interface Pre { player: string; rec: string; line: number; predicted: number; confidence: number; team: string }
const PREDICTIONS: Pre[] = [
  { player: 'provenpat', rec: 'OVER', line: 21.5, predicted: 25.0, confidence: 0.7, team: 'BOS' },
  { player: 'weakwes', rec: 'UNDER', line: 11.5, predicted: 8.0, confidence: 0.75, team: 'NYK' },
  { player: 'newnick', rec: 'OVER', line: 14.5, predicted: 20.5, confidence: 0.9, team: 'NYK' },
  { player: 'lowconf', rec: 'OVER', line: 14.5, predicted: 20.5, confidence: 0.5, team: 'BOS' },
  { player: 'tinyedge', rec: 'OVER', line: 14.5, predicted: 15.0, confidence: 0.8, team: 'BOS' },
  { player: 'passpete', rec: 'PASS', line: 14.5, predicted: 14.6, confidence: 0.9, team: 'BOS' },
];

const thisSeason = HISTORY.filter((h) => h.date >= '2024-10-01' && h.date < SLATE);
const leagueRate = thisSeason.filter(isWin).length / (thisSeason.filter(isWin).length + thisSeason.filter(isLoss).length);
function expectedComposite(p: Pre): number {
  const mine = thisSeason.filter((h) => h.player === p.player);
  const wins = mine.filter(isWin).length;
  const decided = wins + mine.filter(isLoss).length;
  const factor = (wins + 10 * leagueRate) / (decided + 10);
  return Math.round(p.confidence * Math.min(1.5, 1 + Math.abs(p.predicted - p.line) / 10) * factor * 1000) / 1000;
}

const TABLES = {
  'nba_raw.nbac_schedule': [{ game_id: '0022400970', game_date: SLATE, home_team_tricode: 'BOS', away_team_tricode: 'NYK', game_date_est: '2025-03-15T23:30:00Z', game_status: 1 }],
  'nba_predictions.player_prop_predictions': PREDICTIONS.map((p) => ({
    prediction_id: p.player, system_id: 'ensemble_v1', player_lookup: p.player, game_date: SLATE, game_id: '0022400970', predicted_points: p.predicted,
    confidence_score: p.confidence, recommendation: p.rec, current_points_line: p.line, created_at: '2025-03-15T17:00:00Z',
  })),
  'nba_predictions.prediction_accuracy': HISTORY.map(paRow),
  'nba_analytics.upcoming_player_game_context': PREDICTIONS.map((p) => ({ player_lookup: p.player, game_id: '0022400970', game_date: SLATE, team_abbr: p.team, opponent_team_abbr: p.team === 'BOS' ? 'NYK' : 'BOS', home_game: p.team === 'BOS' })),
  'nba_precompute.player_composite_factors': [{ player_lookup: 'provenpat', game_date: SLATE, game_id: '0022400970', fatigue_score: 97 }, { player_lookup: 'weakwes', game_date: SLATE, game_id: '0022400970', fatigue_score: 70 }],
};

export default defineCases([
  {
    name: 'pre-game-ranking',
    only: ['results.best-bets'],
    asOf: AS_OF,
    dates: [SLATE],
    tables: TABLES,
    check: ({ files }) => {
      const doc = files[`v1/best-bets/${SLATE}.json`];
      // Ineligible: low confidence, tiny edge, PASS. Proven players (≥ 5 decided calls) rank first.
      expect(doc.picks.map((p: { player_lookup: string }) => p.player_lookup)).toEqual(['provenpat', 'weakwes', 'newnick']);
      const [pat, wes, nick] = doc.picks;
      expect(pat).toMatchObject({ rank: 1, track_record: 'proven', player_sample_size: 6, player_historical_accuracy: 0.667, fatigue_level: 'fresh', result: 'PENDING', actual: null, team: 'BOS', opponent: 'NYK', edge: 3.5 });
      expect(pat.composite_score).toBe(expectedComposite(PREDICTIONS[0]!));
      expect(wes).toMatchObject({ track_record: 'proven', player_sample_size: 5, player_historical_accuracy: 0.2, fatigue_level: 'tired', edge: -3.5 });
      expect(wes.composite_score).toBe(expectedComposite(PREDICTIONS[1]!));
      // Last season's perfect record does not count: newnick has no history this season.
      expect(nick).toMatchObject({ track_record: 'limited', player_sample_size: 0, player_historical_accuracy: null });
      expect(nick.composite_score).toBe(expectedComposite(PREDICTIONS[2]!));
      expect(pat.rationale).toEqual(['Good confidence (70%)', 'Solid edge (3.5 points)', 'Well-rested (fatigue: 97)']);
      expect(files['v1/best-bets/latest.json']).toEqual(doc);
    },
  },
  {
    name: 'graded-after-games',
    only: ['results.best-bets'],
    asOf: '2025-03-16T16:00:00Z',
    dates: [SLATE],
    tables: {
      ...TABLES,
      'nba_predictions.prediction_accuracy': [
        ...HISTORY.map(paRow),
        ...PREDICTIONS.map((p, i) => ({ player_lookup: p.player, game_id: '0022400970', game_date: SLATE, system_id: 'ensemble_v1', predicted_points: p.predicted, confidence_score: p.confidence, recommendation: p.rec, line_value: p.line, actual_points: [26, 11, 14][i] ?? 10 })),
      ],
    },
    check: ({ files }) => {
      const doc = files[`v1/best-bets/${SLATE}.json`];
      expect(doc.picks.map((p: { result: string }) => p.result)).toEqual(['WIN', 'WIN', 'LOSS']);
      expect(doc.picks[0]).toMatchObject({ actual: 26, error: 1 });
      expect(files['v1/best-bets/latest.json']).toBeUndefined(); // a past slate never becomes latest
    },
  },
]);

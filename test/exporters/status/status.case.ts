/**
 * Golden cases for status.status through the real pipeline, with a fixed registry of stand-in
 * endpoints (one or two per trigger) and the states earlier builds left, so every freshness rule
 * is exercised: lags worked out by hand from the instants below, live windows from the schedule,
 * hourly quiet hours, a failed refresh, a never-built endpoint, and grading lag.
 */
import { expect } from 'vitest';
import statusStatus from '../../../exporters/status/status.ts';
import { emptyHistory, type BuildHistory } from '../../../pipeline/build-history.ts';
import type { AnyExporter, Trigger } from '../../../pipeline/define-exporter.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { scheduleRow } from '../trends/fixtures.ts';

const TODAY = '2025-03-15';
const EVENING = '2025-03-16T00:30:00Z'; // 8:30 PM ET on the 15th
const OVERNIGHT = '2025-03-16T07:00:00Z'; // 3:00 AM ET on the 16th
const SCHEDULE = [
  scheduleRow('0022400900', '2025-03-10', 'BOS', 'NYK', '2025-03-10T23:30:00Z', 3), // graded under its native id
  scheduleRow('0022400901', '2025-03-12', 'LAL', 'GSW', '2025-03-13T02:30:00Z', 3), // graded under the date-based id
  scheduleRow('0022400902', '2025-03-12', 'MIA', 'ORL', '2025-03-12T23:00:00Z', 3), // graded by another system only: overdue
  scheduleRow('0022400903', TODAY, 'DEN', 'UTA', '2025-03-15T19:00:00Z', 3), // 3 PM ET, final, not due yet
  scheduleRow('0022400904', TODAY, 'PHX', 'SAC', '2025-03-15T23:00:00Z', 2), // 7 PM ET, in progress at 8:30 PM
  scheduleRow('0022400905', TODAY, 'CHA', 'DET', '2025-03-16T02:00:00Z', 1), // 10 PM ET; its window ends 6:00Z
  scheduleRow('0022400800', '2025-03-01', 'BOS', 'NYK', '2025-03-01T23:30:00Z', 3), // before the 7-day window
];
const graded = (game_id: string, game_date: string, system_id = 'ensemble_v1') => ({ player_lookup: 'someone', game_id, game_date, system_id, recommendation: 'OVER', line_value: 10.5, actual_points: 12 });
const TABLES = {
  'nba_raw.nbac_schedule': SCHEDULE,
  'nba_predictions.prediction_accuracy': [graded('0022400900', '2025-03-10'), graded('20250312_GSW_LAL', '2025-03-12'), graded('0022400902', '2025-03-12', 'xgboost_v1')],
};

const stand = (id: string, triggers: Trigger[]): AnyExporter => ({ ...statusStatus, id, triggers });
const REGISTRY = [
  statusStatus, stand('live.fast', ['live']), stand('live.slow', ['live']), stand('trends.recent', ['hourly']), stand('trends.late', ['hourly']),
  stand('results.morning', ['daily']), stand('results.yesterday', ['daily']), stand('results.picks', ['tonight', 'daily']), stand('trends.weekly', ['weekly']), stand('trends.monthly', ['monthly']),
];
function baseline(built: Record<string, string>): BuildHistory {
  const history = emptyHistory();
  for (const [id, at] of Object.entries(built)) history.endpoints.set(id, { lastBuiltAt: at, dataAsOf: at.slice(0, 10) });
  return history;
}
const byId = (doc: { endpoints: { exporter: string }[] }) => Object.fromEntries(doc.endpoints.map((e) => [e.exporter, e])) as Record<string, Record<string, unknown>>;
const lag = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

export default defineCases([
  {
    name: 'status-evening',
    only: ['status.status'],
    asOf: EVENING,
    tables: TABLES,
    registry: REGISTRY,
    baseline: baseline({
      'live.fast': '2025-03-16T00:25:00Z', 'live.slow': '2025-03-16T00:10:00Z', 'trends.recent': '2025-03-15T23:00:00Z', 'trends.late': '2025-03-15T19:00:00Z',
      'results.morning': '2025-03-15T09:00:00Z', 'results.yesterday': '2025-03-14T09:00:00Z', 'results.picks': '2025-03-15T17:00:00Z', 'trends.weekly': '2025-03-10T10:00:00Z',
    }),
    failedEndpoints: { 'results.picks': 'LiveFeedUnavailable' },
    check: ({ files }) => {
      const doc = files['v1/status.json'];
      const e = byId(doc);
      // A game is in its window, so live files are due now: 5 minutes fresh, 20 minutes stale since 00:20Z.
      expect(e['live.fast']).toMatchObject({ status: 'fresh', lag_minutes: lag('2025-03-16T00:25:00Z', EVENING), cadence: 'live' });
      expect(e['live.slow']).toMatchObject({ status: 'stale', reason: 'past_warn_after', lag_minutes: 20, stale_since: '2025-03-16T00:20:00Z' });
      // Hourly: 90 minutes fresh; 330 minutes past the 240-minute error line.
      expect(e['trends.recent']).toMatchObject({ status: 'fresh', lag_minutes: 90 });
      expect(e['trends.late']).toMatchObject({ status: 'error', reason: 'past_error_after', lag_minutes: 330, stale_since: '2025-03-15T21:00:00Z' });
      // Daily: 15.5 h fresh; 39.5 h stale (26 h), not yet error (50 h).
      expect(e['results.morning']).toMatchObject({ status: 'fresh', lag_minutes: 930 });
      expect(e['results.yesterday']).toMatchObject({ status: 'stale', lag_minutes: 2370, warn_after_minutes: 1560, error_after_minutes: 3000 });
      // A failed refresh is an error whatever its age, named by its permanent code; the most frequent trigger sets the cadence.
      expect(e['results.picks']).toMatchObject({ status: 'error', reason: 'refresh_failed', cadence: 'tonight', last_error_code: 'LiveFeedUnavailable' });
      expect(e['trends.weekly']).toMatchObject({ status: 'fresh', warn_after_minutes: 11520 });
      expect(e['trends.monthly']).toMatchObject({ status: 'error', reason: 'never_built', lag_minutes: null, last_built_at: null });
      expect(e['status.status']).toMatchObject({ status: 'fresh', built_this_run: true, last_built_at: EVENING, triggers: ['daily', 'tonight', 'hourly', 'live', 'weekly', 'monthly'] });
      expect(doc.summary).toEqual({ endpoints: 10, fresh: 5, stale: 2, error: 3 });
      expect(doc.overall_status).toBe('unhealthy');
      expect(doc.games).toEqual({ game_date: TODAY, scheduled_games: 3, final_games: 1, live_window_open: true, next_tipoff_at: '2025-03-16T02:00:00Z' });
      // 03-12: two final games, one graded (through the date-based id; the other only by another system). Today's is not due.
      expect(doc.grading).toEqual({
        status: 'behind', lookback_days: 7, newest_graded_date: '2025-03-12',
        ungraded_dates: [{ game_date: '2025-03-12', completed_games: 2, graded_games: 1, overdue: true }, { game_date: TODAY, completed_games: 1, graded_games: 0, overdue: false }],
      });
      expect(doc.known_issues.map((i: { exporter: string | null; reason: string }) => `${i.exporter}:${i.reason}`)).toEqual([
        'live.slow:past_warn_after', 'results.picks:refresh_failed', 'results.yesterday:past_warn_after', 'trends.late:past_error_after', 'trends.monthly:never_built', 'null:grading_behind',
      ]);
      expect(doc.known_issues[1].message).toBe('results.picks: the last refresh failed (LiveFeedUnavailable); the previous files are still served');
    },
  },
  {
    name: 'status-overnight',
    only: ['status.status'],
    asOf: OVERNIGHT,
    tables: TABLES,
    registry: REGISTRY,
    baseline: baseline({
      'live.fast': '2025-03-16T05:58:00Z', 'live.slow': '2025-03-16T01:00:00Z', 'trends.recent': '2025-03-16T06:00:00Z', 'trends.late': '2025-03-16T03:00:00Z',
      'results.morning': '2025-03-15T09:00:00Z', 'results.yesterday': '2025-03-15T09:00:00Z', 'results.picks': '2025-03-15T17:00:00Z', 'trends.weekly': '2025-03-10T10:00:00Z', 'trends.monthly': '2025-03-01T11:00:00Z',
    }),
    check: ({ files }) => {
      const e = byId(files['v1/status.json']);
      // No window is open at 3 AM ET: live files are judged at 06:00Z, when the 10 PM game's window closed.
      expect(e['live.fast']).toMatchObject({ status: 'fresh', lag_minutes: lag('2025-03-16T05:58:00Z', '2025-03-16T06:00:00Z') });
      expect(e['live.slow']).toMatchObject({ status: 'error', lag_minutes: lag('2025-03-16T01:00:00Z', '2025-03-16T06:00:00Z') });
      // Hourly runs go on until 2 AM ET; at 3 AM hourly files are judged at that run (06:00Z): built
      // then → fresh; built at 11 PM ET (03:00Z) → 180 minutes, stale.
      expect(e['trends.recent']).toMatchObject({ status: 'fresh', lag_minutes: 0 });
      expect(e['trends.late']).toMatchObject({ status: 'stale', lag_minutes: 180 });
      expect(files['v1/status.json'].games).toMatchObject({ game_date: '2025-03-16', scheduled_games: 0, live_window_open: false, next_tipoff_at: null });
      // From noon on the 16th yesterday's final games would be overdue; at 3 AM they are not.
      expect(files['v1/status.json'].grading.ungraded_dates.at(-1)).toEqual({ game_date: TODAY, completed_games: 1, graded_games: 0, overdue: false });
    },
  },
  {
    name: 'status-quiet-week',
    only: ['status.status'],
    asOf: '2025-07-20T16:00:00Z',
    tables: TABLES,
    registry: [statusStatus, stand('live.fast', ['live'])],
    baseline: baseline({ 'live.fast': '2025-06-20T03:00:00Z' }),
    check: ({ files }) => {
      const doc = files['v1/status.json'];
      // No games for weeks: nothing was due, so the old live file is not stale; grading has nothing to check.
      expect(byId(doc)['live.fast']).toMatchObject({ status: 'fresh', lag_minutes: 0 });
      expect(doc).toMatchObject({ overall_status: 'healthy', known_issues: [], grading: { status: 'current', newest_graded_date: null, ungraded_dates: [] } });
    },
  },
]);

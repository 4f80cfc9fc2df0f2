/**
 * Pure assembly of status.json: endpoint states (from the build context) + recent schedule rows →
 * per-endpoint freshness, the game window, grading lag, an overall status and the known issues.
 * Messages are fixed templates over ids and permanent error codes, never exception text.
 */
import type { PipelineStatus } from '../../generated/status/status.ts';
import type { EndpointState } from './endpoint-states.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { addDays, easternWallTimeToInstant } from '../../pipeline/time.ts';
import { CADENCES, freshnessOf, gameWindows, type GameWindows } from './freshness.ts';

export const GAME_COLUMNS = { game_date: 'date', game_id: 'string', tipoff_at: 'timestamp?', game_status: 'integer?', graded: 'boolean' } as const;
export type GameRow = RowOf<typeof GAME_COLUMNS>;
type Endpoint = PipelineStatus['endpoints'][number];
type Issue = PipelineStatus['known_issues'][number];

export const GRADING_LOOKBACK_DAYS = 7;
/** Yesterday's games are graded by the morning run; after noon ET they are overdue. */
export const GRADING_DUE_BY = '12:00';

export function formatLag(total: number): string {
  if (total >= 2 * 24 * 60) return `${Math.floor(total / (24 * 60))} days`;
  if (total >= 120) return `${Math.floor(total / 60)} hours`;
  return `${total} minutes`;
}

export function endpointOf(state: EndpointState, asOf: string, today: string, windows: GameWindows): Endpoint {
  const f = freshnessOf(state, asOf, today, windows);
  return {
    exporter: state.exporter, triggers: [...state.triggers], cadence: f.cadence, built_this_run: state.builtNow, last_built_at: state.lastBuiltAt, data_as_of: state.dataAsOf,
    lag_minutes: f.lagMinutes, warn_after_minutes: CADENCES[f.cadence].warnAfter, error_after_minutes: CADENCES[f.cadence].errorAfter,
    status: f.status, reason: f.reason, stale_since: f.staleSince, last_error_code: state.lastErrorCode,
  };
}

function issueOf(e: Endpoint): Issue | null {
  const severity = e.status === 'error' ? 'unhealthy' : 'degraded';
  switch (e.reason) {
    case null: return null;
    case 'never_built': return { severity, exporter: e.exporter, reason: e.reason, message: `${e.exporter} has never been built`, since: null };
    case 'refresh_failed': return { severity, exporter: e.exporter, reason: e.reason, message: `${e.exporter}: the last refresh failed (${e.last_error_code}); the previous files are still served`, since: e.stale_since };
    default: return { severity, exporter: e.exporter, reason: e.reason, message: `${e.exporter} is ${formatLag(e.lag_minutes!)} behind its ${e.cadence} refresh (stale after ${formatLag(e.warn_after_minutes)})`, since: e.stale_since };
  }
}

export function gradingOf(rows: readonly GameRow[], asOf: string, today: string): PipelineStatus['grading'] {
  const yesterdayDue = Date.parse(asOf) >= easternWallTimeToInstant(today, GRADING_DUE_BY).getTime();
  const dates = [...new Set(rows.map((r) => r.game_date))].sort();
  const ungraded = dates.map((date) => {
    const completed = rows.filter((r) => r.game_date === date && r.game_status === 3);
    const graded = completed.filter((r) => r.graded).length;
    return { game_date: date, completed_games: completed.length, graded_games: graded, overdue: date < addDays(today, -1) || (date === addDays(today, -1) && yesterdayDue) };
  }).filter((d) => d.graded_games < d.completed_games);
  const newest = rows.filter((r) => r.graded).map((r) => r.game_date).sort().at(-1) ?? null;
  return { status: ungraded.some((d) => d.overdue) ? 'behind' : 'current', lookback_days: GRADING_LOOKBACK_DAYS, newest_graded_date: newest, ungraded_dates: ungraded };
}

export function gamesOf(rows: readonly GameRow[], asOf: string, today: string, windows: GameWindows): PipelineStatus['games'] {
  const tonight = rows.filter((r) => r.game_date === today);
  const upcoming = tonight.map((r) => r.tipoff_at).filter((t): t is string => t !== null && Date.parse(t) > Date.parse(asOf)).sort();
  return { game_date: today, scheduled_games: tonight.length, final_games: tonight.filter((r) => r.game_status === 3).length, live_window_open: windows.open, next_tipoff_at: upcoming[0] ?? null };
}

const RANK = { healthy: 0, degraded: 1, unhealthy: 2 } as const;

export function renderStatus(rows: readonly GameRow[], ctx: { asOf: string; today: string; endpointStates: readonly EndpointState[]; generatedAt: string }): PipelineStatus {
  const windows = gameWindows(rows, ctx.asOf);
  const endpoints = [...ctx.endpointStates].sort((a, b) => a.exporter.localeCompare(b.exporter)).map((s) => endpointOf(s, ctx.asOf, ctx.today, windows));
  const grading = gradingOf(rows, ctx.asOf, ctx.today);
  const issues = endpoints.map(issueOf).filter((i): i is Issue => i !== null);
  if (grading.status === 'behind') {
    const overdue = grading.ungraded_dates.filter((d) => d.overdue).map((d) => d.game_date);
    issues.push({ severity: 'degraded', exporter: null, reason: 'grading_behind', message: `Final games of ${overdue.join(', ')} are not graded yet`, since: null });
  }
  const overall = issues.reduce<keyof typeof RANK>((worst, i) => (RANK[i.severity] > RANK[worst] ? i.severity : worst), 'healthy');
  const count = (status: Endpoint['status']) => endpoints.filter((e) => e.status === status).length;
  return {
    updated_at: ctx.generatedAt, as_of_date: ctx.today, overall_status: overall,
    summary: { endpoints: endpoints.length, fresh: count('fresh'), stale: count('stale'), error: count('error') },
    endpoints, games: gamesOf(rows, ctx.asOf, ctx.today, windows), grading, known_issues: issues,
  };
}

/**
 * Freshness rules of status.json, in the manner of dbt source freshness: each endpoint is judged
 * by the trigger that refreshes it most often, with a warn-after and an error-after age that fit
 * that cadence (the old status used one 60-minute rule for a daily file and read "degraded" almost
 * always, R-13). Age is measured at the last instant a refresh was due, so endpoints are not
 * stale while nothing is scheduled: live files outside game windows (from the schedule), hourly
 * files overnight. Pure.
 */
import type { Trigger } from '../../pipeline/define-exporter.ts';
import type { EndpointState } from './endpoint-states.ts';
import { easternWallTimeToInstant, isoInstant } from '../../pipeline/time.ts';

const HOUR = 60;
const DAY = 24 * HOUR;

/** Thresholds in minutes per trigger; see each reason. */
export const CADENCES: Record<Trigger, { warnAfter: number; errorAfter: number }> = {
  /** Ticks every 3 minutes in a game window: three missed ticks warn, ten error. */
  live: { warnAfter: 10, errorAfter: 30 },
  /** Every hour from 6 AM to 2 AM ET (the :07 runs of build-hourly.yml): one missed run warns, three error. */
  hourly: { warnAfter: 2 * HOUR, errorAfter: 4 * HOUR },
  /** Once a day (1 PM ET, plus prediction events): a day plus two hours of slack, then a second missed day. */
  tonight: { warnAfter: 26 * HOUR, errorAfter: 50 * HOUR },
  daily: { warnAfter: 26 * HOUR, errorAfter: 50 * HOUR },
  /** Once a week: a day of slack, then a second missed week. */
  weekly: { warnAfter: 8 * DAY, errorAfter: 15 * DAY },
  /** The 1st of each month: a month of 31 days plus a day, then a second missed month. */
  monthly: { warnAfter: 32 * DAY, errorAfter: 62 * DAY },
};

/**
 * Hourly builds run every hour from 06:00 ET to 02:00 ET the next morning (build-hourly.yml runs
 * at :07 past, 06:07 to 02:07); in the quiet hours between, they are judged as of the 02:00 run.
 */
export const HOURLY_FIRST_RUN = '06:00';
export const HOURLY_LAST_RUN = '02:00';
/** A game's live window: from tip-off until four hours later, unless the schedule already says final. */
export const GAME_WINDOW_MINUTES = 4 * HOUR;

export interface ScheduledGame { readonly tipoff_at: string | null; readonly game_status: number | null }

const minutes = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;
const plusMinutes = (instant: string, n: number) => isoInstant(new Date(Date.parse(instant) + n * 60_000));

/** The trigger that refreshes an endpoint most often. */
export function cadenceOf(triggers: readonly Trigger[]): Trigger {
  return [...triggers].sort((a, b) => CADENCES[a].warnAfter - CADENCES[b].warnAfter)[0] ?? 'daily';
}

export interface GameWindows { open: boolean; lastClosedAt: string | null }

/** Whether a game window is open at `asOf`, and when the newest closed one ended. */
export function gameWindows(games: readonly ScheduledGame[], asOf: string): GameWindows {
  const now = Date.parse(asOf);
  let open = false;
  let lastClosed: number | null = null;
  for (const { tipoff_at: tip, game_status: status } of games) {
    if (tip === null || Date.parse(tip) > now) continue;
    const end = Date.parse(tip) + GAME_WINDOW_MINUTES * 60_000;
    if (end > now && status !== 3) open = true;
    else lastClosed = Math.max(lastClosed ?? 0, Math.min(end, now));
  }
  return { open, lastClosedAt: lastClosed === null ? null : isoInstant(new Date(lastClosed)) };
}

/** The last instant a refresh of the cadence was due; null when none was (no game window yet). */
export function dueAt(cadence: Trigger, asOf: string, today: string, windows: GameWindows): string | null {
  if (cadence === 'live') return windows.open ? asOf : windows.lastClosedAt;
  if (cadence === 'hourly') {
    const lastRun = easternWallTimeToInstant(today, HOURLY_LAST_RUN);
    const now = Date.parse(asOf);
    if (now > lastRun.getTime() && now < easternWallTimeToInstant(today, HOURLY_FIRST_RUN).getTime()) return isoInstant(lastRun);
  }
  return asOf;
}

export type FreshnessStatus = 'fresh' | 'stale' | 'error';
export type FreshnessReason = 'never_built' | 'refresh_failed' | 'past_warn_after' | 'past_error_after' | null;

export interface Freshness {
  cadence: Trigger;
  status: FreshnessStatus;
  reason: FreshnessReason;
  /** Minutes behind its due refresh (0 when built since), null when never built. */
  lagMinutes: number | null;
  /** When it crossed warn-after (stable across builds), null unless stale or too old. */
  staleSince: string | null;
}

export function freshnessOf(state: EndpointState, asOf: string, today: string, windows: GameWindows): Freshness {
  const cadence = cadenceOf(state.triggers);
  const { warnAfter, errorAfter } = CADENCES[cadence];
  if (state.lastBuiltAt === null) return { cadence, status: 'error', reason: 'never_built', lagMinutes: null, staleSince: null };
  const due = dueAt(cadence, asOf, today, windows);
  const lag = due === null ? 0 : Math.max(0, Math.floor(minutes(state.lastBuiltAt, due)));
  const staleSince = lag >= warnAfter ? plusMinutes(state.lastBuiltAt, warnAfter) : null;
  if (state.lastErrorCode !== null) return { cadence, status: 'error', reason: 'refresh_failed', lagMinutes: lag, staleSince };
  if (lag >= errorAfter) return { cadence, status: 'error', reason: 'past_error_after', lagMinutes: lag, staleSince };
  if (lag >= warnAfter) return { cadence, status: 'stale', reason: 'past_warn_after', lagMinutes: lag, staleSince };
  return { cadence, status: 'fresh', reason: null, lagMinutes: lag, staleSince: null };
}

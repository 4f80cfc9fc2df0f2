/**
 * When each trigger runs (America/New_York, as the scheduled workflows run it) and the freshness
 * rule that follows from it: a file is stale when it is older than `staleAfterMinutes` inside the
 * trigger's window. Typed by `Trigger`, so a new trigger does not compile until it is described here.
 *
 * No status endpoint exposes thresholds in code yet (there is no `exporters/status/`); these are
 * derived from the cadence (one missed run plus a grace period). A status exporter should read them
 * from here, or the docs from it, so that the two never disagree.
 */
import type { Exporter, Trigger } from '../define-exporter.ts';

export interface TriggerSchedule {
  /** Cron expressions in America/New_York. */
  cron: readonly string[];
  /** For people: when it runs. */
  text: string;
  /** Stale when older than this, within `window`. */
  staleAfterMinutes: number;
  /** When the rule applies (outside it no run is expected); undefined = always. */
  window: string | undefined;
}

export const TRIGGER_SCHEDULES: Readonly<Record<Trigger, TriggerSchedule>> = {
  live: { cron: ['*/3 19-23 * * *', '*/3 0-1 * * *'], text: 'every 3 minutes, 19:00–01:57 ET (game nights)', staleAfterMinutes: 10, window: '19:00–02:00 ET' },
  hourly: { cron: ['0 6-23 * * *'], text: 'hourly, 06:00–23:00 ET', staleAfterMinutes: 120, window: '06:00–23:59 ET' },
  tonight: { cron: ['0 13 * * *'], text: 'daily at 13:00 ET, and again as predictions land', staleAfterMinutes: 26 * 60, window: undefined },
  daily: { cron: ['0 5 * * *'], text: 'daily at 05:00 ET, after grading', staleAfterMinutes: 26 * 60, window: undefined },
  weekly: { cron: ['0 6 * * 1'], text: 'weekly, Mondays 06:00 ET', staleAfterMinutes: 8 * 24 * 60, window: undefined },
  monthly: { cron: ['0 6 1 * *'], text: 'monthly, the 1st at 06:00 ET', staleAfterMinutes: 32 * 24 * 60, window: undefined },
};

export interface Freshness {
  staleAfterMinutes: number;
  window: string | undefined;
  /** e.g. `stale when older than 2 h (06:00–23:59 ET)`. */
  text: string;
}

/** The strictest rule of the exporter's triggers (the most frequent refresh sets the expectation). */
export function freshnessOf(exporter: Pick<Exporter, 'triggers'>): Freshness {
  const schedule = [...exporter.triggers].map((t) => TRIGGER_SCHEDULES[t]).sort((a, b) => a.staleAfterMinutes - b.staleAfterMinutes)[0];
  if (schedule === undefined) throw new Error('Internal error: an exporter without triggers has no freshness rule');
  const window = schedule.window === undefined ? '' : ` (${schedule.window})`;
  return { staleAfterMinutes: schedule.staleAfterMinutes, window: schedule.window, text: `stale when older than ${formatMinutes(schedule.staleAfterMinutes)}${window}` };
}

/** 10 → `10 min`, 120 → `2 h`, 1560 → `26 h`, 11520 → `8 days`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${+(minutes / 60).toFixed(1)} h`;
  return `${+(minutes / 1440).toFixed(1)} days`;
}

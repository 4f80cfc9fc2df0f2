/**
 * The Eastern-time guard of the scheduled workflows (`.github/workflows/`).
 *
 * GitHub's cron is UTC only, so a job meant for 5 AM New York time has two cron lines, one for
 * EST (10:07 UTC) and one for EDT (09:07 UTC); on any given day one of them fires at the wrong
 * Eastern hour, and this guard tells the workflow to skip that run.
 *
 * Contract: a run goes ahead when it was started by hand (any event but `schedule`), or when the
 * instant its cron line was *scheduled* for falls, in America/New_York, on one of the rule's
 * hours (and weekdays / days of the month, when given). The scheduled instant, not the clock, is
 * judged because GitHub starts scheduled runs late under load (often minutes, sometimes an hour):
 * a 5:07 run that starts at 6:02 is still the 5 AM run, and the wrong-season line stays wrong
 * however late it starts. The instant is the newest fire time of the triggering cron line
 * (`github.event.schedule`) at or before now, with a minute of tolerance for clock skew.
 */
import { CronExpressionParser } from 'cron-parser';
import { invalidOption } from '../errors.ts';
import { EASTERN_TIME_ZONE } from '../time.ts';

/** Tolerance for a runner clock slightly behind GitHub's scheduler. */
const CLOCK_SKEW_MS = 60_000;

export interface EasternGuardRule {
  /** Eastern wall-clock hours (0–23) at which a scheduled run goes ahead. */
  hours: readonly number[];
  /** Eastern days of the week (0 = Sunday … 6 = Saturday); `undefined` means every day. */
  weekdays?: readonly number[];
  /** Eastern days of the month (1–31); `undefined` means every day. */
  monthdays?: readonly number[];
}

/** The flags of `ops guard`, as strings: `'5,8,11,13'`, `'6-23,0-2'`, `''` for "any". */
export interface EasternGuardFlags {
  hours: string;
  weekdays?: string;
  monthdays?: string;
}

export interface GuardInput {
  /** `github.event_name`. */
  event: string;
  /** `github.event.schedule`: the cron line that fired (empty for other events). */
  cron: string;
  now: Date;
}

export interface EasternSlot {
  /** The scheduled instant, ISO 8601 UTC. */
  instant: string;
  /** Its America/New_York wall clock. */
  date: string;
  hour: number;
  minute: number;
  weekday: number;
  day: number;
}

export interface GuardDecision {
  run: boolean;
  /** One line for the log and the job summary. */
  reason: string;
  /** The Eastern slot this run stands for; absent for manual runs. */
  slot?: EasternSlot;
}

/** Parses `'6-23,0-2'` into the listed integers; `''` gives `undefined` (no restriction). */
export function parseIntegerList(name: string, text: string | undefined, min: number, max: number): number[] | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,2})(?:-(\d{1,2}))?\s*$/.exec(part);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || from < min || to > max || to < from) throw invalidOption(`--${name}`, `a comma-separated list of integers or ranges within ${min}-${max}`, text);
    for (let v = from; v <= to; v++) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

export function parseGuardRule(flags: EasternGuardFlags): EasternGuardRule {
  const hours = parseIntegerList('hours', flags.hours, 0, 23);
  if (!hours) throw invalidOption('--hours', 'at least one Eastern hour (0-23)', flags.hours);
  const weekdays = parseIntegerList('weekdays', flags.weekdays, 0, 6);
  const monthdays = parseIntegerList('monthdays', flags.monthdays, 1, 31);
  return { hours, ...(weekdays ? { weekdays } : {}), ...(monthdays ? { monthdays } : {}) };
}

/** The newest fire time of a UTC cron line at or before `now` (give or take the clock skew). */
export function scheduledInstant(cron: string, now: Date): Date {
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + CLOCK_SKEW_MS), tz: 'UTC' });
  return expression.prev().toDate();
}

const easternParts = new Intl.DateTimeFormat('en-US', {
  timeZone: EASTERN_TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function easternSlot(instant: Date): EasternSlot {
  const part = (type: Intl.DateTimeFormatPartTypes) => easternParts.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
  return {
    instant: instant.toISOString(),
    date: `${part('year')}-${part('month')}-${part('day')}`,
    hour: Number(part('hour')),
    minute: Number(part('minute')),
    weekday: WEEKDAYS.indexOf(part('weekday')),
    day: Number(part('day')),
  };
}

/** `05:07` */
export const formatSlotTime = (slot: Pick<EasternSlot, 'hour' | 'minute'>) => `${String(slot.hour).padStart(2, '0')}:${String(slot.minute).padStart(2, '0')}`;

export function matchesRule(rule: EasternGuardRule, slot: EasternSlot): boolean {
  return rule.hours.includes(slot.hour) && (rule.weekdays?.includes(slot.weekday) ?? true) && (rule.monthdays?.includes(slot.day) ?? true);
}

export function decideGuard(rule: EasternGuardRule, input: GuardInput): GuardDecision {
  if (input.event !== 'schedule') return { run: true, reason: `started by ${input.event}: the Eastern-time guard applies to scheduled runs only` };
  if (input.cron.trim() === '') throw invalidOption('--cron', 'the cron line that fired (github.event.schedule) for a scheduled run', input.cron);
  const slot = easternSlot(scheduledInstant(input.cron, input.now));
  const when = `${slot.date} ${formatSlotTime(slot)} ET (cron \`${input.cron}\`)`;
  return matchesRule(rule, slot)
    ? { run: true, reason: `scheduled for ${when}: an intended Eastern slot`, slot }
    : { run: false, reason: `scheduled for ${when}: not an intended Eastern slot (this line serves the other half of the year); skipped`, slot };
}

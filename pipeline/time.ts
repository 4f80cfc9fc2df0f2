/**
 * Calendar helpers. "Today" and "tonight" are always America/New_York dates, never UTC
 * (the old hourly job showed tomorrow's board during tonight's games).
 */
export const EASTERN_TIME_ZONE = 'America/New_York';

/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;

/** The shape of a calendar date (`isIsoDate` also checks the day exists); the typed client ships it. */
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const easternDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: EASTERN_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The America/New_York calendar date of an instant, `YYYY-MM-DD`. */
export function easternDate(instant: Date): string {
  return easternDateFormat.format(instant);
}

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every date from `from` to `to` inclusive, ascending. */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Starting year of the NBA season a date belongs to: October or later → that year, else the previous one. */
export function seasonStartYear(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 10 ? year : year - 1;
}

/** Registry season string, e.g. 2024 → `'2024-25'`. */
export function seasonLabel(startYear: number): string {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** First day counted in a season's window (October 1 of its start year). */
export function seasonStartDate(startYear: number): string {
  return `${startYear}-10-01`;
}

/** The instant at which the America/New_York wall clock reads `date` `hh:mm` (DST-aware). */
export function easternWallTimeToInstant(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  // Offset of New York at the guessed instant, applied twice to settle across a DST change.
  let instant = guess;
  for (let i = 0; i < 2; i++) instant = new Date(guess.getTime() - easternOffsetMs(instant));
  return instant;
}

/** New York's offset from UTC at an instant, in ms (e.g. −4 h in summer). */
function easternOffsetMs(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: EASTERN_TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(instant);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** ISO 8601 UTC with `Z`, without a zero millisecond part: `2025-03-15T01:30:00Z`. */
export function isoInstant(instant: Date): string {
  return instant.toISOString().replace(/\.000Z$/, 'Z');
}

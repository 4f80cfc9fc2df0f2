/**
 * The regular-season calendar of the sample league and Eastern-time instants.
 *
 * A season opens on the first Tuesday on or after October 21 and ends 173 days later, on a Sunday
 * in mid-April (2024-25: October 22 to April 13, as in reality). No games on Thanksgiving,
 * Christmas Eve and the six days of the All-Star break around the third Sunday of February.
 */
import { EASTERN_TIME_ZONE, addDays, dateRange } from '../time.ts';

const SEASON_LENGTH_DAYS = 173;

export interface SeasonWindow {
  startYear: number;
  opening: string;
  lastDay: string;
  /** Dates inside the window without games. */
  offDays: ReadonlySet<string>;
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first date on or after `from` that falls on `day` (0 = Sunday). */
function nextWeekday(from: string, day: number): string {
  return addDays(from, (day - weekday(from) + 7) % 7);
}

export function seasonWindow(startYear: number): SeasonWindow {
  const opening = nextWeekday(`${startYear}-10-21`, 2);
  const thanksgiving = addDays(nextWeekday(`${startYear}-11-01`, 4), 21);
  const allStarSunday = addDays(nextWeekday(`${startYear + 1}-02-01`, 0), 14);
  const offDays = new Set([thanksgiving, `${startYear}-12-24`, ...dateRange(addDays(allStarSunday, -2), addDays(allStarSunday, 3))]);
  return { startYear, opening, lastDay: addDays(opening, SEASON_LENGTH_DAYS), offDays };
}

/** Game days of a season, ascending. */
export function seasonGameDays(window: SeasonWindow): string[] {
  return dateRange(window.opening, window.lastDay).filter((date) => !window.offDays.has(date));
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: EASTERN_TIME_ZONE, timeZoneName: 'longOffset' });

/** Offset of New York from UTC in minutes at an instant (−300 in winter, −240 in summer). */
function easternOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const noonOffsets = new Map<string, number>();

/**
 * The instant at which New York wall clocks show `date` and `minutes` after midnight. Uses the
 * date's noon offset: no game or report happens during the 2 AM daylight-saving switch.
 */
export function easternInstant(date: string, minutes: number): Date {
  let offset = noonOffsets.get(date);
  if (offset === undefined) {
    offset = easternOffsetMinutes(new Date(`${date}T17:00:00Z`));
    noonOffsets.set(date, offset);
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) + (minutes - offset) * 60_000);
}

const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (memoised: rest-day arithmetic runs per player per game). */
function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    dayNumbers.set(date, day);
  }
  return day;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

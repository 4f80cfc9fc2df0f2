/**
 * The game night: the one place that decides which night a live instant belongs to.
 *
 * A night keeps its date until the cutover (04:00 America/New_York), so games that run past
 * midnight ET stay on the night they started and `live/latest.json` is not emptied at midnight
 * (spec R-9: the old exporters switched to the next calendar date at 00:00 and dropped tonight's
 * late games). The rule reads the Eastern wall clock, so it holds across DST changes (the 23- and
 * 25-hour days) where "instant minus four hours" would not.
 */
import { addDays, easternDate, easternWallTimeToInstant, EASTERN_TIME_ZONE } from '../time.ts';

/** Eastern wall-clock hour at which a game night ends and the next calendar date's night begins. */
export const GAME_NIGHT_CUTOVER_HOUR = 4;

const easternHour = new Intl.DateTimeFormat('en-US', { timeZone: EASTERN_TIME_ZONE, hour: '2-digit', hourCycle: 'h23' });

/** The game night (`YYYY-MM-DD`) an instant belongs to: its Eastern date, or the day before until 04:00 ET. */
export function gameNightDate(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const hour = Number(easternHour.format(at));
  const date = easternDate(at);
  return hour < GAME_NIGHT_CUTOVER_HOUR ? addDays(date, -1) : date;
}

/** The instant a game night ends (04:00 ET on the next calendar date). */
export function gameNightEnd(gameDate: string): Date {
  return easternWallTimeToInstant(addDays(gameDate, 1), `${String(GAME_NIGHT_CUTOVER_HOUR).padStart(2, '0')}:00`);
}

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for an Eastern wall-clock time `HH:MM` (24-hour). */
export function isWallTime(value: string): boolean {
  return WALL_TIME.test(value);
}

/** The first instant strictly after `from` at which the Eastern wall clock reads `time` (`HH:MM`). */
export function nextEasternWallTime(from: Date, time: string): Date {
  if (!isWallTime(time)) throw new TypeError(`Expected an Eastern wall-clock time HH:MM, got \`${time}\``);
  const today = easternDate(from);
  const candidate = easternWallTimeToInstant(today, time);
  return candidate.getTime() > from.getTime() ? candidate : easternWallTimeToInstant(addDays(today, 1), time);
}

/**
 * When a watch loop started at `start` stops: the next `until` (Eastern `HH:MM`), but never past the
 * end of the game night it started in, so a loop started late cannot run on into the next night.
 */
export function watchWindowEnd(start: Date, until: string): Date {
  return new Date(Math.min(nextEasternWallTime(start, until).getTime(), gameNightEnd(gameNightDate(start)).getTime()));
}

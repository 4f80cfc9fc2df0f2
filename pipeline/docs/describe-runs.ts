/**
 * Eastern run times in words: `every day at 05:07, 08:07, 11:37 and 13:07 ET`,
 * `every hour at :07 from 06:07 to 02:07 ET`, `Sundays at 06:07 ET`, `on day 1 of the month at 06:07 ET`.
 */
import type { EasternGuardRule } from '../ops/eastern-guard.ts';

const DAY_NAMES = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];
/** From this many runs a day at one minute past consecutive hours, say "every hour". */
const HOURLY_FROM_RUNS = 6;

export function describeRuns(times: readonly string[], rule: EasternGuardRule | undefined): string {
  const days = rule?.weekdays ? rule.weekdays.map((d) => DAY_NAMES[d]).join(' and ')
    : rule?.monthdays ? `on day ${rule.monthdays.join(', ')} of the month`
      : 'every day';
  if (times.length === 0) return `${days}: no run passes the Eastern-time guard`;
  const hourly = hourlyRange(times);
  if (hourly !== undefined) return `${days === 'every day' ? '' : `${days}, `}${hourly} ET`;
  return `${days} at ${listTimes(times)} ET`;
}

function listTimes(times: readonly string[]): string {
  return times.length === 1 ? times[0]! : `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
}

/** `every hour at :07 from 06:07 to 02:07` when the times are one minute past consecutive hours (wrapping midnight). */
function hourlyRange(times: readonly string[]): string | undefined {
  const minutes = new Set(times.map((t) => t.slice(3)));
  if (times.length < HOURLY_FROM_RUNS || minutes.size !== 1) return undefined;
  const hours = times.map((t) => Number(t.slice(0, 2)));
  // Start after the widest gap between consecutive hours (circularly); the rest must be 1 apart.
  const gaps = hours.map((h, i) => ((hours[(i + 1) % hours.length]! - h + 24) % 24) || 24);
  const widest = gaps.indexOf(Math.max(...gaps));
  const ordered = hours.map((_, i) => hours[(widest + 1 + i) % hours.length]!);
  if (!ordered.every((h, i) => i === 0 || (h - ordered[i - 1]! + 24) % 24 === 1)) return undefined;
  const minute = [...minutes][0]!;
  const at = (h: number) => `${String(h).padStart(2, '0')}:${minute}`;
  return `every hour at :${minute} from ${at(ordered[0]!)} to ${at(ordered.at(-1)!)}`;
}

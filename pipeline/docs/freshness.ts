/**
 * An endpoint's freshness thresholds as the docs and the OpenAPI document show them, read from
 * the status endpoint's own rules (`exporters/status/freshness.ts`: the trigger that refreshes the
 * endpoint most often sets its cadence, with warn-after and error-after ages), so the docs and
 * `status.json` never disagree.
 */
import { CADENCES, cadenceOf, GAME_WINDOW_MINUTES, HOURLY_FIRST_RUN, HOURLY_LAST_RUN } from '../../exporters/status/freshness.ts';
import type { Exporter, Trigger } from '../define-exporter.ts';

export interface Freshness {
  /** The trigger whose cadence judges the endpoint. */
  cadence: Trigger;
  /** status.json marks the endpoint stale past this age (minutes behind its due refresh). */
  warnAfterMinutes: number;
  /** … and in error past this one. */
  errorAfterMinutes: number;
  /** When the age is measured, if not always. */
  measured: string | undefined;
  /** e.g. `stale after 2 h, error after 4 h (hourly cadence; …)`. */
  text: string;
}

export function freshnessOf(exporter: Pick<Exporter, 'triggers'>): Freshness {
  const cadence = cadenceOf(exporter.triggers);
  const { warnAfter, errorAfter } = CADENCES[cadence];
  const measured = cadence === 'live'
    ? `measured in game windows only (tip-off to ${formatMinutes(GAME_WINDOW_MINUTES)} later)`
    : cadence === 'hourly' ? `between ${HOURLY_LAST_RUN} and ${HOURLY_FIRST_RUN} ET measured as of the ${HOURLY_LAST_RUN} run` : undefined;
  const text = `stale after ${formatMinutes(warnAfter)}, error after ${formatMinutes(errorAfter)} (${cadence} cadence${measured ? `; ${measured}` : ''})`;
  return { cadence, warnAfterMinutes: warnAfter, errorAfterMinutes: errorAfter, measured, text };
}

/** 10 → `10 min`, 120 → `2 h`, 1560 → `26 h`, 11520 → `8 days`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 72 * 60) return `${+(minutes / 60).toFixed(1)} h`;
  return `${+(minutes / 1440).toFixed(1)} days`;
}

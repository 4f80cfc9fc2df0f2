/**
 * An endpoint's freshness thresholds as the docs and the OpenAPI document show them, read from
 * status.json's own rules (freshness.ts: the trigger that refreshes the endpoint most often sets
 * its cadence, with warn-after and error-after ages), so the docs and `status.json` never
 * disagree. The CLI's `generate` passes it to the docs generator.
 */
import type { Exporter } from '../../pipeline/define-exporter.ts';
import { formatMinutes, type Freshness } from '../../pipeline/docs/freshness.ts';
import { CADENCES, cadenceOf, GAME_WINDOW_MINUTES, HOURLY_FIRST_RUN, HOURLY_LAST_RUN } from './freshness.ts';

export function documentedFreshness(exporter: Pick<Exporter, 'triggers'>): Freshness {
  const cadence = cadenceOf(exporter.triggers);
  const { warnAfter, errorAfter } = CADENCES[cadence];
  const measured = cadence === 'live'
    ? `measured in game windows only (tip-off to ${formatMinutes(GAME_WINDOW_MINUTES)} later)`
    : cadence === 'hourly' ? `between ${HOURLY_LAST_RUN} and ${HOURLY_FIRST_RUN} ET measured as of the ${HOURLY_LAST_RUN} run` : undefined;
  const text = `stale after ${formatMinutes(warnAfter)}, error after ${formatMinutes(errorAfter)} (${cadence} cadence${measured ? `; ${measured}` : ''})`;
  return { cadence, warnAfterMinutes: warnAfter, errorAfterMinutes: errorAfter, measured, text };
}

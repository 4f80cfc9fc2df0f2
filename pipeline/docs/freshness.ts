/**
 * An endpoint's freshness thresholds as the docs and the OpenAPI document show them. The rules
 * are status.json's, so the docs and `status.json` never disagree; the docs generator receives
 * them (`freshnessOf`) from its caller and knows no endpoint.
 */
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

/** An endpoint's freshness as the docs show it; the status family's rules supply it (the CLI passes them in). */
export type FreshnessOf = (exporter: Pick<Exporter, 'triggers'>) => Freshness;

/** 10 → `10 min`, 120 → `2 h`, 1560 → `26 h`, 11520 → `8 days`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 72 * 60) return `${+(minutes / 60).toFixed(1)} h`;
  return `${+(minutes / 1440).toFixed(1)} days`;
}

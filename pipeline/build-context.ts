/**
 * The build context: what "now", "today" and "yesterday" mean for this build. Sample warehouses
 * carry their own as-of night, so `npm start` shows that night whatever the wall clock says.
 */
import type { BuildContext, RenderContext, Trigger } from './define-exporter.ts';
import { invalidOption } from './errors.ts';
import type { Clock, Warehouse } from './ports.ts';
import { addDays, easternDate, easternWallTimeToInstant, isIsoDate, isoInstant } from './time.ts';

export interface ContextOptions {
  trigger: Trigger | 'all';
  dates: readonly string[] | undefined;
  systemId: string;
  /** `YYYY-MM-DD` (taken as noon New York time) or an ISO instant. */
  asOf: string | undefined;
  players: readonly string[] | undefined;
  minGradedGames: number;
}

export function resolveAsOf(asOf: string | undefined, warehouse: Pick<Warehouse, 'sample'>, clock: Clock): Date {
  if (asOf !== undefined) {
    if (isIsoDate(asOf)) return easternWallTimeToInstant(asOf, '12:00');
    const instant = new Date(asOf);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(asOf) || Number.isNaN(instant.getTime())) throw invalidOption('asOf', 'a date YYYY-MM-DD or an ISO 8601 instant', asOf);
    return instant;
  }
  if (warehouse.sample) return new Date(warehouse.sample.asOfInstant);
  return clock.now();
}

export function createRenderContext(options: ContextOptions, warehouse: Pick<Warehouse, 'sample'>, clock: Clock): RenderContext {
  const instant = resolveAsOf(options.asOf, warehouse, clock);
  const asOf = isoInstant(instant);
  const today = easternDate(instant);
  const ctx: BuildContext = {
    trigger: options.trigger,
    asOf,
    today,
    yesterday: addDays(today, -1),
    dates: options.dates,
    systemId: options.systemId,
    sampleData: warehouse.sample !== undefined,
    players: options.players,
    minGradedGames: options.minGradedGames,
  };
  return { ...ctx, generatedAt: asOf, inputs: new Map() };
}

/**
 * The build input of status.json: what is known about every registered endpoint's freshness. It
 * loads after every other endpoint of the build (`after: 'all'`), so it describes what this build
 * actually wrote (the data dates of files listed by query rows are known only then).
 */
import type { BuildFacts, BuildInput, Trigger } from '../../pipeline/define-exporter.ts';

/** The freshness facts of one endpoint as this build sees them. */
export interface EndpointState {
  readonly exporter: string;
  readonly triggers: readonly Trigger[];
  /** True when this build (re)builds the endpoint; false when it carried its files over unchanged. */
  readonly builtNow: boolean;
  /**
   * As-of instant of the newest build that produced it or checked it and found its tables unchanged
   * (this build's when built or carried over now); null when never built.
   */
  readonly lastBuiltAt: string | null;
  /** Newest data date it covers (its newest `date` parameter, else the build's today); null when never built. */
  readonly dataAsOf: string | null;
  /**
   * Permanent error code of a refresh that failed (e.g. a live tick whose feed was down), whose last
   * good files were kept; null when the last attempt succeeded. Set through `runBuild({ failedEndpoints })`.
   */
  readonly lastErrorCode: string | null;
}

export const endpointStates: BuildInput<readonly EndpointState[]> = { id: 'endpoint states', after: 'all', load: endpointStatesOf };

/**
 * Every registered endpoint: built by this build (data as of the newest date of the files it
 * wrote, else of its planned dates, else today), carried over by it (checked now, same data
 * date rule), or as the baseline left it.
 */
export function endpointStatesOf({ registry, endpoints, ctx, previous, failedEndpoints }: BuildFacts): EndpointState[] {
  return registry.map((exporter) => {
    const lastErrorCode = failedEndpoints[exporter.id] ?? null;
    const planned = endpoints.find((e) => e.exporter.id === exporter.id && e.planned);
    const before = previous.get(exporter.id);
    if (planned) {
      // A carried-over endpoint wrote no files (writtenDates is empty): its files were built on this ET
      // day from the same tables and parameters, so its data date is what a rebuild would give
      // (files listed by rows: the baseline's).
      const dates = [...planned.writtenDates, ...planned.params.map((p) => p.date)].filter((d): d is string => d !== undefined).sort();
      const fallback = planned.carried ? before?.dataAsOf ?? ctx.today : ctx.today;
      return { exporter: exporter.id, triggers: exporter.triggers, builtNow: !planned.carried, lastBuiltAt: ctx.asOf, dataAsOf: dates.at(-1) ?? fallback, lastErrorCode };
    }
    return { exporter: exporter.id, triggers: exporter.triggers, builtNow: false, lastBuiltAt: before?.lastBuiltAt ?? null, dataAsOf: before?.dataAsOf ?? null, lastErrorCode };
  });
}

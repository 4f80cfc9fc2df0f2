/**
 * The build's side of the live feed: one snapshot per build, fetched only when a planned endpoint
 * has `usesLiveFeed`, and, when the feed fails, a failure for exactly those endpoints (named,
 * with the feed's error as cause) instead of a render from nothing. The build then writes none
 * of their files, so the last good live files stay published (never an empty "quiet night").
 *
 * Live endpoints build only the game night of the build's as-of. Dates that leave it out plan
 * none of their files: a backfill skips them on purpose (spec R-14) and says so; a build that
 * asked for them (`--trigger live`, or `--only` naming them) fails with `LiveNightExcluded`
 * rather than exit 0 having built only status.json, unless it is a dry run, which reports it.
 */
import type { EndpointResult } from '../build-endpoint.ts';
import type { Options } from '../config.ts';
import { ExportError, LiveFeedError, PlanError } from '../errors.ts';
import type { LiveFeed, Logger } from '../ports.ts';
import { hasWork, type BuildPlan, type PlannedEndpoint } from '../stages/plan.ts';
import { gameNightDate } from './game-night.ts';
import { FAILED_POLL_OUTCOME, fetchLiveNight, type LiveNight } from './snapshot.ts';

export interface LiveFetchResult {
  /** The game night's snapshot; undefined when no live endpoint is planned or the feed failed. */
  night: LiveNight | undefined;
  failure: ExportError | undefined;
}

export const usesLiveFeed = (endpoint: PlannedEndpoint): boolean => endpoint.exporter.usesLiveFeed === true && hasWork(endpoint);

/** Fetch the build's one snapshot if any planned endpoint reads it; `openFeed` is called only then. */
export async function fetchLiveForPlan(plan: BuildPlan, openFeed: () => LiveFeed): Promise<LiveFetchResult> {
  if (!plan.endpoints.some(usesLiveFeed)) return { night: undefined, failure: undefined };
  try {
    const gameDate = gameNightDate(plan.ctx.asOf);
    return { night: await fetchLiveNight(openFeed(), { gameDate, asOf: plan.ctx.asOf }), failure: undefined };
  } catch (error) {
    const failure = error instanceof ExportError ? error : new LiveFeedError('LiveFeedUnavailable', `the live feed could not be opened: ${(error as Error).message}`, { cause: error });
    return { night: undefined, failure };
  }
}

/** The result of a live endpoint that was not built because the feed failed: one failure naming it. */
export function liveFailureResult(endpoint: PlannedEndpoint, failure: ExportError): EndpointResult {
  const named = new LiveFeedError(failure.code, `not built: ${failure.message}`, {
    exporterId: endpoint.exporter.id, outputPath: endpoint.jobs[0]?.outputPath, hint: failure.hint ?? FAILED_POLL_OUTCOME, cause: failure,
  });
  return { files: [], failures: [named], queryMs: 0, queried: false };
}

/** Says which live endpoints the dates leave out and why; throws when the build asked for them (see the file overview). */
export function checkLiveNight(plan: BuildPlan, request: Pick<Options, 'trigger' | 'only' | 'dryRun'>, logger: Logger): void {
  const { dates, asOf } = plan.ctx;
  const night = gameNightDate(asOf);
  const skipped = plan.endpoints.filter((e) => e.exporter.usesLiveFeed === true && !hasWork(e)).map((e) => e.exporter.id);
  if (skipped.length === 0 || dates === undefined || dates.includes(night)) return;
  const why = `${skipped.map((id) => `\`${id}\``).join(', ')} ${skipped.length === 1 ? 'builds' : 'build'} only the live night, ${night} (the game night of as-of ${asOf}), which the dates ${describeDates(dates)} leave out`;
  const familyOf = (id: string) => id.split('.')[0]!;
  const asked = request.trigger === 'live' || skipped.some((id) => request.only?.some((name) => name === id || name === familyOf(id)));
  if (!asked) return logger.info(`live endpoints skipped: ${why}`);
  if (request.dryRun) return logger.warn(`a live build for these dates builds no live file: ${why}`);
  throw new PlanError('LiveNightExcluded', `A live build for these dates builds no live file: ${why}; nothing was written`, {
    hint: `Drop --date/--from/--to to build the live night, or include ${night}. Another night's live files come only from a build whose as-of falls in that night (--as-of; balldontlie's live feed serves only the night in progress). --dry-run reports this without failing.`,
  });
}

function describeDates(dates: readonly string[]): string {
  return dates.length === 1 ? dates[0]! : `${dates[0]} … ${dates.at(-1)} (${dates.length} dates)`;
}

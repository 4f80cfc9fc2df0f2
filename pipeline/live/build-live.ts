/**
 * The build's side of the live feed: one snapshot per build, fetched only when a planned endpoint
 * has `usesLiveFeed`, and, when the feed fails, a failure for exactly those endpoints (named,
 * with the feed's error as cause) instead of a render from nothing. The build then writes none
 * of their files, so the last good live files stay published (never an empty "quiet night").
 */
import type { EndpointResult } from '../build-endpoint.ts';
import { ExportError, LiveFeedError } from '../errors.ts';
import type { LiveFeed } from '../ports.ts';
import { hasWork, type BuildPlan, type PlannedEndpoint } from '../stages/plan.ts';
import { gameNightDate } from './game-night.ts';
import { fetchLiveNight, type LiveNight } from './snapshot.ts';

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
    exporterId: endpoint.exporter.id, outputPath: endpoint.jobs[0]?.outputPath, hint: failure.hint ?? 'The last good live files were kept.', cause: failure,
  });
  return { files: [], failures: [named], queryMs: 0, queried: false };
}

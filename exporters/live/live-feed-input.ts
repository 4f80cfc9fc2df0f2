/**
 * The live family's build input: one live-feed snapshot per build (spec R-12), loaded only when a
 * planned endpoint lists it in `needs`, and, when the feed fails, a failure for exactly those
 * endpoints (named, with the feed's error as cause) instead of a render from nothing. The build
 * then writes none of their files, so the last good live files stay published (never an empty
 * "quiet night").
 *
 * Live endpoints build only the game night of the build's as-of. Dates that leave it out plan
 * none of their files: a backfill skips them on purpose (spec R-14) and says so; a build that
 * asked for them (`--trigger live`, or `--only` naming them) fails with `LiveNightExcluded`
 * rather than exit 0 having built only status.json, unless it is a dry run, which reports it.
 */
import type { BuildInput, PlanFacts } from '../../pipeline/define-exporter.ts';
import { ExportError, LiveFeedError, PlanError } from '../../pipeline/errors.ts';
import { gameNightDate } from '../../pipeline/live/game-night.ts';
import { FAILED_POLL_OUTCOME, fetchLiveNight, LIVE_FEED_INPUT_ID, type LiveNight } from '../../pipeline/live/snapshot.ts';
import type { Logger } from '../../pipeline/ports.ts';
import { onlyNames } from '../../pipeline/select-exporters.ts';

export const liveFeed: BuildInput<LiveNight> = {
  id: LIVE_FEED_INPUT_ID,
  load: async ({ ctx, liveFeed: openFeed }) => fetchLiveNight(openFeed(), { gameDate: gameNightDate(ctx.asOf), asOf: ctx.asOf }),
  failureFor: (error, endpoint) => {
    const failure = error instanceof ExportError ? error : new LiveFeedError('LiveFeedUnavailable', `the live feed could not be opened: ${(error as Error).message}`, { cause: error });
    return new LiveFeedError(failure.code, `not built: ${failure.message}`, {
      exporterId: endpoint.exporter.id, outputPath: endpoint.firstPath, hint: failure.hint ?? FAILED_POLL_OUTCOME, cause: failure,
    });
  },
  checkPlan: checkLiveNight,
};

/** Says which live endpoints the dates leave out and why; throws when the build asked for them (see the file overview). */
function checkLiveNight({ ctx, request, endpoints }: PlanFacts, logger: Logger): void {
  const { dates, asOf } = ctx;
  const night = gameNightDate(asOf);
  const skipped = endpoints.filter((e) => e.exporter.needs?.includes(liveFeed) === true && !e.planned).map((e) => e.exporter.id);
  if (skipped.length === 0 || dates === undefined || dates.includes(night)) return;
  const why = `${skipped.map((id) => `\`${id}\``).join(', ')} ${skipped.length === 1 ? 'builds' : 'build'} only the live night, ${night} (the game night of as-of ${asOf}), which the dates ${describeDates(dates)} leave out`;
  const asked = request.trigger === 'live' || skipped.some((id) => request.only?.some((name) => onlyNames(name, id)));
  if (!asked) return logger.info(`live endpoints skipped: ${why}`);
  if (request.dryRun) return logger.warn(`a live build for these dates builds no live file: ${why}`);
  throw new PlanError('LiveNightExcluded', `A live build for these dates builds no live file: ${why}; nothing was written`, {
    hint: `Drop --date/--from/--to to build the live night, or include ${night}. Another night's live files come only from a build whose as-of falls in that night (--as-of; balldontlie's live feed serves only the night in progress). --dry-run reports this without failing.`,
  });
}

function describeDates(dates: readonly string[]): string {
  return dates.length === 1 ? dates[0]! : `${dates[0]} … ${dates.at(-1)} (${dates.length} dates)`;
}

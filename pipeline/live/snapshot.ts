/**
 * One live snapshot per build (spec R-12): fetched once when any planned endpoint needs the live
 * family's build input (exporters/live/live-feed-input.ts), filtered once to the build's game
 * night, and handed to every live exporter's `render`, so live scores and live grading always
 * describe the same poll.
 */
import { ExportError, LiveFeedError } from '../errors.ts';
import type { LiveFeed, LiveFeedGame, LiveGameStatus, LiveSnapshot } from '../ports.ts';

/** Id of the build input that carries the snapshot: the exporters that need it are the ones that read the feed. */
export const LIVE_FEED_INPUT_ID = 'live feed';

/** Whether an exporter reads the live feed (lists the live-feed input in `needs`). */
export const readsLiveFeed = (exporter: { readonly needs?: readonly { readonly id: string }[] }): boolean =>
  exporter.needs?.some((input) => input.id === LIVE_FEED_INPUT_ID) === true;

/**
 * What a failed poll leaves, for the hints of live-feed errors (the feed adapter cannot know which
 * command polled): `build` fails as a whole and commits nothing; a `live` tick builds status.json
 * alone with the failed endpoints' error codes (live-tick.ts), and `--watch` goes on.
 */
export const FAILED_POLL_OUTCOME =
  "No live file is written from a failed poll, so the published live files stay as they are: `build` fails and writes nothing (build again once the feed answers); a `live` tick builds status.json alone, with the error code as the live endpoints' `last_error_code`, and `live --watch` polls again at the next tick.";

/** The game night as the feed saw it: what live exporters render from. */
export interface LiveNight {
  /** The game night (`YYYY-MM-DD`). */
  readonly gameDate: string;
  /** The feed adapter's description (never credentials). */
  readonly source: string;
  /** The feed's games of this night (games the feed sent without a date are kept, spec §8). */
  readonly games: readonly LiveFeedGame[];
}

/**
 * The status of a game from the feed's text: `final` when it says so; in progress once a period
 * has started or the text says the game is on; otherwise scheduled (a tip-off time, "", …).
 */
export function liveStatusOf(statusText: string, period: number): LiveGameStatus {
  const text = statusText.toLowerCase();
  if (text.includes('final')) return 'final';
  if (period > 0 || /progress|live|qtr|quarter|half|\bot\d?\b/.test(text)) return 'in_progress';
  return 'scheduled';
}

/** The snapshot's games of one night; every other night's games are dropped here, once. */
export function nightOf(snapshot: LiveSnapshot, gameDate: string): LiveNight {
  return { gameDate, source: snapshot.source, games: snapshot.games.filter((g) => g.date === null || g.date === gameDate) };
}

/**
 * Fetch the night's snapshot. Any failure becomes a `LiveFeedError` (foreign errors wrapped with
 * their cause), so the build can fail exactly the live endpoints and keep their last good files.
 */
export async function fetchLiveNight(feed: LiveFeed, request: { gameDate: string; asOf: string }): Promise<LiveNight> {
  try {
    return nightOf(await feed.fetchSnapshot(request), request.gameDate);
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new LiveFeedError('LiveFeedUnavailable', `the live feed (${feed.description}) failed: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
}

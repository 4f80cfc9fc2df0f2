/**
 * Helpers shared by the live family: which night a build covers, the snapshot handed in by the
 * build (the `liveFeed` input), mapping the feed's games to the schedule and its players to player_lookup,
 * and the guard that keeps a feed which lost the night from publishing a "quiet night". Pure.
 */
import { inputOf, type BuildContext, type RenderContext } from '../../pipeline/define-exporter.ts';
import { LiveFeedError } from '../../pipeline/errors.ts';
import { gameNightDate } from '../../pipeline/live/game-night.ts';
import { FAILED_POLL_OUTCOME, type LiveNight } from '../../pipeline/live/snapshot.ts';
import { liveFeed } from './live-feed-input.ts';
import type { LiveFeedGame, LiveFeedPlayer, LiveGameStatus } from '../../pipeline/ports.ts';
import { normalizePlayerLookup } from '../../pipeline/player-lookup.ts';

/** Minutes after a scheduled tip-off by which the feed must list at least one of the night's games. */
export const FEED_GRACE_MINUTES = 20;

/**
 * A live build covers one night, the current game night (04:00 ET cutover). A date selection that
 * leaves it out (a backfill) builds no live file at all, so history runs never touch the live
 * files (spec R-14).
 */
export function liveNightParams(ctx: BuildContext): { date: string }[] {
  const date = gameNightDate(ctx.asOf);
  return ctx.dates === undefined || ctx.dates.includes(date) ? [{ date }] : [];
}

export const isCurrentNight = (params: { date: string }, ctx: BuildContext): boolean => params.date === gameNightDate(ctx.asOf);

/** The build's snapshot of this night. */
export function requireLive(ctx: RenderContext, date: string): LiveNight {
  const live = inputOf(ctx, liveFeed);
  if (live.gameDate !== date) throw new Error(`Internal error: no live snapshot for ${date} (the build fetches one for the night of its as-of)`);
  return live;
}

export interface ScheduleGame { game_id: string; home_team: string; away_team: string; tipoff_at: string | null }
export interface FeedPlayerId { feed_player_id: number; player_lookup: string; player_name: string }

/** How a game is matched across the schedule and the feed on one night: its away and home tricodes. */
export const matchupKey = (away: string, home: string): string => `${away}@${home}`;

/** The schedule game a feed game is (same home and away tricodes on the night), if any. */
export function scheduleMatcher(games: readonly ScheduleGame[]): (game: LiveFeedGame) => ScheduleGame | undefined {
  const byTeams = new Map(games.map((g) => [matchupKey(g.away_team, g.home_team), g]));
  return (game) => byTeams.get(matchupKey(game.away.tricode, game.home.tricode));
}

export interface ResolvedPlayer { player_lookup: string; name: string }

/**
 * Feed player → player_lookup and name: through the warehouse's balldontlie ids, else the
 * canonical normaliser (NFD, diacritics stripped) on "First Last", as every other lookup is made
 * (the old fallback kept accented letters, R-16). Null when neither gives a key.
 */
export function playerResolver(ids: readonly FeedPlayerId[]): (player: LiveFeedPlayer) => ResolvedPlayer | null {
  const byId = new Map(ids.map((r) => [r.feed_player_id, r]));
  return (player) => {
    const known = byId.get(player.feedPlayerId);
    if (known) return { player_lookup: known.player_lookup, name: known.player_name };
    const name = `${player.firstName} ${player.lastName}`.trim();
    const lookup = normalizePlayerLookup(name);
    return lookup === '' ? null : { player_lookup: lookup, name };
  };
}

/** Minutes as a number from the feed's text (`"28:30"` → 28.5, `"28"`, `"00"`, null → 0). */
export function minutesOf(text: string | null): number {
  const m = /^\s*(\d+)(?::(\d{1,2}))?\s*$/.exec(text ?? '');
  return m ? Number(m[1]) + Number(m[2] ?? 0) / 60 : 0;
}

/**
 * A feed that lists none of the night's scheduled games after one of them should have tipped off
 * has lost the night (an outage answered with HTTP 200 and no games): fail rather than publish a
 * file that looks like a quiet night. The build keeps the last good files.
 */
export function assertFeedCoversSchedule(night: LiveNight, schedule: readonly ScheduleGame[], asOf: string): void {
  const cutoff = Date.parse(asOf) - FEED_GRACE_MINUTES * 60_000;
  const started = schedule.filter((g) => g.tipoff_at !== null && Date.parse(g.tipoff_at) <= cutoff);
  if (started.length === 0) return;
  const match = scheduleMatcher(schedule);
  if (night.games.some((g) => match(g) !== undefined)) return;
  throw new LiveFeedError('LiveFeedIncomplete', `the live feed (${night.source}) lists none of the ${schedule.length} games scheduled on ${night.gameDate}, although ${started.length} should have tipped off by ${asOf}`, {
    hint: `Treated as a feed outage; if the games were postponed, the first poll after the schedule changes succeeds. ${FAILED_POLL_OUTCOME}`,
  });
}

export interface GameCounts { in_progress: number; final: number; scheduled: number }

export function countGames(games: readonly { status: LiveGameStatus }[]): GameCounts {
  const count = (status: LiveGameStatus) => games.filter((g) => g.status === status).length;
  return { in_progress: count('in_progress'), final: count('final'), scheduled: count('scheduled') };
}

/** Games in progress first, then final, then scheduled. */
export const STATUS_ORDER: Readonly<Record<LiveGameStatus, number>> = { in_progress: 0, final: 1, scheduled: 2 };

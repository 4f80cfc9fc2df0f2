/**
 * balldontlie's live box scores (`GET /v1/box_scores/live`, spec sources.md §1.4) → the
 * normalised `LiveFeedGame` of the LiveFeed port. One page at a time: `{ data: Game[], meta?:
 * { next_cursor } }`. Missing stats are 0 and a player without an id is dropped (spec §8); a value
 * of the wrong type, or a game without its teams, makes the whole page malformed, naming the
 * path of the bad value, so a half-understood payload never becomes a quieter night.
 */
import { LiveFeedError } from '../errors.ts';
import type { LiveFeedGame, LiveFeedPlayer, LiveFeedTeam } from '../ports.ts';
import { isIsoDate } from '../time.ts';
import { FAILED_POLL_OUTCOME, liveStatusOf } from './snapshot.ts';

export interface LivePage {
  games: LiveFeedGame[];
  /** The cursor of the next page; null on the last page. */
  nextCursor: string | null;
}

type Json = Record<string, unknown>;

class ShapeProblem extends Error {}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function objectAt(value: unknown, path: string): Json {
  if (!isObject(value)) throw new ShapeProblem(`\`${path}\` should be an object, got ${describe(value)}`);
  return value;
}

function arrayAt(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeProblem(`\`${path}\` should be an array, got ${describe(value)}`);
  return value;
}

/** A count: missing or null → 0; a numeric string is accepted (the feed sends some stats as text). */
function countAt(value: unknown, path: string): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new ShapeProblem(`\`${path}\` should be a whole number ≥ 0, got ${describe(value)}`);
  return n;
}

function textAt(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new ShapeProblem(`\`${path}\` should be a string, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  // Feed text is never quoted back: an echo of a credential must not reach a message.
  return typeof value === 'string' ? `a string of ${value.length} characters` : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function playerOf(raw: unknown, path: string): LiveFeedPlayer | null {
  const line = objectAt(raw, path);
  const player = isObject(line.player) ? line.player : {};
  const id = player.id;
  if (typeof id !== 'number' || !Number.isInteger(id)) return null;
  const stat = (key: string) => countAt(line[key], `${path}.${key}`);
  return {
    feedPlayerId: id,
    firstName: (textAt(player.first_name, `${path}.player.first_name`) ?? '').trim(),
    lastName: (textAt(player.last_name, `${path}.player.last_name`) ?? '').trim(),
    minutes: textAt(line.min, `${path}.min`),
    points: stat('pts'), rebounds: stat('reb'), assists: stat('ast'), steals: stat('stl'), blocks: stat('blk'), turnovers: stat('turnover'),
    fgMade: stat('fgm'), fgAttempted: stat('fga'), fg3Made: stat('fg3m'), fg3Attempted: stat('fg3a'), ftMade: stat('ftm'), ftAttempted: stat('fta'),
  };
}

function teamOf(raw: unknown, score: unknown, path: string, scorePath: string): LiveFeedTeam {
  const team = objectAt(raw, path);
  const tricode = textAt(team.abbreviation, `${path}.abbreviation`)?.trim().toUpperCase() ?? '';
  if (!/^[A-Z]{2,4}$/.test(tricode)) throw new ShapeProblem(`\`${path}.abbreviation\` should be a team tricode, got ${describe(team.abbreviation)}`);
  const players = arrayAt(team.players, `${path}.players`).map((p, i) => playerOf(p, `${path}.players[${i}]`)).filter((p): p is LiveFeedPlayer => p !== null);
  return { tricode, score: countAt(score, scorePath), players };
}

function gameOf(raw: unknown, path: string): LiveFeedGame {
  const game = objectAt(raw, path);
  const statusText = textAt(game.status, `${path}.status`) ?? '';
  const period = countAt(game.period, `${path}.period`);
  const date = textAt(game.date, `${path}.date`)?.slice(0, 10) ?? null;
  const id = game.id;
  return {
    feedGameId: typeof id === 'number' || (typeof id === 'string' && id !== '') ? String(id) : null,
    // An impossible calendar date (2025-02-30) is as unreadable as a malformed one: undated, so kept (spec §8).
    date: date !== null && isIsoDate(date) ? date : null,
    status: liveStatusOf(statusText, period),
    statusText,
    period,
    clock: textAt(game.time, `${path}.time`)?.trim() || null,
    home: teamOf(game.home_team, game.home_team_score, `${path}.home_team`, `${path}.home_team_score`),
    away: teamOf(game.visitor_team, game.visitor_team_score, `${path}.visitor_team`, `${path}.visitor_team_score`),
  };
}

/** Parse one page's body text. Throws `LiveFeedMalformed` for broken JSON or an unexpected shape. */
export function parseLivePage(text: string, where: string): LivePage {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    // Only where it broke: JSON.parse's own message quotes the text, and feed text is never quoted back.
    const at = /position (\d+)/.exec((cause as Error).message)?.[1];
    const hint = text.trim() === '' ? 'an empty body' : `${text.length} bytes that are not complete JSON${at === undefined ? '' : ` (invalid at byte ${at})`}`;
    throw new LiveFeedError('LiveFeedMalformed', `the live feed answered ${where} with ${hint}`, { hint: `A truncated or non-JSON answer. ${FAILED_POLL_OUTCOME}` });
  }
  try {
    const page = objectAt(body, '(body)');
    if (!Array.isArray(page.data)) throw new ShapeProblem(`\`data\` should be an array of games, got ${describe(page.data)}`);
    const games = page.data.map((g, i) => gameOf(g, `data[${i}]`));
    const cursor = isObject(page.meta) ? page.meta.next_cursor : undefined;
    const nextCursor = typeof cursor === 'number' || (typeof cursor === 'string' && cursor !== '') ? String(cursor) : null;
    return { games, nextCursor };
  } catch (error) {
    if (!(error instanceof ShapeProblem)) throw error;
    throw new LiveFeedError('LiveFeedMalformed', `the live feed answered ${where} with an unexpected shape: ${error.message}`, { hint: `If balldontlie changed its format, update pipeline/live/balldontlie-payload.ts. ${FAILED_POLL_OUTCOME}` });
  }
}

/**
 * Golden cases for live.scores (issue 5): the night at 22:45 ET (status order, schedule ids beside
 * feed ids, other nights filtered, id mapping with the canonical fallback, DNP flags), the same
 * night after midnight ET, a real quiet night, a backfill that leaves live files alone, and the
 * two feed faults that must never be written as an empty night.
 */
import { expect } from 'vitest';
import { normalizePlayerLookup } from '../../../pipeline/player-lookup.ts';
import { defineCases } from '../../helpers/exporter-case.ts';
import { AFTER_MIDNIGHT, AS_OF, BASE_TABLES, BOS_PLAYERS, GAMES, NIGHT, NYK_PLAYERS, feedAt0100, feedAt2245 } from './fixtures.ts';

type Game = { game_id: string | null; feed_game_id: string | null; status: string; home_team: string; players: { player_lookup: string; name: string; played: boolean; points: number }[] };
const DATED = `v1/live/${NIGHT}.json`;

export default defineCases([
  {
    name: 'night-in-progress',
    only: ['live.scores'],
    asOf: AS_OF,
    tables: BASE_TABLES,
    live: feedAt2245(),
    check: ({ files, manifest }) => {
      const doc = files[DATED];
      expect(files['v1/live/latest.json']).toEqual(doc);
      expect(manifest.files.find((f) => f.path === DATED)?.cache_control).toBe('public, max-age=30');
      const night = feedAt2245().filter((g) => g.date === null || g.date === NIGHT);
      expect(doc.total_games).toBe(night.length); // yesterday's PHX @ SAC is filtered out
      expect(doc.games.map((g: Game) => g.status)).toEqual(['in_progress', 'in_progress', 'final', 'scheduled']);
      expect([doc.games_in_progress, doc.games_final, doc.games_scheduled]).toEqual([2, 1, 1]);
      const byHome = (team: string) => doc.games.find((g: Game) => g.home_team === team) as Game;
      expect(byHome('NYK')).toMatchObject({ game_id: GAMES.nyk.game_id, feed_game_id: '500', tipoff_at: GAMES.nyk.tip, home_score: total(NYK_PLAYERS), away_score: total(BOS_PLAYERS), time_remaining: null });
      expect(byHome('CHA')).toMatchObject({ game_id: null, tipoff_at: null }); // not in the schedule
      expect(byHome('GSW').players).toEqual([]);
      const nyk = byHome('NYK').players;
      expect(nyk.map((p) => p.player_lookup)).toEqual(['alphaone', 'bravotwo', 'echofive', 'novemberzero', 'josealvarez', 'deltafour'].sort((a, b) => points(nyk, b) - points(nyk, a) || a.localeCompare(b)));
      expect(nyk.find((p) => p.player_lookup === 'alphaone')?.name).toBe('Alpha Öne'); // registry name wins
      const jose = nyk.find((p) => p.points === NYK_PLAYERS[1]!.pts);
      expect(jose).toMatchObject({ player_lookup: normalizePlayerLookup('José Álvarez'), name: 'José Álvarez' }); // id outside the window: canonical fallback
      expect(nyk.find((p) => p.player_lookup === 'deltafour')?.played).toBe(false);
      expect(byHome('DEN').players.map((p) => p.player_lookup)).toContain('nicoolafsson');
      expect(byHome('DEN').players.map((p) => p.player_lookup)).toContain('charliethree'); // newest box score of id 301
    },
  },
  {
    name: 'after-midnight-keeps-the-night',
    only: ['live.scores'],
    asOf: AFTER_MIDNIGHT,
    tables: BASE_TABLES,
    live: feedAt0100(),
    check: ({ files }) => {
      expect(Object.keys(files).sort()).toEqual([DATED, 'v1/live/latest.json']); // still the 15th, not the calendar date
      const doc = files[DATED];
      expect(doc.game_date).toBe(NIGHT);
      expect(doc.games_final).toBe(4);
      expect(doc.games.find((g: Game) => g.home_team === 'GSW')).toMatchObject({ game_id: GAMES.gsw.game_id, status: 'final' });
    },
  },
  {
    name: 'quiet-night',
    only: ['live.scores'],
    asOf: '2025-03-18T01:00:00Z', // 21:00 ET on the 17th: nothing scheduled
    tables: BASE_TABLES,
    live: feedAt2245().filter((g) => g.date !== null), // only other nights' games
    check: ({ files }) => {
      expect(files['v1/live/2025-03-17.json']).toMatchObject({ game_date: '2025-03-17', total_games: 0, games_in_progress: 0, games_final: 0, games_scheduled: 0, games: [] });
    },
  },
  {
    // Asked for by name, for a date that is not the live night: refused before any poll (issue 18).
    name: 'date-outside-the-night-is-refused',
    only: ['live.scores'],
    asOf: AS_OF,
    dates: ['2025-03-10'],
    tables: BASE_TABLES,
    live: { fault: 'LiveFeedUnavailable' }, // a poll would fail the build with this code instead
    error: { code: 'LiveNightExcluded', message: /`live\.scores` builds only the live night, 2025-03-15 \(the game night of as-of 2025-03-16T02:45:00Z\), which the dates 2025-03-10 leave out; nothing was written/ },
  },
  {
    name: 'feed-outage-writes-nothing',
    only: ['live.scores'],
    asOf: AS_OF,
    tables: BASE_TABLES,
    live: { fault: 'LiveFeedUnavailable', message: 'the live feed kept failing: HTTP 503 after 4 attempts' },
    error: { code: 'LiveFeedUnavailable', message: /live\.scores → v1\/live\/2025-03-15\.json: not built: the live feed kept failing/ },
  },
  {
    name: 'feed-lost-the-night',
    only: ['live.scores'],
    asOf: AS_OF,
    tables: BASE_TABLES,
    live: feedAt2245().filter((g) => g.date === '2025-03-14'), // HTTP 200, but none of tonight's games
    error: { code: 'RenderFailed', message: /LiveFeedIncomplete.*lists none of the 3 games scheduled on 2025-03-15/s },
  },
]);

function points(players: { player_lookup: string; points: number }[], lookup: string): number {
  return players.find((p) => p.player_lookup === lookup)?.points ?? -1;
}

function total(players: { pts?: number }[]): number {
  return players.reduce((sum, p) => sum + (p.pts ?? 0), 0);
}

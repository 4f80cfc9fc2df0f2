/**
 * One game night for the live family, 2025-03-15 (EDT): three scheduled games, and the live
 * feed at 22:45 ET with one game final (BOS @ NYK), one in the third quarter (MIA @ DEN), one not
 * started (LAL @ GSW, sent without a date), a game of the night that is not in the schedule
 * (ORL @ CHA) and yesterday's game (PHX @ SAC) that must be filtered out. Player ids map through
 * the warehouse's balldontlie box scores, except two players who fall back to their names with
 * diacritics (José Álvarez, Nico Ólafsson); one id's only box score is older than the id window.
 */
import type { LiveFeedGame } from '../../../pipeline/ports.ts';
import { feedGame, type PlayerLineInput } from '../../helpers/live-feed.ts';

export const NIGHT = '2025-03-15';
/** 22:45 ET on the night. */
export const AS_OF = '2025-03-16T02:45:00Z';
/** 01:00 ET the next calendar day: still the same game night. */
export const AFTER_MIDNIGHT = '2025-03-16T05:00:00Z';

export const GAMES = {
  nyk: { game_id: '0022400990', home: 'NYK', away: 'BOS', tip: '2025-03-15T23:30:00Z' },
  den: { game_id: '0022400992', home: 'DEN', away: 'MIA', tip: '2025-03-16T01:00:00Z' },
  gsw: { game_id: '0022400991', home: 'GSW', away: 'LAL', tip: '2025-03-16T02:30:00Z' },
} as const;

export const SCHEDULE = [
  ...Object.values(GAMES).map((g) => ({ game_id: g.game_id, game_date: NIGHT, home_team_tricode: g.home, away_team_tricode: g.away, game_date_est: g.tip, game_status: 1 })),
  { game_id: '0022400980', game_date: '2025-03-14', home_team_tricode: 'SAC', away_team_tricode: 'PHX', game_date_est: '2025-03-15T02:00:00Z', game_status: 3 },
];

/** balldontlie id → lookup, as the warehouse's final box scores know them. */
export const BOX_IDS = [
  { bdl_player_id: 101, player_lookup: 'alphaone', player_full_name: 'Alpha One', game_date: '2025-03-12' },
  { bdl_player_id: 103, player_lookup: 'deltafour', player_full_name: 'Delta Four', game_date: '2025-03-12' },
  { bdl_player_id: 201, player_lookup: 'bravotwo', player_full_name: 'Bravo Two', game_date: '2025-03-12' },
  { bdl_player_id: 202, player_lookup: 'echofive', player_full_name: 'Echo Five', game_date: '2025-03-12' },
  { bdl_player_id: 204, player_lookup: 'novemberzero', player_full_name: 'November Zero', game_date: '2025-03-12' },
  { bdl_player_id: 301, player_lookup: 'charlieold', player_full_name: 'Charlie Old', game_date: '2024-11-02' }, // superseded by the newer row
  { bdl_player_id: 301, player_lookup: 'charliethree', player_full_name: 'Charlie Three', game_date: '2025-03-10' },
  { bdl_player_id: 302, player_lookup: 'golfseven', player_full_name: 'Golf Seven', game_date: '2025-03-10' },
  { bdl_player_id: 402, player_lookup: 'hotelate', player_full_name: 'Hotel Ate', game_date: '2025-03-10' },
  { bdl_player_id: 403, player_lookup: 'indiananine', player_full_name: 'India Nine', game_date: '2025-03-10' },
  { bdl_player_id: 404, player_lookup: 'julietten', player_full_name: 'Juliet Ten', game_date: '2025-03-10' },
  { bdl_player_id: 102, player_lookup: 'josealvarezold', player_full_name: 'Jose Alvarez Old', game_date: '2023-06-01' }, // outside the id window
].map((r, i) => ({ ...r, game_id: `box-${i}`, team_abbr: 'NYK' }));

export const REGISTRY = [{ player_lookup: 'alphaone', player_name: 'Alpha Öne', season: '2024-25', team_abbr: 'NYK' }];

export const NYK_PLAYERS: PlayerLineInput[] = [
  { id: 101, first: 'Alpha', last: 'One', pts: 30, min: '36' },
  { id: 102, first: 'José', last: 'Álvarez', pts: 7, min: '22:30' },
  { id: 103, first: 'Delta', last: 'Four', pts: 0, min: '00' },
  { id: 204, first: 'November', last: 'Zero', pts: 9, min: '18' },
];
export const BOS_PLAYERS: PlayerLineInput[] = [
  { id: 201, first: 'Bravo', last: 'Two', pts: 18, min: '31' },
  { id: 202, first: 'Echo', last: 'Five', pts: 20, min: '29' },
];
export const DEN_PLAYERS: PlayerLineInput[] = [
  { id: 301, first: 'Charlie', last: 'Three', pts: 22, min: '25' },
  { id: 302, first: 'Golf', last: 'Seven', pts: 16, min: '24' },
];
export const MIA_PLAYERS: PlayerLineInput[] = [
  { id: 401, first: 'Nico', last: 'Ólafsson', pts: 12, min: '20' },
  { id: 402, first: 'Hotel', last: 'Ate', pts: 10, min: '20' },
  { id: 403, first: 'India', last: 'Nine', pts: 4, min: '21' },
  { id: 404, first: 'Juliet', last: 'Ten', pts: 3, min: '15' },
];

/** The feed at 22:45 ET: DEN in the 3rd quarter with 4:00 left (32 game minutes played). */
export function feedAt2245(): LiveFeedGame[] {
  return [
    feedGame({ id: '501', date: NIGHT, status: 'in_progress', period: 3, clock: '4:00', home: 'DEN', away: 'MIA', homePlayers: DEN_PLAYERS, awayPlayers: MIA_PLAYERS }),
    feedGame({ id: '500', date: NIGHT, status: 'final', home: 'NYK', away: 'BOS', homePlayers: NYK_PLAYERS, awayPlayers: BOS_PLAYERS }),
    feedGame({ id: '502', date: null, status: 'scheduled', home: 'GSW', away: 'LAL' }),
    feedGame({ id: '503', date: NIGHT, status: 'in_progress', period: 1, clock: '9:12', home: 'CHA', away: 'ORL', homePlayers: [{ id: 601, first: 'Oscar', last: 'Six', pts: 2 }] }),
    feedGame({ id: '499', date: '2025-03-14', status: 'final', home: 'SAC', away: 'PHX', homePlayers: [{ id: 701, first: 'Papa', last: 'Seven', pts: 40 }] }),
  ];
}

/** The feed at 01:00 ET: every game of the night final, GSW's after midnight. */
export function feedAt0100(): LiveFeedGame[] {
  const gsw = feedGame({ id: '502', date: null, status: 'final', home: 'GSW', away: 'LAL', homePlayers: [{ id: 801, first: 'Kilo', last: 'Eight', pts: 25 }], awayPlayers: [{ id: 802, first: 'Lima', last: 'Nine', pts: 11 }] });
  return feedAt2245().map((g) => (g.feedGameId === '502' ? gsw : g.status === 'final' ? g : { ...g, status: 'final', statusText: 'Final', period: 4, clock: null }));
}

export const BASE_TABLES = {
  'nba_raw.nbac_schedule': SCHEDULE,
  'nba_raw.bdl_player_boxscores': BOX_IDS,
  'nba_reference.nba_players_registry': REGISTRY,
};

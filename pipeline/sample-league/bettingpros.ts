/**
 * BettingPros offers (`bettingpros_player_points_props`) for the as-of date and the days before
 * it: several books per player, an over and an under each, lines at or near the market's.
 * `is_best_line` marks, per player, side and line, the book with the best price, so a reader that
 * keeps only best lines still finds the line each prediction used.
 */
import type { Row } from './ddl.ts';
import { offerOdds } from './lines.ts';
import type { Player } from './players.ts';
import type { Random } from './random.ts';

type OfferRow = Row<'nba_raw.bettingpros_player_points_props'>;

const BOOKS: readonly { id: number; name: string }[] = [
  { id: 0, name: 'BettingPros Consensus' }, { id: 12, name: 'DraftKings' }, { id: 10, name: 'FanDuel' },
  { id: 19, name: 'BetMGM' }, { id: 13, name: 'Caesars' }, { id: 18, name: 'BetRivers' }, { id: 33, name: 'ESPN BET' },
];

export interface OffersOptions {
  player: Player;
  team: string;
  date: string;
  /** BettingPros' event id of the game. */
  eventId: number;
  /** The market line (consensus). */
  line: number;
  updatedAt: Date;
  random: Random;
}

/** Every offer for one player on one date: the consensus plus three to six books, both sides. */
export function bettingProsRows(o: OffersOptions): OfferRow[] {
  const books = [BOOKS[0] as (typeof BOOKS)[number], ...o.random.shuffle(BOOKS.slice(1)).slice(0, o.random.int(3, 6)).sort((a, b) => a.id - b.id)];
  const offerId = `${o.eventId}-${o.player.bpPlayerId}`;
  const rows: OfferRow[] = [];
  for (const book of books) {
    const shift = book.id === 0 || o.random.chance(0.7) ? 0 : o.random.pick([-1, -0.5, 0.5, 1]);
    const line = Math.max(0.5, o.line + shift);
    const [over, under] = offerOdds(o.random);
    for (const [side, odds] of [['over', over], ['under', under]] as const) {
      rows.push({
        game_date: o.date, market_type: 'points', market_id: 156, bp_event_id: o.eventId, offer_id: offerId, bet_side: side,
        book_id: book.id, bookmaker: book.name, line_id: `${offerId}-${book.id}-${side}`, points_line: line, odds_american: odds,
        is_active: true, is_best_line: false, bookmaker_last_update: o.updatedAt, bp_player_id: o.player.bpPlayerId,
        player_name: o.player.name.fullName, player_lookup: o.player.name.lookup, player_team: o.team, team_source: 'bettingpros',
        has_team_issues: false, validation_confidence: 0.95, validation_method: 'exact_match',
        source_file_path: `bettingpros/player-props/points/${o.date}/props.json`, created_at: o.updatedAt, processed_at: o.updatedAt,
      });
    }
  }
  markBestLines(rows);
  return rows;
}

/** Per side and line, the highest odds win (the first book on a tie). */
function markBestLines(rows: OfferRow[]): void {
  const best = new Map<string, OfferRow>();
  for (const row of rows) {
    const key = `${row.bet_side}|${row.points_line}`;
    const current = best.get(key);
    if (!current || row.odds_american > current.odds_american) best.set(key, row);
  }
  for (const row of best.values()) row.is_best_line = true;
}

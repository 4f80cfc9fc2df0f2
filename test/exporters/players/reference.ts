/**
 * Reference numbers for the players cases, straight from the fixture lists (no exporter code).
 */
import { CALLS, GAMES, WINDOW_FROM, TODAY, overUnder, seasonOf, type Call, type Game } from './fixtures.ts';

export const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
export const avg = (xs: (number | null | undefined)[], d = 1) => {
  const known = xs.filter((x): x is number => x !== null && x !== undefined);
  return known.length === 0 ? null : round(known.reduce((a, b) => a + b, 0) / known.length, d);
};
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** A player's games, newest first, optionally within [from, to]. */
export const gamesOf = (player: string, from = '0000', to = TODAY) =>
  GAMES.filter((g) => g.player === player && g.date >= from && g.date <= to).sort((a, b) => b.date.localeCompare(a.date));
export const seasonGamesOf = (player: string, season: number) => gamesOf(player).filter((g) => seasonOf(g.date) === season);

/** Gap to the previous game of the same season (null for a season's first), over every game. */
export function gapOf(game: Game): number | null {
  const earlier = GAMES.filter((g) => g.player === game.player && seasonOf(g.date) === seasonOf(game.date) && g.date < game.date).sort((a, b) => b.date.localeCompare(a.date));
  return earlier[0] ? day(game.date) - day(earlier[0].date) : null;
}

export function overRate(games: Game[]): number | null {
  const results = games.map((g) => overUnder(g.points, g.line)).filter((r) => r !== null);
  return results.length === 0 ? null : round(results.filter((r) => r === 'OVER').length / results.length, 3);
}

export const callsInWindow = (player: string) => CALLS.filter((c) => c.player === player && c.date >= WINDOW_FROM && c.date <= TODAY);
export const isWin = (c: Call) => c.line !== null && ((c.rec === 'OVER' && c.actual > c.line) || (c.rec === 'UNDER' && c.actual < c.line));
export const isLoss = (c: Call) => c.line !== null && ((c.rec === 'OVER' && c.actual < c.line) || (c.rec === 'UNDER' && c.actual > c.line));
export const isBet = (c: Call) => (c.rec === 'OVER' || c.rec === 'UNDER') && c.line !== null;

/**
 * Reference numbers for the tonight cases, worked out straight from the fixture's history lists
 * (no exporter code): season and last-N averages, last-10 arrays, splits, tiers.
 */
import { DATE, HISTORY, type HistoryGame, overUnder } from './fixtures.ts';

export const r1 = (x: number) => Math.round(x * 10) / 10;
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
export const avg = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length === 0 ? null : r1(known.reduce((a, b) => a + b, 0) / known.length);
};
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Newest first. */
export const history = (player: string): HistoryGame[] => [...(HISTORY[player] ?? [])].sort((a, b) => b.date.localeCompare(a.date));
/** This season's games (from October 1, 2024), newest first. */
export const seasonGames = (player: string) => history(player).filter((g) => g.date >= '2024-10-01' && g.date < DATE);

/** Gap to the previous game of the same season, per game date. */
export function gaps(player: string): Map<string, number | null> {
  const games = seasonGames(player).reverse();
  return new Map(games.map((g, i) => [g.date, i === 0 ? null : day(g.date) - day(games[i - 1]!.date)]));
}

export function overRate(games: HistoryGame[]): number | null {
  const results = games.map((g) => overUnder(g.points, g.line)).filter((r) => r !== null);
  return results.length === 0 ? null : r3(results.filter((r) => r === 'OVER').length / results.length);
}

export function lastTen(player: string) {
  const games = history(player).slice(0, 10);
  const results = games.map((g) => overUnder(g.points, g.line)).map((r) => (r === 'OVER' ? 'O' : r === 'UNDER' ? 'U' : '-'));
  const overs = results.filter((r) => r === 'O').length;
  const unders = results.filter((r) => r === 'U').length;
  return { points: games.map((g) => g.points), results, record: overs + unders === 0 ? null : `${overs}-${unders}` };
}

export const tierOf = (rank: number) => (rank <= 5 ? 'elite' : rank <= 10 ? 'good' : rank <= 20 ? 'average' : 'weak');

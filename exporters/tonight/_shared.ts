/**
 * Pure numbers shared by the tonight board and the per-player tonight file, computed from one
 * player's query rows (tonight/_sql.ts), so both files always agree. Rates are 0–1; a 0 stays 0;
 * undefined means are null.
 */
import { EASTERN_TIME_ZONE } from '../../pipeline/time.ts';
import { mean, round } from '../_shared.ts';
import type { TonightRow } from './_sql.ts';

/** Fewer season games than this before tonight: the numbers rest on a small sample (`limited_data`). */
export const LIMITED_DATA_GAMES = 10;

export type OverUnder = 'OVER' | 'UNDER';
export type FatigueLevel = 'fresh' | 'normal' | 'tired';
export type DefenseTier = 'elite' | 'good' | 'average' | 'weak';
export const INJURY_STATUSES = ['available', 'out', 'doubtful', 'questionable', 'probable'] as const;
export type InjuryStatus = (typeof INJURY_STATUSES)[number];

/** One game before tonight, newest first. */
export interface HistoryGame {
  date: string;
  gameId: string;
  team: string;
  opponent: string;
  season: number;
  /** Days since the player's previous game of the same season; null for his first game of a season. */
  gap: number | null;
  isHome: boolean | null;
  points: number | null;
  minutes: number | null;
  fg: string | null;
  three: string | null;
  ft: string | null;
  line: number | null;
  overUnder: OverUnder | null;
}

const dayMs = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** Home when the date-based id `YYYYMMDD_AWAY_HOME` ends with the team; null for any other id form. */
export function isHomeFromGameId(gameId: string, team: string): boolean | null {
  const parts = gameId.split('_');
  if (parts.length !== 3 || !/^\d{8}$/.test(parts[0]!)) return null;
  if (parts[2] === team) return true;
  return parts[1] === team ? false : null;
}

const madeOf = (makes: number | null, attempts: number | null) => (makes === null || attempts === null || attempts === 0 ? null : `${makes}/${attempts}`);

/** The player's games before tonight, newest first (one per date). */
export function historyOf(rows: readonly TonightRow[]): HistoryGame[] {
  const games = new Map<string, HistoryGame>();
  for (const r of rows) {
    if (r.h_game_date === null || r.h_game_id === null || r.h_team === null || r.h_opponent === null || r.h_season_year === null || games.has(r.h_game_date)) continue;
    games.set(r.h_game_date, {
      date: r.h_game_date, gameId: r.h_game_id, team: r.h_team, opponent: r.h_opponent, season: r.h_season_year,
      gap: r.h_previous_game_date === null ? null : daysBetween(r.h_previous_game_date, r.h_game_date),
      isHome: isHomeFromGameId(r.h_game_id, r.h_team), points: r.h_points, minutes: r.h_minutes,
      fg: madeOf(r.h_fg_makes, r.h_fg_attempts), three: madeOf(r.h_three_makes, r.h_three_attempts), ft: madeOf(r.h_ft_makes, r.h_ft_attempts),
      line: r.h_line, overUnder: r.h_over_under === 'OVER' || r.h_over_under === 'UNDER' ? r.h_over_under : null,
    });
  }
  return [...games.values()].sort((a, b) => b.date.localeCompare(a.date));
}

const valuesOf = (games: readonly HistoryGame[], pick: (g: HistoryGame) => number | null) => games.map(pick).filter((v): v is number => v !== null);
export const ppg = (games: readonly HistoryGame[]) => mean(valuesOf(games, (g) => g.points), 1);
export const mpg = (games: readonly HistoryGame[]) => mean(valuesOf(games, (g) => g.minutes), 1);

/** OVER share of the games that had a result (0–1, 3 decimals); null when none did. */
export function overRate(games: readonly HistoryGame[]): number | null {
  const decided = games.filter((g) => g.overUnder !== null);
  return decided.length === 0 ? null : round(decided.filter((g) => g.overUnder === 'OVER').length / decided.length, 3);
}

export interface PlayerNumbers {
  gamesPlayed: number;
  limitedData: boolean;
  seasonPpg: number | null;
  seasonMpg: number | null;
  last10Ppg: number | null;
  last10Mpg: number | null;
  last5Ppg: number | null;
  last5Mpg: number | null;
  /** Newest first; a game without points is a null entry, so it lines up with `last10Results`. */
  last10Points: (number | null)[];
  last10Results: ('O' | 'U' | '-')[];
  last10Record: string | null;
}

/** Season numbers (this season's games before tonight) and last-N numbers (any season). */
export function numbersOf(history: readonly HistoryGame[], season: number): PlayerNumbers {
  const seasonGames = history.filter((g) => g.season === season);
  const last10 = history.slice(0, 10);
  const last5 = history.slice(0, 5);
  const overs = last10.filter((g) => g.overUnder === 'OVER').length;
  const unders = last10.filter((g) => g.overUnder === 'UNDER').length;
  return {
    gamesPlayed: seasonGames.length,
    limitedData: seasonGames.length < LIMITED_DATA_GAMES,
    seasonPpg: ppg(seasonGames), seasonMpg: mpg(seasonGames),
    last10Ppg: ppg(last10), last10Mpg: mpg(last10), last5Ppg: ppg(last5), last5Mpg: mpg(last5),
    last10Points: last10.map((g) => g.points),
    last10Results: last10.map((g) => (g.overUnder === 'OVER' ? 'O' : g.overUnder === 'UNDER' ? 'U' : '-')),
    last10Record: overs + unders === 0 ? null : `${overs}-${unders}`,
  };
}

/** fresh ≥ 95, normal ≥ 75, else tired; unknown is normal. */
export function fatigueLevel(score: number | null): FatigueLevel {
  if (score === null) return 'normal';
  if (score >= 95) return 'fresh';
  return score >= 75 ? 'normal' : 'tired';
}

/** Rank 1 allows the fewest points: 1–5 elite, 6–10 good, 11–20 average, 21+ weak. */
export function defenseTier(rank: number): DefenseTier {
  if (rank <= 5) return 'elite';
  if (rank <= 10) return 'good';
  return rank <= 20 ? 'average' : 'weak';
}

/** Lower-cased report status; no report for tonight's game means available. */
export function injuryStatusOf(raw: string | null): InjuryStatus {
  if (raw === null) return 'available';
  const status = raw.toLowerCase();
  return (INJURY_STATUSES as readonly string[]).includes(status) ? (status as InjuryStatus) : 'available';
}

const timeParts = new Intl.DateTimeFormat('en-US', { timeZone: EASTERN_TIME_ZONE, hour: 'numeric', minute: '2-digit', hour12: true });

/** Tip-off in New York wall-clock time, `7:30 PM ET` (no padding); null when unknown. */
export function gameTimeEt(instant: string | null): string | null {
  if (instant === null) return null;
  const parts = timeParts.formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('dayPeriod').toUpperCase()} ET`;
}

export type GameStatus = 'scheduled' | 'in_progress' | 'final';

export function gameStatusOf(code: number | null): GameStatus {
  return code === 2 ? 'in_progress' : code === 3 ? 'final' : 'scheduled';
}

/** Calendar days since the last game: the context's value, else from the box scores; null for a first game. */
export function daysRestOf(contextDaysRest: number | null, history: readonly HistoryGame[], date: string): number | null {
  if (contextDaysRest !== null) return contextDaysRest;
  return history[0] ? daysBetween(history[0].date, date) : null;
}

/**
 * Current run of identical results, newest first over the given games: leading games without a
 * line are skipped; a different result, or a no-line game once the run started, ends it.
 */
export function streakOf(games: readonly HistoryGame[]): { type: 'over' | 'under' | null; length: number } {
  let type: OverUnder | null = null;
  let length = 0;
  for (const game of games) {
    if (game.overUnder === null) {
      if (type === null) continue;
      break;
    }
    if (type !== null && game.overUnder !== type) break;
    type = game.overUnder;
    length += 1;
  }
  return { type: type === null ? null : type === 'OVER' ? 'over' : 'under', length };
}

/**
 * Pure numbers shared by the tonight board and the per-player tonight file, computed from one
 * player's query rows (tonight/_sql.ts), so both files always agree. His games are the players
 * family's `BoxGame`s. Rates are 0–1; a 0 stays 0; undefined means are null.
 */
import { EASTERN_TIME_ZONE } from '../../pipeline/time.ts';
import { boxGamesOf, daysBetween, meanOf, type BoxGame } from '../players/_shared.ts';
import type { TonightRow } from './_sql.ts';

/** Fewer season games than this before tonight: the numbers rest on a small sample (`limited_data`). */
export const LIMITED_DATA_GAMES = 10;

export type FatigueLevel = 'fresh' | 'normal' | 'tired';
export type DefenseTier = 'elite' | 'good' | 'average' | 'weak';
export const INJURY_STATUSES = ['available', 'out', 'doubtful', 'questionable', 'probable'] as const;
export type InjuryStatus = (typeof INJURY_STATUSES)[number];

/** The player's games before tonight, newest first (one per date), from the `h_` columns. */
export function historyOf(rows: readonly TonightRow[]): BoxGame[] {
  return boxGamesOf(rows.map((r) => ({
    game_date: r.h_game_date, game_id: r.h_game_id, team_abbr: r.h_team, opponent_team_abbr: r.h_opponent, season_year: r.h_season_year,
    previous_game_date: r.h_previous_game_date, points: r.h_points, minutes: r.h_minutes, rebounds: null, assists: null, steals: null, blocks: null,
    turnovers: null, fg_makes: r.h_fg_makes, fg_attempts: r.h_fg_attempts, three_makes: r.h_three_makes, three_attempts: r.h_three_attempts,
    ft_makes: r.h_ft_makes, ft_attempts: r.h_ft_attempts, points_line: r.h_line, over_under_result: r.h_over_under, winning_team: null,
  })));
}

export const ppg = (games: readonly BoxGame[]) => meanOf(games, (g) => g.points);
export const mpg = (games: readonly BoxGame[]) => meanOf(games, (g) => g.minutes);

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
export function numbersOf(history: readonly BoxGame[], season: number): PlayerNumbers {
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
export function daysRestOf(contextDaysRest: number | null, history: readonly BoxGame[], date: string): number | null {
  if (contextDaysRest !== null) return contextDaysRest;
  return history[0] ? daysBetween(history[0].date, date) : null;
}

/**
 * Current run of identical results, newest first over the given games: leading games without a
 * line are skipped; a different result, or a no-line game once the run started, ends it.
 */
export function streakOf(games: readonly BoxGame[]): { type: 'over' | 'under' | null; length: number } {
  let type: 'OVER' | 'UNDER' | null = null;
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

/**
 * Pure helpers for box-score games, shared by the players family and the tonight family: rows
 * (a player's games, with the BOX_COLUMNS names) → `BoxGame`s, splits over them, and the
 * `--players` filter. Rates are 0–1 with 3 decimals; means are null without games; a 0 stays 0.
 */
import type { BuildContext } from '../../pipeline/define-exporter.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { mean, round } from '../_shared.ts';

/** Row contract of one box-score game in the profile, season and game-report queries (NULL when the player has none). */
export const BOX_COLUMNS = {
  game_date: 'date?', game_id: 'string?', team_abbr: 'string?', opponent_team_abbr: 'string?', season_year: 'integer?', previous_game_date: 'date?',
  points: 'integer?', minutes: 'number>=0?', rebounds: 'integer?', assists: 'integer?', steals: 'integer?', blocks: 'integer?', turnovers: 'integer?',
  fg_makes: 'integer?', fg_attempts: 'integer?', three_makes: 'integer?', three_attempts: 'integer?', ft_makes: 'integer?', ft_attempts: 'integer?',
  points_line: 'number?', over_under_result: 'string?', winning_team: 'string?',
} as const;
export type BoxRow = RowOf<typeof BOX_COLUMNS>;

export interface BoxGame {
  date: string;
  gameId: string;
  team: string;
  opponent: string;
  season: number;
  /** Days since the previous game of the same season; null for the first game of a season. */
  gap: number | null;
  isHome: boolean | null;
  /** From the schedule's winner; null when the schedule does not say. */
  teamWon: boolean | null;
  points: number | null;
  minutes: number | null;
  rebounds: number | null;
  assists: number | null;
  steals: number | null;
  blocks: number | null;
  turnovers: number | null;
  fg: [number, number] | null;
  three: [number, number] | null;
  ft: [number, number] | null;
  line: number | null;
  overUnder: 'OVER' | 'UNDER' | null;
}

const DAY_MS = 86_400_000;
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Home when the date-based id `YYYYMMDD_AWAY_HOME` ends with the team; null for any other id form. */
export function isHomeFromGameId(gameId: string, team: string): boolean | null {
  const parts = gameId.split('_');
  if (parts.length !== 3 || !/^\d{8}$/.test(parts[0]!)) return null;
  if (parts[2] === team) return true;
  return parts[1] === team ? false : null;
}

const pair = (makes: number | null, attempts: number | null): [number, number] | null => (makes === null || attempts === null ? null : [makes, attempts]);

/** The games among the rows (rows without a game are skipped), newest first, one per date. */
export function boxGamesOf(rows: readonly BoxRow[]): BoxGame[] {
  const games = new Map<string, BoxGame>();
  for (const r of rows) {
    if (r.game_date === null || r.game_id === null || r.team_abbr === null || r.opponent_team_abbr === null || r.season_year === null || games.has(r.game_date)) continue;
    games.set(r.game_date, {
      date: r.game_date, gameId: r.game_id, team: r.team_abbr, opponent: r.opponent_team_abbr, season: r.season_year,
      gap: r.previous_game_date === null ? null : daysBetween(r.previous_game_date, r.game_date),
      isHome: isHomeFromGameId(r.game_id, r.team_abbr),
      teamWon: r.winning_team === null ? null : r.winning_team === r.team_abbr,
      points: r.points, minutes: r.minutes, rebounds: r.rebounds, assists: r.assists, steals: r.steals, blocks: r.blocks, turnovers: r.turnovers,
      fg: pair(r.fg_makes, r.fg_attempts), three: pair(r.three_makes, r.three_attempts), ft: pair(r.ft_makes, r.ft_attempts),
      line: r.points_line, overUnder: r.over_under_result === 'OVER' || r.over_under_result === 'UNDER' ? r.over_under_result : null,
    });
  }
  return [...games.values()].sort((a, b) => b.date.localeCompare(a.date));
}

/** `makes/attempts`, or null when there were no attempts. */
export const madeText = (shots: [number, number] | null) => (shots === null || shots[1] === 0 ? null : `${shots[0]}/${shots[1]}`);

export const meanOf = (games: readonly BoxGame[], pick: (g: BoxGame) => number | null, decimals = 1) =>
  mean(games.map(pick).filter((v): v is number => v !== null), decimals);

/** OVER share of the games with a result against the line, 3 decimals; null when none had one. */
export function overShare(games: readonly BoxGame[]): number | null {
  const decided = games.filter((g) => g.overUnder !== null);
  return decided.length === 0 ? null : round(decided.filter((g) => g.overUnder === 'OVER').length / decided.length, 3);
}

/** Sum of makes / sum of attempts over games with attempts, 3 decimals. */
export function shootingPct(games: readonly BoxGame[], pick: (g: BoxGame) => [number, number] | null): number | null {
  let makes = 0;
  let attempts = 0;
  for (const g of games) {
    const shots = pick(g);
    if (shots) { makes += shots[0]; attempts += shots[1]; }
  }
  return attempts === 0 ? null : round(makes / attempts, 3);
}

/**
 * Whether a build covers today's undated pages (tonight's board, weekly player pages): yes
 * without dates or when the dates include today; a backfill of other dates leaves them alone, so
 * it never replaces tonight's board with another day's or rewrites every weekly page.
 */
export function buildsToday(ctx: Pick<BuildContext, 'dates' | 'today'>): boolean {
  return ctx.dates === undefined || ctx.dates.includes(ctx.today);
}

/**
 * The files of a per-player endpoint: the distinct values of `keys` among the rows (rows with a
 * NULL in any of them are skipped), for the `--players` subset when one was given, sorted.
 * An empty or unsafe value is kept: the plan check rejects it naming the value.
 */
export function paramsFromRowsOf<K extends string>(rows: readonly { readonly [P in K | 'player_lookup']: string | null }[], keys: readonly K[], ctx: BuildContext): { [P in K]: string }[] {
  const sets = new Map<string, { [P in K]: string }>();
  for (const row of rows) {
    const values = keys.map((k) => row[k]);
    if (values.some((v) => v === null)) continue;
    if (ctx.players && (row.player_lookup === null || !ctx.players.includes(row.player_lookup))) continue;
    const key = JSON.stringify(values);
    if (!sets.has(key)) sets.set(key, Object.fromEntries(keys.map((k, i) => [k, values[i]])) as { [P in K]: string }); // one object per file, not per row
  }
  return [...sets.keys()].sort().map((key) => sets.get(key)!);
}

/**
 * Shot profile from the rolling shot mix, whose rates are percentages 0–100 (the old exporters
 * compared them with fractions, so nearly everyone was `interior`): paint ≥ 50 % interior, else
 * three ≥ 50 % perimeter, else mid-range ≥ 30 % mid_range, else balanced; balanced when unknown.
 */
export type ShotProfile = 'interior' | 'perimeter' | 'mid_range' | 'balanced';
export function shotProfile(paintPct: number | null, midPct: number | null, threePct: number | null): ShotProfile {
  if (paintPct !== null && paintPct >= 50) return 'interior';
  if (threePct !== null && threePct >= 50) return 'perimeter';
  if (midPct !== null && midPct >= 30) return 'mid_range';
  return 'balanced';
}

/**
 * Row builders for the trends and streaks cases: box scores with lines, schedule games, registry
 * names, graded calls. Dates count back from an as-of date so cases read as "n days ago".
 */
import { addDays, seasonStartYear } from '../../../pipeline/time.ts';

export interface BoxGame { date: string; team: string; opp: string; points: number | null; line: number | null; home?: boolean }

/** A `player_game_summary` row; the game id is date-based with the home team last. */
export function boxRow(player: string, g: BoxGame) {
  const home = g.home ?? true;
  const [away, homeTeam] = home ? [g.opp, g.team] : [g.team, g.opp];
  return {
    player_lookup: player, game_id: `${g.date.replaceAll('-', '')}_${away}_${homeTeam}`, game_date: g.date, team_abbr: g.team, opponent_team_abbr: g.opp,
    season_year: seasonStartYear(g.date), points: g.points, points_line: g.line,
    over_under_result: g.line === null || g.points === null ? null : g.points >= g.line ? 'OVER' : 'UNDER', // the table's push-as-OVER label
  };
}

/**
 * Box scores of one player on consecutive earlier days: `points[0]` is `daysAgo` days before
 * `asOf`, each next one a day earlier (newest first), all against `line`.
 */
export function games(player: string, opts: { asOf: string; team: string; opp?: string; line: number | null; points: (number | null)[]; daysAgo?: number; step?: number; home?: boolean }) {
  const { asOf, team, opp = 'OPP', line, points, daysAgo = 1, step = 1, home } = opts;
  return points.map((p, i) => boxRow(player, { date: addDays(asOf, -(daysAgo + i * step)), team, opp, points: p, line, home }));
}

export function scheduleRow(gameId: string, date: string, home: string, away: string, tipoffAt: string | null, status = 1) {
  return { game_id: gameId, game_date: date, home_team_tricode: home, away_team_tricode: away, game_date_est: tipoffAt, game_status: status, processed_at: `${date}T10:00:00Z` };
}

export function registryRow(player: string, name: string, team: string, season = '2024-25', position: string | null = null) {
  return { player_lookup: player, player_name: name, team_abbr: team, season, position };
}

/** Independent reference for a window's OVER/UNDER/PUSH counts (points vs line, push = equal). */
export function sides(rows: { points: number | null; points_line: number | null }[]) {
  const decided = rows.filter((r) => r.points !== null && r.points_line !== null);
  return {
    overs: decided.filter((r) => r.points! > r.points_line!).length,
    unders: decided.filter((r) => r.points! < r.points_line!).length,
    pushes: decided.filter((r) => r.points === r.points_line).length,
  };
}

/** Independent reference: every row with its rest bucket (days off since the player's previous game of the same season). */
export function withRest<B extends { player_lookup: string; game_date: string }>(rows: readonly B[]): { b: B; rest: string }[] {
  const sorted = [...rows].sort((a, b) => a.player_lookup.localeCompare(b.player_lookup) || a.game_date.localeCompare(b.game_date));
  return sorted.map((b, i) => {
    const prev = sorted[i - 1];
    const same = prev && prev.player_lookup === b.player_lookup && seasonStartYear(prev.game_date) === seasonStartYear(b.game_date);
    const off = same ? (Date.parse(b.game_date) - Date.parse(prev.game_date)) / 86_400_000 - 1 : null;
    return { b, rest: off === null ? 'none' : off === 0 ? 'b2b' : off === 1 ? 'one_day' : 'rested' };
  });
}

/** OVER share (0–100, 1 decimal) of rows decided against their line, and how many. */
export function overPctOf(rows: readonly { points: number | null; points_line: number | null }[]): { pct: number; n: number } {
  const { overs, unders } = sides([...rows]);
  return { pct: Math.round((overs / (overs + unders)) * 1000) / 10, n: overs + unders };
}

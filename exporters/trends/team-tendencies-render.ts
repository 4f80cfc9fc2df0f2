/**
 * Pure ranking for trends.team-tendencies: one row per team → the four sections. Each section
 * ranks only teams with a value and enough games, ties break on the team code, and the two ends
 * of a section never share a team.
 */
import type { TrendsTeamTendencies } from '../../generated/trends/team-tendencies.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { round } from '../_shared.ts';
import { disjointEnds } from './_shared.ts';

export const TEAM_COLUMNS = {
  team_abbr: 'string', pace_games: 'integer', avg_pace: 'number?', avg_points: 'number>=0?',
  home_games: 'integer', home_ppg: 'number>=0?', away_games: 'integer', away_ppg: 'number>=0?',
  b2b_games: 'integer', b2b_ppg: 'number>=0?', rested_games: 'integer', rested_ppg: 'number>=0?',
  snapshot_date: 'date?', paint_pct: 'number?', three_pct: 'number?', opp_ppg: 'number?', defense_games: 'integer?',
} as const;
type TeamRow = RowOf<typeof TEAM_COLUMNS>;
type Doc = TrendsTeamTendencies;
type DefenseInsight = Doc['defense_by_zone']['paint']['best'][number]['insight'];

export const WINDOWS = { paceDays: 30, venueDays: 60, restDays: 90, defenseDays: 30 } as const;
export const LIST_SIZE = 5;
export const MINIMUMS = { paceGames: 5, venueGames: 5, b2bGames: 3, restedGames: 5 } as const;

/** Ends of a ranking by `value` (desc for the top unless `ascending`), ties on the team code. */
function ends<T extends { team: string }>(items: T[], value: (t: T) => number, ascending = false) {
  const dir = ascending ? 1 : -1;
  return disjointEnds(items, LIST_SIZE, (a, b) => dir * (value(a) - value(b)) || a.team.localeCompare(b.team), (a, b) => dir * (value(b) - value(a)) || a.team.localeCompare(b.team));
}

export function paceOf(rows: readonly TeamRow[]): Doc['pace'] {
  const qualifying = rows.filter((r) => r.pace_games >= MINIMUMS.paceGames && r.avg_pace !== null);
  const league = qualifying.length === 0 ? null : qualifying.reduce((s, r) => s + r.avg_pace!, 0) / qualifying.length;
  const teams = qualifying.map((r) => ({ team: r.team_abbr, pace: round(r.avg_pace!, 2), games: r.pace_games, avg_points: round(r.avg_points, 1), vs_league: round(r.avg_pace! - league!, 2) }));
  const { top, bottom } = ends(teams, (t) => t.pace);
  return {
    kings: top.map((t) => ({ ...t, insight: 'High-scoring environment' as const })),
    grinders: bottom.map((t) => ({ ...t, insight: 'Slower, grind-it-out games' as const })),
    league_average: league === null ? null : round(league, 2),
  };
}

export function defenseOf(rows: readonly TeamRow[]): Doc['defense_by_zone'] {
  const zone = (pct: (r: TeamRow) => number | null, best: DefenseInsight, worst: DefenseInsight) => {
    const teams = rows.filter((r) => pct(r) !== null).map((r) => ({
      team: r.team_abbr, dfg_pct: round(pct(r)! * 100, 1), opp_ppg: round(r.opp_ppg, 1), games: r.defense_games ?? 0, snapshot_date: r.snapshot_date!,
    }));
    const { top, bottom } = ends(teams, (t) => t.dfg_pct, true);
    return { best: top.map((t) => ({ ...t, insight: best })), worst: bottom.map((t) => ({ ...t, insight: worst })) };
  };
  return {
    paint: zone((r) => r.paint_pct, 'Tough interior D - avoid paint scorers', 'Weak interior D - target paint scorers'),
    perimeter: zone((r) => r.three_pct, 'Tough perimeter D - avoid shooters', 'Weak perimeter D - target shooters'),
  };
}

export function homeAwayOf(rows: readonly TeamRow[]): Doc['home_away'] {
  const teams = rows.filter((r) => r.home_games >= MINIMUMS.venueGames && r.away_games >= MINIMUMS.venueGames && r.home_ppg !== null && r.away_ppg !== null)
    .map((r) => ({ team: r.team_abbr, home_ppg: round(r.home_ppg!, 1), away_ppg: round(r.away_ppg!, 1), differential: round(r.home_ppg! - r.away_ppg!, 1), home_games: r.home_games, away_games: r.away_games }));
  const { top, bottom } = ends(teams, (t) => t.differential);
  return {
    home_dominant: top.map((t) => ({ ...t, insight: 'Scores much more at home' as const })),
    road_warriors: bottom.map((t) => ({ ...t, insight: 'Scores as well or better on the road' as const })),
  };
}

export function backToBackOf(rows: readonly TeamRow[]): Doc['back_to_back'] {
  const teams = rows.filter((r) => r.b2b_games >= MINIMUMS.b2bGames && r.rested_games >= MINIMUMS.restedGames && r.b2b_ppg !== null && r.rested_ppg !== null)
    .map((r) => ({ team: r.team_abbr, b2b_ppg: round(r.b2b_ppg!, 1), rested_ppg: round(r.rested_ppg!, 1), impact: round(r.b2b_ppg! - r.rested_ppg!, 1), b2b_games: r.b2b_games }));
  const { top, bottom } = ends(teams, (t) => t.impact, true);
  return {
    vulnerable: top.map((t) => ({ ...t, insight: 'Scores less on the second night of back-to-backs' as const })),
    resilient: bottom.map((t) => ({ ...t, insight: 'Scores as well or better on back-to-backs' as const })),
  };
}

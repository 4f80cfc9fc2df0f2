/**
 * The sample league's game night replayed at any instant: from the final lines of every game of
 * the as-of night (`sample_meta.tonight_box_scores`), what a live box-score feed would show.
 *
 * Before tip-off a game is scheduled (no players listed yet); from its final instant it is final
 * with the final lines; in between, the game clock runs linearly over the game's wall-clock span,
 * each team's points follow its quarter scores, and every stat is the final value scaled by
 * progress and rounded down. Every value is therefore non-decreasing in time and reaches the final
 * value at the final instant, and a team's score is always the sum of its players' points.
 */
import type { LiveFeedGame, LiveFeedPlayer, LiveFeedTeam } from '../ports.ts';

/** One row of `sample_meta.tonight_box_scores` (see pipeline/sample-league/ddl-meta.ts). */
export interface TonightBoxScoreRow {
  game_id: string;
  bdl_game_id: number;
  game_date: string;
  tip_instant: string;
  final_instant: string;
  home_team: string;
  away_team: string;
  home_quarter_scores: number[];
  away_quarter_scores: number[];
  bdl_player_id: number;
  first_name: string;
  last_name: string;
  team_abbr: string;
  minutes: number;
  points: number;
  rebounds: number;
  assists: number;
  steals: number;
  blocks: number;
  turnovers: number;
  fgm: number;
  fga: number;
  fg3m: number;
  fg3a: number;
  ftm: number;
  fta: number;
}

const GAME_MINUTES = 48;
const QUARTER_MINUTES = 12;
const ORDINALS = ['1st', '2nd', '3rd', '4th'] as const;

/** Every game of the night as the feed would list it at `at`, in tip-off order. */
export function replayNight(rows: readonly TonightBoxScoreRow[], at: Date): LiveFeedGame[] {
  const games = new Map<string, TonightBoxScoreRow[]>();
  for (const row of rows) games.set(row.game_id, [...(games.get(row.game_id) ?? []), row]);
  return [...games.values()]
    .sort((a, b) => a[0]!.tip_instant.localeCompare(b[0]!.tip_instant) || a[0]!.game_id.localeCompare(b[0]!.game_id))
    .map((gameRows) => replayGame(gameRows, at));
}

function replayGame(rows: readonly TonightBoxScoreRow[], at: Date): LiveFeedGame {
  const first = rows[0]!;
  const tip = Date.parse(first.tip_instant);
  const end = Date.parse(first.final_instant);
  const now = at.getTime();
  const progress = now >= end ? 1 : now <= tip ? 0 : (now - tip) / (end - tip);
  const elapsed = progress * GAME_MINUTES;
  const base = { feedGameId: String(first.bdl_game_id), date: first.game_date };
  const team = (tricode: string, quarters: readonly number[], listed: boolean): LiveFeedTeam => {
    const players = listed ? rows.filter((r) => r.team_abbr === tricode).map((r) => playerAt(r, progress, pointsShare(quarters, elapsed))) : [];
    return { tricode, score: players.reduce((sum, p) => sum + p.points, 0), players };
  };
  if (now < tip) {
    return { ...base, status: 'scheduled', statusText: first.tip_instant, period: 0, clock: null, home: team(first.home_team, first.home_quarter_scores, false), away: team(first.away_team, first.away_quarter_scores, false) };
  }
  const final = progress >= 1;
  const period = final ? 4 : Math.min(4, Math.floor(elapsed / QUARTER_MINUTES) + 1);
  return {
    ...base,
    status: final ? 'final' : 'in_progress',
    statusText: final ? 'Final' : `${ORDINALS[period - 1]} Qtr`,
    period,
    clock: final ? null : clockText(period * QUARTER_MINUTES - elapsed),
    home: team(first.home_team, first.home_quarter_scores, true),
    away: team(first.away_team, first.away_quarter_scores, true),
  };
}

/** Share of the team's final points scored after `elapsed` game minutes, following its quarter scores. */
function pointsShare(quarters: readonly number[], elapsed: number): number {
  const total = quarters.reduce((sum, q) => sum + q, 0);
  if (elapsed >= GAME_MINUTES) return 1;
  if (total === 0) return elapsed / GAME_MINUTES;
  const done = Math.floor(elapsed / QUARTER_MINUTES);
  const before = quarters.slice(0, done).reduce((sum, q) => sum + q, 0);
  const current = (quarters[done] ?? 0) * ((elapsed - done * QUARTER_MINUTES) / QUARTER_MINUTES);
  return Math.min(1, (before + current) / total);
}

function playerAt(row: TonightBoxScoreRow, progress: number, share: number): LiveFeedPlayer {
  const scaled = (value: number, by: number) => (by >= 1 ? value : Math.floor(value * by));
  const minutes = scaled(row.minutes, progress);
  const makes = Math.min(share, progress); // never more makes than attempts
  return {
    feedPlayerId: row.bdl_player_id, firstName: row.first_name, lastName: row.last_name, minutes: String(minutes).padStart(2, '0'),
    points: scaled(row.points, share), rebounds: scaled(row.rebounds, progress), assists: scaled(row.assists, progress),
    steals: scaled(row.steals, progress), blocks: scaled(row.blocks, progress), turnovers: scaled(row.turnovers, progress),
    fgMade: scaled(row.fgm, makes), fgAttempted: scaled(row.fga, progress), fg3Made: scaled(row.fg3m, makes),
    fg3Attempted: scaled(row.fg3a, progress), ftMade: scaled(row.ftm, makes), ftAttempted: scaled(row.fta, progress),
  };
}

/** Minutes left in the period as `m:ss`. */
function clockText(minutesLeft: number): string {
  const seconds = Math.max(0, Math.floor(minutesLeft * 60));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

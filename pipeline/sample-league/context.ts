/**
 * Pre-game context rows: `upcoming_player_game_context` (as-of and next day), the composite
 * fatigue factors and the feature store (every predicted player-game). All read only the state
 * before the game.
 *
 * The context table reproduces its upstream join bug: each player's rows are the product of that
 * day's distinct prop lines (by source) and that day's injury-report lines, so one player can have
 * several rows for one game. `back_to_back` is set only when `days_rest = 0`, i.e. never.
 */
import type { Participant } from './box-scores.ts';
import { daysBetween } from './calendar.ts';
import type { Row } from './ddl.ts';
import type { MarketLine } from './lines.ts';
import { ageInSeason } from './players.ts';
import { meanOfLast } from './state.ts';

export interface PreGameOptions {
  participant: Participant;
  date: string;
  /** Native NBA game id. */
  gameId: string;
  seasonYear: number;
  processedAt: Date;
}

/** Calendar days since the player's last game this season (1 = back-to-back); null before his first. */
export function daysRestOf(p: Participant, date: string): number | null {
  return p.state.lastGameDate === null ? null : daysBetween(p.state.lastGameDate, date);
}

export interface ContextRowsOptions extends PreGameOptions {
  market: MarketLine | null;
  /** BettingPros' consensus line when it was offered too (a second "distinct" line). */
  bettingProsLine: number | null;
  /** The player's injury-report statuses of the day, one per snapshot. */
  injuryStatuses: readonly (string | null)[];
}

export function upcomingContextRows(o: ContextRowsOptions): Row<'nba_analytics.upcoming_player_game_context'>[] {
  const p = o.participant;
  const lines: { line: number | null; source: string | null }[] = o.market ? [{ line: o.market.current, source: 'odds_api' }] : [{ line: null, source: null }];
  if (o.bettingProsLine !== null) lines.push({ line: o.bettingProsLine, source: 'bettingpros' });
  const statuses = o.injuryStatuses.length > 0 ? o.injuryStatuses : [null];
  const daysRest = daysRestOf(p, o.date);
  return lines.flatMap(({ line, source }) => statuses.map((status) => ({
    player_lookup: p.player.name.lookup, universal_player_id: p.player.universalId, game_id: o.gameId, game_date: o.date,
    team_abbr: p.team.tricode, opponent_team_abbr: p.opponent.tricode, home_game: p.home, days_rest: daysRest,
    back_to_back: daysRest === 0, current_points_line: line, prop_source: source, player_status: status,
    season_year: o.seasonYear, processed_at: o.processedAt,
  })));
}

export interface Fatigue {
  score: number;
  gamesLast7: number;
  minutesLast7: number;
  json: string;
}

/** The composite fatigue factor: 100 = fresh, penalties for load, a bonus for rest. */
export function fatigueOf(p: Participant, date: string, seasonYear: number): Fatigue {
  const daysRest = daysRestOf(p, date);
  const last7 = p.state.recent.filter((g) => daysBetween(g.date, date) <= 7);
  const minutesLast7 = last7.reduce((a, g) => a + g.minutes, 0);
  const dates = p.state.recent.filter((g) => daysBetween(g.date, date) <= 14).map((g) => g.date);
  const backToBacks14 = dates.filter((d, i) => i > 0 && daysBetween(dates[i - 1] as string, d) === 1).length;
  const age = ageInSeason(p.player, seasonYear);
  const penalties: [string, number][] = [];
  if (daysRest === 1) penalties.push(['back_to_back', 15]);
  if (last7.length >= 4) penalties.push(['heavy_schedule', 10]);
  if (minutesLast7 > 120) penalties.push(['heavy_minutes', Math.min(10, Math.round((minutesLast7 - 120) / 4))]);
  if (backToBacks14 >= 2) penalties.push(['repeated_back_to_backs', 5]);
  if (age >= 32) penalties.push(['veteran_age', 5]);
  const bonuses: [string, number][] = daysRest !== null && daysRest >= 3 ? [['extra_rest', 5]] : [];
  const raw = 100 - penalties.reduce((a, [, v]) => a + v, 0) + bonuses.reduce((a, [, v]) => a + v, 0);
  const score = Math.max(0, Math.min(100, raw));
  const json = JSON.stringify({
    days_rest: daysRest, back_to_back: daysRest === 1, games_last_7: last7.length, minutes_last_7: minutesLast7,
    avg_minutes_pg_last_7: last7.length === 0 ? 0 : Math.round((minutesLast7 / last7.length) * 10) / 10,
    back_to_backs_last_14: backToBacks14, player_age: age, penalties_applied: penalties.map(([name]) => name),
    bonuses_applied: bonuses.map(([name]) => name), final_score: score,
  });
  return { score, gamesLast7: last7.length, minutesLast7, json };
}

export function compositeFactorsRow(o: PreGameOptions & { fatigue: Fatigue; predictionGameId: string }): Row<'nba_precompute.player_composite_factors'> {
  return {
    player_lookup: o.participant.player.name.lookup, universal_player_id: o.participant.player.universalId, game_date: o.date,
    game_id: o.predictionGameId, fatigue_score: o.fatigue.score, fatigue_context_json: o.fatigue.json, processed_at: o.processedAt,
  };
}

/** Points of the last `n` played games. */
export function recentPoints(p: Participant, n: number): number[] {
  return p.state.recent.slice(-n).map((g) => g.points);
}

export function recentMean(p: Participant, n: number, pick: 'points' | 'minutes'): number | null {
  return meanOfLast(p.state.recent.map((g) => g[pick]), n);
}

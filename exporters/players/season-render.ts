/**
 * Pure blocks of players.season over one season's games (newest first). Streaks skip games
 * without a line instead of counting them; the heat score rises with an OVER run and falls with
 * an UNDER run; rates keep 3 decimals; a 0 stays 0.
 */
import type { PlayerSeason, SeasonGame } from '../../generated/players/season.ts';
import { playerTier, ratio, round } from '../_shared.ts';
import { meanOf, overShare, shootingPct, type BoxGame } from './_shared.ts';

export function averagesOf(games: readonly BoxGame[]): PlayerSeason['averages'] {
  return {
    games: games.length,
    ppg: meanOf(games, (g) => g.points), rpg: meanOf(games, (g) => g.rebounds), apg: meanOf(games, (g) => g.assists),
    spg: meanOf(games, (g) => g.steals), bpg: meanOf(games, (g) => g.blocks), topg: meanOf(games, (g) => g.turnovers),
    fg_pct: shootingPct(games, (g) => g.fg), three_pct: shootingPct(games, (g) => g.three), ft_pct: shootingPct(games, (g) => g.ft),
    minutes: meanOf(games, (g) => g.minutes),
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The run of identical results against the line, newest first; games without a line are skipped. */
export function lineStreak(games: readonly BoxGame[]): { length: number; direction: 'over' | 'under' | null } {
  const results = games.map((g) => g.overUnder).filter((r): r is 'OVER' | 'UNDER' => r !== null);
  const first = results[0];
  if (first === undefined) return { length: 0, direction: null };
  const length = results.findIndex((r) => r !== first);
  return { length: length === -1 ? results.length : length, direction: first === 'OVER' ? 'over' : 'under' };
}

export function temperatureOf(heat: number): NonNullable<PlayerSeason['current_form']['temperature']> {
  if (heat >= 8) return 'hot';
  if (heat >= 6.5) return 'warm';
  if (heat >= 4.5) return 'neutral';
  return heat >= 3 ? 'cool' : 'cold';
}

export function currentFormOf(games: readonly BoxGame[]): PlayerSeason['current_form'] {
  const streak = lineStreak(games);
  const l5 = meanOf(games.slice(0, 5), (g) => g.points);
  const l10 = meanOf(games.slice(0, 10), (g) => g.points);
  const hitRate = overShare(games.slice(0, 10));
  const season = meanOf(games, (g) => g.points);
  let heat: number | null = null;
  if (games.length > 0) {
    const signed = streak.direction === 'under' ? -streak.length : streak.length;
    const streakFactor = clamp01(0.5 + signed / 20);
    const formFactor = l5 === null || season === null ? 0.5 : clamp01((l5 - season + 10) / 20);
    heat = round(10 * (0.5 * (hitRate ?? 0.5) + 0.25 * streakFactor + 0.25 * formFactor), 1);
  }
  return {
    heat_score: heat, temperature: heat === null ? null : temperatureOf(heat), current_streak: streak.length, streak_direction: streak.direction,
    l5_avg: l5, l10_avg: l10, hit_rate_l10: hitRate,
  };
}

/** Differences of at least 2.5 PPG: rest (one day off or more vs back-to-back), then location. */
export function keyPatternsOf(games: readonly BoxGame[]): PlayerSeason['key_patterns'] {
  const patterns: PlayerSeason['key_patterns'] = [];
  const add = (diff: number | null, positive: 'rest_sensitive' | 'home_performer', negative: 'b2b_performer' | 'road_warrior', text: (d: string, pos: boolean) => string) => {
    if (diff === null || Math.abs(diff) < 2.5) return;
    const value = `+${Math.abs(diff).toFixed(1)}`;
    patterns.push({ pattern: diff > 0 ? positive : negative, description: text(value, diff > 0), strength: Math.abs(diff) >= 4 ? 'strong' : 'moderate' });
  };
  const ppgOf = (test: (g: BoxGame) => boolean) => meanOf(games.filter(test), (g) => g.points, 3);
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a - b, 1));
  add(diff(ppgOf((g) => g.gap !== null && g.gap >= 2), ppgOf((g) => g.gap === 1)), 'rest_sensitive', 'b2b_performer', (d, pos) => `${d} PPG ${pos ? 'with a day or more off' : 'on back-to-backs'}`);
  add(diff(ppgOf((g) => g.isHome === true), ppgOf((g) => g.isHome === false)), 'home_performer', 'road_warrior', (d, pos) => `${d} PPG ${pos ? 'at home' : 'on the road'}`);
  return patterns;
}

export interface SeasonCall { recommendation: string | null; line: number | null; actual: number | null }

/** Actual vs the graded line (pushes in neither), and our OVER/UNDER calls' record. */
export function propHitRatesOf(calls: readonly SeasonCall[]): PlayerSeason['prop_hit_rates'] {
  const withLine = calls.filter((c) => c.line !== null && c.actual !== null);
  const overs = withLine.filter((c) => c.actual! > c.line!).length;
  const unders = withLine.filter((c) => c.actual! < c.line!).length;
  const bets = withLine.filter((c) => c.recommendation === 'OVER' || c.recommendation === 'UNDER');
  const wins = bets.filter((c) => (c.recommendation === 'OVER' ? c.actual! > c.line! : c.actual! < c.line!)).length;
  const losses = bets.filter((c) => (c.recommendation === 'OVER' ? c.actual! < c.line! : c.actual! > c.line!)).length;
  return {
    points: { games: overs + unders, overs, unders, over_rate: ratio(overs, overs + unders) },
    total_recommendations: bets.length, correct: wins, win_rate: ratio(wins, wins + losses),
  };
}

export function seasonGame(g: BoxGame): SeasonGame {
  return { date: g.date, opponent: g.opponent, is_home: g.isHome, points: g.points, rebounds: g.rebounds, assists: g.assists, minutes: round(g.minutes, 1), line: round(g.line, 1), result: g.overUnder, team_won: g.teamWon };
}

export function splitsOf(games: readonly BoxGame[]): PlayerSeason['splits'] {
  const split = (test: (g: BoxGame) => boolean) => {
    const list = games.filter(test);
    return { games: list.length, ppg: meanOf(list, (g) => g.points), over_rate: overShare(list) };
  };
  return {
    home: split((g) => g.isHome === true), away: split((g) => g.isHome === false),
    rested: split((g) => g.gap !== null && g.gap >= 2), back_to_back: split((g) => g.gap === 1),
  };
}

const MONTHS = ['Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep'] as const;

export function monthlyOf(games: readonly BoxGame[]): PlayerSeason['monthly'] {
  return MONTHS.map((month, i) => {
    const list = games.filter((g) => (Number(g.date.slice(5, 7)) + 2) % 12 === i);
    return { month, games: list.length, ppg: meanOf(list, (g) => g.points), over_rate: overShare(list) };
  }).filter((m) => m.games > 0);
}

export { playerTier };

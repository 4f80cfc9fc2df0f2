/**
 * Pure blocks of players.profile: summary, interpretation, game log, splits, track record.
 * A push is neither a win nor a loss; rates are null when undefined; a 0 stays 0.
 */
import type { PlayerProfile, ProfileGame } from '../../generated/players/profile.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { ratio, round } from '../_shared.ts';
import type { SUMMARY_COLUMNS } from './_sql.ts';
import { madeText, meanOf, overShare, type BoxGame } from './_shared.ts';

type Summary = RowOf<typeof SUMMARY_COLUMNS>;
type Split = PlayerProfile['splits']['location']['home'];

export const GAME_LOG_LENGTH = 50;

export function summaryOf(s: Summary, team: string | null, position: string | null): PlayerProfile['summary'] {
  return {
    team, position, games_predicted: s.games_predicted, total_recommendations: s.recommendations, correct: s.wins,
    mae: round(s.mae, 2), win_rate: ratio(s.wins, s.wins + s.losses), bias: round(s.bias, 2), avg_confidence: round(s.avg_confidence, 3),
    within_3_pct: ratio(s.within_3, s.games_predicted), within_5_pct: ratio(s.within_5, s.games_predicted),
    date_range: { first: s.first_date, last: s.last_date },
  };
}

export function interpretationOf(summary: PlayerProfile['summary']): PlayerProfile['interpretation'] {
  const b = summary.bias;
  const amount = b === null ? '' : ` (bias ${b > 0 ? '+' : b < 0 ? '−' : ''}${Math.abs(b).toFixed(1)} points)`;
  const bias = b === null ? 'Not enough graded games to judge calibration'
    : b < -3 ? `We significantly under-predict this player${amount}`
      : b < -1 ? `We slightly under-predict this player${amount}`
        : b > 3 ? `We significantly over-predict this player${amount}`
          : b > 1 ? `We slightly over-predict this player${amount}` : `Well-calibrated${amount}`;
  const rate = summary.win_rate;
  const grade = rate === null ? null : rate >= 0.85 ? 'Excellent' : rate >= 0.7 ? 'Good' : rate >= 0.55 ? 'Average' : 'Below average';
  const accuracy = summary.total_recommendations >= 5 && grade !== null && rate !== null ? `${grade} accuracy: ${Math.round(rate * 100)}% of calls correct` : null;
  const n = summary.games_predicted;
  const sample = n < 5 ? 'Limited data (fewer than 5 games)' : n < 15 ? 'Moderate sample size' : 'Large sample size';
  return { bias, accuracy, sample_size: sample };
}

export function profileGame(g: BoxGame): ProfileGame {
  return {
    game_date: g.date, opponent: g.opponent, home_game: g.isHome, team_result: g.teamWon === null ? null : g.teamWon ? 'W' : 'L',
    points: g.points, minutes: round(g.minutes, 1), fg: madeText(g.fg), three: madeText(g.three), ft: madeText(g.ft),
    rebounds: g.rebounds, assists: g.assists, steals: g.steals, blocks: g.blocks, turnovers: g.turnovers,
    line: round(g.line, 1), over_under: g.overUnder, margin: g.line === null || g.points === null ? null : round(g.points - g.line, 1),
  };
}

const split = (games: readonly BoxGame[]): Split => ({ avg: meanOf(games, (g) => g.points), games: games.length, vs_line_pct: overShare(games) });

export function splitsOf(games: readonly BoxGame[]): PlayerProfile['splits'] {
  const gap = (test: (gap: number) => boolean) => games.filter((g) => g.gap !== null && test(g.gap));
  const byOpponent = new Map<string, BoxGame[]>();
  for (const g of games) byOpponent.set(g.opponent, [...(byOpponent.get(g.opponent) ?? []), g]);
  const opponents = [...byOpponent.entries()]
    .filter(([, list]) => list.length >= 2)
    .map(([team, list]) => ({ team, ...split(list) }))
    .sort((a, b) => b.games - a.games || (b.avg ?? -1) - (a.avg ?? -1) || a.team.localeCompare(b.team));
  return {
    rest: { b2b: split(gap((d) => d === 1)), one_day: split(gap((d) => d === 2)), two_day: split(gap((d) => d === 3)), three_plus: split(gap((d) => d >= 4)) },
    location: { home: split(games.filter((g) => g.isHome === true)), away: split(games.filter((g) => g.isHome === false)) },
    opponents,
  };
}

export function trackRecordOf(s: Summary): PlayerProfile['our_track_record'] {
  const side = (total: number, wins: number, losses: number) => ({ total, wins, losses, pushes: total - wins - losses, pct: ratio(wins, wins + losses) });
  return {
    total_predictions: s.games_predicted,
    overall: { wins: s.wins, losses: s.losses, pushes: s.pushes, pct: ratio(s.wins, s.wins + s.losses) },
    over_calls: side(s.over_calls, s.over_wins, s.over_losses),
    under_calls: side(s.under_calls, s.under_wins, s.under_losses),
    avg_error: round(s.mae, 2), bias: round(s.bias, 2),
    within_3_pts: ratio(s.within_3, s.games_predicted), within_5_pts: ratio(s.within_5, s.games_predicted),
  };
}

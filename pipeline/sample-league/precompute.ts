/**
 * Phase 4 snapshots taken before each game day: a player's shot mix over his last 10 games (rates
 * in PERCENT, 0–100) and a team's defence over its last 15 (allowed FG% as FRACTIONS), plus the
 * 25-value feature vector of the feature store. The units differ on purpose: the real tables do.
 */
import type { Participant } from './box-scores.ts';
import { daysRestOf, recentMean, recentPoints } from './context.ts';
import type { Fatigue } from './context.ts';
import type { Row } from './ddl.ts';
import { roundTo } from './random.ts';
import { meanOfLast, seasonAverage } from './state.ts';
import type { TeamState } from './state.ts';

export function shotZoneRow(p: Participant, date: string, seasonYear: number): Row<'nba_precompute.player_shot_zone_analysis'> | null {
  const games = p.state.recent.slice(-10);
  const paint = games.reduce((a, g) => a + g.paintAttempts, 0);
  const mid = games.reduce((a, g) => a + g.midAttempts, 0);
  const three = games.reduce((a, g) => a + g.threeAttempts, 0);
  const total = paint + mid + three;
  if (total === 0) return null;
  return {
    player_lookup: p.player.name.lookup, universal_player_id: p.player.universalId, analysis_date: date, games_in_sample_10: games.length,
    paint_rate_last_10: roundTo((100 * paint) / total, 2), mid_range_rate_last_10: roundTo((100 * mid) / total, 2),
    three_pt_rate_last_10: roundTo((100 * three) / total, 2), season_year: seasonYear,
  };
}

interface DefenceSummary {
  paintPct: number;
  midPct: number;
  threePct: number;
  rating: number;
  pointsPerGame: number;
  pace: number;
}

function summariseDefence(team: TeamState): DefenceSummary | null {
  const games = team.recentDefence;
  if (games.length === 0) return null;
  const sum = (pick: (g: (typeof games)[number]) => number): number => games.reduce((a, g) => a + pick(g), 0);
  const ratio = (made: number, attempts: number, fallback: number): number => (attempts === 0 ? fallback : made / attempts);
  return {
    paintPct: ratio(sum((g) => g.paintMade), sum((g) => g.paintAttempts), 0.58),
    midPct: ratio(sum((g) => g.midMade), sum((g) => g.midAttempts), 0.41),
    threePct: ratio(sum((g) => g.threeMade), sum((g) => g.threeAttempts), 0.355),
    rating: (100 * sum((g) => g.opponentPoints)) / sum((g) => g.pace),
    pointsPerGame: sum((g) => g.opponentPoints) / games.length,
    pace: sum((g) => g.pace) / games.length,
  };
}

export function teamDefenceRow(tricode: string, team: TeamState, date: string, seasonYear: number): Row<'nba_precompute.team_defense_zone_analysis'> | null {
  const d = summariseDefence(team);
  if (!d) return null;
  return {
    team_abbr: tricode, analysis_date: date, games_in_sample: team.recentDefence.length,
    paint_pct_allowed_last_15: roundTo(d.paintPct, 3), mid_range_pct_allowed_last_15: roundTo(d.midPct, 3),
    three_pt_pct_allowed_last_15: roundTo(d.threePct, 3), defensive_rating_last_15: roundTo(d.rating, 2),
    opponent_points_per_game: roundTo(d.pointsPerGame, 1), opponent_pace: roundTo(d.pace, 1), season_year: seasonYear,
  };
}

export interface FeatureOptions {
  participant: Participant;
  fatigue: Fatigue;
  date: string;
  teamState: TeamState;
  opponentState: TeamState;
  listedInjured: boolean;
}

/** The 25 features of `v1_baseline_25` (index 2 season PPG with upstream's 10.0 fallback; 16 always 0). */
export function featureVector(o: FeatureOptions): number[] {
  const p = o.participant;
  const points10 = recentPoints(p, 10);
  const l10 = meanOfLast(points10, 10) ?? 10;
  const l5 = meanOfLast(points10, 5) ?? 10;
  const sd10 = points10.length < 2 ? 0 : Math.sqrt(points10.reduce((a, x) => a + (x - l10) ** 2, 0) / points10.length);
  const opponent = summariseDefence(o.opponentState);
  const own = o.teamState;
  const ownPace = meanOfLast(own.recentDefence.map((g) => g.pace), 15) ?? own.pace;
  const offRating = own.recentScored.length === 0 ? 112 : (100 * own.recentScored.reduce((a, b) => a + b, 0)) / own.recentDefence.reduce((a, g) => a + g.pace, 0);
  const minutes5 = recentMean(p, 5, 'minutes') ?? 0;
  const minutes10 = recentMean(p, 10, 'minutes') ?? 0;
  const daysRest = daysRestOf(p, o.date);
  const { player } = p;
  const features = [
    l5, l10, seasonAverage(p.state) ?? 10, sd10, o.fatigue.gamesLast7, o.fatigue.score,
    (player.paintShare - 0.72) * ((opponent?.paintPct ?? 0.58) - 0.58) * 100, ((opponent?.pace ?? 99.5) - 99.5) / 5,
    (minutes5 - minutes10) / 10, Math.min(3, (daysRest ?? 2) - 2), o.listedInjured ? 1 : 0, l5 - l10, minutes5 - minutes10,
    opponent?.rating ?? 112, opponent?.pace ?? 99.5, p.home ? 1 : 0, 0, 0,
    (1 - player.threeRate) * player.paintShare, (1 - player.threeRate) * (1 - player.paintShare), player.threeRate, player.freeThrowShare,
    ownPace, offRating, own.games === 0 ? 0.5 : own.wins / own.games,
  ];
  return features.map((x) => roundTo(x, 4));
}

/**
 * One player's box-score line for a given number of minutes. Points come first (drawn around the
 * player's streaky expectation); shooting is then derived so that 2·fg2 + 3·fg3 + ft equals the
 * points exactly, and attempts never fall below makes.
 */
import type { Player } from './players.ts';
import { clamp } from './random.ts';
import type { Random } from './random.ts';
import type { PlayerState } from './state.ts';

/** What a line is drawn from: the player, their form, and the game's expectation (a box-scores `Participant`). */
export interface StatLinePlayer {
  player: Player;
  state: Pick<PlayerState, 'form'>;
  /** Points per minute this season at full strength. */
  pointsPerMinute: number;
  /** Multiplier from the opponent's defence and home court. */
  matchup: number;
}

export interface StatLine {
  points: number;
  offensiveRebounds: number;
  defensiveRebounds: number;
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
  /** Two-point attempts and makes split by zone (for the shot-zone and team-defence tables). */
  paintAttempts: number;
  paintMade: number;
  midAttempts: number;
  midMade: number;
}

const EMPTY_LINE: StatLine = {
  points: 0, offensiveRebounds: 0, defensiveRebounds: 0, assists: 0, steals: 0, blocks: 0, turnovers: 0,
  fgm: 0, fga: 0, fg3m: 0, fg3a: 0, ftm: 0, fta: 0, paintAttempts: 0, paintMade: 0, midAttempts: 0, midMade: 0,
};

/** Knuth's Poisson sampler; the rates here stay far below where it gets slow. */
export function poisson(lambda: number, random: Random): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** Mean points for `minutes` of play given form and matchup. */
export function meanPoints(p: StatLinePlayer, minutes: number): number {
  return p.pointsPerMinute * minutes * Math.exp(p.state.form) * p.matchup;
}

export function buildStatLine(p: StatLinePlayer, minutes: number, random: Random): StatLine {
  if (minutes === 0) return { ...EMPTY_LINE };
  const mean = meanPoints(p, minutes);
  const points = Math.max(0, Math.round(random.normal(mean, 0.85 * Math.sqrt(mean) + 0.07 * mean)));
  const { rates } = p.player;
  const rebounds = poisson(rates.rebounds * minutes, random);
  const offensiveRebounds = Math.round(rebounds * rates.offensiveShare * clamp(random.normal(1, 0.3), 0, 2));
  return {
    ...splitPoints(p, points, minutes, random),
    points,
    offensiveRebounds: Math.min(rebounds, offensiveRebounds),
    defensiveRebounds: rebounds - Math.min(rebounds, offensiveRebounds),
    assists: poisson(rates.assists * minutes, random),
    steals: poisson(rates.steals * minutes, random),
    blocks: poisson(rates.blocks * minutes, random),
    turnovers: poisson(rates.turnovers * minutes, random),
  };
}

type Shooting = Omit<StatLine, 'points' | 'offensiveRebounds' | 'defensiveRebounds' | 'assists' | 'steals' | 'blocks' | 'turnovers'>;

function splitPoints(p: StatLinePlayer, points: number, minutes: number, random: Random): Shooting {
  const { player } = p;
  let ftm = clamp(Math.round(points * player.freeThrowShare + random.normal(0, 1)), 0, points);
  const threeValue = player.threeRate * player.fgPct3 * 3;
  const threeShare = threeValue / (threeValue + (1 - player.threeRate) * player.fgPct2 * 2);
  const fromField = points - ftm;
  const fg3m = clamp(Math.round((fromField * threeShare) / 3 + random.normal(0, 0.7)), 0, Math.floor(fromField / 3));
  let twoPoints = fromField - 3 * fg3m;
  if (twoPoints % 2 === 1) {
    ftm++;
    twoPoints--;
  }
  const fg2m = twoPoints / 2;
  const attempts = (made: number, pct: number, idle: number): number => Math.max(made, Math.round(made / pct + random.normal(0, 0.8) + idle));
  const fg3a = attempts(fg3m, player.fgPct3, fg3m === 0 ? poisson(player.threeRate * minutes * 0.08, random) : 0);
  const fg2a = attempts(fg2m, player.fgPct2, fg2m === 0 ? poisson(minutes * 0.04, random) : 0);
  const fta = attempts(ftm, player.ftPct, 0);
  const paintAttempts = Math.round(fg2a * player.paintShare);
  const paintMade = Math.min(paintAttempts, Math.round((fg2m * paintAttempts * 0.62) / Math.max(1e-9, paintAttempts * 0.62 + (fg2a - paintAttempts) * 0.42)));
  const midMade = fg2m - paintMade;
  const midAttempts = Math.max(fg2a - paintAttempts, midMade);
  return { fgm: fg2m + fg3m, fga: paintAttempts + midAttempts + fg3a, fg3m, fg3a, ftm, fta, paintAttempts, paintMade, midAttempts, midMade };
}

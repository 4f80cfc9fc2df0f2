/**
 * Prediction angles of a game report (spec §12), each list capped at 3, in this order: form in
 * the last 5 games, shot profile against the matching zone defense, L5 against the season
 * average, opponent pace. Zone defenses are compared with the league average of the same
 * snapshots (paint and three-point FG% allowed are fractions with very different norms), not
 * with one pair of cut-offs for both zones.
 */
import type { PlayerGameReport } from '../../generated/players/game-report.ts';
import type { ShotProfile } from './_shared.ts';

type ZoneTier = PlayerGameReport['opponent_context']['opp_paint_defense'];

/** FG% allowed this far below (above) the league average makes a zone defense strong (weak): 2 points. */
export const ZONE_MARGIN = 0.02;
export const TREND_PCT = 15;
export const FAST_PACE = 102;
export const SLOW_PACE = 96;
const MAX_ANGLES = 3;

export function zoneTier(vsLeague: number | null): ZoneTier {
  if (vsLeague === null) return null;
  const diff = Math.round(vsLeague * 10_000) / 10_000; // fractions to 4 decimals: no binary noise at the margin
  if (diff <= -ZONE_MARGIN) return 'strong';
  return diff >= ZONE_MARGIN ? 'weak' : 'average';
}

export interface AngleInput {
  recent: PlayerGameReport['recent_games'];
  profile: ShotProfile;
  opponent: PlayerGameReport['opponent_context'];
  l5: number | null;
  season: number | null;
}

export function anglesOf(input: AngleInput): PlayerGameReport['prediction_angles'] {
  const supporting: string[] = [];
  const against: string[] = [];
  const overs = input.recent.filter((g) => g.result === 'OVER').length;
  const unders = input.recent.filter((g) => g.result === 'UNDER').length;
  if (overs >= 3) supporting.push(`Hot form (${overs} of last ${input.recent.length} OVER)`);
  else if (unders >= 3) against.push(`Cold form (${unders} of last ${input.recent.length} UNDER)`);
  const zone = input.profile === 'perimeter' ? { tier: input.opponent.opp_perimeter_defense, name: 'perimeter' } : input.profile === 'interior' ? { tier: input.opponent.opp_paint_defense, name: 'paint' } : null;
  if (zone?.tier === 'weak') supporting.push(`Weak ${zone.name} defense`);
  if (zone?.tier === 'strong') against.push(`Strong ${zone.name} defense`);
  if (input.l5 !== null && input.season !== null && input.season > 0) {
    const pct = Math.round(((input.l5 - input.season) / input.season) * 100);
    if (pct >= TREND_PCT) supporting.push(`Trending up (+${pct}% L5)`);
    if (pct <= -TREND_PCT) against.push(`Trending down (−${Math.abs(pct)}% L5)`);
  }
  const pace = input.opponent.opp_pace;
  if (pace !== null && pace >= FAST_PACE) supporting.push('Fast-paced opponent');
  if (pace !== null && pace <= SLOW_PACE) against.push('Slow-paced opponent');
  return { supporting: supporting.slice(0, MAX_ANGLES), against: against.slice(0, MAX_ANGLES) };
}

/**
 * Tonight's factors for one player (spec §14), in their fixed order, each only when its
 * condition holds. Splits are over this season's games before tonight; back-to-back comes from
 * rest days (days_rest = 1), since the upstream flag is never set.
 */
import type { TonightPlayer } from '../../generated/tonight/player.ts';
import { round } from '../_shared.ts';
import { overShare, type BoxGame } from '../players/_shared.ts';
import { ppg } from './_shared.ts';
import type { PlayerFacts } from './player-facts.ts';

type Factor = TonightPlayer['tonights_factors'][number];

/** Days rest tonight from which the well_rested factor applies; it quotes games after the same rest. */
export const WELL_RESTED_DAYS = 3;
/** Home or away games needed before the location factor speaks. */
export const LOCATION_MIN_GAMES = 3;

const pctText = (rate: number | null) => (rate === null ? '' : `, ${Math.round(rate * 100)}% OVER`);
const fixed1 = (value: number) => value.toFixed(1);
const signed = (value: number) => `${value >= 0 ? '+' : '−'}${fixed1(Math.abs(value))}`;

function splitFactor(factor: 'location' | 'vs_opponent' | 'well_rested', games: readonly BoxGame[], text: (ppg: string, n: number) => string, direction: 'neutral' | 'positive'): Factor | undefined {
  const average = ppg(games);
  if (average === null) return undefined;
  const rate = overShare(games);
  return { factor, direction, description: `${text(fixed1(average), games.length)}${pctText(rate)}`, ppg: average, games: games.length, vs_line_pct: rate };
}

export function factorsOf(facts: PlayerFacts, season: number): Factor[] {
  const games = facts.history.filter((g) => g.season === season);
  const factors: (Factor | undefined)[] = [];
  const b2b = games.filter((g) => g.gap === 1);
  const b2bPpg = ppg(b2b);
  const otherPpg = ppg(games.filter((g) => g.gap === null || g.gap > 1));
  if (facts.isBackToBack === true && b2bPpg !== null && otherPpg !== null) {
    const impact = round(b2bPpg - otherPpg, 1);
    const rate = overShare(b2b);
    factors.push({
      factor: 'back_to_back', direction: impact < 0 ? 'negative' : 'positive', impact, vs_line_pct: rate,
      description: `B2B: averages ${fixed1(b2bPpg)} vs ${fixed1(otherPpg)} normally (${signed(impact)})${pctText(rate)}`,
    });
  }
  if (facts.isHome !== null) {
    const where = games.filter((g) => g.isHome === facts.isHome);
    if (where.length >= LOCATION_MIN_GAMES) factors.push(splitFactor('location', where, (p, n) => `Averages ${p} ${facts.isHome ? 'at home' : 'on the road'} (${n} games)`, 'neutral'));
  }
  const versus = games.filter((g) => g.opponent === facts.opponent);
  if (versus.length > 0) factors.push(splitFactor('vs_opponent', versus, (p, n) => `Averages ${p} vs ${facts.opponent} (${n} game${n === 1 ? '' : 's'})`, 'neutral'));
  if (facts.daysRest !== null && facts.daysRest >= WELL_RESTED_DAYS) {
    const rested = games.filter((g) => g.gap !== null && g.gap >= WELL_RESTED_DAYS);
    factors.push(splitFactor('well_rested', rested, (p, n) => `${facts.daysRest} days rest: averages ${p} after ${WELL_RESTED_DAYS}+ days rest (${n} games)`, 'positive'));
  }
  if (facts.fatigueScore !== null && facts.fatigueLevel === 'tired') factors.push({ factor: 'fatigue', direction: 'negative', description: `Elevated fatigue (score: ${facts.fatigueScore})`, score: facts.fatigueScore });
  if (facts.fatigueScore !== null && facts.fatigueLevel === 'fresh') factors.push({ factor: 'fresh', direction: 'positive', description: `Well-rested (fatigue score: ${facts.fatigueScore})`, score: facts.fatigueScore });
  const d = facts.defense;
  if (d) {
    const strong = d.tier === 'elite' || d.tier === 'good';
    factors.push({
      factor: 'opponent_defense', direction: strong ? 'negative' : d.tier === 'weak' ? 'positive' : 'neutral', defense_rank: d.rank, defense_tier: d.tier, ppg_allowed: d.ppgAllowed,
      description: d.tier === 'average' ? `vs ${facts.opponent} (#${d.rank} defense, allows ${fixed1(d.ppgAllowed)} PPG)` : `vs ${facts.opponent} (${d.tier} defense, #${d.rank}, allows ${fixed1(d.ppgAllowed)} PPG)`,
    });
  }
  return factors.filter((f): f is Factor => f !== undefined);
}

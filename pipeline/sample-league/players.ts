/**
 * Synthetic players: identity (fictional name, lookup, balldontlie and BettingPros ids) and the
 * traits the box-score simulation draws from. Talent sets a player's rotation slot and scoring
 * rate; the shooting mix sets how his points split into twos, threes and free throws.
 */
import type { PlayerName } from './names.ts';
import { clamp } from './random.ts';
import type { Random } from './random.ts';

export interface Player {
  /** Stable index into the league's player list. */
  index: number;
  name: PlayerName;
  /** Registry identity, `<lookup>_001` in the warehouse's style. */
  universalId: string;
  bdlPlayerId: number;
  bpPlayerId: number;
  position: string | null;
  jersey: string;
  birthYear: number;
  /** 0–1; drifts each season and decides the rotation slot. */
  talent: number;
  /** Per-minute rates of the counting stats. */
  rates: { rebounds: number; offensiveShare: number; assists: number; steals: number; blocks: number; turnovers: number };
  /** Share of field-goal attempts from three, share of two-point attempts in the paint. */
  threeRate: number;
  paintShare: number;
  /** Free throws made per point scored. */
  freeThrowShare: number;
  fgPct2: number;
  fgPct3: number;
  ftPct: number;
  /** Chance per game of starting an injury spell. */
  injuryRisk: number;
}

type Role = 'guard' | 'wing' | 'big';
const POSITIONS: Record<Role, readonly (string | null)[]> = {
  guard: ['G', 'G', 'G', 'G-F', null],
  wing: ['F', 'F', 'G-F', 'F-G', 'F-C'],
  big: ['C', 'C', 'F-C', 'C-F', 'F'],
};

export interface CreatePlayerOptions {
  index: number;
  name: PlayerName;
  random: Random;
  /** Season start year in which the player first appears. */
  debutYear: number;
  /** Rookies start younger and with less talent than the first season's established players. */
  rookie: boolean;
}

export function createPlayer({ index, name, random, debutYear, rookie }: CreatePlayerOptions): Player {
  const role = random.pick<Role>(['guard', 'guard', 'wing', 'wing', 'big']);
  const big = role === 'big' ? 1 : 0;
  const guard = role === 'guard' ? 1 : 0;
  const talent = clamp(rookie ? random.normal(0.35, 0.18) : random.next() ** 1.3, 0.02, 0.99);
  return {
    index, name,
    universalId: `${name.lookup}_001`,
    bdlPlayerId: 3_000_000 + index * 7 + random.int(0, 6),
    bpPlayerId: 100_000 + index,
    position: random.pick(POSITIONS[role]),
    jersey: String(random.int(0, 55)),
    birthYear: debutYear - (rookie ? random.int(19, 22) : random.int(20, 33)),
    talent,
    rates: {
      rebounds: clamp(random.normal(0.14 + 0.12 * big - 0.04 * guard, 0.03), 0.05, 0.45),
      offensiveShare: clamp(random.normal(0.2 + 0.1 * big, 0.05), 0.08, 0.45),
      assists: clamp(random.normal(0.08 + 0.1 * guard - 0.03 * big, 0.03), 0.02, 0.3),
      steals: clamp(random.normal(0.03, 0.008), 0.01, 0.07),
      blocks: clamp(random.normal(0.015 + 0.03 * big, 0.008), 0.003, 0.09),
      turnovers: clamp(random.normal(0.05 + 0.02 * guard, 0.012), 0.02, 0.1),
    },
    threeRate: clamp(random.normal(0.42 - 0.28 * big + 0.05 * guard, 0.08), 0.02, 0.7),
    paintShare: clamp(random.normal(0.72 + 0.15 * big - 0.1 * guard, 0.08), 0.35, 0.97),
    freeThrowShare: clamp(random.normal(0.17, 0.04), 0.06, 0.3),
    fgPct2: clamp(random.normal(0.53 + 0.05 * big, 0.04), 0.4, 0.68),
    fgPct3: clamp(random.normal(0.36, 0.03), 0.25, 0.45),
    ftPct: clamp(random.normal(0.78 - 0.08 * big, 0.06), 0.5, 0.93),
    injuryRisk: clamp(random.normal(0.009, 0.004), 0.002, 0.02),
  };
}

/** Points per minute at full strength for a talent level (a 0.95 talent in 35 minutes ≈ 29 points). */
export function pointsPerMinute(talent: number): number {
  return 0.24 + 0.6 * talent ** 1.6;
}

/** A player's age on January 1 of the season. */
export function ageInSeason(player: Player, startYear: number): number {
  return startYear + 1 - player.birthYear;
}

/** One off-season of development: the young improve, veterans decline, everyone drifts a little. */
export function developPlayer(player: Player, startYear: number, random: Random): void {
  const age = ageInSeason(player, startYear);
  const trend = age < 24 ? 0.05 : age < 29 ? 0.01 : age < 32 ? -0.015 : -0.04;
  player.talent = clamp(player.talent + trend + random.normal(0, 0.05), 0.02, 0.99);
}

/**
 * Seeded randomness for the sample league, on top of pure-rand's xoroshiro128+.
 *
 * Every part of the generator draws from its own named stream (`createRandom(seed, 'schedule')`),
 * so adding draws in one module never shifts the numbers another module sees. Same seed and label →
 * the same sequence on every platform (pure-rand is pure integer arithmetic).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** Normal draw (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[];
  /** A random RFC 4122 version-4 UUID string. */
  uuid(): string;
}

/** FNV-1a over the label, mixed with the seed and finalised with murmur3's fmix32. */
function mixSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Reason: xoroshiro128+ seeded from 32 bits gives a poor first few outputs; skip them. */
const WARM_UP_DRAWS = 8;

export function createRandom(seed: number, label: string): Random {
  const rng: RandomGenerator = xoroshiro128plus(mixSeed(seed, label));
  for (let i = 0; i < WARM_UP_DRAWS; i++) rng.next();
  let spareNormal: number | null = null;
  const next = (): number => uniformFloat64(rng);
  const normal = (mean = 0, sd = 1): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return mean + sd * z;
    }
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const hex16 = (): string => int(0, 0xffff).toString(16).padStart(4, '0');
  return {
    next,
    int,
    normal,
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
    uuid: () => `${hex16()}${hex16()}-${hex16()}-4${hex16().slice(1)}-${'89ab'[int(0, 3)]}${hex16().slice(1)}-${hex16()}${hex16()}${hex16()}`,
  };
}

/** Clamp `value` into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Round to `decimals` places (half away from zero), for values stored as DECIMAL. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  // `|| 0` turns -0 into 0, so tiny negatives do not store as negative zero.
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f || 0;
}

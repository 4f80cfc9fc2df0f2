/**
 * The fatigue processor's context (a JSON string in the warehouse) as a fixed-shape object:
 * known keys only, each typed or null, so the published file never depends on what else the
 * processor adds. Unreadable text gives null.
 */
import type { TonightPlayer } from '../../generated/tonight/player.ts';

type FatigueContext = NonNullable<TonightPlayer['fatigue']['context']>;

const numberOr = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const integerOr = (value: unknown) => (Number.isInteger(value) ? (value as number) : null);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function fatigueContextOf(text: string | null): FatigueContext | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const c = parsed as Record<string, unknown>;
  return {
    days_rest: integerOr(c.days_rest),
    back_to_back: typeof c.back_to_back === 'boolean' ? c.back_to_back : null,
    games_last_7: integerOr(c.games_last_7),
    minutes_last_7: numberOr(c.minutes_last_7),
    avg_minutes_pg_last_7: numberOr(c.avg_minutes_pg_last_7),
    back_to_backs_last_14: integerOr(c.back_to_backs_last_14),
    player_age: integerOr(c.player_age),
    penalties_applied: strings(c.penalties_applied),
    bonuses_applied: strings(c.bonuses_applied),
    final_score: numberOr(c.final_score),
  };
}

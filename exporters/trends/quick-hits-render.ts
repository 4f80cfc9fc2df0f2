/**
 * Pure selection for trends.quick-hits: grouped OVER/UNDER counts → candidate facts, each
 * compared with one pooled baseline (all OVER/UNDER games of the window; pushes excluded).
 */
import type { TrendsQuickHits } from '../../generated/trends/quick-hits.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { round } from '../_shared.ts';

export const GROUP_COLUMNS = { kind: 'string', group_key: 'string', games: 'integer', points: 'integer>=0', overs: 'integer', unders: 'integer' } as const;
type GroupRow = RowOf<typeof GROUP_COLUMNS>;
type Stat = TrendsQuickHits['stats'][number];

export const MIN_SAMPLE = 50;
export const MAX_STATS = 8;
export const TIER_MIN_GAMES = 5;
export const REFRESH_NOTE = 'Stats refresh every Wednesday';
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const REST = {
  b2b: { headline: 'Back-to-Back Blues', description: 'OVER hit rate on back-to-back games' },
  one_day: { headline: 'Standard Rest', description: 'OVER hit rate with 1 day rest' },
  rested: { headline: 'Fresh Legs', description: 'OVER hit rate with 2+ days rest' },
} as const;
const TIERS = [
  { id: 'stars', min: 22, headline: 'Star Power', description: 'OVER hit rate for 22+ PPG stars' },
  { id: 'scorers', min: 15, headline: 'Secondary Scorers', description: 'OVER hit rate for 15-22 PPG players' },
  { id: 'rotation', min: 8, headline: 'Rotation Players', description: 'OVER hit rate for 8-15 PPG players' },
  { id: 'bench', min: -Infinity, headline: 'Bench Mob', description: 'OVER hit rate for under 8 PPG players' },
] as const;
const CATEGORY_ORDER = { day_of_week: 0, situational: 1, player_type: 2 } as const;

interface Counts { overs: number; unders: number }
const total = (rows: readonly Counts[]): Counts => ({ overs: rows.reduce((s, r) => s + r.overs, 0), unders: rows.reduce((s, r) => s + r.unders, 0) });
const pctOf = (c: Counts) => (c.overs + c.unders === 0 ? null : (c.overs / (c.overs + c.unders)) * 100);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

/** A fact and how far (percentage points) it stands from what it is compared with. */
export interface Candidate { stat: Stat; distance: number }

function candidate(base: number, c: Counts, fields: Pick<Stat, 'id' | 'category' | 'headline' | 'description'>): Candidate {
  const pct = round(pctOf(c)!, 1);
  const diff = round(pct - base, 1);
  return {
    stat: {
      ...fields, stat: `${pct.toFixed(1)}%`, over_pct: pct, baseline_pct: base, sample_size: c.overs + c.unders,
      trend: diff >= 2 ? 'positive' : diff <= -2 ? 'negative' : 'neutral', context: `vs ${base.toFixed(1)}% overall (${signed(diff)}%)`,
    },
    distance: Math.abs(diff),
  };
}

/** Every fact whose rate is far enough from the baseline (sample size not yet applied). */
export function candidateStats(rows: readonly GroupRow[]): Candidate[] {
  const of = (kind: string) => rows.filter((r) => r.kind === kind);
  const baseline = pctOf(total(of('venue')));
  if (baseline === null) return [];
  const base = round(baseline, 1);
  const far = (c: Counts, min: number) => pctOf(c) !== null && Math.abs(round(round(pctOf(c)!, 1) - base, 1)) >= min;
  const out: Candidate[] = [];
  for (const row of of('weekday').filter((r) => far(r, 2))) {
    const day = WEEKDAYS[Number(row.group_key) - 1]!;
    out.push(candidate(base, row, { id: `${day.toLowerCase()}_overs`, category: 'day_of_week', headline: `${day} ${pctOf(row)! > baseline ? 'Surge' : 'Slump'}`, description: `OVER hit rate on ${day}s` }));
  }
  for (const [bucket, text] of Object.entries(REST)) {
    const row = of('rest').find((r) => r.group_key === bucket);
    if (row && far(row, 1.5)) out.push(candidate(base, row, { id: `${bucket}_overs`, category: 'situational', ...text }));
  }
  const venue = venueStat(of('venue'));
  if (venue) out.push(venue);
  const players = of('player').filter((r) => r.games >= TIER_MIN_GAMES);
  for (const tier of TIERS) {
    const c = total(players.filter((p) => TIERS.find((t) => p.points / p.games >= t.min) === tier));
    if (far(c, 2)) out.push(candidate(base, c, { id: `${tier.id}_overs`, category: 'player_type', headline: tier.headline, description: tier.description }));
  }
  return out;
}

/** Home against road: one fact when both exist and differ by 2+ points; compared with the other venue. */
function venueStat(rows: readonly GroupRow[]): Candidate | null {
  const home = pctOf(rows.find((r) => r.group_key === 'home') ?? { overs: 0, unders: 0 });
  const away = pctOf(rows.find((r) => r.group_key === 'away') ?? { overs: 0, unders: 0 });
  if (home === null || away === null || Math.abs(round(round(home, 1) - round(away, 1), 1)) < 2) return null;
  const better = home > away ? 'home' : 'away';
  const [best, other] = better === 'home' ? [round(home, 1), round(away, 1)] : [round(away, 1), round(home, 1)];
  const sample = total(rows.filter((r) => r.group_key === better));
  return {
    stat: {
      id: 'home_away_split', category: 'situational', headline: better === 'home' ? 'Home Court Advantage' : 'Road Warriors', stat: `${best.toFixed(1)}%`,
      over_pct: best, baseline_pct: other, description: `OVER hit rate for ${better} players`, sample_size: sample.overs + sample.unders,
      trend: 'positive', context: `vs ${other.toFixed(1)}% ${better === 'home' ? 'away' : 'home'} (${(best - other).toFixed(1)}% gap)`,
    },
    distance: round(best - other, 1),
  };
}

/** Farthest from its baseline first, then day of week, situational, player type, then id. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return b.distance - a.distance || CATEGORY_ORDER[a.stat.category] - CATEGORY_ORDER[b.stat.category] || a.stat.id.localeCompare(b.stat.id);
}

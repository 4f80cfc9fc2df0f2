/**
 * Pure aggregation for trends.what-matters: per-player split counts → archetypes, their OVER
 * rates by rest and venue, and the key insights. Pushes are neither OVER nor UNDER.
 */
import type { TrendsWhatMatters } from '../../generated/trends/what-matters.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { round } from '../_shared.ts';

export const SPLIT_COLUMNS = {
  player_lookup: 'string', player_full_name: 'string', rest_bucket: 'string', is_home: 'boolean',
  games: 'integer', points: 'integer>=0', overs: 'integer', unders: 'integer',
} as const;
export type SplitRow = RowOf<typeof SPLIT_COLUMNS>;
type Archetypes = TrendsWhatMatters['archetypes'];
export type Archetype = keyof Archetypes;
type Split = Archetypes['star']['factors']['home_away']['home'];

export const ARCHETYPES = ['star', 'scorer', 'rotation', 'role_player'] as const satisfies readonly Archetype[];
export const MIN_GAMES = 20;
export const MIN_REST_GAMES = 20;
export const MIN_VENUE_GAMES = 50;
export const EXAMPLES = 5;
const DESCRIPTIONS: Record<Archetype, string> = { star: '22+ PPG stars', scorer: '15-22 PPG scorers', rotation: '8-15 PPG rotation', role_player: 'Under 8 PPG role players' };

const sum = (rows: readonly SplitRow[], key: 'games' | 'points' | 'overs' | 'unders') => rows.reduce((total, r) => total + r[key], 0);
const ppgOf = (splits: readonly SplitRow[]) => sum(splits, 'points') / sum(splits, 'games');

/** Archetype by points per game over every game in the window; null under MIN_GAMES games. */
export function archetypeOf(splits: readonly SplitRow[]): Archetype | null {
  if (sum(splits, 'games') < MIN_GAMES) return null;
  const ppg = ppgOf(splits);
  return ppg >= 22 ? 'star' : ppg >= 15 ? 'scorer' : ppg >= 8 ? 'rotation' : 'role_player';
}

/** OVER share of the decided games as a percentage (1 decimal), or null below `minGames` decided games. */
function split(rows: readonly SplitRow[], minGames: number): Split {
  const games = sum(rows, 'overs') + sum(rows, 'unders');
  return games < minGames || games === 0 ? null : { games, over_pct: round((sum(rows, 'overs') / games) * 100, 1) };
}

export function summarise(archetype: Archetype, players: readonly SplitRow[][]): Archetypes[Archetype] {
  const withLines = players.filter((p) => sum(p, 'overs') + sum(p, 'unders') > 0);
  const rows = withLines.flat();
  const overall = split(rows, 1);
  const examples = [...withLines].sort((a, b) => ppgOf(b) - ppgOf(a) || a[0]!.player_lookup.localeCompare(b[0]!.player_lookup)).slice(0, EXAMPLES);
  const rest = (bucket: string) => split(rows.filter((r) => r.rest_bucket === bucket), MIN_REST_GAMES);
  return {
    description: DESCRIPTIONS[archetype], player_count: withLines.length, line_games: overall?.games ?? 0,
    example_players: examples.map((p) => p[0]!.player_full_name), overall_over_pct: overall?.over_pct ?? null,
    factors: {
      rest: { b2b: rest('b2b'), one_day: rest('one_day'), rested: rest('rested') },
      home_away: { home: split(rows.filter((r) => r.is_home), MIN_VENUE_GAMES), away: split(rows.filter((r) => !r.is_home), MIN_VENUE_GAMES) },
    },
  };
}

const title = (a: Archetype) => a.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');

/** Up to 5 sentences, in the spec's order; null checks only (a 0.0 % is a real value). */
export function insightsOf(archetypes: Archetypes): TrendsWhatMatters['key_insights'] {
  const insights: string[] = [];
  const star = archetypes.star.overall_over_pct;
  const role = archetypes.role_player.overall_over_pct;
  if (star !== null && role !== null && Math.abs(star - role) >= 5) {
    insights.push(star > role ? `Stars significantly outperform role players (${star}% vs ${role}% OVER)` : `Role players surprisingly outperform stars (${role}% vs ${star}% OVER)`);
  }
  const b2b = archetypes.star.factors.rest.b2b?.over_pct ?? null;
  const rested = archetypes.star.factors.rest.rested?.over_pct ?? null;
  if (b2b !== null && rested !== null && Math.abs(b2b - rested) >= 2) {
    insights.push(`Stars perform ${b2b > rested ? 'better' : 'worse'} on back-to-backs (${b2b}% vs ${rested}% OVER on 2+ days rest)`);
  }
  for (const a of ARCHETYPES) {
    const home = archetypes[a].factors.home_away.home?.over_pct ?? null;
    const away = archetypes[a].factors.home_away.away?.over_pct ?? null;
    if (home === null || away === null || Math.abs(home - away) < 3) continue;
    insights.push(`${title(a)}s perform better ${home > away ? 'at home' : 'on the road'} (${Math.max(home, away)}% vs ${Math.min(home, away)}% OVER)`);
  }
  const [first = 'No significant factor differences detected in current sample', ...rest] = insights;
  return [first, ...rest.slice(0, 4)];
}

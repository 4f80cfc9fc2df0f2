/**
 * Pure aggregation for results.performance: daily per-system sums → windows, breakdown and
 * leaders. Rates come from summed counts; undefined rates are null; a 0 is a real value.
 */
import type { SystemPerformance } from '../../generated/results/performance.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { ratio, round } from '../_shared.ts';

export const DAILY_COLUMNS = {
  system_id: 'string', game_date: 'date', predictions: 'integer', recommendations: 'integer', wins: 'integer', losses: 'integer', pushes: 'integer',
  error_count: 'integer', abs_error_sum: 'number', signed_error_sum: 'number', within_3: 'integer', within_5: 'integer',
  over_wins: 'integer', over_losses: 'integer', under_wins: 'integer', under_losses: 'integer', hc_wins: 'integer', hc_losses: 'integer',
} as const;
type DailyRow = RowOf<typeof DAILY_COLUMNS>;
type System = SystemPerformance['systems'][number];
type Window = System['windows']['season'];

/** Display metadata of the known systems (spec §5); others show their id. */
export const SYSTEM_METADATA: Record<string, { display_name: string; description: string; rank: number }> = {
  ensemble_v1: { display_name: 'Ensemble', description: 'Weighted combination of all prediction systems', rank: 1 },
  xgboost_v1: { display_name: 'XGBoost ML', description: 'Gradient boosted trees trained on historical data', rank: 2 },
  moving_average_baseline_v1: { display_name: 'Moving Average', description: 'Weighted moving averages of recent performance', rank: 3 },
  similarity_balanced_v1: { display_name: 'Similarity', description: 'K-nearest neighbor matching to similar historical games', rank: 4 },
  zone_matchup_v1: { display_name: 'Zone Matchup', description: 'Shot zone analysis against opponent defense', rank: 5 },
};

type Sums = { -readonly [K in Exclude<keyof DailyRow, 'system_id' | 'game_date'>]: number };
const SUM_KEYS = Object.keys(DAILY_COLUMNS).filter((k) => k !== 'system_id' && k !== 'game_date') as (keyof Sums)[];

function sumRows(rows: readonly DailyRow[]): Sums {
  const total = Object.fromEntries(SUM_KEYS.map((k) => [k, 0])) as Sums;
  for (const row of rows) for (const k of SUM_KEYS) total[k] += row[k];
  return total;
}

function windowOf(s: Sums): Window {
  return {
    predictions: s.predictions, recommendations: s.recommendations, correct: s.wins, incorrect: s.losses, pushes: s.pushes,
    win_rate: ratio(s.wins, s.wins + s.losses), mae: ratio(s.abs_error_sum, s.error_count, 2), bias: ratio(s.signed_error_sum, s.error_count, 2),
  };
}

export function systemsAsOf(rows: readonly DailyRow[], asOf: string, primarySystem: string): System[] {
  const seasonStart = seasonStartDate(seasonStartYear(asOf));
  const inRange = (from: string) => (r: DailyRow) => r.game_date >= from && r.game_date <= asOf;
  const ids = [...new Set(rows.filter(inRange(addDays(asOf, -29) < seasonStart ? addDays(asOf, -29) : seasonStart)).map((r) => r.system_id))];
  const order = (id: string) => SYSTEM_METADATA[id]?.rank ?? 99;
  ids.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return ids.map((id) => {
    const own = rows.filter((r) => r.system_id === id);
    const season = sumRows(own.filter(inRange(seasonStart)));
    return {
      system_id: id,
      display_name: SYSTEM_METADATA[id]?.display_name ?? id,
      description: SYSTEM_METADATA[id]?.description ?? '',
      is_primary: id === primarySystem,
      windows: { last_7_days: windowOf(sumRows(own.filter(inRange(addDays(asOf, -6))))), last_30_days: windowOf(sumRows(own.filter(inRange(addDays(asOf, -29))))), season: windowOf(season) },
      breakdown: {
        over_win_rate: ratio(season.over_wins, season.over_wins + season.over_losses),
        under_win_rate: ratio(season.under_wins, season.under_wins + season.under_losses),
        within_3_pct: ratio(season.within_3, season.predictions),
        within_5_pct: ratio(season.within_5, season.predictions),
        high_confidence_win_rate: ratio(season.hc_wins, season.hc_wins + season.hc_losses),
      },
    };
  });
}

/** The first system (in display order) with the best value; null-safe, so an exact 0 competes. */
function leader(systems: readonly System[], value: (s: System) => number | null, better: (a: number, b: number) => boolean) {
  let best: { system_id: string; value: number } | null = null;
  for (const s of systems) {
    const v = value(s);
    if (v !== null && (best === null || better(v, best.value))) best = { system_id: s.system_id, value: v };
  }
  return best;
}

export function comparisonOf(systems: readonly System[]): SystemPerformance['comparison'] {
  const best_mae = leader(systems, (s) => s.windows.season.mae, (a, b) => a < b);
  const best_win_rate = leader(systems, (s) => s.windows.season.win_rate, (a, b) => a > b);
  const lowest = leader(systems, (s) => (s.windows.season.bias === null ? null : Math.abs(s.windows.season.bias)), (a, b) => a < b);
  const lowest_bias = lowest && { system_id: lowest.system_id, value: systems.find((s) => s.system_id === lowest.system_id)!.windows.season.bias! };
  return { best_mae, best_win_rate, lowest_bias: lowest_bias ? { ...lowest_bias, value: round(lowest_bias.value, 2) } : null };
}

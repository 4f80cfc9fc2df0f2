/**
 * Same seed and options → identical table contents; another seed → different contents. The first
 * of the same-seed pair is the run's shared small league (test/helpers/fault-sample.ts, seeded by
 * whichever test file asks first, maybe in another worker), so this file seeds two more. Plus a
 * two-season sample for what only history shows: partition expiry (pipeline/warehouse-retention.ts) and
 * the first season's backfilled date-based ids. Small options keep these seeds fast.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CHANGE_STAMPS_TABLE } from '../../../pipeline/sample-league/change-stamps.ts';
import { FAULT_SAMPLE } from '../../helpers/fault-sample.ts';
import { openFaultSampleLeague, seedTemp } from './seed-fixture.ts';
import type { SeededWarehouse } from './seed-fixture.ts';

const SMALL = { asOf: '2024-11-12', playersPerTeam: 8 } as const;
const opened: SeededWarehouse[] = [];
afterAll(async () => {
  for (const w of opened) await w.close();
});

async function seed(options: Parameters<typeof seedTemp>[0]): Promise<SeededWarehouse> {
  const warehouse = await seedTemp(options);
  opened.push(warehouse);
  return warehouse;
}

/**
 * md5 of every table's rows rendered as text and sorted, keyed by table. The change stamps
 * (`sample_meta.table_changes`) record when the file was written, not what it holds: left out.
 */
async function contentHashes(w: SeededWarehouse): Promise<Record<string, string>> {
  const tables = await w.query<{ t: string }>(`SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema || '.' || table_name <> '${CHANGE_STAMPS_TABLE}' ORDER BY 1`);
  const hashes: Record<string, string> = {};
  for (const { t } of tables) {
    const [row] = await w.query<{ h: string }>(`SELECT md5(coalesce(string_agg(r::VARCHAR, chr(10) ORDER BY r::VARCHAR), '')) AS h FROM ${t} AS r`);
    hashes[t] = row?.h ?? '';
  }
  return hashes;
}

describe('determinism', () => {
  it('gives identical contents for the same seed and options, different ones for another seed', async () => {
    const [a, b, c] = await Promise.all([openFaultSampleLeague(), seed(FAULT_SAMPLE), seed({ ...FAULT_SAMPLE, seed: FAULT_SAMPLE.seed + 1 })]);
    opened.push(a);
    const [ha, hb, hc] = await Promise.all([contentHashes(a), contentHashes(b), contentHashes(c)]);
    expect(Object.keys(ha)).toHaveLength(18);
    expect(hb).toEqual(ha);
    expect(a.summary.rowCounts).toEqual(b.summary.rowCounts);
    const changed = Object.keys(ha).filter((t) => ha[t] !== hc[t]);
    expect(changed).toContain('nba_analytics.player_game_summary');
    expect(changed).toContain('nba_predictions.player_prop_predictions');
    expect(changed.length).toBeGreaterThan(14);
  });
});

describe('two seasons of history', () => {
  it('expires old prediction and snapshot partitions, keeps grading, and backfills the first season with date-based ids', async () => {
    const w = await seed({ ...SMALL, seed: 5, seasons: 2 });
    const [ppp] = await w.query<{ first: string }>(`SELECT strftime(min(game_date), '%Y-%m-%d') AS first FROM nba_predictions.player_prop_predictions`);
    expect(ppp?.first && ppp.first >= '2023-11-13').toBe(true); // 365 days before 2024-11-12 (2024 is a leap year)
    // 90 days before 2024-11-12 is 2024-08-14, in the off-season: no snapshot of the first season is left.
    for (const table of ['nba_precompute.player_shot_zone_analysis', 'nba_precompute.team_defense_zone_analysis']) {
      const [snapshots] = await w.query<{ first: string }>(`SELECT strftime(min(analysis_date), '%Y-%m-%d') AS first FROM ${table}`);
      expect(snapshots?.first && snapshots.first >= '2024-08-14', `${table} starts ${snapshots?.first}`).toBe(true);
    }
    const [pa] = await w.query<{ first: string; dated: number; native: number }>(`
      SELECT strftime(min(game_date), '%Y-%m-%d') AS first,
        count(*) FILTER (game_date < DATE '2024-10-01' AND game_id LIKE '20%') AS dated,
        count(*) FILTER (game_date < DATE '2024-10-01' AND game_id LIKE '002%') AS native
      FROM nba_predictions.prediction_accuracy`);
    expect(pa).toMatchObject({ first: '2023-10-24', native: 0 });
    expect(pa?.dated).toBeGreaterThan(0);
    const seasons = await w.query<{ season: string }>(`SELECT DISTINCT season FROM nba_reference.nba_players_registry ORDER BY 1`);
    expect(seasons.map((s) => s.season)).toEqual(['2023-24', '2024-25']);
    const [schedule] = await w.query<{ n: number }>(`SELECT count(*) AS n FROM nba_raw.nbac_schedule`);
    expect(schedule?.n).toBe(2460);
    const carried = await w.query<{ n: number }>(`
      SELECT count(DISTINCT player_lookup) AS n FROM nba_analytics.player_game_summary
      WHERE season_year = 2023 AND player_lookup IN (SELECT player_lookup FROM nba_analytics.player_game_summary WHERE season_year = 2024)`);
    expect(carried[0]?.n).toBeGreaterThan(150);
  });
});

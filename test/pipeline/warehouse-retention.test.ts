/**
 * Issue 21: the sample warehouse follows production's partition expiration. The windows' first
 * kept dates are worked out by hand from the calendar; the sample (the run's shared default
 * league, as of 2025-03-15) has no row older than them; and game reports built from it for the
 * last day before and the first day inside the 90-day window show what production shows then.
 * The 365-day predictions window needs two seasons: test/pipeline/sample-league/seed-determinism.test.ts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exporters } from '../../exporters/index.ts';
import type { PlayerGameReport } from '../../generated/players/game-report.ts';
import { runBuild } from '../../pipeline/run-build.ts';
import { PARTITION_EXPIRATIONS, oldestRetainedDate } from '../../pipeline/warehouse-retention.ts';
import { defaultSamplePath } from '../helpers/shared-sample.ts';
import { openDefaultSample, type SeededWarehouse } from './sample-league/seed-fixture.ts';

const ruleOf = (table: string) => PARTITION_EXPIRATIONS.find((r) => r.table === table)!;
const SHOT_ZONES = 'nba_precompute.player_shot_zone_analysis';
const TEAM_DEFENCE = 'nba_precompute.team_defense_zone_analysis';
const PREDICTIONS = 'nba_predictions.player_prop_predictions';

describe('the retention rules', () => {
  test('are the production DDL values, each on its table\'s partition column', () => {
    expect(PARTITION_EXPIRATIONS.map((r) => [r.table, r.partitionColumn, r.days])).toEqual([
      [SHOT_ZONES, 'analysis_date', 90],
      [TEAM_DEFENCE, 'analysis_date', 90],
      [PREDICTIONS, 'game_date', 365],
    ]);
  });

  test('the oldest kept partition is the window\'s length before the date', () => {
    // 90 days before 2025-03-15: 28 (Feb 15) + 31 (Jan 15) + 31 (Dec 15) days back.
    expect(oldestRetainedDate(ruleOf(SHOT_ZONES), '2025-03-15')).toBe('2024-12-15');
    // 365 days before 2025-03-15 is 2024-03-15 (the leap day 2024-02-29 lies before it).
    expect(oldestRetainedDate(ruleOf(PREDICTIONS), '2025-03-15')).toBe('2024-03-15');
    // Across the leap day: 2023-03-16 … 2024-03-15 is 365 days.
    expect(oldestRetainedDate(ruleOf(PREDICTIONS), '2024-03-15')).toBe('2023-03-16');
  });
});

describe('the default sample league (as of 2025-03-15)', () => {
  let sample: SeededWarehouse;
  beforeAll(async () => { sample = await openDefaultSample(); }, 300_000);
  afterAll(async () => { await sample?.close(); });

  const firstDate = async (table: string, column: string) =>
    (await sample.query<{ first: string }>(`SELECT strftime(min(${column}), '%Y-%m-%d') AS first FROM ${table}`))[0]!.first;

  test.for([SHOT_ZONES, TEAM_DEFENCE])('%s starts on 2024-12-15, a game day, though the season started in October', async (table) => {
    expect(await firstDate(table, 'analysis_date')).toBe('2024-12-15');
    expect(await firstDate('nba_analytics.player_game_summary', 'game_date')).toBe('2024-10-22');
  });

  test('player_prop_predictions keeps the whole season (all of it is within 365 days)', async () => {
    expect(await firstDate(PREDICTIONS, 'game_date')).toBe('2024-10-22');
  });
});

describe('game reports on both sides of the 90-day window, as production shows them', () => {
  let dir: string;
  const reports = new Map<string, PlayerGameReport[]>();
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'retention-'));
    const warehouse = `duckdb:${await defaultSamplePath()}`;
    const summary = await runBuild({ registry: exporters, warehouse, outDir: dir, only: ['players.game-report'], dates: ['2024-12-14', '2024-12-15'] });
    for (const file of summary.manifest!.files.filter((f) => !f.alias_of)) {
      const report = JSON.parse(await readFile(path.join(summary.treeDir!, file.path), 'utf8')) as PlayerGameReport;
      reports.set(report.game_date, [...(reports.get(report.game_date) ?? []), report]);
    }
  }, 300_000);
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  test('2024-12-14: every snapshot it could use has expired, so no opponent defence and no shot mix', () => {
    const day = reports.get('2024-12-14')!;
    expect(day.length).toBeGreaterThan(0);
    for (const r of day) {
      expect(r.opponent_context).toEqual({ opponent: r.opponent_context.opponent, opp_pace: null, opp_def_rating: null, opp_def_rank: null, teams_ranked: 0, opp_paint_defense: null, opp_perimeter_defense: null });
      expect(r.player_profile.shot_profile).toBe('balanced'); // the schema's value for an unknown mix
    }
  });

  test("2024-12-15: only that day's snapshots are left, so the 14 teams playing that night are ranked", () => {
    const day = reports.get('2024-12-15')!;
    expect(day.length).toBeGreaterThan(0);
    for (const r of day) {
      expect(r.opponent_context.teams_ranked).toBe(14); // 7 games on 2024-12-15 in the sample schedule
      expect(r.opponent_context.opp_def_rating).toEqual(expect.any(Number));
    }
    expect(day.some((r) => r.player_profile.shot_profile !== 'balanced')).toBe(true);
  });
});

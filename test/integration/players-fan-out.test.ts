/**
 * Issue 4 acceptance on the generated sample league: the players and tonight families write a
 * file for every player (all validated by the build), with one query per endpoint whatever the
 * number of players (two `--players-per-team` sizes give the same query count), a `--players`
 * subset still runs one query per endpoint, and a later full build hides the pages of players
 * who no longer qualify from the local live tree (complete endpoints own all their files): the
 * small league's build is that later build, in the large one's out directory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listLocalBuilds } from '../../pipeline/out-dir.ts';
import { resolveTree } from '../../pipeline/resolve-tree.ts';
import { runBuild, type BuildSummary } from '../../pipeline/run-build.ts';
import { addDays } from '../../pipeline/time.ts';
import { defaultSamplePath, SEASON_8, sharedSamplePath } from '../helpers/shared-sample.ts';
import { exporters } from '../../exporters/index.ts';

const FAMILIES = ['players', 'tonight'];
/** An hour after the sample clock (21:30 New York on 2025-03-15, the large build's as-of): the same night, later. */
const LATER_AS_OF = '2025-03-16T02:30:00Z';
let dir: string;
const warehouses: Record<'small' | 'large', string> = { small: '', large: '' };
const builds: Partial<Record<'small' | 'large', BuildSummary>> = {};

const filesOf = (summary: BuildSummary, exporter: string) => summary.manifest!.files.filter((f) => f.exporter === exporter && !f.alias_of);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'players-fan-out-'));
  // large: the run's shared default sample (13 players a team); small: 8 players a team, same night.
  warehouses.large = `duckdb:${await defaultSamplePath()}`;
  warehouses.small = `duckdb:${await sharedSamplePath('season-8', SEASON_8)}`;
  const outDir = path.join(dir, 'out');
  builds.large = await runBuild({ registry: exporters, warehouse: warehouses.large, outDir, only: FAMILIES, trigger: 'all' });
  builds.small = await runBuild({ registry: exporters, warehouse: warehouses.small, outDir, only: FAMILIES, trigger: 'all', asOf: LATER_AS_OF });
}, 240_000);
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

describe('players and tonight fan-out on the sample league', () => {
  test('the query count does not grow with the number of players', () => {
    const small = builds.small!.manifest!;
    const large = builds.large!.manifest!;
    expect(large.build.file_count).toBeGreaterThan(small.build.file_count);
    expect(small.build.query_count).toBe(6); // one per endpoint
    expect(large.build.query_count).toBe(small.build.query_count);
  });

  test('every qualifying player gets a profile and season page, every rostered player a tonight file', async () => {
    const summary = builds.large!;
    const index = JSON.parse(await readFile(path.join(summary.treeDir!, 'v1/players/index.json'), 'utf8'));
    const lookups = index.players.map((p: { player_lookup: string }) => p.player_lookup).sort();
    expect(lookups.length).toBe(30 * 13); // a full season: everyone has at least 5 graded games
    expect(filesOf(summary, 'players.profile').map((f) => f.path.slice('v1/players/'.length, -'.json'.length)).sort()).toEqual(lookups);
    expect(filesOf(summary, 'players.season').map((f) => f.path.split('/')[2]).sort()).toEqual(lookups);
    const board = JSON.parse(await readFile(path.join(summary.treeDir!, 'v1/tonight/all-players.json'), 'utf8'));
    const onBoard = board.games.flatMap((g: { players: { player_lookup: string }[] }) => g.players.map((p) => p.player_lookup)).sort();
    expect(filesOf(summary, 'tonight.player').map((f) => f.path.slice('v1/tonight/player/'.length, -'.json'.length)).sort()).toEqual(onBoard);
    const reports = filesOf(summary, 'players.game-report');
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.every((f) => f.path.endsWith(`/game-report/${addDays(summary.manifest!.build.today, -1)}.json`))).toBe(true); // daily: yesterday's games
    expect(summary.manifest!.endpoints.filter((e) => e.complete).map((e) => e.exporter).sort()).toEqual(['players.index', 'players.profile', 'players.season', 'schemas', 'tonight.all-players', 'tonight.player']); // and the schemas every build publishes
  });

  test('a --players subset writes only that player\'s files with the same one query per endpoint', async () => {
    const one = builds.large!.manifest!.files.find((f) => f.exporter === 'tonight.player')!.path.split('/').at(-1)!.replace('.json', '');
    const subset = await runBuild({ registry: exporters, warehouse: warehouses.large, outDir: path.join(dir, 'out-subset'), only: FAMILIES, players: [one] });
    expect(subset.queryCount).toBe(6);
    const perPlayer = subset.manifest!.files.filter((f) => ['players.profile', 'players.season', 'tonight.player', 'players.game-report'].includes(f.exporter));
    expect(perPlayer.length).toBeGreaterThan(0);
    expect(perPlayer.every((f) => f.path.includes(`/${one}`))).toBe(true);
    expect(subset.manifest!.endpoints.find((e) => e.exporter === 'players.profile')!.complete).toBe(false);
  });

  test('a later full build hides the pages of players who no longer qualify from the live tree', async () => {
    const tree = resolveTree(await listLocalBuilds(path.join(dir, 'out')));
    expect(builds.large!.manifest!.build.as_of < LATER_AS_OF).toBe(true);
    const profiles = [...tree.files.values()].filter((e) => e.file.exporter === 'players.profile');
    expect(profiles.length).toBe(filesOf(builds.small!, 'players.profile').length);
    expect(profiles.length).toBeLessThan(filesOf(builds.large!, 'players.profile').length);
    expect(profiles.every((e) => e.build.manifest.build.as_of === LATER_AS_OF)).toBe(true);
  });
});

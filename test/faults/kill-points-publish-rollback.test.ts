/**
 * Kill points: a publisher (and a rollback) run as separate processes and are SIGKILLed at
 * every one of their requests, once just before it takes effect and once just after. After
 * each kill the release manifest must list no file whose live bytes or headers differ from it
 * (and an interrupted commit must be finishable); then the next publish must converge to the
 * intended tree. Each case gets a fresh loopback server holding a copy of the scenario's seeded
 * bucket (seeded once, by the full run that finds the kill points); cases run a few at a time.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { rollbackTo } from '../../pipeline/publish/rollback.ts';
import { forEachConcurrently } from '../../pipeline/publish/for-each-concurrently.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import type { GcsState } from '../helpers/gcs-server/gcs-state.ts';
import { preparePublisherChild, runPublisherChild, type KillPoint } from '../helpers/kill-point.ts';
import { expectedTree, sampleTree, writeBuild, type WrittenBuild } from '../helpers/publish-trees.ts';
import { liveReleaseManifest, pendingCommitProblems, releaseInvariantProblems, stableTreeProblems } from '../helpers/release-checks.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { phasesOf } from '../helpers/kill-phases.ts';

const PREFIX = 'site';
const CASES_IN_PARALLEL = 3;
/** Counted in the fault suite's summary (test/faults/global-setup.ts), by publish phase. */
const tally = useTally('kill-points-publish-rollback');
let outDir = '';
let b1: WrittenBuild;
let b2: WrittenBuild;
let b3: WrittenBuild;
beforeAll(async () => {
  await preparePublisherChild();
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-kill-'));
  b1 = await writeBuild(outDir, 'b1', sampleTree({ count: 3 }));
  // b2: every file changes, one is dropped (pruned); b3 changes them again.
  b2 = await writeBuild(outDir, 'b2', sampleTree({ version: 2, count: 2 }));
  b3 = await writeBuild(outDir, 'b3', sampleTree({ version: 3, count: 2 }));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const store = (server: GcsTestServer) => openTestStore(server, { prefix: PREFIX });

interface Scenario {
  seed(server: GcsTestServer): Promise<void>;
  childArgs(): string[];
  /** What the next run does after the kill, and the tree and build it must then show. */
  converge(server: GcsTestServer, point: KillPoint): Promise<{ build: WrittenBuild; trigger: string }>;
}

const publishScenario: Scenario = {
  seed: async (server) => void (await publishBuild({ store: store(server), treeDir: b1.dir })),
  childArgs: () => [PREFIX, '1', 'publish', b2.dir],
  // Half the cases finish with the same build, half move on to a newer one.
  async converge(server, point) {
    const next = point.request % 2 === 0 ? b2 : b3;
    await publishBuild({ store: store(server), treeDir: next.dir });
    return { build: next, trigger: 'all' };
  },
};

const rollbackScenario: Scenario = {
  async seed(server) {
    await publishBuild({ store: store(server), treeDir: b1.dir });
    await publishBuild({ store: store(server), treeDir: b2.dir });
  },
  childArgs: () => [PREFIX, '1', 'rollback', b1.id],
  async converge(server) {
    await rollbackTo({ store: store(server), buildId: b1.id });
    return { build: b1, trigger: 'rollback' };
  },
};

/** One kill point: from the seeded bucket, kill the child there, check the invariant, converge, check the result. */
async function runKillCase(scenario: Scenario, seeded: GcsState, point: KillPoint): Promise<string[]> {
  const server = await startTestGcs(seeded);
  try {
    const run = await runPublisherChild(server, scenario.childArgs(), point);
    if (run.outcome !== 'killed') return [`child ${run.outcome} before the kill point (${run.requests.length} requests) ${run.stderr}`];
    const afterKill = [...releaseInvariantProblems(server, PREFIX), ...pendingCommitProblems(server, PREFIX)];
    const { build, trigger } = await scenario.converge(server, point);
    const manifest = liveReleaseManifest(server, PREFIX);
    const converged = [...stableTreeProblems(server, expectedTree(build.files), PREFIX), ...releaseInvariantProblems(server, PREFIX)];
    if (manifest?.state !== 'committed' || manifest.release?.build_id !== build.id || manifest.release.trigger !== trigger) converged.push(`live release is ${manifest?.release?.build_id} (${manifest?.state})`);
    return [...afterKill.map((p) => `after kill: ${p}`), ...converged.map((p) => `after converging: ${p}`)];
  } catch (error) {
    return [`threw: ${(error as Error).message}`];
  } finally {
    await server.close();
  }
}

/**
 * Every request of a full child run: just before and just after each write, and after each read
 * (before and after a read leave the bucket in the same state, so they are one point).
 */
async function killPointsOf(scenario: Scenario): Promise<{ points: KillPoint[]; seeded: GcsState }> {
  const server = await startTestGcs();
  try {
    await scenario.seed(server);
    const seeded = server.state.clone();
    server.resetCounts();
    const run = await runPublisherChild(server, scenario.childArgs());
    expect(run.outcome, run.stderr).toBe('finished');
    const phases = phasesOf(server.log, PREFIX);
    const points = run.requests.flatMap(({ mutating }, i): KillPoint[] => {
      tally.add(`killPoints.${phases[i]}`, mutating ? 2 : 1);
      const after = { request: i + 1, phase: 'after' as const };
      return mutating ? [{ request: i + 1, phase: 'before' }, after] : [after];
    });
    return { points, seeded };
  } finally {
    await server.close();
  }
}

async function checkEveryKillPoint(scenario: Scenario): Promise<number> {
  const { points, seeded } = await killPointsOf(scenario);
  const failures: string[] = [];
  await forEachConcurrently(points, CASES_IN_PARALLEL, async (point) => {
    const problems = await runKillCase(scenario, seeded, point);
    failures.push(...problems.map((problem) => `request ${point.request} ${point.phase}: ${problem}`));
  });
  expect(failures).toEqual([]);
  return points.length;
}

describe('kill points', () => {
  test('a publisher killed at any request leaves a truthful release manifest, and the next publish converges', async () => {
    expect(await checkEveryKillPoint(publishScenario)).toBeGreaterThanOrEqual(30);
  }, 120_000);

  test('a rollback killed at any request leaves a truthful release manifest, and rolling back again converges', async () => {
    expect(await checkEveryKillPoint(rollbackScenario)).toBeGreaterThanOrEqual(20);
  }, 120_000);
});

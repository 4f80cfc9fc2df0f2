/**
 * More kill points (the first 63, a publish and a rollback, are in
 * kill-points-publish-rollback.test.ts): a publisher in its own process, SIGKILLed at
 * every request just before and just after it takes effect, in two more situations:
 *
 * - prune: a build that drops five stable files and changes nothing else, so most points fall
 *   between the intent and the seal, among the deletes;
 * - recovery: a publish that finds an earlier commit interrupted after its third copy, rolls it
 *   forward, then stages and commits its own build; killed anywhere in either.
 *
 * After each kill the bucket must be a complete release (the manifest lists exactly the live
 * objects, bytes and headers matching; an interrupted commit finishable) with nothing lost, and
 * the next publish must converge to the intended tree.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../pipeline/ports.ts';
import { forEachConcurrently } from '../../pipeline/publish/for-each-concurrently.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { lostFileProblems, tornReleaseProblems } from '../helpers/bucket-audit.ts';
import type { FakeFile } from '../helpers/fake-out-dir.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import type { GcsState } from '../helpers/gcs-server/gcs-state.ts';
import { preparePublisherChild, runPublisherChild, type KillPoint } from '../helpers/kill-point.ts';
import { phasesOf, type KillPhase } from '../helpers/kill-phases.ts';
import { expectedTree, sampleTree, writeBuild, type WrittenBuild } from '../helpers/publish-trees.ts';
import { liveReleaseManifest, stableSnapshot, stableTreeProblems } from '../helpers/release-checks.ts';

const PREFIX = 'site';
const CASES_IN_PARALLEL = 3;
const tally = useTally('kill-points-prune-recovery');
let outDir = '';
const trees: Record<string, WrittenBuild> = {};

const leaf = (day: number, version = 1): FakeFile => ({ path: `v1/results/2025-03-${String(day).padStart(2, '0')}.json`, body: { day, version }, exporter: 'results.daily' });
const hotCold: FakeFile = { path: 'v1/trends/hot-cold.json', body: { players: Array.from({ length: 60 }, (_, i) => ({ player: `player-${i}`, streak: i % 7 })) }, exporter: 'trends.hot-cold', cache: 'hourly' };
const status = (version: number): FakeFile => ({ path: 'v1/status.json', body: { version }, exporter: 'status.summary', cache: 'status' });

beforeAll(async () => {
  await preparePublisherChild();
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-kill-more-'));
  // prune: p2 keeps one of p1's six days, byte for byte; p3 is p2 plus a new day.
  trees.p1 = await writeBuild(outDir, 'p1', [1, 2, 3, 4, 5, 6].map((day) => leaf(day)).concat(hotCold, status(1)));
  trees.p2 = await writeBuild(outDir, 'p2', [leaf(1), hotCold, status(1)]);
  trees.p3 = await writeBuild(outDir, 'p3', [leaf(1), leaf(7), hotCold, status(1)]);
  // recovery: r2 is interrupted after its third copy; r3 adds a day and a new status on top of r2.
  trees.r1 = await writeBuild(outDir, 'r1', sampleTree({ count: 3 }));
  trees.r2 = await writeBuild(outDir, 'r2', sampleTree({ version: 2, count: 2 }));
  trees.r3 = await writeBuild(outDir, 'r3', [...sampleTree({ version: 2, count: 2 }).filter((f) => f.path !== 'v1/status.json'), leaf(20, 3), status(3)]);
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const store = (server: GcsTestServer) => openTestStore(server, { prefix: PREFIX });

/** A store whose process "dies" (every later call throws) once `copies` stable copies are done. */
function dyingAfterCopies(inner: ObjectStore, copies: number): ObjectStore {
  let done = 0;
  const alive = () => {
    if (done >= copies) throw new Error('simulated crash');
  };
  return {
    ...inner,
    description: inner.description,
    requestCount: () => inner.requestCount(),
    stat: async (name) => (alive(), inner.stat(name)),
    read: async (name) => (alive(), inner.read(name)),
    list: async (prefix) => (alive(), inner.list(prefix)),
    listPrefixes: async (prefix) => (alive(), inner.listPrefixes(prefix)),
    write: async (name, body, options) => (alive(), inner.write(name, body, options)),
    delete: async (name, options) => (alive(), inner.delete(name, options)),
    copy: async (source, destination, options) => {
      alive();
      const copied = await inner.copy(source, destination, options);
      done += 1;
      return copied;
    },
  };
}

interface Scenario {
  name: string;
  /** The phase most of its points must fall in, and how many at least. */
  focus: { phase: KillPhase; atLeast: number };
  seed(server: GcsTestServer): Promise<void>;
  child(): WrittenBuild;
  /** The build the next publish makes live after a kill at `point`. */
  next(point: KillPoint): WrittenBuild;
}

const scenarios: Scenario[] = [
  {
    name: 'prune',
    focus: { phase: 'prune', atLeast: 10 },
    seed: async (server) => void (await publishBuild({ store: store(server), treeDir: trees.p1!.dir, concurrency: 1 })),
    child: () => trees.p2!,
    next: (point) => (point.request % 2 === 0 ? trees.p2! : trees.p3!),
  },
  {
    name: 'recovery',
    focus: { phase: 'commit', atLeast: 12 },
    async seed(server) {
      await publishBuild({ store: store(server), treeDir: trees.r1!.dir, concurrency: 1 });
      const crashed = await publishBuild({ store: dyingAfterCopies(store(server), 3), treeDir: trees.r2!.dir, concurrency: 1 }).then(() => false, () => true);
      if (!crashed || liveReleaseManifest(server, PREFIX)?.state !== 'committing') throw new Error('Internal error: the seeded publish did not stop mid-commit');
    },
    child: () => trees.r3!,
    next: () => trees.r3!,
  },
];

/** One kill point, on a fresh server holding a copy of the scenario's seeded bucket. */
async function runKillCase(scenario: Scenario, seeded: GcsState, point: KillPoint): Promise<string[]> {
  const server = await startTestGcs(seeded);
  try {
    const before = stableSnapshot(server, PREFIX);
    const run = await runPublisherChild(server, [PREFIX, '1', 'publish', scenario.child().dir], point);
    if (run.outcome !== 'killed') return [`child ${run.outcome} before the kill point (${run.requests.length} requests) ${run.stderr}`];
    const pendingDeletes = new Set(liveReleaseManifest(server, PREFIX)?.pending?.delete ?? []);
    // Only paths the interrupted commits meant to drop may be gone (the child's own or the recovered one's).
    const allowed = [...pendingDeletes, ...Object.keys(before).filter((name) => !expectedTree(scenario.child().files).some((f) => f.path === name))];
    const afterKill = [...tally.problems('torn', tornReleaseProblems(server, PREFIX)), ...tally.problems('lost', lostFileProblems(before, server, PREFIX, { allowedDrops: allowed }))];
    const next = scenario.next(point);
    await publishBuild({ store: store(server), treeDir: next.dir });
    const manifest = liveReleaseManifest(server, PREFIX);
    const converged = [...stableTreeProblems(server, expectedTree(next.files), PREFIX), ...tally.problems('torn', tornReleaseProblems(server, PREFIX))];
    if (manifest?.state !== 'committed' || manifest.release?.build_id !== next.id) converged.push(`live release is ${manifest?.release?.build_id} (${manifest?.state})`);
    return [...afterKill.map((p) => `after kill: ${p}`), ...converged.map((p) => `after converging: ${p}`)];
  } catch (error) {
    return [`threw: ${(error as Error).message}`];
  } finally {
    await server.close();
  }
}

type PhasedPoint = KillPoint & { publishPhase: KillPhase };

/**
 * Every request of a full child run, with its phase: before and after each write, after each
 * read; and the seeded bucket the run started from, which every kill case starts from.
 */
async function killPointsOf(scenario: Scenario): Promise<{ points: PhasedPoint[]; seeded: GcsState }> {
  const server = await startTestGcs();
  try {
    await scenario.seed(server);
    const seeded = server.state.clone();
    server.resetCounts();
    const run = await runPublisherChild(server, [PREFIX, '1', 'publish', scenario.child().dir]);
    expect(run.outcome, run.stderr).toBe('finished');
    const phases = phasesOf(server.log, PREFIX);
    expect(phases).toHaveLength(run.requests.length);
    const points = run.requests.flatMap(({ mutating }, i): PhasedPoint[] => {
      const after = { request: i + 1, phase: 'after' as const, publishPhase: phases[i]! };
      return mutating ? [{ request: i + 1, phase: 'before', publishPhase: phases[i]! }, after] : [after];
    });
    return { points, seeded };
  } finally {
    await server.close();
  }
}

describe('kill points in prune and recovery', () => {
  test.for(scenarios.map((s) => s.name))('%s: a publisher killed at any request leaves a complete release, and the next publish converges', { timeout: 180_000 }, async (name) => {
    const scenario = scenarios.find((s) => s.name === name)!;
    const { points, seeded } = await killPointsOf(scenario);
    const failures: string[] = [];
    await forEachConcurrently(points, CASES_IN_PARALLEL, async (point) => {
      const problems = await runKillCase(scenario, seeded, point);
      failures.push(...problems.map((problem) => `${point.publishPhase} request ${point.request} ${point.phase}: ${problem}`));
      tally.add(`killPoints.${point.publishPhase}`);
    });
    expect(failures).toEqual([]);
    expect(points.filter((p) => p.publishPhase === scenario.focus.phase).length).toBeGreaterThanOrEqual(scenario.focus.atLeast);
  });
});

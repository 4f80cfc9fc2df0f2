/**
 * Racing publishers, 50 trials: two publishers of different builds at once, made to collide on
 * the same release manifest generation, either by holding both first reads of `v1/release.json`
 * until both have arrived, or by holding both intent writes until both have staged everything
 * (the tightest race: the compare-and-swap itself). Trials vary concurrency, add 20 % storage
 * faults to every third run in-process, and run ten as two separate processes. Every trial: exactly one
 * commit (one new release in the history), the other stops with `PublishConflict`, and the
 * bucket serves exactly the winner's tree: no torn release. Each trial has its own loopback
 * server, started from a copy of a bucket with the base build published once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { ExportError } from '../../pipeline/errors.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { RELEASE_MANIFEST_PATH } from '../../pipeline/publish/release-manifest.ts';
import { tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { FAULT_MIX } from '../helpers/fault-rates.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, seededGcsState, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer, RequestInfo } from '../helpers/gcs-server/gcs-server.ts';
import type { GcsState } from '../helpers/gcs-server/gcs-state.ts';
import { preparePublisherChild, spawnPublisherChild } from '../helpers/kill-point.ts';
import { expectedTree, sampleTree, writeBuild, type WrittenBuild } from '../helpers/publish-trees.ts';
import { liveReleaseManifest, stableTreeProblems } from '../helpers/release-checks.ts';

const TRIALS = 50;
const IN_PROCESSES = new Set([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
const CONCURRENCY = [1, 4, 16];

const PREFIX = 'race';
const tally = useTally('races');
/** The bucket with `base` published under PREFIX: every trial starts a server from a copy of it. */
let seeded: GcsState;
let outDir = '';
let base: WrittenBuild;
let rivals: [WrittenBuild, WrittenBuild];

beforeAll(async () => {
  await preparePublisherChild();
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-races-'));
  base = await writeBuild(outDir, 'base', sampleTree({ count: 4 }));
  // The rivals differ in every file and in what they prune.
  rivals = [await writeBuild(outDir, 'rival-a', sampleTree({ version: 2, count: 3 })), await writeBuild(outDir, 'rival-b', sampleTree({ version: 3, count: 5 }))];
  seeded = await seededGcsState((server) => publishBuild({ store: openTestStore(server, { prefix: PREFIX }), treeDir: base.dir }));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/**
 * Holds the first two requests `match` accepts until both have arrived. `open()` lets everything
 * through: called when a publisher ends, so one that fails early never leaves the other held.
 */
function barrier(match: (info: RequestInfo) => boolean) {
  const waiting: (() => void)[] = [];
  let opened = false;
  const open = () => {
    opened = true;
    waiting.forEach((release) => release());
  };
  const hold = async (info: RequestInfo): Promise<void> => {
    if (opened || waiting.length >= 2 || !match(info)) return;
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      if (waiting.length === 2) open();
    });
  };
  return { hold, open };
}

type Outcome = { ok: true; buildId: string } | { ok: false; code: string };

async function inProcess(server: GcsTestServer, build: WrittenBuild, concurrency: number): Promise<Outcome> {
  return publishBuild({ store: openTestStore(server, { prefix: PREFIX }), treeDir: build.dir, concurrency }).then(
    (result): Outcome => ({ ok: true, buildId: result.buildId }),
    (error: unknown): Outcome => ({ ok: false, code: error instanceof ExportError ? error.code : String(error) }),
  );
}

/** A publisher in its own process (test/helpers/publish-child.ts): exit 0 on commit, the error code otherwise. */
async function inChild(server: GcsTestServer, build: WrittenBuild, concurrency: number): Promise<Outcome> {
  const child = await spawnPublisherChild(server, [PREFIX, String(concurrency), 'publish', build.dir]);
  const { code, stderr } = await child.exited;
  return code === 0 ? { ok: true, buildId: build.id } : { ok: false, code: /code: '(\w+)'/.exec(stderr)?.[1] ?? `exit ${code}: ${stderr.slice(0, 300)}` };
}

describe('two publishers at once', () => {
  test.for(Array.from({ length: TRIALS }, (_, i) => i + 1))('trial %i: exactly one commits, the other stops with PublishConflict, no torn release', async (trial) => {
    const server = await startTestGcs(seeded);
    onTestFinished(() => server.close());
    const manifest = `${PREFIX}/${RELEASE_MANIFEST_PATH}`;
    const atCas = trial % 2 === 0;
    const gate = atCas
      ? barrier((info) => info.operation === 'objects.insert' && info.object === manifest)
      : barrier((info) => info.operation === 'objects.download' && info.object === manifest);
    server.setHooks({ beforeApply: gate.hold });
    const inProcesses = IN_PROCESSES.has(trial);
    // Faults only in-process: a child retries each request 3 times only (publish-child.ts), so under
    // faults it could stop with StoreRequestFailed, which is clean but not the race under test.
    if (trial % 3 === 0 && !inProcesses) server.setFaults({ seed: trial, ...FAULT_MIX, errorStatuses: [...FAULT_MIX.errorStatuses] });
    server.resetCounts();
    const run = inProcesses ? inChild : inProcess;
    const concurrency = CONCURRENCY[trial % CONCURRENCY.length]!;
    const outcomes = await Promise.all(rivals.map((build) => run(server, build, concurrency).finally(gate.open)));
    tally.add('faults.storage', server.counts.injected);
    tally.add('races');

    const winners = outcomes.filter((o): o is Extract<Outcome, { ok: true }> => o.ok);
    expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, code: 'PublishConflict' }]);
    const winner = rivals.find((build) => build.id === winners[0]!.buildId)!;
    const live = liveReleaseManifest(server, PREFIX)!;
    expect(live.state).toBe('committed');
    expect(live.history.map((release) => release.build_id), 'one new release on top of the base').toEqual([winner.id, base.id]);
    expect(tally.problems('torn', [...tornReleaseProblems(server, PREFIX), ...stableTreeProblems(server, expectedTree(winner.files), PREFIX)])).toEqual([]);
  });
});

/**
 * Storage faults: real builds of every registered endpoint (and live ticks on top) published
 * through the real GCS client to the loopback server while 20 % of requests fail (429, 500, 502,
 * 503, connections dropped before or after the request took effect) and others stall on
 * latency spikes. Every publish either completes, and the bucket then serves the build exactly,
 * or fails cleanly: the bucket is still a complete release (the release manifest lists exactly
 * the live objects, bytes and headers matching), nothing live was lost, nothing invalid is live,
 * and the next publish converges.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExportError } from '../../pipeline/errors.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import type { SchemaRegistry } from '../../pipeline/schema-registry.ts';
import type { BuildSummary } from '../../pipeline/run-build.ts';
import { auditSchemas, invalidFileProblems, lostFileProblems, tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { buildSampleTrees, servesBuildProblems, type SampleBuilds } from '../helpers/fault-builds.ts';
import { faultSampleAsOf, openFaultSample } from '../helpers/fault-sample.ts';
import { FAULT_MIX, SPIKE_RATE } from '../helpers/fault-rates.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import { createSeededRandom } from '../helpers/gcs-server/faults.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { liveReleaseManifest, stableSnapshot } from '../helpers/release-checks.ts';

const TRIALS = 2;

const tally = useTally('storage-faults');
let outDir = '';
let builds: SampleBuilds;
let schemas: SchemaRegistry;
let server: GcsTestServer;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-storage-faults-'));
  const warehouse = await openFaultSample();
  try {
    builds = await buildSampleTrees({ warehouse, asOf: faultSampleAsOf(), outDir, ticks: 2 });
  } finally {
    await warehouse.close();
  }
  schemas = await auditSchemas();
  server = await startTestGcs();
});
afterAll(async () => {
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

/** Faults from a seeded generator, plus latency spikes held before a request takes effect. */
function injectFaults(seed: number): () => number {
  server.setFaults({ seed, ...FAULT_MIX, errorStatuses: [...FAULT_MIX.errorStatuses] });
  const random = createSeededRandom(seed * 7919);
  let spikes = 0;
  server.setHooks({
    async beforeApply() {
      if (random() < SPIKE_RATE) {
        spikes += 1;
        await delay(5 + Math.floor(random() * 45));
      }
    },
  });
  server.resetCounts();
  return () => {
    const injected = server.counts.injected + spikes;
    server.setFaults();
    server.setHooks();
    return injected;
  };
}

/**
 * Publish `build` under faults with `attempts` per request; returns whether it committed. Either
 * way the bucket must be a complete release with nothing lost and nothing invalid.
 */
async function publishUnderFaults(prefix: string, build: BuildSummary, options: { seed: number; attempts: number }): Promise<boolean> {
  const before = stableSnapshot(server, prefix);
  const stop = injectFaults(options.seed);
  const store = openTestStore(server, { prefix, retry: { attempts: options.attempts, baseDelayMs: 1, maxDelayMs: 10 } });
  const outcome = await publishBuild({ store, treeDir: build.treeDir! }).then((result) => result, (error: unknown) => error as Error);
  tally.add('faults.storage', stop());
  const committed = !(outcome instanceof Error);
  if (!committed) {
    // A clean failure: a coded publish error after the bounded retries, never a crash.
    expect(outcome, String(outcome)).toBeInstanceOf(ExportError);
    expect((outcome as ExportError).code).toBe('StoreRequestFailed');
  }
  tally.add(committed ? 'outcome.publishCompleted' : 'outcome.publishFailedCleanly');
  const drops = committed ? outcome.plan.delete : [];
  expect(tally.problems('torn', tornReleaseProblems(server, prefix))).toEqual([]);
  expect(tally.problems('lost', lostFileProblems(before, server, prefix, { allowedDrops: drops }))).toEqual([]);
  expect(tally.problems('invalid', invalidFileProblems(server, prefix, schemas))).toEqual([]);
  if (committed) expect(tally.problems('torn', servesBuildProblems(server, prefix, build))).toEqual([]);
  return committed;
}

/** The next publish without faults finishes whatever was left and serves `build`. */
async function converge(prefix: string, build: BuildSummary): Promise<void> {
  await publishBuild({ store: openTestStore(server, { prefix }), treeDir: build.treeDir! });
  expect(liveReleaseManifest(server, prefix)?.state).toBe('committed');
  expect(tally.problems('torn', [...tornReleaseProblems(server, prefix), ...servesBuildProblems(server, prefix, build)])).toEqual([]);
}

describe('storage with 20 % injected 429/5xx, dropped connections and latency spikes', () => {
  let completed = 0;
  test.for(Array.from({ length: TRIALS }, (_, i) => i + 1))('trial %i: a full build, then live ticks: each publish completes with the bucket serving exactly that build, or fails cleanly', async (trial) => {
    const prefix = `full-${trial}`;
    const sequence = [builds.all, ...builds.ticks];
    for (const [step, build] of sequence.entries()) {
      // Production retries: 8 attempts per request (backoff shortened to milliseconds). A request
      // failing all 8 is rare (0.2^8) but possible among a full tree's ~600: then a clean failure.
      const committed = await publishUnderFaults(prefix, build, { seed: trial * 100 + step, attempts: 8 });
      if (committed) completed += 1;
      else await converge(prefix, build);
    }
  });

  test('with production retries, publishes under faults complete', () => {
    expect(completed).toBeGreaterThanOrEqual(TRIALS * 2);
  });

  test.for(Array.from({ length: TRIALS }, (_, i) => i + 1))('trial %i: with retries cut to 2 attempts publishes may fail, but only cleanly, and the next publish converges', async (trial) => {
    const prefix = `cut-${trial}`;
    await converge(prefix, builds.all);
    for (const [step, build] of builds.ticks.entries()) {
      const committed = await publishUnderFaults(prefix, build, { seed: 1000 + trial * 100 + step, attempts: 2 });
      if (!committed) await converge(prefix, build);
    }
  });
});

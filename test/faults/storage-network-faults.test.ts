/**
 * Storage endpoints that cannot be reached or do not implement a request (issue 18), through the
 * real GCS client: connections refused (a closed loopback port) or reset (the fault proxy
 * closing them), for good or for a while, and an endpoint answering 501 Not Implemented to one
 * kind of request, as emulators do for the parts of the JSON API they lack. A persistent failure
 * ends as a coded error that names the operation, with a hint; a transient one is retried and
 * the publish completes; either way the bucket stays a complete release.
 */
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGcsObjectStore } from '../../pipeline/adapters/gcs-object-store.ts';
import { ExportError, formatErrorChain } from '../../pipeline/errors.ts';
import { withPrefix } from '../../pipeline/publish/open-store.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import { tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs, TEST_BUCKET } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { expectedTree, sampleTree, writeBuild, type WrittenBuild } from '../helpers/publish-trees.ts';
import { liveReleaseManifest, stableTreeProblems } from '../helpers/release-checks.ts';

const tally = useTally('storage-network-faults');
const RETRY = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };
let server: GcsTestServer;
let proxy: FaultProxy;
let outDir = '';
let build: WrittenBuild;
beforeAll(async () => {
  server = await startTestGcs();
  proxy = await startFaultProxy(server.url);
  outDir = await mkdtemp(path.join(tmpdir(), 'props-api-network-'));
  build = await writeBuild(outDir, 'net', sampleTree());
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

/** A loopback port that was just free and is closed again: connections to it are refused. */
async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  await new Promise((resolve) => listener.close(resolve));
  return port;
}

const storeAt = (endpoint: string, prefix: string, retry: Partial<typeof RETRY> = RETRY) => withPrefix(createGcsObjectStore({ bucket: TEST_BUCKET, endpoint, retry }), prefix);
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

/** The error the CLI would print: coded, naming what failed and why, with a hint. */
function expectCoded(error: unknown, code: string, ...mentions: RegExp[]): void {
  expect(error, String(error)).toBeInstanceOf(ExportError);
  const printed = formatErrorChain(error);
  expect(printed.split('\n')[0]).toContain(`[${code}]`);
  for (const mention of mentions) expect(printed).toMatch(mention);
  expect((error as ExportError).hint).toBeTruthy();
}

describe('an endpoint that cannot be reached', () => {
  test('connections refused on every attempt: StoreRequestFailed naming the request and ECONNREFUSED, with a network hint', async () => {
    const store = storeAt(`http://127.0.0.1:${await closedPort()}`, 'refused');
    const error = await failureOf(publishBuild({ store, treeDir: build.dir }));
    tally.add('faults.network', store.requestCount());
    expect(store.requestCount()).toBe(RETRY.attempts);
    expectCoded(error, 'StoreRequestFailed', /Could not read refused\/v1\/release\.json: the storage endpoint could not be reached \(ECONNREFUSED\) on any of 4 attempts/);
    expect((error as ExportError).hint).toMatch(/network and DNS.*--bucket.*--endpoint.*emulator/);
    tally.add('outcome.publishFailedCleanly');
  });

  test('connections reset on every attempt: StoreRequestFailed naming the request and the reset', async () => {
    proxy.setFaults({ dropRate: 1 });
    const before = proxy.injected();
    const store = storeAt(proxy.url, 'reset');
    const error = await failureOf(publishBuild({ store, treeDir: build.dir }));
    tally.add('faults.network', proxy.injected() - before);
    expectCoded(error, 'StoreRequestFailed', /Could not read reset\/v1\/release\.json: the storage endpoint could not be reached \((ECONNRESET|socket hang up)\) on any of 4 attempts/);
    expect(liveReleaseManifest(server, 'reset')).toBeNull();
    tally.add('outcome.publishFailedCleanly');
  });

  test.for([1, 2, 3])('seed %i: connections reset now and then (before or after the request took effect) are retried and the publish completes', async (seed) => {
    proxy.setFaults({ seed, dropRate: 0.25, dropAfterRate: 0.1 });
    const before = proxy.injected();
    const prefix = `flaky-${seed}`;
    const result = await publishBuild({ store: storeAt(proxy.url, prefix, { attempts: 10, baseDelayMs: 1, maxDelayMs: 5 }), treeDir: build.dir });
    tally.add('faults.network', proxy.injected() - before);
    expect(proxy.injected() - before).toBeGreaterThan(0);
    expect(result.committed).toBe(true);
    expect(tally.problems('torn', [...tornReleaseProblems(server, prefix), ...stableTreeProblems(server, expectedTree(build.files), prefix)])).toEqual([]);
    tally.add('outcome.publishCompleted');
  });
});

/** 501 to one JSON API method: the operation the adapter names, and the server's operation name. */
const UNSUPPORTED = [
  { operation: 'list', method: 'objects.list' },
  { operation: 'write', method: 'objects.insert' },
  { operation: 'copy', method: 'objects.rewrite' },
] as const;

describe('an endpoint that does not implement a request (HTTP 501)', () => {
  test.for(UNSUPPORTED)('501 to every $method: StoreOperationUnsupported names the operation $operation; the bucket stays a release and the next publish converges', async ({ operation, method }) => {
    const prefix = `unsupported-${operation}`;
    server.setFaults({ errorRate: 1, errorStatuses: [501], filter: (info) => info.operation === method });
    server.resetCounts();
    const error = await failureOf(publishBuild({ store: openTestStore(server, { prefix }), treeDir: build.dir }));
    tally.add('faults.unsupported', server.counts.injected);
    server.setFaults();
    expect(server.counts.injected).toBeGreaterThan(0);
    expectCoded(error, 'StoreOperationUnsupported', new RegExp(`does not implement ${operation} \\(${method.replace('.', '\\.')}; HTTP 501 Not Implemented\\)`));
    expect(tally.problems('torn', tornReleaseProblems(server, prefix))).toEqual([]);
    tally.add('outcome.publishFailedCleanly');
    await publishBuild({ store: openTestStore(server, { prefix }), treeDir: build.dir });
    expect(tally.problems('torn', [...tornReleaseProblems(server, prefix), ...stableTreeProblems(server, expectedTree(build.files), prefix)])).toEqual([]);
  });
});

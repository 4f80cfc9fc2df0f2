/**
 * Kill points: run a publisher as a separate process (`publish-child.ts`) and SIGKILL it at
 * its Nth request to the loopback server, either just before the request takes effect (the
 * request is then dropped, as if the process died while sending it) or just after (it took
 * effect but the process never learns). The kill comes from the server's request hooks, so it
 * lands at exactly that request, with no timing involved.
 */
import { fileURLToPath } from 'node:url';
import { bundledChild } from './child-bundle.ts';
import { spawnNode, type SpawnedChild } from './child-spawner.ts';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./publish-child.ts', import.meta.url));

/**
 * The child's bundle (child-bundle.ts), which starts on about a tenth of the CPU `--import tsx`
 * takes, most of a kill case's cost. Built once per run; a file calls it in `beforeAll` so the
 * build is not timed as a test.
 */
export const preparePublisherChild = (): Promise<string> => bundledChild('publish-child', { file: CHILD_SCRIPT });

/**
 * A publisher child against `server`, `args` as for `runPublisherChild`; Google auth in it never
 * probes the metadata server. Resolves once it has a pid.
 */
export async function spawnPublisherChild(server: GcsTestServer, args: string[]): Promise<SpawnedChild> {
  return spawnNode([await preparePublisherChild(), server.url, ...args], { ...process.env, METADATA_SERVER_DETECTION: 'none' });
}

export interface KillPoint {
  /** 1-based index of the child's request. */
  request: number;
  phase: 'before' | 'after';
}

export interface ChildRun {
  outcome: 'killed' | 'finished' | 'failed';
  /** The child's requests in order (up to and including the one it was killed at). */
  requests: { operation: string; mutating: boolean }[];
  stderr: string;
}

/** `args`: `PREFIX CONCURRENCY publish TREE_DIR` or `PREFIX CONCURRENCY rollback BUILD_ID`. */
export async function runPublisherChild(server: GcsTestServer, args: string[], killAt?: KillPoint): Promise<ChildRun> {
  const requests: ChildRun['requests'] = [];
  const indexBySeq = new Map<number, number>();
  // Hooks first, so none of the child's requests can come before them.
  let started: Promise<SpawnedChild> | undefined;
  const kill = async () => {
    const child = await started!;
    process.kill(child.pid, 'SIGKILL');
    await child.exited;
  };
  server.setHooks({
    async beforeApply(info) {
      requests.push({ operation: info.operation, mutating: info.mutating });
      indexBySeq.set(info.seq, requests.length);
      if (killAt?.phase === 'before' && requests.length === killAt.request) {
        await kill();
        return 'drop';
      }
      return undefined;
    },
    async afterApply(info) {
      if (killAt?.phase === 'after' && indexBySeq.get(info.seq) === killAt.request) await kill();
    },
  });
  try {
    started = spawnPublisherChild(server, args);
    const { code, signal, stderr } = await (await started).exited;
    const outcome = signal === 'SIGKILL' ? 'killed' : code === 0 ? 'finished' : 'failed';
    return { outcome, requests, stderr };
  } finally {
    server.setHooks();
  }
}

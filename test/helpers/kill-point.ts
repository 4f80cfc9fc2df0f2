/**
 * Kill points: run a publisher as a separate process (`publish-child.ts`) and SIGKILL it at
 * its Nth request to the loopback server, either just before the request takes effect (the
 * request is then dropped, as if the process died while sending it) or just after (it took
 * effect but the process never learns). The kill comes from the server's request hooks, so it
 * lands at exactly that request, with no timing involved.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./publish-child.ts', import.meta.url));
/** Inside the repository (in the git-ignored `.cache/`) so the bundle's bare imports resolve from `node_modules`. */
const BUNDLE_DIR = fileURLToPath(new URL('../../.cache/', import.meta.url));

/**
 * The node arguments that start the child. Bundled once with esbuild (the compiler tsx itself
 * uses), packages included, a child parses one file instead of resolving the storage client's
 * hundreds of modules: it starts on about a tenth of the CPU `--import tsx` takes, which is most
 * of a kill case's cost. The banner gives the bundled CommonJS packages a `require`. Without
 * esbuild it falls back to tsx.
 */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export async function preparePublisherChild(): Promise<string[]> {
  try {
    const { build } = await import('esbuild');
    const outfile = path.join(BUNDLE_DIR, `publish-child-${process.pid}.mjs`);
    await build({ entryPoints: [CHILD_SCRIPT], outfile, bundle: true, platform: 'node', format: 'esm', banner: { js: REQUIRE_BANNER }, target: 'node20', logLevel: 'silent' });
    return [outfile];
  } catch {
    return ['--import', 'tsx', CHILD_SCRIPT];
  }
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

/**
 * `launcher`: from `preparePublisherChild`. `args`: `PREFIX CONCURRENCY publish TREE_DIR` or
 * `PREFIX CONCURRENCY rollback BUILD_ID`.
 */
export async function runPublisherChild(launcher: string[], server: GcsTestServer, args: string[], killAt?: KillPoint): Promise<ChildRun> {
  const child = spawn(process.execPath, [...launcher, server.url, ...args], {
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const requests: ChildRun['requests'] = [];
  const indexBySeq = new Map<number, number>();
  const kill = async () => {
    child.kill('SIGKILL');
    await exited;
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
    const { code, signal } = await exited;
    const outcome = signal === 'SIGKILL' ? 'killed' : code === 0 ? 'finished' : 'failed';
    return { outcome, requests, stderr };
  } finally {
    server.setHooks();
  }
}

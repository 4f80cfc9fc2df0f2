/**
 * Kill points: run a publisher as a separate process (`publish-child.ts`) and SIGKILL it at
 * its Nth request to the loopback server, either just before the request takes effect (the
 * request is then dropped, as if the process died while sending it) or just after (it took
 * effect but the process never learns). The kill comes from the server's request hooks, so it
 * lands at exactly that request, with no timing involved.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnNode, type SpawnedChild } from './child-spawner.ts';
import type { GcsTestServer } from './gcs-server/gcs-server.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./publish-child.ts', import.meta.url));
/** Inside the repository (in the git-ignored `.cache/`) so the bundle's bare imports resolve from `node_modules`. */
const BUNDLE_DIR = fileURLToPath(new URL('../../.cache/', import.meta.url));

/**
 * Runs the bundle next to it through V8's code cache: the first child to finish writes the
 * cache of everything it compiled (atomically, by rename), later children skip compiling the
 * storage client's code. A killed child never writes; a stale or foreign cache is rejected by
 * V8 (source hash, flags) and written again.
 */
const LOADER = `'use strict';
const fs = require('node:fs'), path = require('node:path'), vm = require('node:vm'), Module = require('node:module');
const file = path.join(__dirname, 'publish-child.cjs'), cacheFile = file + '.v8-cache';
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => {
  const temp = cacheFile + '.' + process.pid;
  fs.writeFileSync(temp, script.createCachedData());
  fs.renameSync(temp, cacheFile);
});
const child = new Module(file, module);
child.filename = file;
child.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(child.exports, child.exports, (id) => child.require(id), child, file, __dirname);
`;

let prepared: Promise<string[]> | undefined;

/**
 * The node arguments that start the child, prepared once per process. Bundled with esbuild (the
 * compiler tsx itself uses), packages included, as CommonJS run through `LOADER`: a child parses
 * one file instead of resolving the storage client's hundreds of modules, and takes its compiled
 * code from the cache; it starts on about a sixth of the CPU `--import tsx` takes, which is most
 * of a kill case's cost. The directory is named by the bundle's hash, so it is reused across runs
 * until the publisher's code changes. Without esbuild it falls back to tsx.
 */
export function preparePublisherChild(): Promise<string[]> {
  prepared ??= bundlePublisherChild();
  return prepared;
}

async function bundlePublisherChild(): Promise<string[]> {
  try {
    const { build } = await import('esbuild');
    const result = await build({ entryPoints: [CHILD_SCRIPT], write: false, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent' });
    const code = result.outputFiles[0]!.contents;
    const dir = path.join(BUNDLE_DIR, `publish-child-${createHash('sha256').update(code).update(LOADER).digest('hex').slice(0, 16)}`);
    if (!existsSync(path.join(dir, 'loader.cjs'))) {
      const temp = `${dir}.${process.pid}`;
      await mkdir(temp, { recursive: true });
      await writeFile(path.join(temp, 'publish-child.cjs'), code);
      await writeFile(path.join(temp, 'loader.cjs'), LOADER);
      await rename(temp, dir).catch(() => rm(temp, { recursive: true, force: true })); // another process wrote the same files first
    }
    return [path.join(dir, 'loader.cjs')];
  } catch {
    return ['--import', 'tsx', CHILD_SCRIPT];
  }
}

/** The environment of a publisher child: Google auth never probes the metadata server. */
export const PUBLISHER_ENV: NodeJS.ProcessEnv = { ...process.env, METADATA_SERVER_DETECTION: 'none' };

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
    started = spawnNode([...launcher, server.url, ...args], PUBLISHER_ENV);
    const { code, signal, stderr } = await (await started).exited;
    const outcome = signal === 'SIGKILL' ? 'killed' : code === 0 ? 'finished' : 'failed';
    return { outcome, requests, stderr };
  } finally {
    server.setHooks();
  }
}

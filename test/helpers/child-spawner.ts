/**
 * Starts the fault suite's publisher children from a small helper process rather than from the
 * test worker. Linux forks the spawning process first, copying its page tables: from a worker
 * holding hundreds of MB (the whole suite's modules, DuckDB) a spawn costs tens of milliseconds
 * of kernel CPU, from a helper of a few tens of MB about one. The helper reports each child's
 * pid at once (the test SIGKILLs it directly, see kill-point.ts) and its exit with its stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const HELPER = `'use strict';
const { spawn } = require('node:child_process');
process.on('message', ({ id, args, env }) => {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  process.send({ id, pid: child.pid });
  child.on('close', (code, signal) => process.send({ id, exit: { code, signal, stderr } }));
});
process.on('disconnect', () => process.exit());
`;

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface SpawnedChild {
  pid: number;
  exited: Promise<ChildExit>;
}

type Message = { id: number; pid?: number; exit?: ChildExit };

let helper: ChildProcess | undefined;
let nextId = 0;
const waiting = new Map<number, { started(pid: number): void; exited(exit: ChildExit): void }>();

function startHelper(): ChildProcess {
  const started = spawn(process.execPath, ['-e', HELPER], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  started.on('message', (message: Message) => {
    const entry = waiting.get(message.id);
    if (message.pid !== undefined) entry?.started(message.pid);
    if (message.exit) {
      waiting.delete(message.id);
      entry?.exited(message.exit);
    }
  });
  started.on('exit', () => (helper = undefined));
  // The helper never keeps the test worker alive; it exits when the worker does.
  started.unref();
  started.channel?.unref();
  return started;
}

/** `node ...args` with `env`, started by the helper; stdout is ignored, stderr collected. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv): Promise<SpawnedChild> {
  helper ??= startHelper();
  const id = (nextId += 1);
  return new Promise((resolve) => {
    let exited!: (exit: ChildExit) => void;
    const exit = new Promise<ChildExit>((done) => (exited = done));
    waiting.set(id, { started: (pid) => resolve({ pid, exited: exit }), exited });
    helper!.send({ id, args, env });
  });
}

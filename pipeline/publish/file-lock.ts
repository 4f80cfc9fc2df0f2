/**
 * A cross-process mutex on one file, for the local-directory object store: `open(…, 'wx')`
 * creates the lock file only if it does not exist, and the holder writes its pid into it. A
 * lock whose holder died (SIGKILL mid-write) is broken by the next process that wants it. Two
 * waiters that both find the same dead holder can race to break it; the local store serves
 * preview and tests on one machine, where that window is harmless in practice.
 */
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.ts';

const LOCK_POLL_MS = 2;
const EMPTY_LOCK_STALE_MS = 1000;

/** Runs `fn` holding the lock at `lockPath`; gives up with `StoreRequestFailed` after `timeoutMs`. */
export async function withLock<T>(lockPath: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockFailure(error);
      await breakIfStale(lockPath);
      if (Date.now() > deadline) throw lockFailure(new Error(`${lockPath} is held by another process`));
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/** A lock whose holder no longer runs is removed; so is an empty one older than a second (its holder died before writing its pid). */
async function breakIfStale(lockPath: string): Promise<void> {
  const info = await stat(lockPath).catch(() => undefined);
  if (!info) return;
  const pid = Number(await readFile(lockPath, 'utf8').catch(() => ''));
  const stale = pid > 0 ? !isAlive(pid) : Date.now() - info.mtimeMs > EMPTY_LOCK_STALE_MS;
  if (stale) await unlink(lockPath).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockFailure(cause: unknown): PublishError {
  return new PublishError('StoreRequestFailed', 'Could not take the local object store\'s lock', { cause, hint: 'Another props-api process is writing to the same directory; wait for it, or remove a stale .lock file.' });
}

/**
 * The write floor: what writing a build's bytes costs with nothing else going on. Every file of a
 * built tree (the `v1/...` files, the manifest and the report) is read into memory first, then a
 * plain loop creates the directories and `fs.writeFile`s each file, one after the other, into a
 * fresh directory. No build can write the same tree faster than this on the same disk, so
 * build / floor says how much the build spends on everything that is not writing. The disk's
 * speed drifts (3× within minutes on the shared machines), so the fastest and slowest runs are
 * kept beside the median: a wide spread says the ratio of that run is soft.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { median } from './stats.ts';

export interface WriteFloor {
  /** The median of `runs` timed writes. */
  seconds: number;
  fastest: number;
  slowest: number;
  files: number;
  bytes: number;
}

export interface WriteFloorOptions {
  /** A built tree (`out/<buildId>/`). */
  treeDir: string;
  /** Scratch directory; each run writes into a fresh `<scratchDir>/<n>/`, removed afterwards. */
  scratchDir: string;
  /** @default 5 */
  runs?: number;
}

export async function measureWriteFloor(options: WriteFloorOptions): Promise<WriteFloor> {
  const files = await readTree(options.treeDir);
  const dirs = [...new Set(files.map((file) => path.dirname(file.path)))];
  const times: number[] = [];
  for (let run = 0; run < (options.runs ?? 5); run += 1) {
    const target = path.join(options.scratchDir, String(run));
    await rm(target, { recursive: true, force: true });
    const started = performance.now();
    for (const dir of dirs) await mkdir(path.join(target, dir), { recursive: true });
    for (const file of files) await writeFile(path.join(target, file.path), file.bytes);
    times.push((performance.now() - started) / 1000);
    await rm(target, { recursive: true, force: true });
  }
  return {
    seconds: median(times), fastest: Math.min(...times), slowest: Math.max(...times),
    files: files.length, bytes: files.reduce((sum, file) => sum + file.bytes.length, 0),
  };
}

async function readTree(treeDir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(treeDir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(treeDir, path.join(entry.parentPath, entry.name)));
  return Promise.all(files.sort().map(async (file) => ({ path: file, bytes: await readFile(path.join(treeDir, file)) })));
}

/**
 * Reads manifest-listed files for the preview, once, and keeps their bytes and gzip in memory.
 *
 * Contracts:
 * - only a `TreeEntry` (a manifest-listed path) can be read; the resolved real path must stay
 *   inside the output directory, so neither a tampered manifest nor a symlink leads outside it;
 * - the bytes must hash to the manifest's sha256, because that hash is served as the ETag: a
 *   file edited by hand after the build is an error, not a silently wrong cache validator;
 * - entries are cached by sha256 (content-addressed, so an alias and its target share one entry
 *   and a cached body can never be stale); gzip is computed at most once per body.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ExportError } from '../errors.ts';
import type { TreeEntry } from '../resolve-tree.ts';

export interface CachedBody {
  raw: Buffer;
  /** The gzip encoding of `raw`, compressed on first use. */
  gzip(): Buffer;
}

export interface FileStore {
  read(entry: TreeEntry): Promise<CachedBody>;
}

/** Past this many cached bytes the cache starts over (a preview of a benchmark-sized tree must not grow without bound). */
export const MAX_CACHED_BYTES = 256 * 1024 * 1024;

export function createFileStore(outDir: string): FileStore {
  const cache = new Map<string, CachedBody>();
  let cachedBytes = 0;
  let realOutDir: string | undefined;
  return {
    async read(entry) {
      const hit = cache.get(entry.file.sha256);
      if (hit) return hit;
      realOutDir ??= await realpath(outDir);
      const raw = await readVerified(realOutDir, entry);
      if (cachedBytes + raw.length > MAX_CACHED_BYTES) {
        cache.clear();
        cachedBytes = 0;
      }
      const body = createCachedBody(raw);
      cache.set(entry.file.sha256, body);
      cachedBytes += raw.length;
      return body;
    },
  };
}

export function createCachedBody(raw: Buffer): CachedBody {
  let gzipped: Buffer | undefined;
  return {
    raw,
    gzip: () => (gzipped ??= gzipSync(raw)),
  };
}

async function readVerified(realOutDir: string, entry: TreeEntry): Promise<Buffer> {
  const outputPath = entry.file.path;
  const fail = (message: string, cause?: unknown): ExportError =>
    new ExportError('PreviewFailed', message, { exporterId: entry.file.exporter, outputPath, cause, hint: 'Run `props-api build` again to rewrite the tree.' });
  let real: string;
  try {
    real = await realpath(path.resolve(entry.build.dir, outputPath));
  } catch (error) {
    throw fail(`Build ${entry.build.id} lists ${outputPath} in its manifest but the file is missing`, error);
  }
  const relative = path.relative(realOutDir, real);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw fail(`Refusing to serve ${outputPath}: it resolves outside the output directory`);
  }
  const raw = await readFile(real);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  if (sha256 !== entry.file.sha256) {
    throw fail(`${outputPath} in build ${entry.build.id} does not match its manifest (sha256 ${sha256}, manifest ${entry.file.sha256})`);
  }
  return raw;
}

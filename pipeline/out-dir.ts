/**
 * The local output directory: `out/<buildId>/{manifest.json, build-report.json, v1/...}`.
 *
 * Each build directory holds only the files of the endpoints it built. The local "live tree"
 * is the overlay of all builds, newest first (the same rule the publisher applies to the
 * bucket: previous release + this build's files).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type BuildManifest } from './manifest.ts';

export interface LocalBuild {
  id: string;
  dir: string;
  manifest: BuildManifest;
  /** When the build was committed (its manifest's mtime): orders builds of the same as-of. */
  writtenAtMs: number;
}

/** Every complete build under `outDir` (a directory without a manifest is ignored), oldest first. */
export async function listLocalBuilds(outDir: string): Promise<LocalBuild[]> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const builds: LocalBuild[] = [];
  for (const id of entries.sort()) {
    const dir = path.join(outDir, id);
    try {
      const file = path.join(dir, MANIFEST_FILE);
      const manifest = JSON.parse(await readFile(file, 'utf8')) as BuildManifest;
      builds.push({ id, dir, manifest, writtenAtMs: (await stat(file)).mtimeMs });
    } catch {
      // not a build directory (or one still being written): skip
    }
  }
  // By as-of instant; builds of the same instant (the sample night, rebuilt after a change) by write time.
  return builds.sort((a, b) => a.manifest.build.as_of.localeCompare(b.manifest.build.as_of) || a.writtenAtMs - b.writtenAtMs || a.id.localeCompare(b.id));
}

export async function newestLocalBuild(outDir: string): Promise<LocalBuild | undefined> {
  return (await listLocalBuilds(outDir)).at(-1);
}

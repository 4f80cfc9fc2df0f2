/**
 * The local live tree: the overlay of every build in the output directory.
 *
 * Same rule as the publisher applies to the bucket (previous release + this build's files): a
 * path is served from the newest build whose manifest lists it, so a partial build (one trigger)
 * replaces only its own endpoints. `createTreeSource` re-reads the manifests when the set of
 * builds changes, so a running preview picks up a new build without a restart.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, type ManifestFile } from './manifest.ts';
import { listLocalBuilds, type LocalBuild } from './out-dir.ts';
import { UNSAFE_PATH_CHARACTERS } from './request-path.ts';

export interface TreeEntry {
  build: LocalBuild;
  file: ManifestFile;
}

export interface LiveTree {
  /** Oldest first, as `listLocalBuilds` returns them. */
  builds: readonly LocalBuild[];
  newest: LocalBuild | undefined;
  /** Keyed by manifest path without a leading slash: `v1/results/latest.json`. */
  files: ReadonlyMap<string, TreeEntry>;
}

/**
 * Overlays builds (oldest first): later builds win. An endpoint a build marks `complete` owns
 * all its files, so the files older builds wrote for it are dropped first (a player who no longer
 * qualifies loses his page, as the publisher prunes it). Unsafe manifest paths are never listed.
 */
export function resolveTree(builds: readonly LocalBuild[]): LiveTree {
  const files = new Map<string, TreeEntry>();
  for (const build of builds) {
    const complete = new Set((build.manifest.endpoints ?? []).filter((e) => e.complete === true).map((e) => e.exporter));
    if (complete.size > 0) for (const [treePath, entry] of files) if (complete.has(entry.file.exporter)) files.delete(treePath);
    for (const file of build.manifest.files ?? []) {
      if (isSafeTreePath(file.path)) files.set(file.path, { build, file });
    }
  }
  return { builds, newest: builds.at(-1), files };
}

/**
 * A relative path of plain segments. A manifest is trusted for headers but not for where it
 * points: a tampered `../../etc/passwd` entry must not become servable.
 */
export function isSafeTreePath(treePath: unknown): treePath is string {
  if (typeof treePath !== 'string' || treePath === '' || treePath.startsWith('/')) return false;
  if (UNSAFE_PATH_CHARACTERS.test(treePath)) return false;
  return treePath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export interface TreeSource {
  /** The tree as of now; re-reads the manifests only when a build appeared, changed or vanished. */
  current(): Promise<LiveTree>;
}

export function createTreeSource(outDir: string): TreeSource {
  let loaded: { signature: string; tree: LiveTree } | undefined;
  // One refresh at a time: concurrent requests share it instead of each re-reading every manifest.
  let pending: Promise<LiveTree> | undefined;
  const refresh = async (): Promise<LiveTree> => {
    const signature = await readSignature(outDir);
    if (loaded?.signature !== signature) loaded = { signature, tree: resolveTree(await listLocalBuilds(outDir)) };
    return loaded.tree;
  };
  return {
    current() {
      pending ??= refresh().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}

/**
 * A cheap fingerprint of the builds: one `readdir` plus one `stat` per build manifest. A build
 * counts once its manifest exists (it is written last), and rewriting a manifest changes its
 * size or mtime, so any new, finished, rewritten or deleted build changes the fingerprint.
 */
async function readSignature(outDir: string): Promise<string> {
  let entries: string[];
  try {
    entries = (await readdir(outDir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  const parts = await Promise.all(
    entries.map(async (id) => {
      const info = await stat(path.join(outDir, id, MANIFEST_FILE)).catch(() => undefined);
      return info ? `${id}:${info.size}:${info.mtimeMs}:${info.ino}` : `${id}:-`;
    }),
  );
  return parts.join('|');
}

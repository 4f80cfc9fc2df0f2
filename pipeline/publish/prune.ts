/**
 * Prune: delete the stable paths a release drops, after its files are on their stable paths and
 * before the manifest that no longer lists them is sealed (so the manifest never lists a
 * deleted file, and nothing the new indexes point to is gone). Deletes carry the generation
 * seen after the intent was written: a path another publisher rewrote meanwhile is not deleted.
 *
 * The cap is checked before a publish uploads or deletes anything (`checkDeleteCap`): more
 * deletes than `--max-deletes` usually means a broken build or registry, not a real removal.
 */
import { PublishError } from '../errors.ts';
import type { ObjectStore, StoredObject } from '../ports.ts';
import { phaseCounter, type ProgressListener } from '../progress.ts';
import { stableConflict } from './conflicts.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';

export const DEFAULT_MAX_DELETES = 500;

export interface PruneOptions {
  store: ObjectStore;
  paths: readonly string[];
  /** Live objects at those paths (absent ones are already gone). */
  stable: ReadonlyMap<string, StoredObject>;
  concurrency: number;
  /** Reports each phase's items (and bytes) as they finish; @default none */
  progress?: ProgressListener;
}

/** Resolves to the number of objects deleted. */
export async function pruneStable(options: PruneOptions): Promise<number> {
  let deleted = 0;
  const done = phaseCounter(options.progress, 'prune deletes', options.paths.length);
  await forEachConcurrently(options.paths, options.concurrency, async (path) => {
    const live = options.stable.get(path);
    if (!live) return done();
    try {
      if (await options.store.delete(path, { ifGenerationMatch: live.generation })) deleted += 1;
    } catch (error) {
      if (error instanceof PublishError && error.code === 'StorePreconditionFailed') throw stableConflict(options.store, path, error);
      throw error;
    }
    done();
  });
  return deleted;
}

export function checkDeleteCap(paths: readonly string[], maxDeletes: number): void {
  if (paths.length <= maxDeletes) return;
  const shown = paths.slice(0, 5).join(', ');
  throw new PublishError('DeleteCapExceeded', `This publish would delete ${paths.length} stable files, more than --max-deletes ${maxDeletes}; nothing was uploaded or deleted (first: ${shown})`, {
    hint: 'Check that the build is complete (a failing or missing endpoint looks like deletions). If the removals are intended, rerun with a higher --max-deletes.',
  });
}

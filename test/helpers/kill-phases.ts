/**
 * Which publish phase a kill point falls in, from the loopback server's request log of a full,
 * uninterrupted child run (`server.resetCounts()` just before it, so the log holds only the
 * child's requests, in the order the kill-point hooks number them; children run with
 * concurrency 1):
 * - `stage`: uploads under `builds/` (staged copies and the release record);
 * - `commit`: the release manifest's intent and seal, and copies onto stable paths;
 * - `prune`: deletes of stable paths;
 * - a read (list, stat, download) belongs to the phase of the next write it prepares, or to
 *   `commit` when no write follows.
 */
import { BUILDS_PREFIX } from '../../pipeline/publish/release-manifest.ts';
import type { LoggedRequest } from './gcs-server/gcs-server.ts';

export type KillPhase = 'stage' | 'commit' | 'prune';

const READS = new Set(['objects.list', 'objects.get', 'objects.download', 'buckets.get', 'buckets.getIamPolicy']);

function writePhase(entry: LoggedRequest, prefix: string): KillPhase {
  if (entry.operation === 'objects.delete') return 'prune';
  const name = entry.object?.slice(prefix ? prefix.length + 1 : 0) ?? '';
  return name.startsWith(BUILDS_PREFIX) ? 'stage' : 'commit';
}

/** The phase of each request of the log, in order. */
export function phasesOf(log: readonly LoggedRequest[], prefix = ''): KillPhase[] {
  const phases: KillPhase[] = new Array(log.length);
  let next: KillPhase = 'commit';
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const entry = log[i]!;
    if (!READS.has(entry.operation)) next = writePhase(entry, prefix);
    phases[i] = next;
  }
  return phases;
}

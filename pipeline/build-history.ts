/**
 * What a build knows about the tree it will replace: per file the previous stamp and bytes hash
 * (so unchanged content keeps its stamp and bytes), per endpoint when it was last built and how
 * fresh its data was (for status.json), and per live file which endpoint inputs wrote it (for
 * incremental builds, see incremental.ts). Read from the local out directory (overlay of earlier
 * builds, newest wins) or, with `build --bucket`, from the live release manifest in the bucket, so
 * a build in a fresh CI checkout behaves exactly like one on a developer's machine.
 */
import type { AnyExporter } from './define-exporter.ts';
import type { LiveFileInputs } from './manifest.ts';
import { listLocalBuilds } from './out-dir.ts';
import { resolveTree } from './resolve-tree.ts';
import type { ReleaseManifest } from './publish/release-manifest.ts';
import { targetFilesOf } from './publish/release-manifest.ts';
import type { PreviousStamp } from './stages/write.ts';

export interface BuildHistory {
  stamps: Map<string, PreviousStamp>;
  hashes: Map<string, string>;
  endpoints: Map<string, { lastBuiltAt: string; dataAsOf: string | null }>;
  /** Every live file by path: its endpoint and the inputs digest of the build that wrote it. */
  files: Map<string, LiveFileInputs>;
}

export const emptyHistory = (): BuildHistory => ({ stamps: new Map(), hashes: new Map(), endpoints: new Map(), files: new Map() });

const liveFile = (file: { exporter: string; inputs?: string; alias_of?: string }): LiveFileInputs => ({ exporter: file.exporter, inputs: file.inputs, alias: file.alias_of !== undefined });

export async function readLocalHistory(outDir: string): Promise<BuildHistory> {
  const history = emptyHistory();
  const builds = await listLocalBuilds(outDir);
  for (const { manifest } of builds) {
    for (const file of manifest.files) {
      history.stamps.set(file.path, { content_sha256: file.content_sha256, generated_at: file.generated_at });
      history.hashes.set(file.path, file.sha256);
    }
    for (const endpoint of manifest.endpoints) history.endpoints.set(endpoint.exporter, { lastBuiltAt: manifest.build.as_of, dataAsOf: endpoint.data_as_of });
  }
  // The live files are the local overlay's: a complete endpoint's earlier files are gone.
  for (const [treePath, { file }] of resolveTree(builds).files) history.files.set(treePath, liveFile(file));
  return history;
}

const DATE_IN_PATH = /\d{4}-\d{2}-\d{2}/;

/**
 * History from the live release: files as published; an endpoint was last built by the newest
 * release whose trigger covers it, and its data reaches the newest date among its file paths.
 */
export function historyFromRelease(manifest: ReleaseManifest | null, registry: readonly AnyExporter[]): BuildHistory {
  const history = emptyHistory();
  if (!manifest) return history;
  const files = targetFilesOf(manifest);
  for (const file of files) {
    history.files.set(file.path, liveFile(file));
    if (file.content_sha256 && file.generated_at) history.stamps.set(file.path, { content_sha256: file.content_sha256, generated_at: file.generated_at });
    history.hashes.set(file.path, file.sha256);
  }
  for (const exporter of registry) {
    const release = manifest.history.find((r) => r.trigger === 'all' || (exporter.triggers as readonly string[]).includes(r.trigger));
    if (!release) continue;
    const dates = files.filter((f) => f.exporter === exporter.id).map((f) => DATE_IN_PATH.exec(f.path)?.[0]).filter((d): d is string => d !== undefined).sort();
    history.endpoints.set(exporter.id, { lastBuiltAt: release.as_of, dataAsOf: dates.at(-1) ?? null });
  }
  return history;
}

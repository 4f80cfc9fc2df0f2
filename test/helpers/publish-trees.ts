/**
 * Small build trees for publish tests, written with `writeFakeBuild` (real files plus a
 * `BuildManifest`): dated leaves, an index, a `latest` alias, a status file and one JSON file
 * big enough to be gzip-encoded.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_PRESETS } from '../../pipeline/cache-policy.ts';
import type { Trigger } from '../../pipeline/define-exporter.ts';
import { MANIFEST_FILE } from '../../pipeline/manifest.ts';
import { fakeFileBytes, sha256Hex, writeFakeBuild, type FakeFile } from './fake-out-dir.ts';
import type { ExpectedFile } from './release-checks.ts';

/** `count` dated results files plus the index, alias, status and a large trends file; `version` changes every body. */
export function sampleTree(options: { version?: number; count?: number } = {}): FakeFile[] {
  const version = options.version ?? 1;
  const dates = Array.from({ length: options.count ?? 4 }, (_, i) => `2025-03-${String(10 + i).padStart(2, '0')}`);
  const last = dates.at(-1)!;
  return [
    ...dates.map((date): FakeFile => ({ path: `v1/results/${date}.json`, body: { date, version }, exporter: 'results.daily' })),
    { path: 'v1/results/latest.json', body: { date: last, version }, exporter: 'results.daily', aliasOf: `v1/results/${last}.json` },
    { path: 'v1/results/index.json', body: { dates, version }, exporter: 'results.index', cache: 'alias' },
    { path: 'v1/trends/hot-cold.json', body: { version, players: Array.from({ length: 60 }, (_, i) => ({ player: `player-${i}`, streak: i % 7 })) }, exporter: 'trends.hot-cold', cache: 'hourly' },
    { path: 'v1/status.json', body: { version }, exporter: 'status.summary', cache: 'status' },
  ];
}

export interface WrittenBuild {
  /** A build id of the form a build writes, e.g. `20250314T100001Z-all-1a2b3c4d`. */
  id: string;
  /** The short name the test gave it (`b1`). */
  label: string;
  dir: string;
  files: FakeFile[];
}

let clockSeconds = 0;

/**
 * Writes `outDir/<id>` and returns it; builds get increasing as-of times unless `asOf` is given,
 * and ids of the form a build writes (`<as-of>-<trigger>-<8 hex of label>`). Every endpoint is
 * marked `complete` (its files not in the build are pruned) unless listed in `incomplete` (dated
 * history that a build only adds to).
 */
export async function writeBuild(outDir: string, label: string, files: FakeFile[], options: { trigger?: Trigger | 'all'; incomplete?: string[]; asOf?: string } = {}): Promise<WrittenBuild> {
  clockSeconds += 1;
  const asOf = options.asOf ?? new Date(Date.UTC(2025, 2, 14, 10, 0, clockSeconds)).toISOString().replace('.000', '');
  const trigger = options.trigger ?? 'all';
  const id = `${asOf.replace(/[-:]/g, '')}-${trigger}-${sha256Hex(label).slice(0, 8)}`;
  const manifest = await writeFakeBuild(outDir, { id, asOf, trigger, files });
  for (const endpoint of manifest.endpoints) endpoint.complete = !(options.incomplete ?? []).includes(endpoint.exporter);
  await writeFile(path.join(outDir, id, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { id, label, dir: path.join(outDir, id), files };
}

/** What the stable paths must hold once `files` are live. */
export function expectedTree(files: readonly FakeFile[]): ExpectedFile[] {
  return files.map((file) => ({ path: file.path, bytes: fakeFileBytes(file.body), contentType: file.contentType ?? 'application/json', cacheControl: CACHE_PRESETS[file.cache ?? 'daily'] }));
}


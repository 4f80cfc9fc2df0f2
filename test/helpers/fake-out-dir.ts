/**
 * A fake output directory for tests that read builds (preview, publish): real files on disk plus
 * a `BuildManifest` that lists them with the same fields and hashes the write stage records.
 * Free of vitest, so scripts can use it too; the temp-dir fixture is in `out-dir-test.ts`.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_PRESETS, JSON_CONTENT_TYPE, type CachePreset } from '../../pipeline/cache-policy.ts';
import type { Trigger } from '../../pipeline/define-exporter.ts';
import { MANIFEST_FILE, MANIFEST_VERSION, type BuildManifest, type ManifestFile } from '../../pipeline/manifest.ts';

export interface FakeFile {
  /** Tree path with the version prefix: `v1/results/2025-03-13.json`. */
  path: string;
  /** File bytes; objects are serialised as JSON. */
  body: string | Buffer | object;
  exporter: string;
  /** @default 'daily' */
  cache?: CachePreset;
  /** @default 'application/json' */
  contentType?: string;
  aliasOf?: string;
}

export interface FakeBuildOptions {
  id: string;
  /** ISO instant; builds are ordered by it. */
  asOf: string;
  /** @default 'all' */
  trigger?: Trigger | 'all';
  /** @default true */
  sampleData?: boolean;
  files: FakeFile[];
  /** Manifest entries written as given, without a file on disk (for tampered-manifest tests). */
  extraEntries?: ManifestFile[];
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function fakeFileBytes(body: FakeFile['body']): Buffer {
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : `${JSON.stringify(body, null, 2)}\n`);
}

/** Writes `<outDir>/<id>/<path>` for every file, then the manifest last (as a real build does). */
export async function writeFakeBuild(outDir: string, options: FakeBuildOptions): Promise<BuildManifest> {
  const dir = path.join(outDir, options.id);
  const files: ManifestFile[] = [];
  for (const file of options.files) {
    const bytes = fakeFileBytes(file.body);
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), bytes);
    files.push(manifestEntry(file, bytes));
  }
  files.push(...(options.extraEntries ?? []));
  files.sort((a, b) => a.path.localeCompare(b.path));
  const manifest = fakeManifest(options, files);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export function manifestEntry(file: FakeFile, bytes: Buffer): ManifestFile {
  const cache = file.cache ?? 'daily';
  return {
    path: file.path,
    sha256: sha256Hex(bytes),
    bytes: bytes.length,
    content_type: file.contentType ?? JSON_CONTENT_TYPE,
    cache,
    cache_control: CACHE_PRESETS[cache],
    exporter: file.exporter,
    schema: `https://nbaprops.com/v1/schemas/${file.exporter.replace('.', '/')}.schema.json`,
    content_sha256: sha256Hex(bytes),
    generated_at: '2025-03-14T10:00:00Z',
    ...(file.aliasOf === undefined ? {} : { alias_of: file.aliasOf }),
  };
}

function fakeManifest(options: FakeBuildOptions, files: ManifestFile[]): BuildManifest {
  const exporters = [...new Set(files.map((file) => file.exporter))].sort();
  return {
    manifest_version: MANIFEST_VERSION,
    build: {
      id: options.id,
      trigger: options.trigger ?? 'all',
      as_of: options.asOf,
      today: options.asOf.slice(0, 10),
      dates: null,
      query_count: exporters.length,
      endpoint_count: exporters.length,
      file_count: files.length,
      total_bytes: files.reduce((sum, file) => sum + file.bytes, 0),
      warehouse: 'duckdb:fake',
      sample_data: options.sampleData ?? true,
      code_version: '0.0.0-test',
      schema_version: '0.0.0-test',
    },
    endpoints: exporters.map((exporter) => ({
      exporter,
      schema: files.find((file) => file.exporter === exporter)?.schema ?? '',
      files: files.filter((file) => file.exporter === exporter).length,
      data_as_of: options.asOf.slice(0, 10),
      complete: false,
    })),
    files,
  };
}

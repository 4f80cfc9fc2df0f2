/**
 * Finding and checking the build tree to publish: `--tree DIR`, `--build ID` under `--out`, or
 * the newest complete build under `--out`.
 *
 * Gate: a tree whose report counts failed jobs publishes nothing unless `--allow-partial`.
 * `props-api build` never commits such a tree (a build with any failure writes nothing); the gate
 * is for trees made another way. With `--allow-partial` the publisher publishes exactly what the
 * manifest lists, so endpoints left out of it keep their previous files.
 *
 * Nothing in the tree is trusted. The build id must be of the form a build writes (it becomes
 * object names `builds/<id>/…`); every listed path must be a plain relative path under `v1/`,
 * listed once, and not the release manifest's own path; and every listed file must be a regular
 * file (no symlink followed) whose size and sha256 match its entry. All of it is checked here,
 * before the first request that could change the bucket.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.ts';
import { BUILD_REPORT_FILE, MANIFEST_FILE, MANIFEST_VERSION, type BuildManifest, type BuildReport, type ManifestFile } from '../manifest.ts';
import { newestLocalBuild } from '../out-dir.ts';
import { isSafeTreePath } from '../resolve-tree.ts';
import { BUILD_ID_EXAMPLE, isBuildId, RELEASE_MANIFEST_PATH, STABLE_PREFIX } from './release-manifest.ts';
import { SHA256_HEX } from './release-validation.ts';
import { verifyTreeFiles } from './tree-files.ts';

export interface BuildSelection {
  /** A build directory holding `manifest.json` (wins over the others). */
  treeDir?: string;
  buildId?: string;
  /** @default 'out' */
  outDir?: string;
}

export interface LoadedBuild {
  dir: string;
  manifest: BuildManifest;
}

export async function resolveBuildDir(selection: BuildSelection): Promise<string> {
  if (selection.treeDir) return selection.treeDir;
  const outDir = selection.outDir ?? 'out';
  if (selection.buildId !== undefined) return path.join(outDir, checkBuildId(selection.buildId, '--build'));
  const newest = await newestLocalBuild(outDir);
  if (!newest) throw new PublishError('NoBuildToPublish', `${outDir} holds no complete build (a directory with ${MANIFEST_FILE})`, { hint: 'Run `props-api build` first, or name a tree with --tree DIR.' });
  return newest.dir;
}

export async function loadBuild(dir: string, options: { allowPartial: boolean }): Promise<LoadedBuild> {
  const manifest = await readJson<BuildManifest>(path.join(dir, MANIFEST_FILE));
  if (!manifest) throw new PublishError('NoBuildToPublish', `${dir} has no ${MANIFEST_FILE}`, { hint: 'Name a build directory written by `props-api build`.' });
  if (manifest.manifest_version !== MANIFEST_VERSION || !Array.isArray(manifest.files) || typeof manifest.build !== 'object' || manifest.build === null) {
    throw new PublishError('BuildTreeMismatch', `${path.join(dir, MANIFEST_FILE)} is not a version ${MANIFEST_VERSION} build manifest`, { hint: 'Rebuild with this version of props-api.' });
  }
  checkBuildId(manifest.build.id, `the build manifest in ${dir}`);
  const report = await readJson<BuildReport>(path.join(dir, BUILD_REPORT_FILE));
  if (report && report.failed > 0 && !options.allowPartial) {
    throw new PublishError('BuildNotPublishable', `Build ${manifest.build.id} had ${report.failed} failed job(s); nothing was published`, { hint: 'Fix the failures and rebuild, or publish the rest with --allow-partial (failing endpoints keep their previous version).' });
  }
  checkEntries(manifest.files, dir);
  await verifyTreeFiles(dir, manifest.files);
  return { dir, manifest };
}

/** The id (from a flag or a manifest) when it is of the form a build writes. */
function checkBuildId(id: unknown, source: string): string {
  if (isBuildId(id)) return id;
  throw new PublishError('InvalidBuildId', `${JSON.stringify(id)} (from ${source}) is not a build id; nothing was published`, {
    hint: `Build ids look like ${BUILD_ID_EXAMPLE} (as-of, trigger, content digest) and name a directory written by \`props-api build\`; rebuild rather than renaming one.`,
  });
}

/** Every entry well-formed, publishable and listed once. */
function checkEntries(files: readonly ManifestFile[], dir: string): void {
  const seen = new Set<string>();
  for (const file of files) {
    if (typeof file?.path !== 'string' || typeof file.sha256 !== 'string' || !SHA256_HEX.test(file.sha256) || !Number.isSafeInteger(file.bytes) || file.bytes < 0) {
      throw new PublishError('BuildTreeMismatch', `${path.join(dir, MANIFEST_FILE)} has a malformed file entry (${JSON.stringify(file?.path)}): each needs a path, a sha256 and a byte size`, { hint: 'Rebuild with this version of props-api.' });
    }
    checkPublishablePath(file.path, file.exporter);
    if (seen.has(file.path)) {
      throw new PublishError('DuplicatePath', `The build manifest in ${dir} lists ${file.path} more than once; nothing was published`, { exporterId: file.exporter, outputPath: file.path, hint: 'A build lists each path once: rebuild. If a fresh build lists a path twice too, two jobs write the same path; report it.' });
    }
    seen.add(file.path);
  }
}

function checkPublishablePath(treePath: string, exporterId: string): void {
  if (treePath === RELEASE_MANIFEST_PATH) {
    throw new PublishError('ReservedPath', `${treePath} is the publisher's release manifest and cannot be an endpoint file`, { exporterId, outputPath: treePath, hint: 'Give the endpoint another path.' });
  }
  if (!isSafeTreePath(treePath) || !treePath.startsWith(STABLE_PREFIX)) {
    throw new PublishError('ReservedPath', `${treePath} is not a plain path under ${STABLE_PREFIX}`, { exporterId, outputPath: treePath, hint: 'Only versioned API paths are published; check the exporter\'s path template.' });
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    throw new PublishError('BuildTreeMismatch', `${file} is not valid JSON`, { cause, hint: 'Rebuild; the build writes its manifest last and atomically.' });
  }
}

/**
 * Reading the files of a build tree without trusting the tree: a listed file must be a regular
 * file reached through no symlink at all (a link to `/etc/passwd`, or a directory link leading
 * out of the tree, is refused rather than followed), and its size and sha256 must be those of
 * its manifest entry. A publish checks every listed file this way before its first request that
 * changes the bucket, and reads each file this way again as it uploads it, so what is uploaded
 * is exactly what was checked.
 */
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { PublishError } from '../errors.ts';
import { sha256Hex } from '../serialize.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';

/** The manifest fields a tree file is checked against. */
export interface TreeFileEntry {
  path: string;
  sha256: string;
  bytes: number;
  exporter: string;
}

/** Files checked at once; each is read whole, so this bounds the memory a check takes. */
const VERIFY_CONCURRENCY = 16;

/** `O_NOFOLLOW` where the platform has it: opening a symlink then fails with `ELOOP`. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** Reads every listed file once (and keeps none): the tree is as its manifest says, or this throws. */
export async function verifyTreeFiles(treeDir: string, files: readonly TreeFileEntry[]): Promise<void> {
  const root = await treeRoot(treeDir);
  await forEachConcurrently(files, VERIFY_CONCURRENCY, async (file) => {
    await readTreeFile(root, file);
  });
}

/**
 * The build directory with symlinks resolved (the directory itself may be reached through one):
 * resolve it once and read its files with `readTreeFile`, which compares each file's real path with it.
 */
export async function treeRoot(treeDir: string): Promise<string> {
  return realpath(treeDir).catch((cause: unknown) => {
    throw new PublishError('BuildTreeMismatch', `The build directory ${treeDir} cannot be read`, { cause, hint: 'Name a build directory written by `props-api build`.' });
  });
}

/** The file's bytes, checked against its entry. `root` comes from `treeRoot`. */
export async function readTreeFile(root: string, file: TreeFileEntry): Promise<Buffer> {
  const full = path.join(root, file.path);
  const unreadable = (cause: unknown) =>
    new PublishError('BuildTreeMismatch', `The build manifest lists ${file.path} but the file cannot be read`, { exporterId: file.exporter, outputPath: file.path, cause, hint: 'Rebuild; a build tree must not be edited after it is written.' });
  const resolved = await realpath(full).catch((cause: unknown) => {
    throw unreadable(cause);
  });
  if (resolved !== full) throw unsafe(file, `it is reached through a symlink (it resolves to ${resolved})`);
  const handle = await open(full, OPEN_FLAGS).catch((cause: unknown) => {
    throw (cause as NodeJS.ErrnoException).code === 'ELOOP' ? unsafe(file, 'it is a symlink', cause) : unreadable(cause);
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw unsafe(file, 'it is not a regular file');
    if (stats.size !== file.bytes) throw mismatch(file, `it has ${stats.size} bytes, the manifest says ${file.bytes}`);
    const bytes = await handle.readFile();
    if (bytes.length !== file.bytes || sha256Hex(bytes) !== file.sha256) throw mismatch(file, 'its sha256 or size differs from the manifest');
    return bytes;
  } finally {
    await handle.close();
  }
}

function unsafe(file: TreeFileEntry, why: string, cause?: unknown): PublishError {
  return new PublishError('UnsafeTreeFile', `${file.path} is not a regular file inside the build tree: ${why}; nothing was published`, {
    exporterId: file.exporter,
    outputPath: file.path,
    cause,
    hint: 'A build writes only regular files. Rebuild instead of assembling or editing a tree by hand; symlinks are never followed.',
  });
}

function mismatch(file: TreeFileEntry, why: string): PublishError {
  return new PublishError('BuildTreeMismatch', `${file.path} does not match its manifest entry: ${why}`, {
    exporterId: file.exporter,
    outputPath: file.path,
    hint: 'The file changed after the build wrote it. Rebuild instead of editing build output.',
  });
}

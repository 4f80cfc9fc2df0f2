/**
 * The hash of the code that determines a build's files: every file under exporters/, pipeline/
 * and schemas/, and package-lock.json (library versions), by path and bytes. An incremental
 * build puts it in each endpoint's inputs digest (incremental.ts), so any change of that code
 * rebuilds every endpoint once; `npm start` compares it to reuse its last build
 * (start-fingerprint.ts).
 *
 * Left out: the parts of pipeline/ that no build imports, which shape no file (the benchmark,
 * diagnostics, the preview server, the typed client, schema diffs, the CI chores). Tests and
 * docs are outside the covered folders.
 *
 * Production builds run from a checkout (GitHub Actions), so the tree is there to hash; a tree
 * with none of these files means the code is not where this module expects it, which would make
 * every build's digest the same, so it is an error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { ExportError } from './errors.ts';
import { sha256Hex } from './serialize.ts';

/** The project root (holds exporters/, pipeline/, schemas/). */
export const CODE_ROOT = path.resolve(import.meta.dirname, '..');
/** What the hash covers, relative to the code root. */
export const OUTPUT_SOURCES = ['exporters/**', 'pipeline/**', 'schemas/**', 'package-lock.json'];
/** Folders of pipeline/ that no build imports (test/pipeline/source-hash.test.ts checks the build's imports). */
export const NOT_OUTPUT_SOURCES = ['bench', 'doctor', 'preview', 'client', 'schema-diff', 'ops'].map((dir) => `pipeline/${dir}/**`);

/** sha256 of the covered files' paths and bytes under `root`. */
export async function hashSourceTree(root = CODE_ROOT): Promise<string> {
  const files = (await fg(OUTPUT_SOURCES, { cwd: root, ignore: NOT_OUTPUT_SOURCES, onlyFiles: true, dot: false })).sort();
  if (files.length === 0) {
    throw new ExportError('BuildFailed', `Internal error: no source file under ${root} to hash (exporters/, pipeline/, schemas/)`, { hint: 'Run props-api from a checkout of the project.' });
  }
  const parts = await Promise.all(files.map(async (file) => `${file}\n${sha256Hex(await readFile(path.join(root, file)))}`));
  return sha256Hex(parts.join('\n'));
}

let running: Promise<string> | undefined;

/** The hash of the code this process runs: computed once, as the process loaded its code once. */
export function runningSourceHash(): Promise<string> {
  running ??= hashSourceTree();
  return running;
}

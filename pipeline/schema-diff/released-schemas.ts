/**
 * Where the released schemas come from for `props-api schema diff --against X`:
 * - a directory: `X/schemas/` when it exists (a checkout or unpacked release), else `X` itself;
 * - otherwise a git ref (tag, branch, commit): its `schemas/**\/*.schema.json` files are copied
 *   out of git (`git ls-tree` + `git show`) into a temporary directory.
 * The released API version is read from that tree's `pipeline/paths.ts` (`API_VERSION`), and its
 * published paths from its `generated/openapi.json`, when it has them.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../errors.ts';
import { OPENAPI_FILE, openApiPaths } from './diff-paths.ts';

const run = promisify(execFile);

export interface ReleasedSchemas {
  /** How the source was named, for messages: `dir out/release` or `git v1.2.0`. */
  label: string;
  /** A directory laid out like `schemas/`. */
  schemasDir: string;
  /** `API_VERSION` of the released tree; undefined when the source does not say. */
  apiVersion: string | undefined;
  /** Paths of the released `generated/openapi.json`; undefined when the source has none. */
  paths: string[] | undefined;
  /** Removes the temporary copy (a no-op for directories). */
  dispose(): Promise<void>;
}

/** `repoDir` is the git work tree whose history holds the ref (the project root). */
export async function openReleasedSchemas(against: string, repoDir: string): Promise<ReleasedSchemas> {
  if (await isDirectory(against)) {
    const nested = path.join(against, 'schemas');
    const apiVersion = parseApiVersion(await readFile(path.join(against, 'pipeline', 'paths.ts'), 'utf8').catch(() => ''));
    const paths = openApiPaths(await readFile(path.join(against, OPENAPI_FILE), 'utf8').catch(() => undefined));
    return { label: `dir ${against}`, schemasDir: (await isDirectory(nested)) ? nested : against, apiVersion, paths, dispose: async () => undefined };
  }
  const commit = await git(repoDir, ['rev-parse', '--verify', '--quiet', `${against}^{commit}`]).catch(() => undefined);
  if (commit === undefined) {
    throw new ConfigError('SchemaBaselineNotFound', `\`${against}\` is neither a directory nor a git ref of ${repoDir}`, {
      hint: 'Pass a directory holding the released schemas, or a tag such as `v1.0.0` (fetch tags first in a shallow clone).',
    });
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'props-api-released-schemas-'));
  try {
    const listed = await git(repoDir, ['ls-tree', '-r', '--name-only', commit.trim(), '--', 'schemas/']);
    for (const file of listed.split('\n').filter((f) => f.endsWith('.schema.json'))) {
      const target = path.join(dir, path.relative('schemas', file));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, await git(repoDir, ['show', `${commit.trim()}:${file}`]));
    }
    const source = await git(repoDir, ['show', `${commit.trim()}:pipeline/paths.ts`]).catch(() => '');
    const paths = openApiPaths(await git(repoDir, ['show', `${commit.trim()}:${OPENAPI_FILE}`]).catch(() => undefined));
    return { label: `git ${against}`, schemasDir: dir, apiVersion: parseApiVersion(source), paths, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The string literal of `export const API_VERSION = 'v1'` in a `pipeline/paths.ts` source. */
export function parseApiVersion(source: string): string | undefined {
  return /export\s+const\s+API_VERSION\s*(?::\s*string\s*)?=\s*['"]([^'"]+)['"]/.exec(source)?.[1];
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
}

async function isDirectory(candidate: string): Promise<boolean> {
  return stat(candidate).then((s) => s.isDirectory(), () => false);
}

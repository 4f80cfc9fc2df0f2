/**
 * Child processes of the tests started from one esbuild bundle (esbuild is the compiler tsx itself
 * uses) instead of through `--import tsx`: the child parses one file instead of registering tsx's
 * hooks and resolving, compiling and loading several hundred modules, which is most of a CLI
 * child's 1.5–2.5 s of CPU. Each bundle is built once per test run, in the run's directory (the
 * first worker to want it builds it; `rename` makes it appear whole), and a worker reuses it for
 * all its test files.
 *
 * The bundle behaves as the modules do when run through tsx: `import.meta.url` and
 * `import.meta.dirname` in the repository's sources are replaced by the source file's own, so
 * `schemas/`, `generated/`, `package.json` and the workflow files resolve as before; native
 * packages and the compilers stay outside, loaded from `node_modules` by absolute path when the
 * code imports them. The banner gives the bundled CommonJS packages a `require`. One difference
 * remains: an endpoint's inputs digest hashes its functions' source, which esbuild writes
 * differently in a bundle, so a build by the bundle does not carry over files built in-process or
 * through tsx (nor the reverse): a test that relies on carry-over runs all its builds one way.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { inject } from 'vitest';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * Native addons (DuckDB's bindings, not its JavaScript API: the bindings are then loaded when a
 * command first opens DuckDB, as through tsx), and the compilers only `generate` and the client
 * renderer load (typescript alone is 10 MB to parse).
 */
const EXTERNAL = /^(@duckdb\/node-bindings|@lydell\/node-pty|typescript|json-schema-to-typescript)$/;
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** A module file, or module text whose imports resolve from the repository root. */
export type BundleEntry = { file: string } | { source: string };

const bundles = new Map<string, Promise<string>>();

/** The bundle file of `entry` (run it as `node FILE ARGS…`), built under `name` once per run. */
export function bundledChild(name: string, entry: BundleEntry): Promise<string> {
  let file = bundles.get(name);
  if (file === undefined) bundles.set(name, (file = buildOnce(name, entry)));
  return file;
}

/** The bundle of the CLI: `node FILE build …` is `props-api build …` (run as `scripts/props-api.js` runs it). */
export function cliBundle(): Promise<string> {
  return mainBundle('props-api-cli', './pipeline/cli.ts');
}

/** The bundle that runs `main(argv)` of `module` (a path from the repository root) and exits with its code. */
export function mainBundle(name: string, module: string): Promise<string> {
  return bundledChild(name, { source: `import { main } from '${module}';\nprocess.exitCode = await main(process.argv.slice(2));\n` });
}

async function buildOnce(name: string, entry: BundleEntry): Promise<string> {
  const dir = path.join(inject('runDir'), 'bundles');
  const outfile = path.join(dir, `${name}.mjs`);
  if (existsSync(outfile)) return outfile;
  await mkdir(dir, { recursive: true });
  const partial = path.join(dir, `${name}.${randomUUID()}.partial.mjs`);
  const { build } = await import('esbuild');
  await build({
    ...('file' in entry ? { entryPoints: [entry.file] } : { stdin: { contents: entry.source, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `${name}.ts` } }),
    outfile: partial, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: { js: REQUIRE_BANNER }, plugins: [asInTsx()], logLevel: 'error',
  });
  await rename(partial, outfile);
  return outfile;
}

/** Externals by absolute path (the bundle lives outside the repository); each source's `import.meta` its own. */
function asInTsx(): Plugin {
  const skip = Symbol('resolve once');
  return {
    name: 'as-in-tsx',
    setup(build) {
      build.onResolve({ filter: EXTERNAL }, async ({ path: specifier, kind, resolveDir, importer, pluginData }) => {
        if (pluginData === skip) return undefined;
        const resolved = await build.resolve(specifier, { kind, resolveDir, importer, pluginData: skip });
        return { path: resolved.path, external: true };
      });
      build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
        if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const text = await readFile(file, 'utf8');
        if (!text.includes('import.meta')) return undefined;
        const contents = text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href))
          .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(file)))
          .replaceAll('import.meta.filename', JSON.stringify(file));
        return { contents, loader: 'ts' };
      });
    },
  };
}

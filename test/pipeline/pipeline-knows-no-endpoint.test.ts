/**
 * The pipeline knows no endpoint (issue 19): no file under pipeline/ imports from exporters/,
 * except the composition root — the CLI's commands (pipeline/commands/) and the benchmark
 * harness (pipeline/bench/) — which import the registry module, exporters/index.ts, and nothing
 * else of exporters/, to pass the registry and its endpoint rules in.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXPORTERS = path.join(ROOT, 'exporters');
const REGISTRY = path.join(EXPORTERS, 'index.ts');
const COMPOSITION_ROOTS = ['pipeline/commands/', 'pipeline/bench/'];

/** Every module specifier of a file: static imports and re-exports (type-only included), and dynamic imports. */
function specifiersOf(source: string): string[] {
  const found = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g), ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g), ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1]!);
}

test('no file under pipeline/ imports from exporters/, but the composition root imports the registry', async () => {
  const files = await fg('pipeline/**/*.{ts,js,mjs}', { cwd: ROOT });
  expect(files.length).toBeGreaterThan(50);
  const offending: string[] = [];
  for (const file of files) {
    const source = await readFile(path.join(ROOT, file), 'utf8');
    for (const specifier of specifiersOf(source).filter((s) => s.startsWith('.'))) {
      const target = path.resolve(ROOT, path.dirname(file), specifier);
      if (!target.startsWith(`${EXPORTERS}${path.sep}`)) continue;
      const allowed = target === REGISTRY && COMPOSITION_ROOTS.some((root) => file.startsWith(root));
      if (!allowed) offending.push(`${file} imports ${specifier}`);
    }
  }
  expect(offending).toEqual([]);
});

test('the check sees every form of import', () => {
  const source = [
    "import a from '../../exporters/results/daily.ts';",
    "import type { B } from '../exporters/status/freshness.ts';",
    "export { c } from '../exporters/index.ts';",
    "const d = await import('../exporters/live/scores.ts');",
    "import '../exporters/side-effect.ts';",
  ].join('\n');
  expect(specifiersOf(source)).toEqual(['../../exporters/results/daily.ts', '../exporters/status/freshness.ts', '../exporters/index.ts', '../exporters/live/scores.ts', '../exporters/side-effect.ts']);
});

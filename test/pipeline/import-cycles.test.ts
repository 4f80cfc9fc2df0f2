/**
 * Issue 19: no module imports itself through others, type-only imports and dynamic `import()`
 * included (a type-only cycle still ties two modules into one unit to read and change). The graph
 * comes from dpdm, which parses with the TypeScript compiler and keeps `import type` edges unless
 * told to transform them away; every relative import must resolve, so a file it cannot follow
 * cannot hide a cycle.
 */
import { parseCircular, parseDependencyTree } from 'dpdm';
import { expect, test } from 'vitest';

const SOURCES = ['pipeline', 'exporters', 'generated', 'scripts', 'test'].map((dir) => `${dir}/**/*.{ts,js,mjs}`);

const tree = await parseDependencyTree(SOURCES, {
  context: process.cwd(), extensions: ['.ts', '.js', '.mjs', '.json'], js: ['.ts', '.js', '.mjs'],
  tsconfig: 'tsconfig.json', transform: false, skipDynamicImports: false, exclude: /node_modules/,
});

test('every relative import resolves to a file of the graph', () => {
  const unresolved = Object.entries(tree).flatMap(([file, dependencies]) =>
    (dependencies ?? []).filter((d) => d.request.startsWith('.') && d.id === null).map((d) => `${file} → ${d.request}`));
  expect(unresolved).toEqual([]);
  expect(Object.keys(tree)).toContain('pipeline/run-build.ts');
});

test('the graph keeps type-only imports', () => {
  // limits.ts imports manifest.ts for a type and nothing else.
  expect((tree['pipeline/limits.ts'] ?? []).map((d) => d.id)).toContain('pipeline/manifest.ts');
});

test('no import cycles, type-only and dynamic imports included', () => {
  const cycles = parseCircular(tree, false).map((cycle) => [...cycle, cycle[0]].join(' → '));
  expect(cycles).toEqual([]);
});

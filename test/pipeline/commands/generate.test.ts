/**
 * The committed docs artifacts in generated/ (openapi.json, docs/index.html, package.json,
 * index.d.ts) are what `npm run generate` renders from the current schemas and registry, and
 * generated/ holds nothing that it does not write.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { renderDocsArtifacts } from '../../../pipeline/docs/generate-docs.ts';
import { GENERATED_DIR, renderGeneratedTypes } from '../../../pipeline/generate-types.ts';

const docs = await renderDocsArtifacts({ exporters });

test('generated/ docs artifacts are current (run `npm run generate`)', async () => {
  expect([...docs.keys()].sort()).toEqual(['docs/index.html', 'index.d.ts', 'openapi.json', 'package.json']);
  for (const [relative, text] of docs) {
    const actual = await readFile(path.join(GENERATED_DIR, relative), 'utf8').catch(() => '(missing)');
    expect(actual === text, `generated/${relative} is stale: run \`npm run generate\``).toBe(true);
  }
});

test('generated/ holds only files that `npm run generate` writes (issue 19: no precompiled validators)', async () => {
  const written = [...(await renderGeneratedTypes()).keys(), ...docs.keys()].sort();
  expect((await fg('**/*', { cwd: GENERATED_DIR, dot: true })).sort()).toEqual(written);
});

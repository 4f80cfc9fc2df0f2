/**
 * The committed docs artifacts in generated/ (openapi.json, docs/index.html, package.json,
 * index.d.ts) are what `npm run generate` renders from the current schemas and registry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { exporters } from '../../../exporters/index.ts';
import { renderDocsArtifacts } from '../../../pipeline/docs/generate-docs.ts';
import { GENERATED_DIR } from '../../../pipeline/generate-types.ts';

test('generated/ docs artifacts are current (run `npm run generate`)', async () => {
  const expected = await renderDocsArtifacts({ exporters });
  expect([...expected.keys()].sort()).toEqual(['docs/index.html', 'index.d.ts', 'openapi.json', 'package.json']);
  for (const [relative, text] of expected) {
    const actual = await readFile(path.join(GENERATED_DIR, relative), 'utf8').catch(() => '(missing)');
    expect(actual === text, `generated/${relative} is stale: run \`npm run generate\``).toBe(true);
  }
});

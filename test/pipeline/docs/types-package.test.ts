/**
 * generated/ as the `@props-api/types` package: a TypeScript consumer in a temporary project with
 * the package under node_modules compiles `import type { ResultsDaily } from '@props-api/types'`
 * under nodenext and bundler resolution (TypeScript compiler API), and a consumer that misuses the
 * type does not.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GENERATED_DIR } from '../../../pipeline/generate-types.ts';

let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'types-consumer-'));
  await cp(GENERATED_DIR, path.join(project, 'node_modules', '@props-api', 'types'), { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  await writeFile(path.join(project, 'good.ts'), [
    "import type { ResultsDaily, PredictionsDaily } from '@props-api/types';",
    'export function winRate(file: ResultsDaily): number | null { return file.summary.win_rate; }',
    "export const firstGame = (file: PredictionsDaily): string | undefined => file.games[0]?.game_id;",
  ].join('\n'));
  await writeFile(path.join(project, 'bad.ts'), [
    "import type { ResultsDaily } from '@props-api/types';",
    'export function winRate(file: ResultsDaily): number { return file.summary.win_rate; }',
  ].join('\n'));
});
afterAll(async () => { await rm(project, { recursive: true, force: true }); });

function diagnostics(file: string, resolution: 'nodenext' | 'bundler'): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
    ...(resolution === 'nodenext'
      ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
      : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }),
  };
  const program = ts.createProgram([path.join(project, file)], options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('@props-api/types', () => {
  test.each(['nodenext', 'bundler'] as const)('a consumer compiles with %s resolution', (resolution) => {
    expect(diagnostics('good.ts', resolution)).toEqual([]);
  });

  test('misusing a type is a compile error (win_rate may be null)', () => {
    expect(diagnostics('bad.ts', 'nodenext').join('\n')).toMatch(/Type 'number \| null' is not assignable to type 'number'/);
  });
});

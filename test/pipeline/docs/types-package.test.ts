/**
 * generated/ as the `@props-api/client` package's types: a TypeScript consumer in a temporary
 * project with the package under node_modules compiles `import type { ResultsDaily } from
 * '@props-api/client'` under nodenext and bundler resolution (TypeScript compiler API), imports a
 * nested type by its name from the root and a family file by deep import (issue 22), and a consumer
 * that misuses the type does not compile. The client itself: test/browser/typed-client.test.ts.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GENERATED_DIR } from '../../../pipeline/generate-types.ts';

let project: string;

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'types-consumer-'));
  await cp(GENERATED_DIR, path.join(project, 'node_modules', '@props-api', 'client'), { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  await writeFile(path.join(project, 'good.ts'), [
    "import type { ResultsDaily, PredictionsDaily, ResultRow, BreakdownStats } from '@props-api/client';",
    "import type { ResultRow as DeepRow } from '@props-api/client/results/daily';",
    'export function winRate(file: ResultsDaily): number | null { return file.summary.win_rate; }',
    "export const firstGame = (file: PredictionsDaily): string | undefined => file.games[0]?.game_id;",
    'export const rows = (file: ResultsDaily): ResultRow[] => file.results;',
    'export const deepRows = (file: ResultsDaily): DeepRow[] => file.results;',
    'export const elite = (file: ResultsDaily): BreakdownStats => file.breakdowns.by_player_tier.elite;',
  ].join('\n'));
  await writeFile(path.join(project, 'bad.ts'), [
    "import type { ResultsDaily } from '@props-api/client';",
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

describe('@props-api/client types', () => {
  test.each(['nodenext', 'bundler'] as const)('a consumer compiles with %s resolution', (resolution) => {
    expect(diagnostics('good.ts', resolution)).toEqual([]);
  });

  test('every named type is exported from the root once, none with a numbered name (no BreakdownStats1…)', async () => {
    const index = await readFile(path.join(GENERATED_DIR, 'index.d.ts'), 'utf8');
    const names = [...index.matchAll(/^export type \{ ([^}]*) \} from '\.\/[a-z-]+\/[a-z-]+\.js';$/gm)].flatMap((m) => m[1]!.split(', '));
    const declared = new Set<string>();
    for (const file of await fg('*/*.ts', { cwd: GENERATED_DIR })) {
      for (const m of (await readFile(path.join(GENERATED_DIR, file), 'utf8')).matchAll(/^export (?:interface|type) (\w+)/gm)) declared.add(m[1]!);
    }
    expect([...names].sort()).toEqual([...declared].sort());
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => /\d$/.test(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['ResultRow', 'BreakdownStats', 'ResultsDailySummary', 'LiveGradingSummary']));
  });

  test('misusing a type is a compile error (win_rate may be null)', () => {
    expect(diagnostics('bad.ts', 'nodenext').join('\n')).toMatch(/Type 'number \| null' is not assignable to type 'number'/);
  });
});

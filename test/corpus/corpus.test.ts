/**
 * The bad-input corpus (issue 11): every case in `test/corpus/cases/` through the real pipeline.
 * A case gives a clear error, whose printed chain names what it must (endpoint, output path, row,
 * field), with nothing written; or the documented sanitised output, every file of which parses
 * and matches its schema (checked here with a registry of our own, not the build's). Cases
 * marked `e2e` also publish the clean fixture build to the loopback bucket first and then
 * publish whatever the bad build left: the bucket stays a complete release, nothing published
 * is lost, nothing invalid goes live.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExportError, formatErrorChain } from '../../pipeline/errors.ts';
import type { BuildManifest } from '../../pipeline/manifest.ts';
import { resolveBuildDir } from '../../pipeline/publish/load-build.ts';
import { publishBuild } from '../../pipeline/publish/publish-build.ts';
import type { SchemaRegistry } from '../../pipeline/schema-registry.ts';
import { auditSchemas, invalidFileProblems, lostFileProblems, tornReleaseProblems } from '../helpers/bucket-audit.ts';
import { useTally } from '../helpers/fault-tally.ts';
import { openTestStore, startTestGcs } from '../helpers/gcs-bucket.ts';
import type { GcsTestServer } from '../helpers/gcs-server/gcs-server.ts';
import { stableSnapshot } from '../helpers/release-checks.ts';
import { atPointer, listCases, loadCase, type ErrorExpectation, type LoadedCase, type OutputExpectation } from './corpus-case.ts';
import { buildCorpusCase } from './run-case.ts';

const tally = useTally('bad-input-corpus');
const files = listCases();
let schemas: SchemaRegistry;
let gcs: GcsTestServer;
beforeAll(async () => {
  schemas = await auditSchemas();
  gcs = await startTestGcs();
});
afterAll(() => gcs?.close());

const builtTrees = (outDir: string) => fg.sync('*/manifest.json', { cwd: outDir }).sort();

function checkError(error: unknown, expected: ErrorExpectation): void {
  expect(error, 'the build must fail').toBeInstanceOf(ExportError);
  const failures = (error as { failures?: ExportError[] }).failures ?? [error as ExportError];
  expect(failures.map((f) => f.code)).toContain(expected.code);
  const printed = formatErrorChain(error);
  expect(printed).toMatch(new RegExp(expected.message));
  for (const name of expected.names) expect(printed, `the error names ${name}`).toContain(name);
}

/** Every file of the tree parses and matches its schema; the case's pointers hold; absent paths are absent. */
async function checkOutput(treeDir: string, expected: OutputExpectation): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(treeDir, 'manifest.json'), 'utf8')) as BuildManifest;
  const invalid: string[] = [];
  const documents = new Map<string, unknown>();
  for (const file of manifest.files) {
    const text = await readFile(path.join(treeDir, file.path), 'utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      invalid.push(`${file.path}: not JSON`);
      continue;
    }
    documents.set(file.path, document);
    const validate = schemas.validator(file.schema);
    if (!validate(document)) invalid.push(`${file.path}: ${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message}`);
  }
  expect(tally.problems('invalid', invalid)).toEqual([]);
  for (const [file, checks] of Object.entries(expected.files ?? {})) {
    expect(documents.has(file), `${file} is written`).toBe(true);
    for (const { pointer, equals } of checks) expect(atPointer(documents.get(file), pointer), `${file}#${pointer}`).toEqual(equals);
  }
  for (const file of expected.absent ?? []) expect(documents.has(file), `${file} is not written`).toBe(false);
}

async function runCase(loaded: LoadedCase, outDir: string): Promise<void> {
  const { case: spec } = loaded;
  const prefix = `corpus-${path.basename(spec.fixture)}-${files.indexOf(`cases/${spec.name}.json`)}`;
  const store = openTestStore(gcs, { prefix });
  let before: ReturnType<typeof stableSnapshot> | undefined;
  if (spec.e2e) {
    const clean = await buildCorpusCase(loaded, { tables: loaded.cleanTables, feedBodies: loaded.cleanFeedBodies, outDir });
    if (clean.outcome instanceof Error) throw new Error(`the clean fixture build failed:\n${formatErrorChain(clean.outcome)}`);
    await publishBuild({ store, treeDir: clean.outcome.treeDir! });
    before = stableSnapshot(gcs, prefix);
  }
  const treesBefore = builtTrees(outDir);
  const { outcome } = await buildCorpusCase(loaded, { tables: loaded.tables, feedBodies: loaded.feedBodies, outDir });
  if ('error' in spec.expect) {
    checkError(outcome, spec.expect.error);
    expect(builtTrees(outDir), 'a failed build writes nothing').toEqual(treesBefore);
  } else {
    if (outcome instanceof Error) throw new Error(`expected the documented output, got:\n${formatErrorChain(outcome)}`);
    await checkOutput(outcome.treeDir!, spec.expect.output);
  }
  if (!before) return;
  // What an operator's next `props-api publish` does: publish the newest complete build.
  const published = await publishBuild({ store, treeDir: await resolveBuildDir({ outDir }) });
  expect(tally.problems('torn', tornReleaseProblems(gcs, prefix))).toEqual([]);
  expect(tally.problems('lost', lostFileProblems(before, gcs, prefix, { allowedDrops: published.plan.delete }))).toEqual([]);
  expect(tally.problems('invalid', invalidFileProblems(gcs, prefix, schemas))).toEqual([]);
  if ('error' in spec.expect) expect(stableSnapshot(gcs, prefix), 'a failed build changes nothing published').toEqual(before);
}

describe('bad-input corpus', () => {
  test('has at least 30 cases', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test.for(files.map((file) => path.basename(file, '.json')))('%s', async (name) => {
    const loaded = loadCase(`cases/${name}.json`);
    expect(loaded.case.about, 'every case says what is wrong').toBeTruthy();
    const outDir = await mkdtemp(path.join(tmpdir(), 'props-api-corpus-'));
    try {
      await runCase(loaded, outDir);
      tally.add('badInputs');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

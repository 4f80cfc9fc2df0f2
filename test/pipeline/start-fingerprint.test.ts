/**
 * What `npm start` counts as "the same build inputs" (issue 21): each part of the fingerprint
 * moves with what it covers and with nothing else. A small stand-in code tree, a tiny file as
 * the warehouse.
 */
import { appendFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CODE_ROOT } from '../../pipeline/source-hash.ts';
import { computeStartFingerprint, type FingerprintInputs } from '../../pipeline/start-fingerprint.ts';

let dir: string;
let inputs: FingerprintInputs;
const inCode = (file: string) => path.join(dir, 'code', file);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'start-fingerprint-'));
  for (const file of ['exporters/a.ts', 'pipeline/b.ts', 'schemas/c.schema.json', 'package-lock.json', 'README.md', 'test/d.test.ts']) {
    await mkdir(path.dirname(inCode(file)), { recursive: true });
    await writeFile(inCode(file), `${file}\n`);
  }
  await writeFile(path.join(dir, 'warehouse.duckdb'), 'rows');
  inputs = { warehouseFile: path.join(dir, 'warehouse.duckdb'), options: { trigger: 'all' }, codeRoot: path.join(dir, 'code') };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

test('the same inputs give the same fingerprint', async () => {
  expect(await computeStartFingerprint(inputs)).toEqual(await computeStartFingerprint(inputs));
});

test('each source under exporters/, pipeline/, schemas/ and package-lock.json moves only the code part', async () => {
  for (const file of ['exporters/a.ts', 'pipeline/b.ts', 'schemas/c.schema.json', 'package-lock.json']) {
    const before = await computeStartFingerprint(inputs);
    await appendFile(inCode(file), '// changed\n');
    const after = await computeStartFingerprint(inputs);
    expect(after.code, file).not.toBe(before.code);
    expect({ ...after, code: before.code }, file).toEqual(before);
  }
});

test('files outside the build sources (docs, tests) leave it unchanged', async () => {
  const before = await computeStartFingerprint(inputs);
  await appendFile(inCode('README.md'), 'more\n');
  await appendFile(inCode('test/d.test.ts'), '// more\n');
  expect(await computeStartFingerprint(inputs)).toEqual(before);
});

test('a touched warehouse file moves the warehouse part; other options move the options part', async () => {
  const before = await computeStartFingerprint(inputs);
  const when = new Date('2031-05-06T07:08:09Z');
  await utimes(inputs.warehouseFile, when, when);
  const touched = await computeStartFingerprint(inputs);
  expect(touched.warehouse).toBe(`4:${when.getTime()}`);
  expect({ ...touched, warehouse: before.warehouse }).toEqual(before);
  const other = await computeStartFingerprint({ ...inputs, options: { trigger: 'daily' } });
  expect(other.options).not.toBe(touched.options);
  expect({ ...other, options: touched.options }).toEqual(touched);
});

test('by default it covers the project itself', () => {
  expect(path.join(CODE_ROOT, 'pipeline', 'start-fingerprint.ts')).toBe(path.resolve(import.meta.dirname, '../../pipeline/start-fingerprint.ts'));
});

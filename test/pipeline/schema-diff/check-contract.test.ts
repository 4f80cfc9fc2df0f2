/**
 * `checkSchemaContract` against a release read from git (a temporary repository with a tag) and
 * from a directory: a breaking change fails unless API_VERSION was bumped; an unknown source is a
 * `SchemaBaselineNotFound` error.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExportError } from '../../../pipeline/errors.ts';
import { checkSchemaContract, formatFinding } from '../../../pipeline/schema-diff/check-contract.ts';
import { parseApiVersion } from '../../../pipeline/schema-diff/released-schemas.ts';
import { endpoint, FILE } from './schema-pair.ts';

let repo: string;
let released: string;
const lines: string[] = [];

const PATHS = ['/v1/demo/{date}.json', '/v1/demo/latest.json'];

async function writeTree(root: string, required: string[], version: string, paths = PATHS): Promise<void> {
  const file = endpoint({ id: { type: 'string' }, points: { type: 'integer' } }, required);
  await mkdir(path.join(root, 'schemas', 'demo'), { recursive: true });
  await mkdir(path.join(root, 'pipeline'), { recursive: true });
  await mkdir(path.join(root, 'generated'), { recursive: true });
  await writeFile(path.join(root, 'schemas', FILE), JSON.stringify(file.schema));
  await writeFile(path.join(root, 'pipeline', 'paths.ts'), `export const API_VERSION = '${version}';\n`);
  await writeFile(path.join(root, 'generated', 'openapi.json'), JSON.stringify({ openapi: '3.1.0', paths: Object.fromEntries(paths.map((p) => [p, {}])) }));
}

const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'schema-contract-'));
  await writeTree(repo, ['id', 'points'], 'v1');
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'release');
  git('tag', 'v1.0.0');
  released = `${repo}-released`;
  await cp(repo, released, { recursive: true });
  await writeTree(repo, ['id'], 'v1'); // points is no longer required: breaking
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(released, { recursive: true, force: true });
});

const check = (against: string, apiVersion: string) => checkSchemaContract({ against, repoDir: repo, schemasDir: path.join(repo, 'schemas'), apiVersion, print: (l) => lines.push(l) });

describe('checkSchemaContract', () => {
  test('a breaking change against a git tag without a version bump fails with BreakingSchemaChange', async () => {
    lines.length = 0;
    const error = await check('v1.0.0', 'v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as ExportError).code).toBe('BreakingSchemaChange');
    expect(lines).toContain(`BREAKING ${FILE}#/properties/points points [no-longer-required] required → optional`);
  });

  test('the same change passes once API_VERSION differs from the released one', async () => {
    const result = await check('v1.0.0', 'v2');
    expect(result.releasedVersion).toBe('v1');
    expect(result.bumped).toBe(true);
    expect(result.findings.map((f) => f.rule)).toEqual(['no-longer-required']);
  });

  test('a released directory (checkout with schemas/ and pipeline/paths.ts) works like a ref', async () => {
    await expect(check(released, 'v1')).rejects.toMatchObject({ code: 'BreakingSchemaChange' });
    expect((await check(released, 'v3')).releasedVersion).toBe('v1');
  });

  test('no change passes with the same version', async () => {
    await writeTree(repo, ['id', 'points'], 'v1');
    expect((await check('v1.0.0', 'v1')).findings).toEqual([]);
    await writeTree(repo, ['id'], 'v1');
  });

  test('a published path that is gone (moved alias) is breaking; a new path is not', async () => {
    await writeTree(repo, ['id', 'points'], 'v1', ['/v1/demo/{date}.json', '/v1/demo/today.json']);
    lines.length = 0;
    await expect(check('v1.0.0', 'v1')).rejects.toMatchObject({ code: 'BreakingSchemaChange' });
    expect(lines).toContain('BREAKING generated/openapi.json#/paths/~1v1~1demo~1latest.json [path-removed] GET /v1/demo/latest.json is no longer published');
    expect(lines).toContain('ok       generated/openapi.json#/paths/~1v1~1demo~1today.json [path-added] GET /v1/demo/today.json is new');
    await writeTree(repo, ['id'], 'v1');
  });

  test('neither a directory nor a ref is SchemaBaselineNotFound', async () => {
    await expect(check('no-such-tag', 'v1')).rejects.toMatchObject({ code: 'SchemaBaselineNotFound' });
  });
});

describe('helpers', () => {
  test('parseApiVersion reads the API_VERSION literal', () => {
    expect(parseApiVersion("/** x */\nexport const API_VERSION = 'v7';\n")).toBe('v7');
    expect(parseApiVersion('export const API_VERSION: string = "v2";')).toBe('v2');
    expect(parseApiVersion('const OTHER = 1;')).toBeUndefined();
  });

  test('a finding declared in a shared file names both files', () => {
    const line = formatFinding({ rule: 'became-nullable', breaking: true, file: 'a/b.schema.json', location: '_shared/c.schema.json#/$defs/x/properties/y', field: 'x.y', detail: 'not nullable → nullable' });
    expect(line).toBe('BREAKING a/b.schema.json (_shared/c.schema.json#/$defs/x/properties/y) x.y [became-nullable] not nullable → nullable');
  });
});

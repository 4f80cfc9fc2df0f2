/**
 * Schema registries are shared by the content of their schema files: building again with the same
 * files reuses the compiled validators (a registry compiled the draft 2020-12 meta-schema and every
 * payload schema it validated, per build, before), and a changed file gets a registry of its own.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSchemaRegistry } from '../../pipeline/schema-registry.ts';
import { TOY_SCHEMA_ID, writeToySchemas } from '../helpers/toy-exporters.ts';

const dirs: string[] = [];
let toy: string;
beforeAll(async () => {
  toy = await writeToySchemas();
  dirs.push(toy);
});
afterAll(async () => { for (const dir of dirs) await rm(dir, { recursive: true, force: true }); });

const file = (dir: string) => path.join(dir, 'toy', 'daily.schema.json');

test('the same schema files, in this directory or a copy, give the same registry and validators', async () => {
  const first = await createSchemaRegistry(toy);
  const copy = await mkdtemp(path.join(os.tmpdir(), 'toy-schemas-copy-'));
  dirs.push(copy);
  await cp(toy, copy, { recursive: true });
  const again = await createSchemaRegistry(copy);
  expect(again).toBe(first);
  expect(again.validator(TOY_SCHEMA_ID)).toBe(first.validator(TOY_SCHEMA_ID));
});

test('a changed schema file gets a registry of its own, which validates by the new text', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'toy-schemas-changed-'));
  dirs.push(dir);
  await cp(toy, dir, { recursive: true });
  const before = await createSchemaRegistry(dir);
  const payload = { date: '2025-03-14', generated_at: '2025-03-15T10:00:00Z', total: 12 };
  expect(before.validator(TOY_SCHEMA_ID)(payload)).toBe(true);
  const schema = JSON.parse(await readFile(file(dir), 'utf8')) as { properties: { total: { type: string } } };
  schema.properties.total.type = 'string';
  await writeFile(file(dir), JSON.stringify(schema));
  const after = await createSchemaRegistry(dir);
  expect(after).not.toBe(before);
  expect(after.validator(TOY_SCHEMA_ID)(payload)).toBe(false);
  expect(before.validator(TOY_SCHEMA_ID)(payload)).toBe(true); // a registry already handed out keeps its schemas
});

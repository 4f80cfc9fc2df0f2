/**
 * The bad-input corpus: one JSON file per case under `test/corpus/cases/`, each a base fixture
 * (`test/corpus/fixtures/<name>.json`: warehouse tables, the build's clock and, for the live
 * family, the balldontlie feed page) plus mutations, the exporters to build and the expected
 * outcome. This module loads a case into plain data; `corpus.test.ts` runs it.
 *
 * Case fields:
 * - `about`: what is wrong with the input, in one line;
 * - `fixture`, `only` (exporter ids), optional `asOf`, `dates`;
 * - `mutate`: edits of the fixture tables, in order: `{ table, where, set }` changes matching rows,
 *   `{ table, add }` appends a row, `{ table, copy: where, set? }` appends copies of matching rows;
 * - `feed`: `{ set: [{ pointer, value }] }` edits the fixture's feed page (JSON pointers), or
 *   `{ raw: [bodies] }` replaces it with raw answer bodies (one per page);
 * - `expect`: `{ error: { code, message, names } }` (the printed error chain matches the regular
 *   expression `message` and contains every string of `names`: endpoint, path, row, field), or
 *   `{ output: { files: { path: [{ pointer, equals }] }, absent: [paths], documented } }` for a
 *   documented sanitised output (`documented` says where the rule is written down);
 * - `e2e`: also publish the clean fixture build to the loopback bucket first, then the bad one.
 *
 * Values that JSON cannot hold are spelled as objects: `{ "$number": "NaN" | "Infinity" |
 * "-Infinity" }`, and `{ "$repeat": [text, count] }` for a very long string.
 */
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';
import type { CaseTables } from '../helpers/case-warehouse.ts';

export const CORPUS_DIR = new URL('./', import.meta.url).pathname;

type Row = Record<string, unknown>;
export type Mutation =
  | { table: string; where: Row; set: Row }
  | { table: string; add: Row }
  | { table: string; copy: Row; set?: Row };

export interface ErrorExpectation { code: string; message: string; names: string[] }
export interface OutputExpectation {
  files?: Record<string, { pointer: string; equals: unknown }[]>;
  absent?: string[];
  documented: string;
}

export interface CorpusCase {
  /** The file name without `.json` (set when loaded). */
  name: string;
  about: string;
  fixture: string;
  only: string[];
  asOf?: string;
  dates?: string[];
  mutate?: Mutation[];
  feed?: { set?: { pointer: string; value: unknown }[]; raw?: string[] };
  expect: { error: ErrorExpectation } | { output: OutputExpectation };
  e2e?: boolean;
}

export interface Fixture { about: string; asOf: string; tables: CaseTables; feed?: { data: unknown[] } }

export interface LoadedCase {
  case: CorpusCase;
  asOf: string;
  /** The fixture's tables with the case's mutations applied. */
  tables: CaseTables;
  /** The fixture's tables as they are (the clean build of end-to-end cases). */
  cleanTables: CaseTables;
  /** Answer bodies of the loopback feed, one per page; undefined when the fixture has no feed. */
  feedBodies: string[] | undefined;
  cleanFeedBodies: string[] | undefined;
}

export function listCases(): string[] {
  return fg.sync('cases/*.json', { cwd: CORPUS_DIR }).sort();
}

export function loadCase(file: string): LoadedCase {
  const spec = { ...(revive(JSON.parse(readFileSync(`${CORPUS_DIR}${file}`, 'utf8'))) as CorpusCase), name: file.replace(/^.*\//, '').replace(/\.json$/, '') };
  const fixture = revive(JSON.parse(readFileSync(`${CORPUS_DIR}fixtures/${spec.fixture}.json`, 'utf8'))) as Fixture;
  const tables = structuredClone(fixture.tables) as Record<string, Row[]>;
  for (const mutation of spec.mutate ?? []) applyMutation(tables, mutation, spec.name);
  const page = fixture.feed ? structuredClone(fixture.feed) : undefined;
  for (const { pointer, value } of spec.feed?.set ?? []) setPointer(page, pointer, value, spec.name);
  return {
    case: spec,
    asOf: spec.asOf ?? fixture.asOf,
    tables: tables as CaseTables,
    cleanTables: fixture.tables,
    feedBodies: spec.feed?.raw ?? (page ? [JSON.stringify(page)] : undefined),
    cleanFeedBodies: fixture.feed ? [JSON.stringify(fixture.feed)] : undefined,
  };
}

const matches = (row: Row, where: Row) => Object.entries(where).every(([key, value]) => row[key] === value);

function applyMutation(tables: Record<string, Row[]>, mutation: Mutation, name: string): void {
  const rows = (tables[mutation.table] ??= []);
  if ('add' in mutation) {
    rows.push({ ...mutation.add });
    return;
  }
  const where = 'copy' in mutation ? mutation.copy : mutation.where;
  const hits = rows.filter((row) => matches(row, where));
  if (hits.length === 0) throw new Error(`corpus case ${name}: no ${mutation.table} row matches ${JSON.stringify(where)}`);
  if ('copy' in mutation) rows.push(...hits.map((row) => ({ ...row, ...mutation.set })));
  else for (const row of hits) Object.assign(row, mutation.set);
}

function setPointer(target: unknown, pointer: string, value: unknown, name: string): void {
  const keys = pointer.split('/').slice(1).map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    node = node?.[key] as Record<string, unknown>;
    if (node === undefined || node === null) throw new Error(`corpus case ${name}: the feed page has no ${pointer}`);
  }
  node[keys.at(-1)!] = value;
}

/** JSON pointer lookup in a parsed output file. */
export function atPointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const key of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')];
  return node;
}

/** `{ "$number": "NaN" }` → NaN, `{ "$repeat": ["ab", 3] }` → "ababab", recursively. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Row;
  if (typeof object.$number === 'string' && Object.keys(object).length === 1) return Number(object.$number);
  if (Array.isArray(object.$repeat) && Object.keys(object).length === 1) return String(object.$repeat[0]).repeat(Number(object.$repeat[1]));
  return Object.fromEntries(Object.entries(object).map(([key, item]) => [key, revive(item)]));
}

/**
 * The dialect layer: every helper's rendering in both dialects, and every DuckDB rendering run on
 * a real in-memory DuckDB so a helper that renders plausible but wrong SQL fails here (issue 7).
 */
import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dialectLayer from '../../pipeline/sql.ts';
import {
  arrayAgg, arrayAt, arraySlice, countIf, dateAdd, dateCompact, dateDiffDays, dateSub, dayOfWeek, formatDate, inArray, literal,
  param, renderSql, safeCast, tablesOf, safeDivide, sql, struct, table, type SqlPiece, type SqlQuery,
} from '../../pipeline/sql.ts';

const d = param.date('as_of');
const both = (piece: SqlPiece) => ({ bigquery: renderSql(sql`${piece}`, 'bigquery').text, duckdb: renderSql(sql`${piece}`, 'duckdb').text });

describe('renderSql', () => {
  it('renders typed parameters as @name for BigQuery and cast $name for DuckDB, in first-use order', () => {
    const query = sql`SELECT * FROM t WHERE game_date = ${d} AND player_lookup IN (${param.string('player')}) AND game_date <= ${d}`;
    expect(renderSql(query, 'bigquery')).toEqual({
      text: 'SELECT * FROM t WHERE game_date = @as_of AND player_lookup IN (@player) AND game_date <= @as_of',
      params: [{ name: 'as_of', type: 'DATE' }, { name: 'player', type: 'STRING' }],
      tables: [],
    });
    expect(renderSql(query, 'duckdb').text).toBe(
      'SELECT * FROM t WHERE game_date = CAST($as_of AS DATE) AND player_lookup IN (CAST($player AS VARCHAR)) AND game_date <= CAST($as_of AS DATE)',
    );
  });

  it('lists the tables a query reads, also those inside helpers, without the dataset prefix (issue 20)', () => {
    const inner = sql`SELECT * FROM ${table('nba_raw', 'games')}`;
    const query = sql`WITH a AS (${inner}) SELECT ${safeDivide(sql`(SELECT count(*) FROM ${table('nba_predictions', 'accuracy')})`, param.int('n'))} FROM a JOIN ${table('nba_raw', 'games')} USING (id)`;
    expect(renderSql(query, 'bigquery', { project: 'p', datasetPrefix: 'prod_' }).tables).toEqual(['nba_predictions.accuracy', 'nba_raw.games']);
    expect(tablesOf(query)).toEqual(['nba_predictions.accuracy', 'nba_raw.games']);
  });

  it('refuses one parameter name with two types', () => {
    expect(() => renderSql(sql`${param.date('x')} ${param.string('x')}`, 'bigquery')).toThrow(/used as DATE and as STRING/);
  });

  it('backticks BigQuery tables with project and dataset prefix; DuckDB uses schema.table', () => {
    const t = table('nba_raw', 'nbac_schedule');
    expect(renderSql(sql`FROM ${t}`, 'bigquery', { project: 'nba-props-platform', datasetPrefix: 'stg_' }).text).toBe('FROM `nba-props-platform.stg_nba_raw.nbac_schedule`');
    expect(renderSql(sql`FROM ${t}`, 'bigquery').text).toBe('FROM `nba_raw.nbac_schedule`');
    expect(renderSql(sql`FROM ${t}`, 'duckdb', { datasetPrefix: 'stg_' }).text).toBe('FROM stg_nba_raw.nbac_schedule');
  });
});

const x = sql`x`;
const RENDERINGS: [string, SqlPiece, string, string][] = [
  ['dateSub', dateSub(d, 7), 'DATE_SUB(@as_of, INTERVAL 7 DAY)', '(CAST(CAST($as_of AS DATE) AS DATE) - CAST(7 AS INTEGER))'],
  ['dateAdd', dateAdd(d, 1), 'DATE_ADD(@as_of, INTERVAL 1 DAY)', '(CAST(CAST($as_of AS DATE) AS DATE) + CAST(1 AS INTEGER))'],
  ['dateDiffDays', dateDiffDays(d, sql`game_date`), 'DATE_DIFF(@as_of, game_date, DAY)', "date_diff('day', game_date, CAST($as_of AS DATE))"],
  ['safeDivide', safeDivide(sql`a`, sql`b`), 'SAFE_DIVIDE(a, b)', '(CASE WHEN (b) = 0 THEN NULL ELSE CAST(a AS DOUBLE) / (b) END)'],
  ['arrayAt', arrayAt(x, 2), 'x[SAFE_OFFSET(2)]', '(x)[3]'],
  ['inArray', inArray(x, param.stringArray('teams')), 'x IN UNNEST(@teams)', 'x IN (SELECT unnest(CAST($teams AS VARCHAR[])))'],
  ['dayOfWeek', dayOfWeek(d), 'EXTRACT(DAYOFWEEK FROM @as_of)', '(dayofweek(CAST($as_of AS DATE)) + 1)'],
  ['literal', literal("it's"), "'it''s'", "'it''s'"],
  ['countIf', countIf(sql`x > 1`), 'COUNTIF(x > 1)', 'count(*) FILTER (WHERE (x > 1))'],
  ['struct', struct({ a: x, b: sql`y` }), 'STRUCT(x AS a, y AS b)', 'struct_pack(a := x, b := y)'],
  ['arrayAgg', arrayAgg(x), 'ARRAY_AGG(x IGNORE NULLS)', 'list(x) FILTER (WHERE (x) IS NOT NULL)'],
  ['arrayAgg ordered, limited', arrayAgg(x, { orderBy: sql`g DESC`, limit: 5 }), 'ARRAY_AGG(x IGNORE NULLS ORDER BY g DESC LIMIT 5)', '(list(x ORDER BY g DESC) FILTER (WHERE (x) IS NOT NULL))[1:5]'],
  ['arraySlice', arraySlice(x, 1, 3), 'ARRAY(SELECT slice_element FROM UNNEST(x) AS slice_element WITH OFFSET AS slice_offset WHERE slice_offset >= 1 AND slice_offset < 3 ORDER BY slice_offset)', '(x)[2:3]'],
  ['arraySlice open end', arraySlice(x, 2), 'ARRAY(SELECT slice_element FROM UNNEST(x) AS slice_element WITH OFFSET AS slice_offset WHERE slice_offset >= 2 ORDER BY slice_offset)', '(x)[3:]'],
  ['safeCast', safeCast(x, 'INT64'), 'SAFE_CAST(x AS INT64)', 'TRY_CAST(x AS BIGINT)'],
  ['formatDate', formatDate(d, '%A'), "FORMAT_DATE('%A', @as_of)", "strftime(CAST(CAST($as_of AS DATE) AS DATE), '%A')"],
  ['dateCompact', dateCompact(d), "FORMAT_DATE('%Y%m%d', @as_of)", "strftime(CAST($as_of AS DATE), '%Y%m%d')"],
];

describe('helper renderings', () => {
  it.each(RENDERINGS)('%s', (_name, piece, bigquery, duckdb) => {
    expect(both(piece)).toEqual({ bigquery, duckdb });
  });

  it('covers every helper the dialect layer exports (a new helper needs a row above and a DuckDB run below)', () => {
    const helpers = Object.entries(dialectLayer).filter(([name, value]) => typeof value === 'function' && !['sql', 'table', 'renderSql', 'tablesOf'].includes(name)).map(([name]) => name);
    const rendered = new Set(RENDERINGS.map(([name]) => name.split(' ')[0]));
    const ran = new Set([...DUCKDB_RUNS.map(([name]) => name.split(' ')[0]), ...DUCKDB_TABLE_RUNS]);
    expect(helpers.length).toBeGreaterThan(10);
    expect(helpers.filter((name) => !rendered.has(name) || !ran.has(name))).toEqual([]);
  });

  it('validates helper arguments eagerly', () => {
    expect(() => arrayAt(sql`x`, -1)).toThrow(/integer ≥ 0/);
    expect(() => arraySlice(sql`x`, 3, 1)).toThrow(/≥ start/);
    expect(() => arrayAgg(sql`x`, { limit: 0 })).toThrow(/integer ≥ 1/);
    expect(() => struct({ 'Bad Name': sql`x` })).toThrow(/struct field names/);
    expect(() => struct({})).toThrow(/at least one/);
    expect(() => formatDate(d, "%H'")).toThrow(/%A %a/);
  });
});

const asOf = { as_of: '2025-03-15' };
/** [helper and case, piece, DuckDB parameter values, expected `v` column]. */
const DUCKDB_RUNS: [string, SqlPiece, Record<string, DuckDBValue>, unknown[]][] = [
  ['dateSub', dateSub(d, 7), asOf, ['2025-03-08']],
  ['dateAdd', dateAdd(d, 20), asOf, ['2025-04-04']],
  ['dateDiffDays', dateDiffDays(d, sql`DATE '2025-03-01'`), asOf, [14]],
  ['safeDivide by zero', safeDivide(sql`1`, sql`0`), {}, [null]],
  ['safeDivide', safeDivide(sql`3`, sql`2`), {}, [1.5]],
  ['arrayAt in range', arrayAt(sql`['x', 'y', 'z']`, 0), {}, ['x']],
  ['arrayAt out of range', arrayAt(sql`['x']`, 3), {}, [null]],
  ['arrayAt on SPLIT (same spelling on both engines)', arrayAt(sql`SPLIT('20250315_NYK_GSW', '_')`, 2), {}, ['GSW']],
  ['inArray', inArray(sql`'NYK'`, param.stringArray('teams')), { teams: listValue(['BOS', 'NYK']) }, [true]],
  ['dayOfWeek (Saturday = 7)', dayOfWeek(d), asOf, [7]],
  ['literal', literal("it's"), {}, ["it's"]],
  ['safeCast bad input', safeCast(sql`'x'`, 'INT64'), {}, [null]],
  ['safeCast', safeCast(sql`'2025-03-15'`, 'DATE'), {}, ['2025-03-15']],
  ['formatDate', formatDate(d, '%A %d %b %Y'), asOf, ['Saturday 15 Mar 2025']],
  ['arraySlice', arraySlice(sql`[10, 11, 12, 13]`, 1, 3), {}, [[11, 12]]],
  ['arraySlice open end', arraySlice(sql`[10, 11, 12, 13]`, 2), {}, [[12, 13]]],
  ['arraySlice past the end', arraySlice(sql`[10]`, 2, 4), {}, [[]]],
  ['struct', struct({ a: sql`1`, b: sql`'x'` }), {}, [{ a: 1, b: 'x' }]],
  ['dateCompact', dateCompact(d), asOf, ['20250315']],
];
/** Helpers whose DuckDB run needs a table, in their own tests below. */
const DUCKDB_TABLE_RUNS = ['countIf', 'arrayAgg'];

describe('DuckDB renderings run on a real DuckDB', () => {
  let connection: DuckDBConnection;
  beforeAll(async () => {
    connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`CREATE TABLE g AS SELECT * FROM (VALUES ('a', 1, DATE '2025-03-01'), ('a', NULL, DATE '2025-03-02'), ('a', 3, DATE '2025-03-03'), ('b', 5, DATE '2025-03-01')) t(grp, x, game_date)`);
  });
  afterAll(() => connection.closeSync());

  /** Runs `SELECT <piece> AS v [tail]` with the given parameter values and returns the `v` column. */
  async function values(piece: SqlPiece, params: Record<string, DuckDBValue> = {}, tail = ''): Promise<unknown[]> {
    const rest: SqlQuery = { kind: 'query', strings: [tail], values: [] };
    const rendered = renderSql(sql`SELECT ${piece} AS v ${rest}`, 'duckdb');
    const reader = await connection.runAndReadAll(rendered.text, params);
    return reader.getRowObjectsJS().map((row) => normalise(row.v));
  }
  it.each(DUCKDB_RUNS)('%s', async (_name, piece, params, expected) => {
    expect(await values(piece, params)).toEqual(expected);
  });

  it('countIf counts TRUE only and gives 0 (not NULL) on no rows', async () => {
    expect(await values(countIf(sql`x > 1`), {}, 'FROM g')).toEqual([2]);
    expect(await values(countIf(sql`x > 1`), {}, 'FROM g WHERE false')).toEqual([0]);
  });

  it('arrayAgg orders, limits, drops NULLs, and gives NULL for an all-NULL group', async () => {
    const ordered = arrayAgg(sql`x`, { orderBy: sql`game_date DESC` });
    expect(await values(ordered, {}, 'FROM g GROUP BY grp ORDER BY grp')).toEqual([[3, 1], [5]]);
    expect(await values(arrayAgg(sql`x`, { orderBy: sql`game_date DESC`, limit: 1 }), {}, 'FROM g GROUP BY grp ORDER BY grp')).toEqual([[3], [5]]);
    expect(await values(arrayAgg(sql`x`), {}, 'FROM g WHERE x IS NULL')).toEqual([null]);
  });

  it('arrayAgg of structs, the ARRAY_AGG(STRUCT(..) ORDER BY ..) pattern', async () => {
    const games = arrayAgg(struct({ d: sql`game_date`, x: sql`x` }), { orderBy: sql`game_date`, limit: 2 });
    expect(await values(games, {}, "FROM g WHERE grp = 'a'")).toEqual([[{ d: '2025-03-01', x: 1 }, { d: '2025-03-02', x: null }]]);
  });
});

/** DuckDB JS values → plain JSON-ish values (BIGINT → number, DATE → ISO date). */
function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

/**
 * Rows from the DuckDB adapter (issue 10: rows are cloned from one template instead of built
 * column by column, which kept wide rows in V8's dictionary mode). The rows must be what the
 * library's own converter gave: every column in result order, across chunk boundaries, with the
 * port's value contract (BIGINT and DECIMAL as numbers, DATE as YYYY-MM-DD, TIMESTAMP as ISO,
 * NULL as null, lists and structs as JSON).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { param, sql } from '../../../pipeline/sql.ts';

let warehouse: Awaited<ReturnType<typeof createDuckDBWarehouse>>;
beforeAll(async () => {
  warehouse = await createDuckDBWarehouse({ path: ':memory:', readOnly: false });
});
afterAll(() => warehouse.close());

const query = (text: TemplateStringsArray) => warehouse.query(sql(text), { label: 'test', params: {} });

describe('DuckDB rows', () => {
  test('every value type of the row contract, in column order', async () => {
    const [row] = await query`
      SELECT 'a' AS s, 42::BIGINT AS big, 1.25::DECIMAL(5, 2) AS dec, 0.5::DOUBLE AS dbl, DATE '2025-03-14' AS d,
             TIMESTAMP '2025-03-15 01:30:00' AS ts, NULL::VARCHAR AS missing, true AS flag, [1, 2]::BIGINT[] AS list,
             {'k': 'v', 'n': 3::BIGINT} AS struct, 7 AS zeta`;
    expect(row).toEqual({ s: 'a', big: 42, dec: 1.25, dbl: 0.5, d: '2025-03-14', ts: '2025-03-15T01:30:00Z', missing: null, flag: true, list: [1, 2], struct: { k: 'v', n: 3 }, zeta: 7 });
    expect(Object.keys(row!)).toEqual(['s', 'big', 'dec', 'dbl', 'd', 'ts', 'missing', 'flag', 'list', 'struct', 'zeta']);
  });

  test('typed column readers: decimals exact or wide, negative scaled values, instants with a zone, repeated dates, small integers', async () => {
    const rows = await query`
      SELECT (-0.07)::DECIMAL(4, 2) AS neg, 3.739::DECIMAL(9, 3) AS mae, 12345678901234567.89::DECIMAL(38, 2) AS wide,
             TIMESTAMPTZ '2025-03-15 19:30:00+00' AS tz, DATE '2025-03-14' + (i % 2)::INTEGER AS d, i::TINYINT AS tiny, (i * 1.5)::FLOAT AS f,
             (-i)::HUGEINT AS huge
      FROM range(4) t(i) ORDER BY i`;
    expect(rows.map((r) => r.d)).toEqual(['2025-03-14', '2025-03-15', '2025-03-14', '2025-03-15']);
    expect(rows[3]).toEqual({ neg: -0.07, mae: 3.739, wide: 12345678901234567.89, tz: '2025-03-15T19:30:00Z', d: '2025-03-15', tiny: 3, f: 4.5, huge: -3 });
  });

  test('wide results across several chunks keep every row and column', async () => {
    const columns = Array.from({ length: 40 }, (_, i) => `i + ${i} AS c${String(i).padStart(2, '0')}`).join(', ');
    const rows = await warehouse.query(sql([`SELECT ${columns}, CASE WHEN i % 7 = 0 THEN NULL ELSE 'p' || i END AS name FROM range(5000) t(i) ORDER BY i`] as unknown as TemplateStringsArray), { label: 'test', params: {} });
    expect(rows).toHaveLength(5000);
    expect(Object.keys(rows[0]!)).toEqual([...Array.from({ length: 40 }, (_, i) => `c${String(i).padStart(2, '0')}`), 'name']);
    for (const index of [0, 2047, 2048, 4095, 4999]) {
      expect(rows[index]).toMatchObject({ c00: index, c39: index + 39, name: index % 7 === 0 ? null : `p${index}` });
    }
  });

  test('strings read from the vector: inline and heap, ASCII and not, repeated rows, NULLs between, across chunks', async () => {
    // Issue 10: strings are read from the vector's memory and a row equal to the one above reuses its string.
    const words = ['LAL', 'Jokić', 'é', 'OVER', 'UNDER', 'abcdef', 'abcdeg', 'lebronjames', 'exactly12byt', 'thirteen char', 'Nikola Jokić', 'Luka Dončić and a long tail of text', 'émoji 🏀', ''];
    const list = words.map((w) => `'${w}'`).join(', ');
    const rows = await warehouse.query(sql([`
      SELECT i, CASE WHEN i % 5 = 4 THEN NULL ELSE list_extract([${list}], (i // 3) % ${words.length} + 1) END AS s,
             'context repeated on every row of the result' AS ctx
      FROM range(6000) t(i) ORDER BY i`] as unknown as TemplateStringsArray), { label: 'test', params: {} });
    expect(rows).toHaveLength(6000);
    rows.forEach((row, i) => {
      expect(row.s).toBe(i % 5 === 4 ? null : words[Math.floor(i / 3) % words.length]);
      expect(row.ctx).toBe('context repeated on every row of the result');
    });
  });

  test('heap strings read as runs: distinct and repeated values, non-ASCII inside a run, NULLs and inline values between, joined values', async () => {
    const name = (k: number) => (k % 7 === 3 ? `Dončić number ${k} of the long names` : `player number ${k} with a long name`);
    const rows = await warehouse.query(sql([`
      WITH names AS (SELECT k, CASE WHEN k % 7 = 3 THEN 'Dončić number ' || k || ' of the long names' ELSE 'player number ' || k || ' with a long name' END AS name FROM range(50) t(k))
      SELECT t.i, n.name AS joined,
             CASE WHEN t.i % 11 = 0 THEN NULL WHEN t.i % 5 = 0 THEN 'short' ELSE 'row ' || t.i || ' has a string of its own' END AS own
      FROM range(7000) t(i) JOIN names n ON n.k = t.i % 50 ORDER BY t.i`] as unknown as TemplateStringsArray), { label: 'test', params: {} });
    expect(rows).toHaveLength(7000);
    rows.forEach((row, i) => {
      expect(row.joined).toBe(name(i % 50));
      expect(row.own).toBe(i % 11 === 0 ? null : i % 5 === 0 ? 'short' : `row ${i} has a string of its own`);
    });
  });

  test('integers, doubles and decimals by storage width, with NULLs; NaN and Infinity pass through', async () => {
    const rows = await query`
      SELECT i::UTINYINT AS ut, (i * 1000)::USMALLINT AS us, (i * -100000)::INTEGER AS int, (i * 2000000000)::UINTEGER AS ui,
             (i * 1234567890123)::BIGINT AS big, (i * 3)::UBIGINT AS ubig,
             (i * 1.5)::DECIMAL(4, 1) AS d16, (i * -12345.678)::DECIMAL(9, 3) AS d32, (i * 123456789.123456)::DECIMAL(18, 6) AS d64,
             CASE WHEN i = 1 THEN NULL ELSE i * 0.1 END AS dbl, CASE WHEN i = 2 THEN NULL ELSE i % 2 = 0 END AS flag,
             CASE i WHEN 0 THEN 'nan'::DOUBLE WHEN 1 THEN 'inf'::DOUBLE WHEN 2 THEN '-inf'::DOUBLE END AS odd
      FROM range(3) t(i) ORDER BY i`;
    expect(rows[1]).toMatchObject({ ut: 1, us: 1000, int: -100000, ui: 2000000000, big: 1234567890123, ubig: 3, d16: 1.5, d32: -12345.678, d64: 123456789.123456, dbl: null, flag: false });
    expect(rows[2]).toMatchObject({ ut: 2, us: 2000, int: -200000, ui: 4000000000, big: 2469135780246, d16: 3, d32: -24691.356, d64: 246913578.246912, dbl: 0.2, flag: null });
    expect(rows.map((r) => r.odd)).toEqual([NaN, Infinity, -Infinity]);
  });

  test('a DECIMAL(18) value past 2^53 is the correctly rounded double of its decimal text', async () => {
    const [row] = await query`SELECT 9007199254740993.01::DECIMAL(18, 2) AS d, 123456789012345678::DECIMAL(18, 0) AS whole`;
    expect(row!.d).toBe(Number('9007199254740993.01'));
    expect(row!.whole).toBe(Number('123456789012345678'));
  });

  test('a BIGINT outside the safe integer range fails the query instead of losing digits', async () => {
    await expect(query`SELECT 9007199254740993::BIGINT AS n`).rejects.toThrow(/outside JavaScript's safe range/);
  });

  test('column names are data, not code: quotes, a __proto__ column and a repeated name (the last one wins, as in JSON)', async () => {
    const [quoted] = await query`SELECT 1 AS "a""b", 2 AS "c'); process.exit(1); ('", 3 AS "x", 4 AS "x"`;
    expect(quoted).toEqual({ 'a"b': 1, "c'); process.exit(1); ('": 2, x: 4 });
    const [proto] = await query`SELECT 1 AS "__proto__", 2 AS other`;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toBe(1);
    expect(proto!.other).toBe(2);
  });

  test('an empty result is an empty list, and parameters still bind', async () => {
    const rows = await warehouse.query(sql`SELECT i FROM range(3) t(i) WHERE i > ${param.int('above')}`, { label: 'test', params: { above: 5 } });
    expect(rows).toEqual([]);
  });
});

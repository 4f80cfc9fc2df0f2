/**
 * Rows from the DuckDB adapter: every column in result order, across chunk boundaries, with the
 * port's value contract (BIGINT and DECIMAL as numbers, DATE as YYYY-MM-DD, TIMESTAMP as ISO,
 * NULL as null, lists and structs as JSON), one object literal per row.
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

  test('decimals narrow or wide, negative scaled values, instants with a zone, repeated dates, small integers', async () => {
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

  test('strings: ASCII and not, empty, NULLs between, the same value on every row, across chunks', async () => {
    const words = ['LAL', 'Jokić', 'é', 'OVER', 'lebronjames', 'Luka Dončić and a long tail of text', 'émoji 🏀', ''];
    const list = words.map((w) => `'${w}'`).join(', ');
    const rows = await warehouse.query(sql([`
      SELECT i, CASE WHEN i % 5 = 4 THEN NULL ELSE list_extract([${list}], (i // 3) % ${words.length} + 1) END AS s,
             'context repeated on every row of the result' AS ctx
      FROM range(3000) t(i) ORDER BY i`] as unknown as TemplateStringsArray), { label: 'test', params: {} });
    expect(rows).toHaveLength(3000);
    rows.forEach((row, i) => {
      expect(row.s).toBe(i % 5 === 4 ? null : words[Math.floor(i / 3) % words.length]);
      expect(row.ctx).toBe('context repeated on every row of the result');
    });
  });

  test('every integer width, doubles and decimals, with NULLs; NaN and Infinity pass through', async () => {
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

  test('a DECIMAL value past 2^53 is the correctly rounded double of its decimal text', async () => {
    const [row] = await query`SELECT 9007199254740993.01::DECIMAL(18, 2) AS d, 123456789012345678::DECIMAL(18, 0) AS whole,
      -98765432109876543210.987::DECIMAL(38, 3) AS wide`;
    expect(row!.d).toBe(Number('9007199254740993.01'));
    expect(row!.whole).toBe(Number('123456789012345678'));
    expect(row!.wide).toBe(Number('-98765432109876543210.987'));
  });

  test('a BIGINT outside the safe integer range fails the query instead of losing digits', async () => {
    await expect(query`SELECT 9007199254740993::BIGINT AS n`).rejects.toThrow(/outside JavaScript's safe range/);
    await expect(query`SELECT (-9007199254740993)::HUGEINT AS n`).rejects.toThrow(/outside JavaScript's safe range/);
    await expect(query`SELECT 18446744073709551615::UBIGINT AS n`).rejects.toThrow(/outside JavaScript's safe range/);
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

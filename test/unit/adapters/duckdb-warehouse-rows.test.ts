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

  test('an empty result is an empty list, and parameters still bind', async () => {
    const rows = await warehouse.query(sql`SELECT i FROM range(3) t(i) WHERE i > ${param.int('above')}`, { label: 'test', params: { above: 5 } });
    expect(rows).toEqual([]);
  });
});

/**
 * The DuckDB adapter's early string check (issue 18): given `maxStringChars`, a VARCHAR of more
 * than three UTF-8 bytes per allowed character (a UTF-16 unit takes at most three) is refused
 * before it is decoded, as `StringTooLong` naming the row of the whole result and the column.
 * Shorter strings are decoded as always, and the query stage counts their characters.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createDuckDBWarehouse } from '../../../pipeline/adapters/duckdb-warehouse.ts';
import { ExportError } from '../../../pipeline/errors.ts';
import { sql } from '../../../pipeline/sql.ts';

let warehouse: Awaited<ReturnType<typeof createDuckDBWarehouse>>;
beforeAll(async () => {
  warehouse = await createDuckDBWarehouse({ path: ':memory:', readOnly: false });
});
afterAll(() => warehouse.close());

const run = (text: string, maxStringChars?: number) =>
  warehouse.query(sql([text] as unknown as TemplateStringsArray), { label: 'toy.strings', params: {}, ...(maxStringChars === undefined ? {} : { maxStringChars }) });

async function refusal(text: string, maxStringChars: number): Promise<ExportError> {
  const error = await run(text, maxStringChars).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ExportError);
  return error as ExportError;
}

describe('DuckDB strings past maxStringChars', () => {
  test('up to three bytes per allowed character are decoded; one byte more is refused naming row, column and bytes', async () => {
    // Limit 4 characters: 12 bytes pass the adapter, 13 do not.
    expect(await run("SELECT repeat('a', 12) AS name", 4)).toEqual([{ name: 'aaaaaaaaaaaa' }]);
    const error = await refusal("SELECT 1 AS id, repeat('a', 13) AS name", 4);
    expect(error.code).toBe('StringTooLong');
    expect(error.exporterId).toBe('toy.strings');
    expect(error.message).toBe('row 0 field `name` holds a string of 13 UTF-8 bytes, over the limit of 4 characters per value (--max-string-chars)');
  });

  test('a string of the limit in three-byte characters is not refused (it is within the limit)', async () => {
    // '€' is 3 UTF-8 bytes and 1 UTF-16 unit: 4 of them are 12 bytes and 4 characters.
    expect(await run("SELECT repeat('€', 4) AS name", 4)).toEqual([{ name: '€€€€' }]);
  });

  test('the row is counted across chunks (2,048 rows each)', async () => {
    const error = await refusal("SELECT i, CASE WHEN i = 5000 THEN repeat('x', 100) ELSE 'p' || i END AS name FROM range(6000) t(i) ORDER BY i", 10);
    expect(error.message).toBe('row 5000 field `name` holds a string of 100 UTF-8 bytes, over the limit of 10 characters per value (--max-string-chars)');
  });

  test('without maxStringChars nothing is refused', async () => {
    expect((await run("SELECT repeat('x', 100000) AS name"))[0]!.name).toHaveLength(100_000);
  });
});

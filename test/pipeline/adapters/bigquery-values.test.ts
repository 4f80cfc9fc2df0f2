/**
 * The BigQuery wire decoder: REST TableRows (`{ f: [{ v }] }`, every scalar a string) written by
 * hand as BigQuery sends them, decoded by the schema into the port's row contract; NULLs, arrays,
 * structs, float edge values, and bad cells failing with the endpoint, row and column.
 */
import { describe, expect, test } from 'vitest';
import { rowDecoder, type WireField, type WireRow } from '../../../pipeline/adapters/bigquery-values.ts';
import { useTally } from '../../helpers/fault-tally.ts';

const tally = useTally('bigquery-wire-decoder');
const row = (...cells: unknown[]): WireRow => ({ f: cells.map((v) => ({ v })) });
const decodeOne = (fields: WireField[], ...cells: unknown[]) => rowDecoder(fields, 'results.daily')(row(...cells), 0);
/** One column of the given type (and mode), one cell. */
const cell = (type: string, v: unknown, mode?: string) => decodeOne([{ name: 'c', type, ...(mode ? { mode } : {}) }], v).c;

describe('BigQuery wire decoder: scalars', () => {
  test('strings pass through: STRING, DATE, DATETIME, TIME, JSON, GEOGRAPHY, BYTES (base64), INTERVAL', () => {
    expect(cell('STRING', 'LeBron James')).toBe('LeBron James');
    expect(cell('STRING', '')).toBe('');
    expect(cell('DATE', '2025-03-15')).toBe('2025-03-15');
    expect(cell('DATETIME', '2025-03-15T19:30:00')).toBe('2025-03-15T19:30:00');
    expect(cell('TIME', '19:30:00.250')).toBe('19:30:00.250');
    expect(cell('JSON', '{"a":[1]}')).toBe('{"a":[1]}');
    expect(cell('GEOGRAPHY', 'POINT(1 2)')).toBe('POINT(1 2)');
    expect(cell('BYTES', 'AAEC')).toBe('AAEC');
    expect(cell('INTERVAL', '0-0 10 0:0:0')).toBe('0-0 10 0:0:0');
  });

  test('BOOL and legacy BOOLEAN', () => {
    expect([cell('BOOL', 'true'), cell('BOOLEAN', 'false')]).toEqual([true, false]);
  });

  test('INT64 and legacy INTEGER to numbers, up to ±(2^53 − 1)', () => {
    expect(cell('INT64', '31')).toBe(31);
    expect(cell('INTEGER', '-115')).toBe(-115);
    expect(cell('INT64', '0')).toBe(0);
    expect(cell('INT64', '9007199254740991')).toBe(9007199254740991);
    expect(cell('INT64', '-9007199254740991')).toBe(-9007199254740991);
  });

  test('FLOAT64 and legacy FLOAT, NaN and ±Infinity included (the row contract refuses them later)', () => {
    expect(cell('FLOAT64', '0.1')).toBe(0.1);
    expect(cell('FLOAT', '-2.5')).toBe(-2.5);
    expect(cell('FLOAT64', '1.5E10')).toBe(15_000_000_000);
    expect(cell('FLOAT64', '3')).toBe(3);
    expect(cell('FLOAT64', 'NaN')).toBeNaN();
    expect(cell('FLOAT64', 'Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(cell('FLOAT64', '-Infinity')).toBe(Number.NEGATIVE_INFINITY);
  });

  test('NUMERIC and BIGNUMERIC to the nearest number', () => {
    expect(cell('NUMERIC', '23.5')).toBe(23.5);
    expect(cell('NUMERIC', '-0.125')).toBe(-0.125);
    expect(cell('NUMERIC', '110')).toBe(110);
    expect(cell('BIGNUMERIC', '123456789012345678901234567890.5')).toBe(1.2345678901234568e29);
    expect(cell('BIGNUMERIC', '0.00000000000000000000000000000000000001')).toBe(1e-38);
  });

  test('TIMESTAMP from int64 microseconds to ISO UTC, milliseconds only when non-zero, sub-millisecond digits dropped', () => {
    // 2025-03-15T23:30:00Z is 1,742,081,400 s after the epoch: 20,162 days × 86,400 s + 23.5 h × 3,600 s.
    expect(20_162 * 86_400 + 23.5 * 3_600).toBe(1_742_081_400);
    expect(cell('TIMESTAMP', '1742081400000000')).toBe('2025-03-15T23:30:00Z');
    expect(cell('TIMESTAMP', '1742081400123456')).toBe('2025-03-15T23:30:00.123Z');
    expect(cell('TIMESTAMP', '1742081400000999')).toBe('2025-03-15T23:30:00Z');
    expect(cell('TIMESTAMP', '0')).toBe('1970-01-01T00:00:00Z');
  });

  test('TIMESTAMP before the epoch floors to the millisecond, as the ISO text would read', () => {
    expect(cell('TIMESTAMP', '-1')).toBe('1969-12-31T23:59:59.999Z');
    expect(cell('TIMESTAMP', '-1000')).toBe('1969-12-31T23:59:59.999Z');
    expect(cell('TIMESTAMP', '-1001')).toBe('1969-12-31T23:59:59.998Z');
    expect(cell('TIMESTAMP', '-1000000')).toBe('1969-12-31T23:59:59Z');
  });

  test("TIMESTAMP at BigQuery's bounds, past 2^53 microseconds", () => {
    // 0001-01-01 is 719,162 days before 1970-01-01; 9999-12-31 is 2,932,896 days after it.
    expect(cell('TIMESTAMP', String(-719_162n * 86_400_000_000n))).toBe('0001-01-01T00:00:00Z');
    expect(cell('TIMESTAMP', String(2_932_897n * 86_400_000_000n - 1n))).toBe('9999-12-31T23:59:59.999Z');
  });

  test('NULL is null for every type, REPEATED and RECORD included', () => {
    const types = ['STRING', 'DATE', 'BOOL', 'INT64', 'FLOAT64', 'NUMERIC', 'BIGNUMERIC', 'TIMESTAMP', 'JSON', 'RANGE'];
    const fields: WireField[] = [...types.map((type) => ({ name: type, type })), { name: 'rec', type: 'RECORD', fields: [{ name: 'x', type: 'INT64' }] }, { name: 'arr', type: 'INT64', mode: 'REPEATED' }];
    const decoded = decodeOne(fields, ...fields.map(() => null));
    expect(decoded).toStrictEqual(Object.fromEntries(fields.map((f) => [f.name, null])));
  });
});

describe('BigQuery wire decoder: REPEATED and RECORD', () => {
  const fields: WireField[] = [
    { name: 'ints', type: 'INTEGER', mode: 'REPEATED' },
    { name: 'days', type: 'DATE', mode: 'REPEATED' },
    { name: 'rec', type: 'RECORD', mode: 'NULLABLE', fields: [{ name: 'line', type: 'NUMERIC' }, { name: 'books', type: 'STRING', mode: 'REPEATED' }, { name: 'at', type: 'TIMESTAMP' }] },
    { name: 'games', type: 'STRUCT', mode: 'REPEATED', fields: [{ name: 'game_date', type: 'DATE' }, { name: 'points', type: 'INT64' }] },
  ];

  test('arrays of cells, nested records, arrays of records, empty arrays', () => {
    const decoded = decodeOne(fields,
      [{ v: '1' }, { v: '2' }],
      [],
      { f: [{ v: '24.5' }, { v: [{ v: 'BetMGM' }] }, { v: '1742040000000000' }] },
      [{ v: { f: [{ v: '2025-03-14' }, { v: '31' }] } }, { v: { f: [{ v: '2025-03-12' }, { v: null }] } }],
    );
    expect(decoded).toStrictEqual({
      ints: [1, 2], days: [], rec: { line: 24.5, books: ['BetMGM'], at: '2025-03-15T12:00:00Z' },
      games: [{ game_date: '2025-03-14', points: 31 }, { game_date: '2025-03-12', points: null }],
    });
  });

  test('columns keep the schema order, and each row is its own object', () => {
    const decode = rowDecoder([{ name: 'b', type: 'STRING' }, { name: 'a', type: 'INT64' }], 'results.daily');
    const first = decode(row('x', '1'), 0);
    const second = decode(row('y', '2'), 1);
    expect(Object.keys(first)).toEqual(['b', 'a']);
    expect([first, second]).toStrictEqual([{ b: 'x', a: 1 }, { b: 'y', a: 2 }]);
  });
});

describe('BigQuery wire decoder: bad cells name the endpoint, row and column', () => {
  const fails = (fields: WireField[], cells: unknown[], rowIndex = 7) => {
    tally.add('badInputs');
    try {
      rowDecoder(fields, 'players.profile')(row(...cells), rowIndex);
    } catch (error) {
      return error as { code: string; exporterId: string; message: string; hint?: string };
    }
    throw new Error('expected the decoder to fail');
  };
  const one = (type: string, v: unknown, mode?: string) => fails([{ name: 'c', type, ...(mode ? { mode } : {}) }], [v]);

  test.each([
    ['INT64', 'abc', '"abc"', 'an integer'],
    ['INT64', '1.5', '"1.5"', 'an integer'],
    ['INT64', 12, '12', 'an integer'],
    ['FLOAT64', '', '""', 'a floating-point number'],
    ['FLOAT64', '0x10', '"0x10"', 'a floating-point number'],
    ['NUMERIC', 'NaN', '"NaN"', 'a decimal number'],
    ['BIGNUMERIC', 'Infinity', '"Infinity"', 'a decimal number'],
    ['BOOL', 'yes', '"yes"', '`true` or `false`'],
    ['STRING', 5, '5', 'a string'],
    ['DATE', { f: [] }, '{"f":[]}', 'a string'],
    ['TIMESTAMP', '2025-03-15T23:30:00Z', '"2025-03-15T23:30:00Z"', 'int64 microseconds since the epoch'],
    ['TIMESTAMP', '1.7420814E9', '"1.7420814E9"', 'int64 microseconds since the epoch'],
    ['TIMESTAMP', '99999999999999999999999', '"99999999999999999999999"', 'a timestamp within the representable range'],
    ['RANGE', '[2025-01-01, UNBOUNDED)', '"[2025-01-01, UNBOUNDED)"', 'BigQuery type RANGE is not supported'],
  ])('%s cell %j', (type, value, shown, expected) => {
    const error = one(type, value);
    expect(error).toMatchObject({ code: 'BadWarehouseRow', exporterId: 'players.profile' });
    expect(error.message).toContain(`players.profile query's result from BigQuery has ${shown} in row 7, column \`c\`, where its schema calls for`);
    expect(error.message).toContain(expected);
    expect(error.hint).toMatch(/does not match the schema/);
  });

  test('an INT64 beyond 2^53 fails as UnsafeInteger with the value, row and column', () => {
    const error = one('INT64', '9007199254740993');
    expect(error).toMatchObject({ code: 'UnsafeInteger', exporterId: 'players.profile' });
    expect(error.message).toBe("The players.profile query returned 9007199254740993 in row 7, column `c`, outside JavaScript's safe integer range");
    expect(one('INT64', '-9007199254740992').code).toBe('UnsafeInteger');
  });

  test('a bad cell inside a record or an array is named by its path', () => {
    const rec: WireField = { name: 'rec', type: 'RECORD', fields: [{ name: 'line', type: 'NUMERIC' }] };
    expect(fails([{ name: 'id', type: 'STRING' }, rec], ['p1', { f: [{ v: 'n/a' }] }]).message).toContain('has "n/a" in row 7, column `rec.line`');
    const games: WireField = { name: 'games', type: 'RECORD', mode: 'REPEATED', fields: [{ name: 'game_date', type: 'DATE' }, { name: 'points', type: 'INT64' }] };
    const cells = [[{ v: { f: [{ v: '2025-03-14' }, { v: '31' }] } }, { v: { f: [{ v: '2025-03-12' }, { v: 'x' }] } }]];
    expect(fails([games], cells).message).toContain('has "x" in row 7, column `games[1].points`');
    expect(fails([{ name: 'ids', type: 'INT64', mode: 'REPEATED' }], [[{ v: '1' }, { v: '9007199254740993' }]]).message).toContain('column `ids[1]`');
    expect(fails([{ name: 'ids', type: 'INT64', mode: 'REPEATED' }], ['1']).message).toContain('has "1" in row 7, column `ids`, where its schema calls for an array');
    expect(fails([rec], ['24.5']).message).toContain('column `rec`, where its schema calls for a `{ f }` record');
  });

  test('a row with more or fewer cells than the schema has fields', () => {
    const error = fails([{ name: 'a', type: 'STRING' }, { name: 'b', type: 'STRING' }], ['x'], 3);
    expect(error.code).toBe('BadWarehouseRow');
    expect(error.message).toContain('in row 3, where its schema calls for 2 cells (one per schema field), got 1');
    expect(() => rowDecoder([{ name: 'a', type: 'STRING' }], 'players.profile')({ v: 'x' } as never, 4)).toThrow('in row 4, where its schema calls for 1 cells (one per schema field), got no `f` list');
  });
});

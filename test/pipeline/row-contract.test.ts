/**
 * Row contracts as JSON Schema: types, NULLs, NaN/Infinity, and the `>=0` constraint for columns
 * that can never be negative (issue 11: negative minutes passed every check before).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { rowSchema, type RowColumns } from '../../pipeline/row-contract.ts';

const check = (columns: RowColumns, row: Record<string, unknown>) => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(rowSchema(columns));
  return validate(row) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
};

describe('row contracts', () => {
  test('number and integer refuse NaN and ±Infinity, required columns refuse NULL', () => {
    expect(check({ a: 'number' }, { a: Number.NaN })).not.toEqual([]);
    expect(check({ a: 'number?' }, { a: Number.POSITIVE_INFINITY })).not.toEqual([]);
    expect(check({ a: 'integer' }, { a: null })).not.toEqual([]);
    expect(check({ a: 'number?', b: 'integer' }, { a: null, b: 3 })).toEqual([]);
  });

  test.for([
    ['number>=0', 0, true], ['number>=0', 12.5, true], ['number>=0', -0.1, false], ['number>=0', Number.NaN, false],
    ['number>=0?', null, true], ['number>=0?', -12, false], ['integer>=0', 3, true], ['integer>=0', -1, false], ['integer>=0', 1.5, false],
  ] as const)('%s accepts %s: %s', ([type, value, ok]) => {
    expect(check({ minutes: type }, { minutes: value }).length === 0).toBe(ok);
  });

  test('a negative value is reported as the field being below zero', () => {
    expect(check({ minutes: 'number>=0?' }, { minutes: -12 })).toContain('/minutes must be >= 0');
  });
});

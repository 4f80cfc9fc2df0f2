/**
 * The diff walks into $refs, shared files, arrays and maps: a change deep in a definition is found
 * at the field that uses it, and a removed object is reported once, not once per child.
 */
import { describe, expect, test } from 'vitest';
import { diffSchemaSets } from '../../../pipeline/schema-diff/diff-schemas.ts';
import { common, endpoint, FILE } from './schema-pair.ts';

const row = (extra: Record<string, unknown> = {}) => ({
  type: 'object', additionalProperties: false, required: ['player', 'points'],
  properties: { player: { type: 'string', description: 'Player.' }, points: { type: 'integer', description: 'Points.' }, ...extra },
});

describe('nested fields', () => {
  test('a field of array items behind a $ref is named rows[].points and located in $defs', () => {
    const before = endpoint({ rows: { type: 'array', description: 'Rows.', items: { $ref: '#/$defs/row' } } }, ['rows'], { $defs: { row: row() } });
    const after = endpoint({ rows: { type: 'array', description: 'Rows.', items: { $ref: '#/$defs/row' } } }, ['rows'], { $defs: { row: { ...row(), required: ['player'] } } });
    expect(diffSchemaSets([common(), before], [common(), after]).map((f) => [f.rule, f.field, f.location])).toEqual([
      ['no-longer-required', 'rows[].points', `${FILE}#/$defs/row/properties/points`],
    ]);
  });

  test('a removed object is one finding, not one per child', () => {
    const before = endpoint({ id: { type: 'string' }, best: { description: 'Best.', ...row() } }, ['id', 'best']);
    const after = endpoint({ id: { type: 'string' } }, ['id']);
    expect(diffSchemaSets([common(), before], [common(), after]).map((f) => [f.rule, f.field])).toEqual([['field-removed', 'best']]);
  });

  test('a shared definition that widens is reported at each endpoint field that uses it', () => {
    const uses = endpoint({ win_rate: { $ref: '../_shared/common.schema.json#/$defs/rate', description: 'Wins.' } }, ['win_rate']);
    const widened = common({ rate: { type: ['number', 'string', 'null'], description: 'A share.' } });
    expect(diffSchemaSets([common(), uses], [widened, uses]).map((f) => [f.rule, f.breaking, f.field, f.location])).toEqual([
      ['type-widened', true, 'win_rate', `${FILE}#/properties/win_rate`],
    ]);
  });

  test('map values (additionalProperties schemas) are compared as x.*', () => {
    const map = (type: unknown) => endpoint({ by_team: { type: 'object', description: 'By team.', additionalProperties: { type } } }, ['by_team']);
    expect(diffSchemaSets([common(), map('integer')], [common(), map(['integer', 'null'])]).map((f) => [f.rule, f.field])).toEqual([
      ['became-nullable', 'by_team.*'],
    ]);
  });

  test('a nullable object (anyOf ref | null) keeps its children comparable', () => {
    const nullableRow = (r: unknown) => endpoint({ best: { description: 'Best.', anyOf: [{ $ref: '#/$defs/row' }, { type: 'null' }] } }, ['best'], { $defs: { row: r } });
    const after = nullableRow(row({ minutes: { type: 'number', description: 'Minutes.' } }));
    expect(diffSchemaSets([common(), nullableRow(row())], [common(), after]).map((f) => [f.rule, f.breaking, f.field])).toEqual([
      ['field-added', false, 'best.minutes'],
    ]);
  });
});

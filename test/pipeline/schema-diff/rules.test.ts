/**
 * One before/after schema pair per rule of the output-direction diff (issue 8). Each expected
 * finding is written out by hand: rule, whether it breaks, the field path and where it is declared.
 */
import { describe, expect, test } from 'vitest';
import { diffSchemaSets } from '../../../pipeline/schema-diff/diff-schemas.ts';
import { common, endpoint, FILE } from './schema-pair.ts';

const id = { type: 'string', description: 'Id.' };
const points = { type: 'integer', description: 'Points.' };

function diff(before: ReturnType<typeof endpoint>, after: ReturnType<typeof endpoint>) {
  return diffSchemaSets([common(), before], [common(), after]).map(({ rule, breaking, field, location }) => ({ rule, breaking, field, location }));
}

describe('breaking changes', () => {
  test('a removed field', () => {
    expect(diff(endpoint({ id, points }, ['id', 'points']), endpoint({ id }, ['id']))).toEqual([
      { rule: 'field-removed', breaking: true, field: 'points', location: `${FILE}#/properties/points` },
    ]);
  });

  test('a property no longer required (consumers assumed it present)', () => {
    expect(diff(endpoint({ id, points }, ['id', 'points']), endpoint({ id, points }, ['id']))).toEqual([
      { rule: 'no-longer-required', breaking: true, field: 'points', location: `${FILE}#/properties/points` },
    ]);
  });

  test('a field turning nullable, by type list or by anyOf with null', () => {
    const byType = endpoint({ points: { type: ['integer', 'null'], description: 'Points.' } }, ['points']);
    const byAnyOf = endpoint({ points: { anyOf: [{ type: 'integer' }, { type: 'null' }], description: 'Points.' } }, ['points']);
    const expected = [{ rule: 'became-nullable', breaking: true, field: 'points', location: `${FILE}#/properties/points` }];
    expect(diff(endpoint({ points }, ['points']), byType)).toEqual(expected);
    expect(diff(endpoint({ points }, ['points']), byAnyOf)).toEqual(expected);
  });

  test('a widened type: integer → number, string → string | integer', () => {
    expect(diff(endpoint({ points }, ['points']), endpoint({ points: { type: 'number' } }, ['points']))).toEqual([
      { rule: 'type-widened', breaking: true, field: 'points', location: `${FILE}#/properties/points` },
    ]);
    expect(diff(endpoint({ id }, ['id']), endpoint({ id: { type: ['string', 'integer'] } }, ['id']))).toEqual([
      { rule: 'type-widened', breaking: true, field: 'id', location: `${FILE}#/properties/id` },
    ]);
  });

  test('a new enum value (and a const that became an enum)', () => {
    const side = (values: string[]) => endpoint({ side: { type: 'string', enum: values } }, ['side']);
    expect(diff(side(['OVER', 'UNDER']), side(['OVER', 'UNDER', 'PUSH']))).toEqual([
      { rule: 'enum-value-added', breaking: true, field: 'side', location: `${FILE}#/properties/side` },
    ]);
    expect(diff(endpoint({ v: { const: 1 } }, ['v']), endpoint({ v: { enum: [1, 2] } }, ['v']))).toEqual([
      { rule: 'enum-value-added', breaking: true, field: 'v', location: `${FILE}#/properties/v` },
    ]);
  });

  test('a removed endpoint schema', () => {
    const before = [common(), endpoint({ id }, ['id']), endpoint({ id }, ['id'], {}, 'demo/gone.schema.json')];
    expect(diffSchemaSets(before, [common(), endpoint({ id }, ['id'])])).toEqual([
      { rule: 'endpoint-removed', breaking: true, file: 'demo/gone.schema.json', location: 'demo/gone.schema.json#', field: undefined, detail: 'the current schemas have no such file' },
    ]);
  });

  test('an enum constraint dropped, and a format lost', () => {
    const side = endpoint({ side: { type: 'string', enum: ['OVER'] } }, ['side']);
    expect(diff(side, endpoint({ side: { type: 'string' } }, ['side']))).toEqual([
      { rule: 'enum-dropped', breaking: true, field: 'side', location: `${FILE}#/properties/side` },
    ]);
    expect(diff(endpoint({ d: { type: 'string', format: 'date' } }, ['d']), endpoint({ d: { type: 'string' } }, ['d']))).toEqual([
      { rule: 'format-changed', breaking: true, field: 'd', location: `${FILE}#/properties/d` },
    ]);
  });
});

describe('changes that do not break consumers', () => {
  test('a new optional field (and a new required one)', () => {
    expect(diff(endpoint({ id }, ['id']), endpoint({ id, points, note: id }, ['id', 'points']))).toEqual([
      { rule: 'field-added', breaking: false, field: 'points', location: `${FILE}#/properties/points` },
      { rule: 'field-added', breaking: false, field: 'note', location: `${FILE}#/properties/note` },
    ]);
  });

  test('a narrowed type: number → integer, nullable → not nullable, fewer enum values', () => {
    expect(diff(endpoint({ points: { type: ['number', 'null'] } }, ['points']), endpoint({ points }, ['points']))).toEqual([
      { rule: 'no-longer-nullable', breaking: false, field: 'points', location: `${FILE}#/properties/points` },
      { rule: 'type-narrowed', breaking: false, field: 'points', location: `${FILE}#/properties/points` },
    ]);
    const side = (values: string[]) => endpoint({ side: { type: 'string', enum: values } }, ['side']);
    expect(diff(side(['OVER', 'UNDER']), side(['OVER']))).toEqual([
      { rule: 'enum-value-removed', breaking: false, field: 'side', location: `${FILE}#/properties/side` },
    ]);
  });

  test('a new endpoint schema', () => {
    const after = [common(), endpoint({ id }, ['id']), endpoint({ id }, ['id'], {}, 'demo/new.schema.json')];
    expect(diffSchemaSets([common(), endpoint({ id }, ['id'])], after).map((f) => [f.rule, f.breaking, f.file])).toEqual([
      ['endpoint-added', false, 'demo/new.schema.json'],
    ]);
  });

  test('identical schemas have no findings', () => {
    expect(diff(endpoint({ id, points }, ['id']), endpoint({ id, points }, ['id']))).toEqual([]);
  });
});

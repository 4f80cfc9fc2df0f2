/**
 * Compares the fields of one endpoint schema before (released) and after (current), field by
 * dotted path, and reports every change with the rule it falls under (see `rules.ts`). Removed and
 * added subtrees are reported once, at their top field.
 */
import type { SchemaField } from '../docs/schema-fields.ts';
import type { JsonType } from '../docs/schema-shape.ts';
import { finding, type DiffRule, type SchemaFinding } from './rules.ts';

export function diffFields(file: string, before: readonly SchemaField[], after: readonly SchemaField[]): SchemaFinding[] {
  const old = new Map(before.map((f) => [f.path, f]));
  const now = new Map(after.map((f) => [f.path, f]));
  const findings: SchemaFinding[] = [];
  for (const field of before) {
    if (now.has(field.path) || isUnderMissing(field, now)) continue;
    findings.push(finding('field-removed', at(file, field, 'the released schema declares it; the current one does not')));
  }
  for (const field of after) {
    const released = old.get(field.path);
    if (released) findings.push(...compareField(file, released, field));
    else if (!isUnderMissing(field, old)) findings.push(finding('field-added', at(file, field, field.required ? 'required' : 'optional')));
  }
  return findings;
}

/** True when the field's parent is itself missing from `other` (the parent is the one reported). */
function isUnderMissing(field: SchemaField, other: ReadonlyMap<string, SchemaField>): boolean {
  return field.parent !== '' && !other.has(field.parent);
}

function compareField(file: string, before: SchemaField, after: SchemaField): SchemaFinding[] {
  const changes: [DiffRule, string][] = [];
  if (before.required !== after.required) changes.push(before.required ? ['no-longer-required', 'required → optional'] : ['now-required', 'optional → required']);
  if (before.nullable !== after.nullable) changes.push(after.nullable ? ['became-nullable', 'not nullable → nullable'] : ['no-longer-nullable', 'nullable → not nullable']);
  const widened = nonNull(after.types).filter((t) => !covers(before.types, t));
  const narrowed = nonNull(before.types).filter((t) => !covers(after.types, t));
  if (widened.length > 0) changes.push(['type-widened', `${showTypes(before.types)} → ${showTypes(after.types)}`]);
  else if (narrowed.length > 0) changes.push(['type-narrowed', `${showTypes(before.types)} → ${showTypes(after.types)}`]);
  changes.push(...compareValues(before.values, after.values));
  if (before.format !== after.format) {
    changes.push(before.format === undefined ? ['format-added', `format ${after.format}`] : ['format-changed', `format ${before.format} → ${after.format ?? '(none)'}`]);
  }
  return changes.map(([rule, detail]) => finding(rule, at(file, after, detail)));
}

function compareValues(before: unknown[] | undefined, after: unknown[] | undefined): [DiffRule, string][] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [['enum-introduced', `limited to ${showValues(after!)}`]];
  if (after === undefined) return [['enum-dropped', `was limited to ${showValues(before)}`]];
  const key = (v: unknown): string => JSON.stringify(v);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = after.filter((v) => !had.has(key(v)));
  const removed = before.filter((v) => !has.has(key(v)));
  const changes: [DiffRule, string][] = [];
  if (added.length > 0) changes.push(['enum-value-added', `new ${showValues(added)}`]);
  if (removed.length > 0) changes.push(['enum-value-removed', `no more ${showValues(removed)}`]);
  return changes;
}

/** Whether a field of `types` already allowed values of type `t` (an integer is a number). */
function covers(types: readonly JsonType[], t: JsonType): boolean {
  return types.includes('any') || types.includes(t) || (t === 'integer' && types.includes('number'));
}

function nonNull(types: readonly JsonType[]): JsonType[] {
  return types.filter((t) => t !== 'null');
}

function showTypes(types: readonly JsonType[]): string {
  return types.join(' | ');
}

function showValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function at(file: string, field: SchemaField, detail: string): Omit<SchemaFinding, 'rule' | 'breaking'> {
  return { file, location: `${field.file}#${field.pointer}`, field: field.path, detail };
}

/**
 * The breaking-change rules of the schema diff, in the OUTPUT direction: the API only writes these
 * files and a frontend only reads them, so a change breaks when a consumer written against the
 * released schema can meet a value it did not expect. Rule ids are permanent (they appear in CI logs).
 */
export const DIFF_RULES = {
  'endpoint-removed': { breaking: true, title: 'An endpoint schema was removed: its consumers lose their files' },
  'field-removed': { breaking: true, title: 'A field was removed' },
  'no-longer-required': { breaking: true, title: 'A field became optional: consumers assumed it is always present' },
  'became-nullable': { breaking: true, title: 'A field became nullable' },
  'type-widened': { breaking: true, title: 'A field may now hold a type it could not hold before' },
  'enum-value-added': { breaking: true, title: 'An enum (or const) gained a value' },
  'enum-dropped': { breaking: true, title: 'A field is no longer limited to a fixed set of values' },
  'format-changed': { breaking: true, title: 'A string field lost or changed its format' },
  'path-removed': { breaking: true, title: 'A published path (template or alias) is gone, e.g. moved' },
  'endpoint-added': { breaking: false, title: 'A new endpoint schema' },
  'field-added': { breaking: false, title: 'A new field' },
  'now-required': { breaking: false, title: 'An optional field became required' },
  'no-longer-nullable': { breaking: false, title: 'A nullable field can no longer be null' },
  'type-narrowed': { breaking: false, title: 'A field can no longer hold some type' },
  'enum-value-removed': { breaking: false, title: 'An enum lost a value' },
  'enum-introduced': { breaking: false, title: 'A field became limited to a fixed set of values' },
  'format-added': { breaking: false, title: 'A string field gained a format' },
  'path-added': { breaking: false, title: 'A new published path' },
} as const satisfies Record<string, { breaking: boolean; title: string }>;

export type DiffRule = keyof typeof DIFF_RULES;

export interface SchemaFinding {
  rule: DiffRule;
  breaking: boolean;
  /** Endpoint schema file under `schemas/`, e.g. `results/daily.schema.json`. */
  file: string;
  /** Where the field is declared (`file#/json/pointer`), in the current schemas (the released ones for removals). */
  location: string;
  /** Dotted field path in the payload; undefined for whole-endpoint findings. */
  field: string | undefined;
  /** What changed, e.g. `number → number | null`. */
  detail: string;
}

export function finding(rule: DiffRule, where: Omit<SchemaFinding, 'rule' | 'breaking'>): SchemaFinding {
  return { rule, breaking: DIFF_RULES[rule].breaking, ...where };
}

/**
 * The client's payload validator, shipped as `generated/validate.js` and loaded only with
 * `validate: true`. It checks exactly the JSON Schema keywords the API's schemas use (the
 * generator refuses a schema with any other keyword, see SUPPORTED_KEYWORDS), so the package needs
 * no validator dependency; the build itself validates every file with ajv before publishing, and
 * a test holds this validator to ajv's verdicts. Standalone: imports nothing.
 */

/** The keywords this validator checks, and the annotations it ignores. */
export const SUPPORTED_KEYWORDS: readonly string[] = [
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'minimum', 'maximum', 'pattern', 'format', 'anyOf', '$ref', '$defs', '$id',
];

export type SchemaNode = { readonly [keyword: string]: unknown } | boolean;

/** The endpoint's schema and every schema document it refers to, each `$ref` absolute (`<$id>#<pointer>`). */
export interface SchemaBundle { readonly root: string; readonly documents: Readonly<Record<string, SchemaNode>> }

export interface ValidationError { instancePath: string; message: string }
export type BundleValidator = ((payload: unknown) => boolean) & { errors: ValidationError[] | null };

const MAX_ERRORS = 20;

export function createValidator(bundle: SchemaBundle): BundleValidator {
  const root = resolve(bundle, bundle.root);
  const validate = ((payload: unknown) => {
    const errors: ValidationError[] = [];
    check(bundle, root, payload, '', errors);
    validate.errors = errors.length === 0 ? null : errors.slice(0, MAX_ERRORS);
    return errors.length === 0;
  }) as BundleValidator;
  validate.errors = null;
  return validate;
}

const resolved = new WeakMap<SchemaBundle, Map<string, SchemaNode>>();
const patterns = new Map<string, RegExp>();

function resolve(bundle: SchemaBundle, ref: string): SchemaNode {
  let refs = resolved.get(bundle);
  if (!refs) resolved.set(bundle, (refs = new Map()));
  let node = refs.get(ref);
  if (node === undefined) refs.set(ref, (node = lookUp(bundle, ref)));
  return node;
}

function lookUp(bundle: SchemaBundle, ref: string): SchemaNode {
  const [id = '', pointer = ''] = ref.split('#');
  let node: unknown = bundle.documents[id];
  for (const token of pointer.split('/').slice(1)) node = (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`Internal error: the schema bundle has no ${ref}`);
  return node as SchemaNode;
}

function check(bundle: SchemaBundle, schema: SchemaNode, value: unknown, at: string, errors: ValidationError[]): void {
  if (schema === true) return;
  if (schema === false) return void errors.push({ instancePath: at, message: 'is not allowed' });
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') check(bundle, resolve(bundle, s.$ref), value, at, errors);
  if (s.type !== undefined && ![s.type].flat().some((t) => hasType(value, t as string))) return void errors.push({ instancePath: at, message: `must be ${[s.type].flat().join(' or ')}` });
  if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => e === value)) errors.push({ instancePath: at, message: `must be one of ${JSON.stringify(s.enum)}` });
  if (s.const !== undefined && s.const !== value) errors.push({ instancePath: at, message: `must be ${JSON.stringify(s.const)}` });
  if (s.anyOf !== undefined && !(s.anyOf as SchemaNode[]).some((option) => passes(bundle, option, value))) errors.push({ instancePath: at, message: 'must match a schema in anyOf' });
  if (typeof value === 'number') checkNumber(s, value, at, errors);
  if (typeof value === 'string') checkString(s, value, at, errors);
  if (Array.isArray(value)) checkArray(bundle, s, value, at, errors);
  else if (value !== null && typeof value === 'object') checkObject(bundle, s, value as Record<string, unknown>, at, errors);
}

function passes(bundle: SchemaBundle, schema: SchemaNode, value: unknown): boolean {
  const errors: ValidationError[] = [];
  check(bundle, schema, value, '', errors);
  return errors.length === 0;
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
  return typeof value === type;
}

function checkNumber(s: Record<string, unknown>, value: number, at: string, errors: ValidationError[]): void {
  if (typeof s.minimum === 'number' && value < s.minimum) errors.push({ instancePath: at, message: `must be >= ${s.minimum}` });
  if (typeof s.maximum === 'number' && value > s.maximum) errors.push({ instancePath: at, message: `must be <= ${s.maximum}` });
}

function checkString(s: Record<string, unknown>, value: string, at: string, errors: ValidationError[]): void {
  if (typeof s.pattern === 'string' && !patternOf(s.pattern).test(value)) errors.push({ instancePath: at, message: `must match pattern "${s.pattern}"` });
  if (s.format === 'date' && !isDate(value)) errors.push({ instancePath: at, message: 'must match format "date"' });
  if (s.format === 'date-time' && !isDateTime(value)) errors.push({ instancePath: at, message: 'must match format "date-time"' });
}

function checkArray(bundle: SchemaBundle, s: Record<string, unknown>, value: unknown[], at: string, errors: ValidationError[]): void {
  if (typeof s.minItems === 'number' && value.length < s.minItems) errors.push({ instancePath: at, message: `must have at least ${s.minItems} items` });
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) errors.push({ instancePath: at, message: `must have at most ${s.maxItems} items` });
  if (s.items !== undefined) value.forEach((item, i) => check(bundle, s.items as SchemaNode, item, `${at}/${i}`, errors));
}

function checkObject(bundle: SchemaBundle, s: Record<string, unknown>, value: Record<string, unknown>, at: string, errors: ValidationError[]): void {
  const properties = (s.properties ?? {}) as Record<string, SchemaNode>;
  for (const key of (s.required ?? []) as string[]) if (!Object.hasOwn(value, key)) errors.push({ instancePath: at, message: `must have required property '${key}'` });
  for (const [key, item] of Object.entries(value)) {
    const path = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (Object.hasOwn(properties, key)) check(bundle, properties[key]!, item, path, errors);
    else if (s.additionalProperties !== undefined) check(bundle, s.additionalProperties as SchemaNode, item, path, errors);
  }
}

function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(source, 'u')));
  return pattern;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/;

/** RFC 3339 full-date: the shape, and a real calendar day. */
function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1]!;
}

/** RFC 3339 date-time with an offset: a real day and a real time (leap second allowed). */
function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  return m !== null && isDate(m[1]!) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) <= 60;
}

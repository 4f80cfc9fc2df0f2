/**
 * Stage 2, query: one warehouse query per endpoint per build, never one per player or date.
 *
 * Each endpoint's rows are checked against its row contract (types, NULLs, NaN/Infinity) and
 * key uniqueness, then grouped by the exporter's `partitionBy` columns so the render stage can
 * fan out in TypeScript. A bad row fails the build naming the endpoint, output path, row and field.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { AnyExporter, BuildContext } from '../define-exporter.ts';
import { ExportError, QueryError } from '../errors.ts';
import { checkRowStrings } from '../limits.ts';
import type { Logger, Warehouse, WarehouseRow } from '../ports.ts';
import { rowSchema } from '../row-contract.ts';
import { createAjv } from '../schema-registry.ts';
import { fillTemplate, isSafePathSegment, versionedPath } from '../paths.ts';
import { planRowJobs, type BuildPlan, type Params, type PathClaims, type PlannedEndpoint, type PlannedJob } from './plan.ts';

export const SLOW_QUERY_THRESHOLD_MS = 5_000;

export interface QueriedJob extends PlannedJob {
  readonly rows: readonly WarehouseRow[];
}

export interface QueriedEndpoint {
  readonly exporter: AnyExporter;
  readonly jobs: readonly QueriedJob[];
  readonly rowCount: number;
  readonly queryMs: number;
}

export interface QueryStageOptions {
  warehouse: Warehouse;
  logger: Logger;
  /** Longest string value a row may hold (limits.ts), checked before anything else reads the rows. */
  maxStringChars: number;
  /** The build's plan and path claims, for the jobs of an endpoint whose files come from its rows. */
  plan: BuildPlan;
  claims: PathClaims;
}

/**
 * Run an endpoint's one query, check its rows and fan them out to its jobs. An endpoint whose
 * files come from its rows (`fromRows`) is planned here (`planRowJobs`), after the row check.
 */
export async function queryEndpoint(endpoint: PlannedEndpoint, ctx: BuildContext, options: QueryStageOptions): Promise<QueriedEndpoint> {
  const { exporter } = endpoint;
  const started = performance.now();
  const params = exporter.query.bind(ctx, endpoint.jobs.map((j) => j.params));
  const rows = await options.warehouse.query(exporter.query.sql, { label: exporter.id, params });
  const queryMs = performance.now() - started;
  if (queryMs > SLOW_QUERY_THRESHOLD_MS) options.logger.info(`notice: ${exporter.id} query took ${(queryMs / 1000).toFixed(1)} s`);
  options.logger.debug(`${exporter.id}: ${rows.length} rows in ${queryMs.toFixed(0)} ms`);
  checkRowStrings(rows, options.maxStringChars, exporter.id);
  if (endpoint.fromRows) {
    checkRows(endpoint, [], rows);
    const jobs = partitionRows(exporter, planRowJobs(options.plan, exporter, rows, options.claims), rows);
    return { exporter, jobs, rowCount: rows.length, queryMs };
  }
  const jobs = partitionRows(exporter, endpoint.jobs, rows);
  checkRows(endpoint, jobs, rows);
  return { exporter, jobs, rowCount: rows.length, queryMs };
}

/**
 * One string per tuple of column values, equal only for equal tuples: each value's JSON joined by
 * NUL, which JSON text never holds raw (it escapes it), so no two tuples can meet.
 */
function tupleKey(row: Readonly<Record<string, unknown>>, columns: readonly string[]): string {
  let key = JSON.stringify(row[columns[0]!]) ?? 'undefined';
  for (let i = 1; i < columns.length; i += 1) key += `\u0000${JSON.stringify(row[columns[i]!]) ?? 'undefined'}`;
  return key;
}

/** Group rows by the partition columns; jobs whose parameters have no rows get an empty list. */
function partitionRows(exporter: AnyExporter, planned: readonly PlannedJob[], rows: readonly WarehouseRow[]): QueriedJob[] {
  const partitionBy = Object.entries(exporter.partitionBy ?? {}) as [string, string][];
  if (partitionBy.length === 0) return planned.map((job) => ({ ...job, rows }));
  const groups = new Map<string, WarehouseRow[]>();
  const rowColumns = partitionBy.map(([, column]) => column);
  const paramNames = partitionBy.map(([param]) => param);
  for (const row of rows) {
    const key = tupleKey(row, rowColumns);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(row);
  }
  return planned.map((job) => ({ ...job, rows: groups.get(tupleKey(job.params, paramNames)) ?? [] }));
}

let ajv: ReturnType<typeof createAjv> | undefined;
const rowValidators = new WeakMap<object, ValidateFunction>();

/** The row contract's validator, compiled once per contract. */
function rowValidator(columns: AnyExporter['query']['columns']): ValidateFunction {
  let validate = rowValidators.get(columns);
  if (!validate) rowValidators.set(columns, (validate = (ajv ??= createAjv()).compile(rowSchema(columns))));
  return validate;
}

/** Row contract and key uniqueness; the first bad rows are reported (at most 5 per endpoint). */
function checkRows(endpoint: PlannedEndpoint, jobs: readonly QueriedJob[], rows: readonly WarehouseRow[]): void {
  const { exporter } = endpoint;
  const validate = rowValidator(exporter.query.columns);
  const outputPathOf = outputPathLookup(exporter, jobs);
  const seenKeys = new Map<string, number>();
  const problems: string[] = [];
  rows.forEach((row, index) => {
    if (problems.length >= 5) return;
    if (!validate(row)) problems.push(describeRow(row, index, exporter, outputPathOf(row), validate.errors ?? []));
    const key = tupleKey(row, exporter.query.key);
    const first = seenKeys.get(key);
    if (first !== undefined) problems.push(`row ${index} ${keyText(row, exporter)} → ${outputPathOf(row)}: duplicate key (same as row ${first})`);
    else seenKeys.set(key, index);
  });
  if (problems.length === 0) return;
  const duplicate = problems.every((p) => p.includes('duplicate key'));
  throw new QueryError(duplicate ? 'DuplicateRowKey' : 'BadWarehouseRow', `${problems.length} bad row(s) in the query result:\n     ${problems.join('\n     ')}`, {
    exporterId: exporter.id,
    outputPath: outputPathOf(rows[0] ?? {}),
    hint: 'Fix the source rows in the warehouse (or the query); nothing was written.',
  });
}

function outputPathLookup(exporter: AnyExporter, jobs: readonly QueriedJob[]): (row: WarehouseRow) => string {
  if (exporter.paramsFromRows) return (row) => pathFromRow(exporter, row);
  // Built on the first bad row only: a clean result (the hot path) never pays for the map.
  let byRow: Map<WarehouseRow, string> | undefined;
  return (row) => {
    if (!byRow) {
      byRow = new Map();
      for (const job of jobs) for (const jobRow of job.rows) if (!byRow.has(jobRow)) byRow.set(jobRow, job.outputPath);
    }
    return byRow.get(row) ?? (jobs.length === 1 ? jobs[0]!.outputPath : '(no output file)');
  };
}

/** The path a row would feed, from its partition columns (unsafe or missing values stay as `{placeholder}`). */
function pathFromRow(exporter: AnyExporter, row: WarehouseRow): string {
  const columns = (exporter.partitionBy ?? {}) as Record<string, string | undefined>;
  const values: Record<string, string> = {};
  for (const [name, column] of Object.entries(columns)) {
    const value = column === undefined ? undefined : row[column];
    if (isSafePathSegment(value)) values[name] = value;
  }
  return versionedPath(fillTemplate(exporter.path, values));
}

function keyText(row: WarehouseRow, exporter: AnyExporter): string {
  return `(${exporter.query.key.map((c) => `${c}=${JSON.stringify(row[c])}`).join(', ')})`;
}

function describeRow(row: WarehouseRow, index: number, exporter: AnyExporter, outputPath: string, errors: readonly ErrorObject[]): string {
  const fields = errors.map((e) => {
    const field = e.instancePath.slice(1) || (e.params as { missingProperty?: string }).missingProperty || '(row)';
    const value = e.instancePath ? row[e.instancePath.slice(1).split('/')[0]!] : undefined;
    return `field \`${field}\` ${messageOf(e)}${value !== undefined ? `, got ${formatValue(value)}` : ''}`;
  });
  return `row ${index} ${keyText(row, exporter)} → ${outputPath}: ${[...new Set(fields)].join('; ')}`;
}

/** ajv's message, with a nullable column's type union (`must be number,null`) in words. */
function messageOf(error: ErrorObject): string {
  const { type } = error.params as { type?: unknown };
  if (error.keyword === 'type' && Array.isArray(type)) return `must be ${type.join(' or ')}`;
  return error.message ?? error.keyword;
}

function formatValue(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

export type { Params };

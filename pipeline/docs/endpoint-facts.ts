/**
 * What the docs and the OpenAPI document say about one registered endpoint, computed from its
 * exporter and schema only (no build needed): paths with typed parameters, Cache-Control per file
 * class, triggers with their schedule, freshness, and an example path taken from the schema example.
 */
import { createRenderContext } from '../build-context.ts';
import { cacheControlFor, type CachePreset } from '../cache-policy.ts';
import { DEFAULT_OPTIONS } from '../config.ts';
import type { AnyExporter, BuildContext, Trigger } from '../define-exporter.ts';
import { PlanError } from '../errors.ts';
import { placeholdersOf, versionedPath } from '../paths.ts';
import type { SchemaFile } from '../schema-registry.ts';
import { addDays } from '../time.ts';
import { examplePath, paramKindOf, type ParamKind } from './example-paths.ts';
import type { Freshness, FreshnessOf } from './freshness.ts';
import type { TriggerRuns } from './workflow-schedules.ts';

export interface CacheVariant {
  preset: CachePreset;
  header: string;
  /** Which files get it, when the exporter chooses per file; undefined when every file does. */
  applies: string | undefined;
}

export interface EndpointPath {
  /** With the version prefix: `v1/results/{date}.json`. */
  template: string;
  alias: boolean;
  params: { name: string; kind: ParamKind }[];
  cache: CacheVariant[];
  /** A root-relative URL of a real file, filled from the schema example: `/v1/results/2025-03-14.json`. */
  example: string | undefined;
}

export interface EndpointFacts {
  id: string;
  family: string;
  description: string;
  schema: SchemaFile;
  /** The generated TypeScript type name (the schema title). */
  typeName: string;
  /** Each trigger with its schedule from the workflows (`runs` undefined: no scheduled workflow runs it). */
  triggers: { trigger: Trigger; schedule: string; runs: TriggerRuns | undefined }[];
  freshness: Freshness;
  paths: EndpointPath[];
}

/** The date the cache presets are probed at; any date works, the rules compare params with it. */
const PROBE_DATE = '2025-03-15';
const PAST_DAYS = 30;

export const UNSCHEDULED = 'no scheduled workflow: manual builds only';

export interface DescribeEndpointOptions {
  readonly schemas: readonly SchemaFile[];
  readonly schedules: ReadonlyMap<Trigger, TriggerRuns>;
  readonly freshnessOf: FreshnessOf;
}

export function describeEndpoint(exporter: AnyExporter, { schemas, schedules, freshnessOf }: DescribeEndpointOptions): EndpointFacts {
  const schema = schemas.find((s) => s.id === exporter.schema);
  if (!schema) throw new PlanError('SchemaNotFound', `The exporter names schema ${exporter.schema}, which is not in schemas/`, { exporterId: exporter.id, hint: 'Add the schema file or fix the `schema` field.' });
  const example = (schema.schema.examples as unknown[] | undefined)?.[0];
  const main: EndpointPath = {
    template: versionedPath(exporter.path),
    alias: false,
    params: placeholdersOf(exporter.path).map((name) => ({ name, kind: paramKindOf(name) })),
    cache: cacheVariants(exporter),
    example: examplePath(exporter.path, schema.schema, example),
  };
  const aliases: EndpointPath[] = (exporter.aliases ?? []).map((alias) => ({
    template: versionedPath(alias.path),
    alias: true,
    params: [],
    cache: [{ preset: alias.cache, header: cacheControlFor(alias.cache), applies: undefined }],
    example: `/${versionedPath(alias.path)}`,
  }));
  return {
    id: exporter.id,
    family: exporter.id.split('.')[0]!,
    description: exporter.description,
    schema,
    typeName: String(schema.schema.title),
    triggers: exporter.triggers.map((trigger) => ({ trigger, schedule: schedules.get(trigger)?.text ?? UNSCHEDULED, runs: schedules.get(trigger) })),
    freshness: freshnessOf(exporter),
    paths: [main, ...aliases],
  };
}

/** A preset name, or for a per-file rule the presets of a current-date file and of a past one. */
function cacheVariants(exporter: AnyExporter): CacheVariant[] {
  if (typeof exporter.cache === 'string') return [{ preset: exporter.cache, header: cacheControlFor(exporter.cache), applies: undefined }];
  const ctx = probeContext();
  const names = placeholdersOf(exporter.path);
  const fill = (date: string) => Object.fromEntries(names.map((n) => [n, paramKindOf(n) === 'date' ? date : 'example']));
  const current = exporter.cache(fill(ctx.today), ctx);
  const past = exporter.cache(fill(addDays(ctx.today, -PAST_DAYS)), ctx);
  if (current === past) return [{ preset: current, header: cacheControlFor(current), applies: undefined }];
  return [
    { preset: current, header: cacheControlFor(current), applies: "today's file" },
    { preset: past, header: cacheControlFor(past), applies: 'past dates' },
  ];
}

function probeContext(): BuildContext {
  const options = { ...DEFAULT_OPTIONS, asOf: PROBE_DATE };
  return createRenderContext(options, { sample: undefined }, { now: () => new Date(0) });
}

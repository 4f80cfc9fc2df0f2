/**
 * Build inputs at build time (see BuildInput in define-exporter.ts), and the build stage that
 * uses them: every planned endpoint through its stages, in parallel (bounded), in two waves. The
 * inputs the planned endpoints need are loaded once, before the first wave, which builds every
 * endpoint that needs no `after: 'all'` input; those inputs are then loaded from what the first
 * wave wrote, and the second wave builds the rest. A query never reads an input (`bind` gets the
 * BuildContext, which has none), so the second wave's queries run in the first, on the same
 * queue: on BigQuery, where a query waits seconds, a build then waits on one round of queries,
 * not two (issue 20). An endpoint that needs an input whose loading
 * failed is not built: its result is the input's failure for it.
 */
import PQueue from 'p-queue';
import { buildEndpoint, runEndpointQuery, type EndpointDeps, type EndpointResult } from './build-endpoint.ts';
import type { BuildFacts, BuildInput, EndpointFacts, PlanFacts } from './define-exporter.ts';
import type { Logger } from './ports.ts';
import { phaseCounter } from './progress.ts';
import { hasWork, type BuildPlan, type PlannedEndpoint } from './stages/plan.ts';

/** What inputs are loaded from, besides the plan and what the build wrote. */
export type InputSources = Omit<BuildFacts, keyof PlanFacts> & Pick<PlanFacts, 'request'>;

export interface BuildAllOptions {
  readonly deps: EndpointDeps;
  readonly concurrency: number;
  readonly sources: InputSources;
  /** Times each input's loading under its id. */
  readonly time: <T>(label: string, work: () => Promise<T>) => Promise<T>;
}

/** Runs the plan checks of the inputs that the selected exporters need. */
export function checkInputPlans(plan: BuildPlan, request: PlanFacts['request'], logger: Logger): void {
  const facts = planFacts(plan, request, new Map());
  for (const input of inputsOf(plan.endpoints)) input.checkPlan?.(facts, logger);
}

/** Every planned endpoint built, in two waves (see the file overview); results in plan order. */
export async function buildAllEndpoints(plan: BuildPlan, options: BuildAllOptions): Promise<EndpointResult[]> {
  const queue = new PQueue({ concurrency: options.concurrency });
  const results = new Map<PlannedEndpoint, EndpointResult>();
  const inputs = new Map<BuildInput, unknown>();
  const failed = new Map<BuildInput, unknown>();
  const planned = plan.endpoints.filter(hasWork);
  const late = (endpoint: PlannedEndpoint) => endpoint.exporter.needs?.some((input) => input.after === 'all') === true;
  const { logger } = options.deps;
  const built = phaseCounter((...update) => logger.progress(...update), 'build endpoints', plan.endpoints.length);
  // A late endpoint needs a build input, so it is never carried over (incremental.ts, rebuildsAlways).
  const early = new Map(planned.filter(late).map((endpoint) => [endpoint, queue.add(() => runEndpointQuery(endpoint, options.deps))] as const));
  for (const wave of ['before', 'all'] as const) {
    const needed = inputsOf(planned).filter((input) => (input.after ?? 'before') === wave);
    for (const input of needed) await loadInput(input, { plan, options, results, inputs, failed });
    const deps = { ...options.deps, ctx: { ...options.deps.ctx, inputs: new Map(inputs) } };
    const endpoints = plan.endpoints.filter((endpoint) => late(endpoint) === (wave === 'all'));
    await Promise.all(endpoints.map((endpoint) => queue.add(async () => {
      const result = failedResult(endpoint, failed) ?? (await buildEndpoint(endpoint, deps, early.get(endpoint)));
      results.set(endpoint, result);
      built(result.files.reduce((sum, file) => sum + file.entry.bytes, 0));
    })));
  }
  return plan.endpoints.map((endpoint) => results.get(endpoint)!);
}

interface LoadState {
  plan: BuildPlan;
  options: BuildAllOptions;
  results: ReadonlyMap<PlannedEndpoint, EndpointResult>;
  inputs: Map<BuildInput, unknown>;
  failed: Map<BuildInput, unknown>;
}

/** Loads one input into `inputs`; a failure goes to `failed` when the input names it per endpoint, else it fails the build. */
async function loadInput(input: BuildInput, { plan, options, results, inputs, failed }: LoadState): Promise<void> {
  const { request, ...sources } = options.sources;
  const facts: BuildFacts = { ...planFacts(plan, request, results), ...sources };
  try {
    inputs.set(input, await options.time(input.id, async () => input.load(facts)));
  } catch (error) {
    if (!input.failureFor) throw error;
    failed.set(input, error);
  }
}

/** The result of an endpoint that needs an input that failed to load: that input's failure for it. */
function failedResult(endpoint: PlannedEndpoint, failed: ReadonlyMap<BuildInput, unknown>): EndpointResult | undefined {
  const input = endpoint.exporter.needs?.find((needed) => failed.has(needed));
  if (!input || !hasWork(endpoint)) return undefined;
  return { files: [], failures: [input.failureFor!(failed.get(input), endpointFacts(endpoint, new Map()))], queryMs: 0, queried: false, carried: false };
}

/** The distinct inputs that the endpoints need, in the order first needed. */
const inputsOf = (endpoints: readonly PlannedEndpoint[]): BuildInput[] => [...new Set(endpoints.flatMap((e) => e.exporter.needs ?? []))];

function planFacts(plan: BuildPlan, request: PlanFacts['request'], built: ReadonlyMap<PlannedEndpoint, EndpointResult>): PlanFacts {
  return { ctx: plan.ctx, request, endpoints: plan.endpoints.map((endpoint) => endpointFacts(endpoint, built)) };
}

function endpointFacts(endpoint: PlannedEndpoint, built: ReadonlyMap<PlannedEndpoint, EndpointResult>): EndpointFacts {
  const writtenDates = (built.get(endpoint)?.files ?? []).flatMap((file) => (file.dataDate === undefined ? [] : [file.dataDate]));
  const carried = built.get(endpoint)?.carried === true;
  return { exporter: endpoint.exporter, planned: hasWork(endpoint), carried, params: endpoint.jobs.map((job) => job.params), firstPath: endpoint.jobs[0]?.outputPath, writtenDates };
}

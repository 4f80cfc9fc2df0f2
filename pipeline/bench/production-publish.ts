/**
 * The production bench's storage sections, on the loopback GCS server with its per-request
 * latency: the first publish of the `all` tree built on BigQuery (of the first trigger built, in a run of fewer), and the live tick (feed → build
 * on BigQuery → publish), whose live endpoints the BigQuery server answers with the rows the
 * DuckDB sample gives at each tick's instant (recorded before the tick, outside its time).
 */
import { createGcsObjectStore } from '../adapters/gcs-object-store.ts';
import { ExportError } from '../errors.ts';
import { withPrefix } from '../publish/open-store.ts';
import { DEFAULT_PUBLISH_CONCURRENCY, publishBuild } from '../publish/publish-build.ts';
import { exporters } from '../../exporters/index.ts';
import { round } from './stats.ts';
import { timeLiveTicks } from './live-tick-bench.ts';
import { recordRows } from './planned-queries.ts';
import { timed, type ProductionRun } from './production-run.ts';

export interface PublishFirst {
  wall_s: number;
  /** requests × storage latency ÷ concurrency: every request waited for, as many at once as the publisher may. */
  limit_s: number;
  /** wall_s / limit_s */
  ratio: number;
  requests: number;
  /** Requests the publisher keeps in flight (DEFAULT_PUBLISH_CONCURRENCY), the divisor of the limit. */
  concurrency: number;
}

export interface ProductionLiveTick {
  median_s: number;
  p95_s: number;
}

const storeOf = (run: ProductionRun, prefix: string) => withPrefix(createGcsObjectStore({ bucket: run.bucket, endpoint: run.deps.storage.url }), prefix);

export async function benchPublishFirst(run: ProductionRun): Promise<PublishFirst> {
  const treeDir = (run.builds.all ?? Object.values(run.builds)[0])?.treeDir;
  if (treeDir === undefined) throw new ExportError('BuildFailed', 'Internal error: the first publish needs a build of the builds section');
  const before = await run.deps.storage.requestCount();
  const { seconds } = await timed(() => publishBuild({ store: storeOf(run, 'production'), treeDir }));
  const requests = (await run.deps.storage.requestCount()) - before;
  const concurrency = DEFAULT_PUBLISH_CONCURRENCY;
  const limit = (requests * run.settings.storageLatencyMs) / 1000 / concurrency;
  run.deps.logger.info(`production first publish: ${requests} requests in ${seconds.toFixed(2)} s (limit ${limit.toFixed(2)} s at ${concurrency} in flight)`);
  return { wall_s: round(seconds, 3), limit_s: round(limit, 3), ratio: round(seconds / limit, 2), requests, concurrency };
}

export async function benchProductionLiveTick(run: ProductionRun): Promise<ProductionLiveTick> {
  const { settings, deps } = run;
  const ticks = await timeLiveTicks({
    warehouse: run.openBigQuery('live'), liveFeed: run.feed, store: storeOf(run, 'production-live'),
    start: Date.parse(run.asOf), ticks: settings.ticks, stepMs: settings.tickStepMs,
    beforeTick: async (at) => deps.bigquery.replay(await recordRows(run.sample, { registry: exporters, trigger: 'live', asOf: at.toISOString() })),
  });
  if (ticks.failed > 0) throw new ExportError('BuildFailed', `${ticks.failed} of the production bench's live ticks failed`, { hint: 'Run `npm run bench -- --production --ticks 1` with DEBUG=props-api to see the failing tick.' });
  deps.logger.info(`production live tick: median ${ticks.median_ms} ms, p95 ${ticks.p95_ms} ms over ${ticks.ticks} ticks`);
  return { median_s: round(ticks.median_ms / 1000, 3), p95_s: round(ticks.p95_ms / 1000, 3) };
}

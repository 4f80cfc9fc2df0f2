/**
 * The production bench's "unchanged hourly" figure (issue 20): on a state that is already built
 * and published, an hourly build with no source table changed, published like the hourly
 * workflow does (`build --trigger hourly --bucket`, then `publish`). Targets: 0 endpoint queries,
 * at most 1 metadata request per dataset, 0 uploads. Endpoints rebuilt by every build
 * (`rebuild: 'always'`, e.g. status.json) still query and may upload: they are listed in `rebuilt`,
 * and the result says which endpoints may (`always_rebuilt`) and whose files were uploaded
 * (`uploaded_by`), so the verdict (bench-targets.ts) can tell them from a regression.
 */
import { historyFromRelease } from '../build-history.ts';
import { endpointEntries } from '../manifest.ts';
import type { AnyExporter } from '../define-exporter.ts';
import type { Clock, Logger, ObjectStore, Warehouse } from '../ports.ts';
import { readLiveRelease } from '../publish/live-release.ts';
import { publishBuild } from '../publish/publish-build.ts';
import { runBuild } from '../run-build.ts';
import { tablesOf } from '../sql.ts';

export interface UnchangedHourlyOptions {
  registry: readonly AnyExporter[];
  /** The warehouse the published state was built from, unchanged since. */
  warehouse: Warehouse;
  /** The bucket holding the published state. */
  store: ObjectStore;
  /** A scratch output directory for the build tree. */
  outDir: string;
  /** The hourly build's clock: later than the published build, on the same ET day. */
  clock: Clock;
  logger?: Logger;
}

export interface UnchangedHourly {
  /** Endpoint queries the build ran. */
  queries: number;
  /** Metadata requests made to read table stamps. */
  metadata_requests: number;
  /** Objects the publish uploaded (staged). */
  uploads: number;
  /** Exporter ids the build queried (those it did not carry over). */
  rebuilt: string[];
  /** Datasets the trigger's endpoints read: the stamps take one metadata request each. */
  datasets: number;
  /** The trigger's endpoints declared `rebuild: 'always'` (their files follow the build's clock): the only ones allowed to query and upload. */
  always_rebuilt: string[];
  /** Exporter ids whose files the publish uploaded. */
  uploaded_by: string[];
}

export async function measureUnchangedHourly(options: UnchangedHourlyOptions): Promise<UnchangedHourly> {
  const { registry, warehouse, store, outDir, clock, logger } = options;
  const baseline = historyFromRelease((await readLiveRelease(store)).manifest, registry);
  const summary = await runBuild({ registry, trigger: 'hourly', warehouseAdapter: warehouse, outDir, clock, baseline, incremental: true, ...(logger ? { logger } : {}) });
  const published = summary.treeDir === undefined ? undefined : await publishBuild({ store, treeDir: summary.treeDir, clock });
  const rebuilt = (summary.manifest ? endpointEntries(summary.manifest) : []).filter((endpoint) => endpoint.carried !== true).map((endpoint) => endpoint.exporter);
  const planned = summary.plan.endpoints.map((endpoint) => endpoint.exporter);
  return {
    queries: summary.queryCount, metadata_requests: summary.metadataRequests, uploads: published?.stage.uploaded ?? 0, rebuilt,
    datasets: new Set(planned.flatMap((exporter) => tablesOf(exporter.query.sql).map((table) => table.split('.')[0]))).size,
    always_rebuilt: planned.filter((exporter) => exporter.rebuild === 'always').map((exporter) => exporter.id),
    uploaded_by: [...new Set(published?.plan.upload.map((file) => file.exporter) ?? [])].sort(),
  };
}

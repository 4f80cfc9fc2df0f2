/**
 * `--publish` for the live loop: each committed tick goes through the publisher (stage, commit,
 * unchanged files not uploaded), and the tick's baseline is the bucket's live release, so a loop
 * in a fresh CI checkout keeps the published stamps and bytes of unchanged files.
 */
import { historyFromRelease } from '../build-history.ts';
import type { AnyExporter } from '../define-exporter.ts';
import type { ObjectStore } from '../ports.ts';
import { readLiveRelease } from '../publish/live-release.ts';
import { publishBuild } from '../publish/publish-build.ts';
import type { LiveTickDeps } from './live-tick.ts';

export function livePublishing(store: ObjectStore, registry: readonly AnyExporter[]): Pick<LiveTickDeps, 'publish' | 'baseline'> {
  return {
    publish: async (treeDir) => {
      const result = await publishBuild({ store, treeDir });
      return result.committed ? `published to ${store.description} (${result.stage.uploaded} uploaded, ${result.totals.unchanged} unchanged)` : `nothing new for ${store.description}`;
    },
    baseline: async () => historyFromRelease((await readLiveRelease(store)).manifest, registry),
  };
}

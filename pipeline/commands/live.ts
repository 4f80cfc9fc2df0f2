/**
 * `props-api live [--watch]`: the game-night loop. One process ticks on the interval, builds the
 * live trigger (live scores, live grading and status) from one feed poll per tick, skips ticks
 * whose files are all unchanged, publishes with `--publish`, and survives failed ticks (the last
 * good live files stay; status marks them). Flags → options → `runLiveLoop` / `runLiveTick`.
 */
import { resolveOptions, type LiveFeedKind } from '../config.ts';
import { invalidOption } from '../errors.ts';
import { gameNightDate, isWallTime, watchWindowEnd } from '../live/game-night.ts';
import { runLiveTick, type LiveTickDeps } from '../live/live-tick.ts';
import { openLiveFeed } from '../live/open-feed.ts';
import { livePublishing } from '../live/live-publish.ts';
import { createReplayClock, runLiveLoop, systemLoopClock, type LoopClock } from '../live/watch-loop.ts';
import { createConsoleLogger } from '../logger.ts';
import type { Warehouse } from '../ports.ts';
import { BUCKET_FLAGS, integerFlag, storeFromFlags, stringFlag } from '../publish/cli-options.ts';
import { openWarehouse, WAREHOUSE_FLAG_OPTIONS, warehouseOptionsFromFlags } from '../warehouse-config.ts';
import { DEFAULT_SAMPLE_WAREHOUSE } from '../warehouse-settings.ts';
import { exporters } from '../../exporters/index.ts';
import { defineCommand, type CommandArgs } from './command.ts';

export const LIVE_USAGE = `Usage: props-api live [--watch] [options]

Build the live endpoints (live scores, live grading) and status.json from one poll of the live
feed. With --watch, keep doing it every --interval seconds until --until (Eastern time): ticks
whose files are all unchanged write nothing; a failed tick (feed down, malformed answer) keeps the
last good live files, marks them in status.json, prints one line and the loop goes on.

Options:
  --watch              loop through the game night (default: one tick, exit 1 if it failed)
  --interval S         seconds between ticks (default: 180)
  --until HH:MM        stop at this America/New_York time, the next one after the start (default: 02:00),
                       and never past the game night's end (04:00 ET)
  --ticks N            stop after N ticks
  --feed F             sample | http (default: sample; env PROPS_API_FEED)
  --feed-url URL       balldontlie API base for --feed http (default: https://api.balldontlie.io/v1;
                       env PROPS_API_FEED_URL); the API key is read from BALLDONTLIE_API_KEY
  --as-of T            start the clock at this ISO instant (default: the sample's as-of night on the
                       sample warehouse, else the wall clock)
  --speed N            run the clock N times faster than real time (replays; default: 1)
  --publish            publish every changed tick to --bucket (atomic; unchanged files are not uploaded)
  --bucket URL         gs://NAME[/PREFIX] or file://DIR (required with --publish)
  --endpoint URL       GCS API endpoint, e.g. an emulator
  --warehouse W        duckdb:PATH or bigquery (default: duckdb:${DEFAULT_SAMPLE_WAREHOUSE})
  --out DIR            output directory (default: out)
  --system ID          prediction system to publish (default: ensemble_v1)
  --verbose            debug output (also DEBUG=props-api)
  -h, --help           show this help`;

export default defineCommand({
  name: 'live',
  summary: 'build live scores and live grading from the live feed, once or through the game night (--watch)',
  usage: LIVE_USAGE,
  options: {
    ...BUCKET_FLAGS, ...WAREHOUSE_FLAG_OPTIONS,
    watch: { type: 'boolean' }, interval: { type: 'string' }, until: { type: 'string' }, ticks: { type: 'string' }, feed: { type: 'string' },
    'feed-url': { type: 'string' }, 'as-of': { type: 'string' }, speed: { type: 'string' }, publish: { type: 'boolean' }, out: { type: 'string' }, system: { type: 'string' },
  },
  async run({ values }) {
    const flags = liveFlags(values);
    const logger = createConsoleLogger({ verbose: flags.options.verbose });
    const warehouse = await openWarehouse(flags.options, { bigquery: { trigger: 'live' } });
    try {
      const liveFeed = openLiveFeed(flags.options, warehouse, logger);
      const clock = loopClockFor(flags.asOf, warehouse, flags.speed);
      const deps: LiveTickDeps = {
        warehouse, liveFeed, logger, outDir: flags.options.outDir, registry: exporters, systemId: flags.options.systemId, ...(flags.store ? livePublishing(flags.store, exporters) : {}),
      };
      if (!flags.watch) return (await runLiveTick(clock.now(), deps)).kind === 'failed' ? 1 : 0;
      const start = clock.now();
      const until = watchWindowEnd(start, flags.until);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      logger.info(`live: game night ${gameNightDate(start)}, a tick every ${flags.intervalSeconds} s until ${until.toISOString()} (${flags.until} ET); feed ${liveFeed.description}`);
      const { ticks } = await runLiveLoop({ clock, intervalMs: flags.intervalSeconds * 1000, until, maxTicks: flags.ticks, signal: stop.signal, tick: async (at) => { await runLiveTick(at, deps); } });
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      logger.info(`live: stopped after ${ticks} tick(s)`);
      return 0;
    } finally {
      await warehouse.close();
    }
  },
});

/** Every flag checked before the warehouse, the feed or the bucket is touched. */
export function liveFlags(values: CommandArgs['values']) {
  const options = resolveOptions({
    ...warehouseOptionsFromFlags(values), outDir: stringFlag(values, 'out'), systemId: stringFlag(values, 'system'),
    feed: stringFlag(values, 'feed') as LiveFeedKind | undefined, feedUrl: stringFlag(values, 'feed-url'), verbose: values.verbose === true ? true : undefined,
  });
  const until = stringFlag(values, 'until') ?? '02:00';
  if (!isWallTime(until)) throw invalidOption('--until', 'an Eastern wall-clock time HH:MM (24-hour)', until);
  const speedText = stringFlag(values, 'speed') ?? '1';
  const speed = Number(speedText);
  if (!/^\d+(\.\d+)?$/.test(speedText) || !(speed > 0)) throw invalidOption('--speed', 'a number > 0', speedText);
  const asOf = stringFlag(values, 'as-of');
  if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}T/.test(asOf) || Number.isNaN(Date.parse(asOf)))) throw invalidOption('--as-of', 'an ISO 8601 instant', asOf);
  const publish = values.publish === true;
  if (!publish && stringFlag(values, 'bucket') !== undefined) throw invalidOption('--bucket', 'used with --publish', stringFlag(values, 'bucket'));
  return {
    options, until, speed, asOf, watch: values.watch === true,
    intervalSeconds: integerFlag(values, 'interval', 1) ?? 180, ticks: integerFlag(values, 'ticks', 1),
    store: publish ? storeFromFlags(values) : undefined,
  };
}

/** The loop's clock: from --as-of, else the sample's as-of night, else the wall clock; --speed for replays. */
function loopClockFor(asOf: string | undefined, warehouse: Warehouse, speed: number): LoopClock {
  const start = asOf ?? warehouse.sample?.asOfInstant;
  if (start !== undefined) return createReplayClock(new Date(start), speed);
  if (speed !== 1) throw invalidOption('--speed', '1 against the wall clock (give --as-of to replay)', speed);
  return systemLoopClock;
}

/**
 * `--feed sample|http` → a LiveFeed adapter. The API key comes from the environment through
 * config.ts and goes straight into the HTTP adapter; nothing else ever sees it.
 */
import { resolveFeedApiKey, type Options } from '../config.ts';
import { createHttpLiveFeed } from '../adapters/http-live-feed.ts';
import { createSampleLiveFeedFromWarehouse } from '../adapters/sample-live-feed.ts';
import type { LiveFeed, Logger, Warehouse } from '../ports.ts';

export function openLiveFeed(options: Pick<Options, 'feed' | 'feedUrl'>, warehouse: Warehouse, logger: Logger): LiveFeed {
  if (options.feed === 'sample') return createSampleLiveFeedFromWarehouse(warehouse);
  return createHttpLiveFeed({ baseUrl: options.feedUrl, apiKey: resolveFeedApiKey(), logger });
}

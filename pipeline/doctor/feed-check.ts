/**
 * `feed.key`: the live feed accepts the API key. One GET of the live box scores (`per_page=1`)
 * with the key in the `Authorization` header, as the HTTP adapter sends it; the key is never put
 * in a URL or a message.
 */
import { FEED_API_KEY_ENV } from '../config.ts';
import { firstLine, ok, problem, type CheckResult } from './check.ts';

export interface FeedCheckOptions {
  baseUrl: string;
  apiKey: string | undefined;
  /** @default 10000 */
  timeoutMs?: number;
}

export async function checkFeed(options: FeedCheckOptions): Promise<CheckResult> {
  const keyHint = `Set ${FEED_API_KEY_ENV} to a balldontlie key whose plan includes live box scores (a repository secret in GitHub Actions)`;
  if (options.apiKey === undefined) return problem('fail', 'feed.key', 'LiveFeedRejected', `${FEED_API_KEY_ENV} is not set`, keyHint);
  const url = `${options.baseUrl.replace(/\/+$/, '')}/box_scores/live?per_page=1`;
  let status: number;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', authorization: options.apiKey }, redirect: 'error', signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
    status = response.status;
    await response.body?.cancel().catch(() => {});
  } catch (error) {
    return problem('fail', 'feed.key', 'LiveFeedUnavailable', `${url} did not answer: ${firstLine(error).split(options.apiKey).join('[redacted]')}`, 'Check the network and --feed-url (PROPS_API_FEED_URL); balldontlie may be down');
  }
  if (status === 200) return ok('feed.key', `${url} accepted the key (HTTP 200)`);
  if (status === 401 || status === 403) return problem('fail', 'feed.key', 'LiveFeedRejected', `${url} refused the key (HTTP ${status})`, keyHint);
  return problem('fail', 'feed.key', status === 429 || status >= 500 ? 'LiveFeedUnavailable' : 'LiveFeedRejected', `${url} answered HTTP ${status}`, 'Check --feed-url (PROPS_API_FEED_URL) and balldontlie status; run doctor again');
}

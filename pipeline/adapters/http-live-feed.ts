/**
 * The production LiveFeed: balldontlie's live box scores over HTTP (`GET <base>/box_scores/live`,
 * `per_page=100`, following `meta.next_cursor`).
 *
 * - The API key goes in the `Authorization` header, the way balldontlie expects it. It is never
 *   logged, never part of a URL, and scrubbed from every error message this adapter produces.
 * - Each request has a timeout (the body read included). HTTP 429 waits for `Retry-After` (seconds
 *   or a date; a backoff when absent); 408, 5xx, timeouts and dropped connections back off
 *   exponentially with full jitter. After the last attempt: `LiveFeedUnavailable`.
 * - Other 4xx answers are not retried (`LiveFeedRejected`); a body that is not the expected JSON
 *   is `LiveFeedMalformed`. The adapter never turns a failure into an empty snapshot.
 */
import { LiveFeedError } from '../errors.ts';
import type { LiveFeed, LiveFeedGame, LiveSnapshot, Logger } from '../ports.ts';
import { parseLivePage } from '../live/balldontlie-payload.ts';
import { FAILED_POLL_OUTCOME } from '../live/snapshot.ts';

export interface HttpLiveFeedOptions {
  /** Base URL of the API version, e.g. `https://api.balldontlie.io/v1`. */
  baseUrl: string;
  /** balldontlie API key (from the environment, see config.ts); no header when absent. */
  apiKey?: string | undefined;
  /** Per request, body included. @default 30000 */
  timeoutMs?: number;
  /** Attempts per page, the first included. @default 4 */
  attempts?: number;
  /** First backoff ceiling; doubles per attempt. @default 500 */
  baseDelayMs?: number;
  /** @default 8000 */
  maxDelayMs?: number;
  /** The longest `Retry-After` the poll waits for; a longer one fails the poll. @default 60000 */
  maxRetryAfterMs?: number;
  /** Pagination guard. @default 20 */
  maxPages?: number;
  /** Waits between attempts (tests pass one that records and returns at once). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Math.random */
  random?: () => number;
  logger?: Pick<Logger, 'debug'>;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function createHttpLiveFeed(options: HttpLiveFeedOptions): LiveFeed {
  const base = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(base)) throw new TypeError(`Expected \`feedUrl\` to be an http(s) URL, got \`${options.baseUrl}\``);
  const settings = {
    timeoutMs: options.timeoutMs ?? 30_000, attempts: options.attempts ?? 4, baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000, maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000, maxPages: options.maxPages ?? 20,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))), random: options.random ?? Math.random,
  };
  const key = options.apiKey === '' ? undefined : options.apiKey;
  const scrub = (text: string) => (key ? text.split(key).join('[redacted]') : text);
  const description = `balldontlie ${base}/box_scores/live`;

  async function fetchPage(url: string): Promise<string> {
    let last = '';
    for (let attempt = 1; attempt <= settings.attempts; attempt += 1) {
      const outcome = await requestOnce(url, key, settings.timeoutMs);
      if (outcome.kind === 'body') return outcome.text;
      if (outcome.kind === 'answer' && !RETRYABLE_STATUSES.has(outcome.status)) {
        const why = outcome.status === 401 || outcome.status === 403 ? (key ? ' (check BALLDONTLIE_API_KEY and the account tier)' : ' (no API key is set: BALLDONTLIE_API_KEY)') : '';
        throw new LiveFeedError('LiveFeedRejected', scrub(`the live feed refused ${url} with HTTP ${outcome.status}${why}`), { hint: `Not retried: the request itself is wrong (API key, plan or URL). ${FAILED_POLL_OUTCOME}` });
      }
      last = outcome.kind === 'answer' ? `HTTP ${outcome.status}` : outcome.problem;
      if (attempt === settings.attempts) break;
      const retryAfter = outcome.kind === 'answer' ? outcome.retryAfterMs : undefined;
      if (retryAfter !== undefined && retryAfter > settings.maxRetryAfterMs) {
        throw unavailable(`the live feed asked to wait ${Math.ceil(retryAfter / 1000)} s (Retry-After) before ${url}, longer than a poll may wait`);
      }
      const wait = retryAfter ?? settings.random() * Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
      options.logger?.debug(scrub(`live feed: ${last} from ${url}; retry ${attempt}/${settings.attempts - 1} in ${Math.round(wait)} ms`));
      await settings.sleep(wait);
    }
    throw unavailable(`the live feed kept failing at ${url}: ${last} after ${settings.attempts} attempts`);
  }

  function unavailable(message: string): LiveFeedError {
    return new LiveFeedError('LiveFeedUnavailable', scrub(message), { hint: `Timeouts, HTTP 429 or 5xx and dropped connections are retried; when they persist, check balldontlie's status and the network. ${FAILED_POLL_OUTCOME}` });
  }

  /** A page's games; a malformed page's message quotes feed values, so it is scrubbed too. */
  function parseScrubbed(text: string, url: string) {
    try {
      return parseLivePage(text, scrub(url));
    } catch (error) {
      if (!(error instanceof LiveFeedError) || !key) throw error;
      throw new LiveFeedError(error.code, scrub(error.message), { hint: error.hint });
    }
  }

  return {
    description,
    async fetchSnapshot(): Promise<LiveSnapshot> {
      const games: LiveFeedGame[] = [];
      const seen = new Set<string>();
      let cursor: string | null = null;
      for (let page = 1; ; page += 1) {
        if (page > settings.maxPages) throw new LiveFeedError('LiveFeedMalformed', `the live feed kept paginating past ${settings.maxPages} pages (${description})`);
        const url = `${base}/box_scores/live?per_page=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const parsed = parseScrubbed(await fetchPage(url), url);
        games.push(...parsed.games);
        if (parsed.nextCursor === null) break;
        if (seen.has(parsed.nextCursor)) throw new LiveFeedError('LiveFeedMalformed', `the live feed repeated the cursor ${parsed.nextCursor} (${description})`);
        seen.add(parsed.nextCursor);
        cursor = parsed.nextCursor;
      }
      return { source: description, games };
    },
  };
}

type RequestOutcome =
  | { kind: 'body'; text: string }
  | { kind: 'answer'; status: number; retryAfterMs: number | undefined }
  | { kind: 'failed'; problem: string };

/** One GET, body read included, under one timeout. Never throws; never echoes headers. */
async function requestOnce(url: string, key: string | undefined, timeoutMs: number): Promise<RequestOutcome> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { headers: { accept: 'application/json', ...(key ? { authorization: key } : {}) }, signal, redirect: 'error' });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      return { kind: 'answer', status: response.status, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    }
    return { kind: 'body', text: await response.text() };
  } catch (error) {
    if (signal.aborted) return { kind: 'failed', problem: `no complete answer within ${timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind: 'failed', problem: `connection failed (${cause?.code ?? cause?.message ?? (error as Error).message})` };
  }
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The typed client's runtime, shipped in `generated/` as `client.js` + `client.d.ts` (transpiled
 * by `npm run generate`, see render-client.ts). It is standalone: it imports nothing (not even the
 * pipeline), so a browser bundle or Node 20 needs nothing beyond `fetch`. The generated
 * `endpoints.js` supplies the table (paths, parameter rules, exporter ids, schema loaders) and
 * `index.d.ts` the types that make `get` typed per path.
 */

export type ParamKind = 'date' | 'slug';

export interface EndpointEntry {
  /** The exporter that writes the file, as status.json names it. */
  readonly exporter: string;
  /** The path's placeholders in order, each with its kind. */
  readonly params: readonly (readonly [name: string, kind: ParamKind])[];
  /** Loads the payload validator (precompiled from the endpoint's JSON Schema) on demand. */
  readonly validator: () => Promise<{ default: PayloadValidator }>;
}

/** True when the payload conforms; otherwise its `errors` say where it does not. */
export type PayloadValidator = ((payload: unknown) => boolean) & { errors?: readonly { instancePath: string; message?: string }[] | null };

export interface EndpointTable {
  /** The version prefix of every path: `v1`. */
  readonly version: string;
  /** The build's path-segment rule: every parameter value must match it. */
  readonly segment: RegExp;
  /** The build's calendar-date shape; a date parameter must also be a real date. */
  readonly date: RegExp;
  readonly endpoints: Readonly<Record<string, EndpointEntry>>;
  /** The path of status.json, whose per-endpoint verdicts `status()` reads. */
  readonly statusPath: string;
}

export interface ClientOptions {
  /** Where the API is served: the origin (and any path prefix) above `v1/`, e.g. `https://api.nbaprops.com`. */
  baseUrl: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Check every payload against its endpoint's JSON Schema (the validator loads on first use). @default false */
  validate?: boolean;
  /**
   * How many ETag'd bodies the client keeps for conditional requests; the least recently used
   * goes first, so a long session over many player pages holds a bounded amount. 0 disables it.
   * @default 100
   */
  cacheSize?: number;
}

export class ClientError extends Error {
  override name = 'ClientError';
}

/** A parameter value breaks the build's path rules, so no such file can exist; no request was made. */
export class InvalidParams extends ClientError {
  override name = 'InvalidParams';
}

/** The server answered with a status other than 200 (or 304 for a cached body). */
export class HttpError extends ClientError {
  override name = 'HttpError';
  readonly url: string;
  readonly status: number;
  constructor(url: string, status: number) {
    super(`GET ${url} answered ${status}`);
    this.url = url;
    this.status = status;
  }
}

/** 404: the file was never built, or its date is outside the published window. */
export class NotFound extends HttpError {
  override name = 'NotFound';
}

/** The body is not JSON, or (with `validate: true`) does not conform to the endpoint's schema. */
export class InvalidPayload extends ClientError {
  override name = 'InvalidPayload';
  readonly url: string;
  readonly problems: readonly string[];
  constructor(url: string, problems: readonly string[]) {
    super(`${url} is not a valid payload: ${problems.join('; ')}`);
    this.url = url;
    this.problems = problems;
  }
}

interface CachedBody { etag: string; text: string }

const DEFAULT_CACHE_SIZE = 100;

/** ETag'd bodies by URL, least recently used first (a Map iterates in insertion order). */
class BodyCache {
  private readonly bodies = new Map<string, CachedBody>();
  private readonly capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }
  get(url: string): CachedBody | undefined {
    const body = this.bodies.get(url);
    if (body !== undefined) {
      this.bodies.delete(url);
      this.bodies.set(url, body);
    }
    return body;
  }
  set(url: string, body: CachedBody | undefined): void {
    this.bodies.delete(url);
    if (body === undefined || this.capacity <= 0) return;
    this.bodies.set(url, body);
    if (this.bodies.size > this.capacity) this.bodies.delete(this.bodies.keys().next().value!);
  }
}

/** Params argument of `get`: none for a path without placeholders, else exactly its placeholders. */
export type ParamsArg<P> = keyof P extends never ? [params?: Record<string, never>] : [params: P];

/** The shape of a generated `Endpoints` interface: each path → its parameters and payload type. */
export type EndpointMap<E> = { [K in keyof E]: { params: object; payload: unknown } };

/** status.json's payload type in `E`. */
export type StatusPayload<E> = 'status.json' extends keyof E ? E['status.json'] extends { payload: infer P } ? P : never : StatusDocument;

export interface ApiClient<E extends EndpointMap<E>> {
  /** The payload of one file, by path template (without `v1/`) and its parameters. */
  get<K extends keyof E & string>(path: K, ...params: ParamsArg<E[K]['params']>): Promise<E[K]['payload']>;
  /** The URL `get` would fetch; throws InvalidParams like `get`. */
  url<K extends keyof E & string>(path: K, ...params: ParamsArg<E[K]['params']>): string;
  /** status.json, with each endpoint's freshness by path (see `freshnessOf`). */
  status(): Promise<StatusReport<E>>;
}

/** The fields of status.json the client reads. */
export interface StatusDocument {
  updated_at: string;
  endpoints: readonly { exporter: string; status: 'fresh' | 'stale' | 'error'; reason: string | null; warn_after_minutes: number }[];
}

export interface EndpointFreshness {
  exporter: string;
  /** status.json's verdict; `unknown` when it does not list the endpoint. */
  status: 'fresh' | 'stale' | 'error' | 'unknown';
  /** Not fresh by status.json's verdict, or the verdict itself is out of date (see `freshnessOf`). */
  stale: boolean;
  /** status.json's reason, or `status_outdated` / `not_listed` when the client decided. */
  reason: string | null;
}

export interface StatusReport<E extends EndpointMap<E>> {
  status: StatusPayload<E>;
  /** Whether the endpoint serving `path` is stale, as of `now` (default: the current time). */
  freshness(path: keyof E & string, now?: Date): EndpointFreshness;
}

export function createApiClient<E extends EndpointMap<E>>(options: ClientOptions, table: EndpointTable): ApiClient<E> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const root = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const cache = new BodyCache(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const urlOf = (path: string, params: Record<string, string> = {}): string => new URL(`${table.version}/${fillPath(table, path, params)}`, root).href;
  const load = async (path: string, params: Record<string, string> | undefined): Promise<unknown> => {
    const url = urlOf(path, params);
    const payload = parsePayload(url, await fetchText(doFetch, url, cache));
    if (options.validate === true) await validatePayload(url, payload, entryOf(table, path));
    return payload;
  };
  return {
    url: (path, ...rest) => urlOf(path, rest[0] as Record<string, string> | undefined),
    get: async (path, ...rest) => load(path, rest[0] as Record<string, string> | undefined) as never,
    async status() {
      const status = await load(table.statusPath, undefined) as StatusDocument;
      return { status: status as StatusPayload<E>, freshness: (path, now = new Date()) => freshnessOf(table, status, path, now) };
    },
  };
}

/**
 * An endpoint's freshness: status.json's verdict by the endpoint's own thresholds (each judged
 * against its cadence when the build ran). The verdict itself dates from status.json's
 * `updated_at`; once status.json is older than its own warn threshold (its own entry's
 * `warn_after_minutes`), no rebuild is known to have run, so every endpoint counts as stale.
 */
export function freshnessOf(table: EndpointTable, status: StatusDocument, path: string, now: Date): EndpointFreshness {
  const { exporter } = entryOf(table, path);
  const entry = status.endpoints.find((e) => e.exporter === exporter);
  if (entry === undefined) return { exporter, status: 'unknown', stale: true, reason: 'not_listed' };
  const own = status.endpoints.find((e) => e.exporter === table.endpoints[table.statusPath]?.exporter);
  const ageMinutes = (now.getTime() - Date.parse(status.updated_at)) / 60_000;
  const outdated = own !== undefined && ageMinutes >= own.warn_after_minutes;
  const stale = entry.status !== 'fresh' || outdated;
  return { exporter, status: entry.status, stale, reason: entry.reason ?? (outdated ? 'status_outdated' : null) };
}

/** The path with each placeholder filled, after checking every value against the build's rules. */
export function fillPath(table: EndpointTable, path: string, params: Record<string, string>): string {
  const entry = entryOf(table, path);
  const expected = entry.params.map(([name]) => name);
  const extra = Object.keys(params).filter((name) => !expected.includes(name));
  if (extra.length > 0) throw new InvalidParams(`${path} takes ${expected.length === 0 ? 'no parameters' : expected.join(', ')}, not ${extra.join(', ')}`);
  for (const [name, kind] of entry.params) {
    const value = params[name];
    if (typeof value !== 'string' || !table.segment.test(value)) throw new InvalidParams(`${path}: ${name} must be a slug (lower-case letters, digits, inner hyphens), got ${JSON.stringify(value)}`);
    if (kind === 'date' && !isCalendarDate(table.date, value)) throw new InvalidParams(`${path}: ${name} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return path.replace(/\{([^}]*)\}/g, (_, name: string) => params[name]!);
}

function entryOf(table: EndpointTable, path: string): EndpointEntry {
  const entry = Object.hasOwn(table.endpoints, path) ? table.endpoints[path] : undefined;
  if (entry === undefined) throw new InvalidParams(`Unknown path ${JSON.stringify(path)}: it is not a path template of API ${table.version}`);
  return entry;
}

function isCalendarDate(shape: RegExp, value: string): boolean {
  if (!shape.test(value)) return false;
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** GET with If-None-Match when an ETag'd body is cached; 304 answers with the cached body. */
async function fetchText(doFetch: typeof fetch, url: string, cache: BodyCache): Promise<string> {
  const cached = cache.get(url);
  const response = await doFetch(url, cached ? { headers: { 'If-None-Match': cached.etag } } : {});
  if (response.status === 304 && cached) return cached.text;
  if (response.status === 404) throw new NotFound(url, 404);
  if (response.status !== 200) throw new HttpError(url, response.status);
  const text = await response.text();
  const etag = response.headers.get('etag');
  cache.set(url, etag === null ? undefined : { etag, text });
  return text;
}

function parsePayload(url: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidPayload(url, [`not JSON (${(error as Error).message})`]);
  }
}

async function validatePayload(url: string, payload: unknown, entry: EndpointEntry): Promise<void> {
  const validator = (await entry.validator()).default;
  if (validator(payload)) return;
  throw new InvalidPayload(url, (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
}

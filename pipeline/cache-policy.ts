/**
 * Named Cache-Control presets. Exporters name a preset; raw header strings live only here.
 *
 * Dated post-game files can be rebuilt when a date is re-graded or backfilled, so they get a
 * day with revalidation rather than a year (spec R-18). Build prefixes are content-addressed
 * and immutable.
 */
export const CACHE_PRESETS = {
  /** Staged objects under `builds/<buildId>/`: never change once written. */
  immutable: 'public, max-age=31536000, immutable',
  /** Live scores and live grading, refreshed every 3 minutes in the game window. */
  live: 'public, max-age=30',
  /** Health and release pointers: status.json, manifests. */
  status: 'public, max-age=60',
  /** `latest` / `today` aliases and tonight's board. */
  alias: 'public, max-age=300',
  /** Pre-game files that change as predictions land. */
  tonight: 'public, max-age=300',
  /** Hourly trends and other same-day files. */
  hourly: 'public, max-age=3600',
  /** Dated history that is final once graded but may be re-graded. */
  daily: 'public, max-age=86400, stale-while-revalidate=3600',
  /** Weekly trends, player pages. */
  weekly: 'public, max-age=43200',
  /** Monthly trends (the deep-dive promo): a day, as the old bucket served it. */
  monthly: 'public, max-age=86400',
  /**
   * The published JSON Schemas (`v1/schemas/...`): they change only with a deploy, but a validator
   * holding a stale copy rejects the new files (`additionalProperties: false`), so minutes, not days.
   */
  schema: 'public, max-age=300',
} as const;

export type CachePreset = keyof typeof CACHE_PRESETS;

export function cacheControlFor(preset: CachePreset): string {
  return CACHE_PRESETS[preset];
}

export function isCachePreset(value: unknown): value is CachePreset {
  return typeof value === 'string' && Object.hasOwn(CACHE_PRESETS, value);
}

export const JSON_CONTENT_TYPE = 'application/json';

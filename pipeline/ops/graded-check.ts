/**
 * The graded-data gate of the daily workflow (`props-api graded`).
 *
 * Results, best bets and performance for a date must be published only once that date's grading
 * has landed: the old 05:00 job ran before the 11:00 grading and published empty results
 * (endpoints-results-live.md §1.2, R-1). The daily workflow runs at 5, 8, 11:30 and 13 ET and asks
 * this check first; it builds and publishes only when the state is `ready` or `no-games`.
 *
 * Contract of the states, for one date D:
 * - `ungraded`  games were scheduled (or rows graded) on D but `prediction_accuracy` or
 *               `system_daily_performance` has no row for D yet (grading writes the first, then
 *               aggregates the second);
 * - `no-games`  nothing was scheduled and nothing graded: there is nothing to wait for;
 * - `ready`     graded, and the live release has no results file for D built since grading;
 * - `published` the live release has `v1/results/D.json` stamped at or after the newest
 *               `graded_at` of D (any stamp when `graded_at` is unknown, or with no games).
 * A file's stamp (`generated_at`) is when its content last changed, so a re-grade that changes
 * nothing leaves the state `ready`; the rebuild it causes is a no-op publish.
 *
 * The results file is named by its caller (the `graded` command, from the registry's
 * `GRADED_RESULTS_PATH`): this module knows no endpoint.
 */
import { fillTemplate, versionedPath } from '../paths.ts';
import type { ReleaseManifest } from '../publish/release-manifest.ts';
import { targetFilesOf } from '../publish/release-manifest.ts';
import type { Warehouse } from '../ports.ts';
import { param, sql, table } from '../sql.ts';

export type GradingState = 'ungraded' | 'no-games' | 'ready' | 'published';

/** What the warehouse says about one date. */
export interface GradingFacts {
  date: string;
  /** Distinct games in the schedule for the date. */
  scheduledGames: number;
  /** `prediction_accuracy` rows (all systems). */
  gradedRows: number;
  /** Newest `graded_at` of those rows, ISO 8601; null when none or unrecorded. */
  gradedAt: string | null;
  /** `system_daily_performance` rows (all systems). */
  performanceRows: number;
}

export interface GradingReport extends GradingFacts {
  state: GradingState;
  /** True when the daily build should run now (`ready` or `no-games`). */
  go: boolean;
  /** The results file checked in the live release, and its stamp; null when not published or no bucket given. */
  published: { path: string; generatedAt: string | null } | null;
  /** One line for logs and the job summary. */
  reason: string;
}

const DATE = param.date('date');

/** One row of four counts; both engines accept scalar subqueries without FROM. */
export const GRADING_QUERY = sql`
SELECT
  (SELECT COUNT(DISTINCT game_id) FROM ${table('nba_raw', 'nbac_schedule')} WHERE game_date = ${DATE}) AS scheduled_games,
  (SELECT COUNT(*) FROM ${table('nba_predictions', 'prediction_accuracy')} WHERE game_date = ${DATE}) AS graded_rows,
  (SELECT MAX(graded_at) FROM ${table('nba_predictions', 'prediction_accuracy')} WHERE game_date = ${DATE}) AS graded_at,
  (SELECT COUNT(*) FROM ${table('nba_predictions', 'system_daily_performance')} WHERE game_date = ${DATE}) AS performance_rows`;

export async function readGradingFacts(warehouse: Warehouse, date: string): Promise<GradingFacts> {
  const [row] = await warehouse.query(GRADING_QUERY, { label: 'ops.graded-check', params: { date } });
  const count = (value: unknown) => Number(value ?? 0);
  return {
    date,
    scheduledGames: count(row?.scheduled_games),
    gradedRows: count(row?.graded_rows),
    gradedAt: typeof row?.graded_at === 'string' ? row.graded_at : null,
    performanceRows: count(row?.performance_rows),
  };
}

/** `v1/results/D.json`: the results path template (`results/{date}.json`) filled with the date. */
export const resultsPathOf = (template: string, date: string): string => versionedPath(fillTemplate(template, { date }));

/** The results file at `path` (`v1/...`) in the live release (as it will be once a pending commit finishes). */
export function publishedResults(manifest: ReleaseManifest | null, path: string): GradingReport['published'] {
  const file = manifest ? targetFilesOf(manifest).find((f) => f.path === path) : undefined;
  return file ? { path, generatedAt: file.generated_at ?? null } : null;
}

export function decideGrading(facts: GradingFacts, published: GradingReport['published']): GradingReport {
  const graded = facts.gradedRows > 0 && facts.performanceRows > 0;
  const counts = `${facts.scheduledGames} game(s) scheduled, ${facts.gradedRows} graded row(s)${facts.gradedAt ? ` (newest ${facts.gradedAt})` : ''}, ${facts.performanceRows} performance row(s)`;
  const report = (state: GradingState, why: string): GradingReport => ({
    ...facts, state, go: state === 'ready' || state === 'no-games', published, reason: `${facts.date}: ${state}: ${why}; ${counts}`,
  });
  if (!graded && (facts.scheduledGames > 0 || facts.gradedRows > 0)) return report('ungraded', 'grading has not landed yet');
  const stampedSinceGrading = published !== null && (facts.gradedAt === null || (published.generatedAt !== null && Date.parse(published.generatedAt) >= Date.parse(facts.gradedAt)));
  if (stampedSinceGrading) return report('published', `${published.path} is live, stamped ${published.generatedAt ?? 'unknown'}`);
  if (!graded) return report('no-games', 'no games were scheduled, nothing to wait for');
  return report('ready', published ? `${published.path} predates grading` : 'graded, not yet published');
}

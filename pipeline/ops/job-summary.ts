/**
 * The job summary of a scheduled or manual build-and-publish run, written as Markdown to
 * `$GITHUB_STEP_SUMMARY` by `.github/workflows/_build-and-publish.yml`.
 *
 * Contract: given what the run left behind (the build's manifest and build-report.json, its
 * v1/status.json when the trigger rebuilt it, the logs of the build and publish steps, the step
 * outcomes, and the graded-data gate's report), it states in a few lines what happened: files
 * written and unchanged, bytes, durations, the publish line, stale endpoints, and, when a step
 * failed, the CLI's numbered error chain verbatim. Pure: `formatJobSummary` does no I/O.
 */
import type { BuildManifest, BuildReport } from '../manifest.ts';
import { formatBytes } from '../progress.ts';
import type { PipelineStatus } from '../../generated/status/status.ts';
import type { GradingReport } from './graded-check.ts';

/** A GitHub step outcome (`steps.<id>.outcome`); empty when the step was not reached. */
export type StepOutcome = 'success' | 'failure' | 'cancelled' | 'skipped' | '';

/** One step of the job, as the workflow saw it. */
export interface StepReport {
  /** `gate`, `build` or `publish`. */
  name: string;
  outcome: StepOutcome;
  /** Everything the step printed (stdout and stderr). */
  log: string;
}

export interface JobSummaryInput {
  /** e.g. `props-api daily`. */
  title: string;
  /** In the order they ran; a step that does not apply is `skipped` or absent. */
  steps: StepReport[];
  /** The publish ran with --dry-run (nothing changed in the bucket). */
  dryRun: boolean;
  /** The graded-data gate's report (daily), when it ran. */
  gate?: GradingReport;
  build?: { manifest: BuildManifest; report?: BuildReport };
  /** The build's `v1/status.json`, when it has one. */
  status?: unknown;
}

/** An endpoint status.json reports as not fresh. */
export interface StaleEndpoint {
  id: string;
  state: string;
  reason: string | undefined;
}

/**
 * Endpoints that the build's `v1/status.json` (schemas/status/status.schema.json) reports as
 * stale or error. Read defensively: a status file of another shape lists nothing rather than
 * failing the summary.
 */
export function staleEndpointsOf(status: unknown): StaleEndpoint[] {
  const endpoints = (status as Partial<PipelineStatus> | null | undefined)?.endpoints;
  if (!Array.isArray(endpoints)) return [];
  return endpoints
    .filter((e) => typeof e?.exporter === 'string' && typeof e.status === 'string' && e.status !== 'fresh')
    .map((e) => ({ id: e.exporter, state: e.status, reason: typeof e.reason === 'string' ? e.reason : undefined }));
}

/** Dates status.json lists as not all graded (`grading.ungraded_dates`), overdue ones marked. */
export function ungradedDatesOf(status: unknown): string[] {
  const dates = (status as Partial<PipelineStatus> | null | undefined)?.grading?.ungraded_dates;
  if (!Array.isArray(dates)) return [];
  return dates.filter((d) => typeof d?.game_date === 'string').map((d) => `${d.game_date}${d.overdue ? ' (overdue)' : ''}`);
}

/** The CLI's error chain: from the last line starting with `✖` to the end of the log. */
export function errorChainOf(log: string): string | undefined {
  const lines = log.replace(/\s+$/, '').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.startsWith('✖')) return lines.slice(i).join('\n');
  }
  return undefined;
}

/** The last line of the publish log that reports the result (`published build …`, `nothing to publish`, `dry run …`). */
export function publishLineOf(log: string): string | undefined {
  return log.split('\n').reverse().find((line) => /^(published build |build \S+: nothing to publish|dry run of build )/.test(line.trim()))?.trim();
}

const outcomeOf = (input: JobSummaryInput, name: string): StepOutcome => input.steps.find((step) => step.name === name)?.outcome ?? '';

function headline(input: JobSummaryInput): string {
  const failed = input.steps.filter((step) => step.outcome === 'failure').map((step) => step.name);
  if (failed.length) return `❌ ${input.title}: ${failed.join(' and ')} failed`;
  if (input.steps.some((step) => step.outcome === 'cancelled')) return `⚠️ ${input.title}: cancelled`;
  if (input.gate && !input.gate.go) return `⏭️ ${input.title}: nothing to do (${input.gate.state})`;
  if (outcomeOf(input, 'build') !== 'success') return `⏭️ ${input.title}: not built`;
  if (input.dryRun) return `🧪 ${input.title}: dry run, nothing published`;
  return outcomeOf(input, 'publish') === 'success' ? `✅ ${input.title}: published` : `⚠️ ${input.title}: built, not published`;
}

function buildRows(build: NonNullable<JobSummaryInput['build']>): string[] {
  const { manifest, report } = build;
  const b = manifest.build;
  const rows = [`| Build | \`${b.id}\` (trigger ${b.trigger}, as of ${b.as_of}${b.dates ? `, dates ${b.dates[0]}${b.dates.length > 1 ? ` to ${b.dates.at(-1)}` : ''}` : ''}) |`];
  if (report) rows.push(`| Files | ${report.written} written (new or changed), ${report.unchanged} unchanged, ${report.failed} failed; ${b.file_count} in the build |`);
  else rows.push(`| Files | ${b.file_count} in the build |`);
  rows.push(`| Bytes | ${formatBytes(b.total_bytes)} in the build; ${b.query_count} warehouse queries |`);
  if (report) {
    const seconds = (Date.parse(report.finished_at) - Date.parse(report.started_at)) / 1000;
    const slowest = Object.entries(report.query_ms).sort((x, y) => y[1] - x[1]).slice(0, 3).map(([id, ms]) => `${id} ${(ms / 1000).toFixed(1)} s`);
    rows.push(`| Duration | build ${seconds.toFixed(1)} s${slowest.length ? `; slowest queries: ${slowest.join(', ')}` : ''} |`);
  }
  return rows;
}

export function formatJobSummary(input: JobSummaryInput): string {
  const out = [`### ${headline(input)}`, ''];
  if (input.gate) out.push(`Graded data: ${input.gate.reason}`, '');
  // A failed build wrote nothing; an older build in the out directory is not this run's.
  const built = outcomeOf(input, 'build') === 'success';
  const rows = input.build && built ? buildRows(input.build) : [];
  const publishLine = publishLineOf(input.steps.find((step) => step.name === 'publish')?.log ?? '');
  if (publishLine) rows.push(`| Publish | ${publishLine} |`);
  if (rows.length) out.push('| | |', '|---|---|', ...rows, '');
  const stale = built ? staleEndpointsOf(input.status) : [];
  if (stale.length) out.push('Endpoints not fresh (status.json):', '', ...stale.map((s) => `- \`${s.id}\`: ${s.state}${s.reason ? ` (${s.reason})` : ''}`), '');
  const ungraded = built ? ungradedDatesOf(input.status) : [];
  if (ungraded.length) out.push(`Ungraded dates (status.json): ${ungraded.join(', ')}`, '');
  const failed = input.steps.filter((step) => step.outcome === 'failure');
  const chains = failed.map((step) => errorChainOf(step.log)).filter((chain): chain is string => chain !== undefined);
  if (chains.length) out.push('Error:', '', '```text', ...chains, '```', '');
  else if (failed.length) out.push(`The failing step printed no error chain${input.gate?.state === 'ungraded' ? ' (the date is still ungraded at the last attempt of the day)' : ''}; see its log.`, '');
  return `${out.join('\n')}\n`;
}

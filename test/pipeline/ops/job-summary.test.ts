/**
 * The job summary (pipeline/ops/job-summary.ts): what an operator reads after a scheduled run.
 */
import { describe, expect, test } from 'vitest';
import { errorChainOf, formatJobSummary, publishLineOf, staleEndpointsOf, type JobSummaryInput } from '../../../pipeline/ops/job-summary.ts';
import type { BuildManifest, BuildReport } from '../../../pipeline/manifest.ts';
import type { GradingReport } from '../../../pipeline/ops/graded-check.ts';

const manifest = {
  manifest_version: 1,
  build: {
    id: '20260115T100900Z-daily-0a1b2c3d', trigger: 'daily', as_of: '2026-01-15T10:09:00Z', today: '2026-01-15', dates: ['2026-01-14'],
    query_count: 3, endpoint_count: 3, file_count: 43, total_bytes: 3 * 1024 * 1024, warehouse: 'bigquery:p (US)', sample_data: false,
    code_version: '0.1.0', schema_version: 'abc',
  },
  endpoints: [],
  files: [],
} as unknown as BuildManifest;

const report: BuildReport = {
  build_id: manifest.build.id, started_at: '2026-01-15T10:09:00.000Z', finished_at: '2026-01-15T10:09:42.500Z',
  timings_ms: { plan: 3, build: 42_000 }, query_ms: { 'results.daily': 9_000, 'results.best-bets': 21_000, 'results.performance': 4_000, 'streaks.today': 1_000 },
  written: 3, unchanged: 40, failed: 0,
} as BuildReport;

const PUBLISH_LINE = 'published build 20260115T100900Z-daily-0a1b2c3d to gs://api: 3 uploaded, 3 copied, 40 unchanged, 0 deleted; 30.2 kB uploaded; 12 request(s); 1.90 s';
const CHAIN = ['✖ [BuildFailed] 1 job failed; nothing was written', '  1. [BadWarehouseRow] results.daily → v1/results/2026-01-14.json: row 17 field actual_points must be integer, got null', '  hint: fix the row'];

const input = (overrides: Partial<JobSummaryInput>): JobSummaryInput => ({
  title: 'props-api daily',
  steps: [{ name: 'build', outcome: 'success', log: '' }, { name: 'publish', outcome: 'success', log: `stage: …\n${PUBLISH_LINE}\n` }],
  dryRun: false,
  build: { manifest, report },
  ...overrides,
});

const gate = (state: GradingReport['state'], go: boolean): GradingReport => ({
  date: '2026-01-14', scheduledGames: 9, gradedRows: 0, gradedAt: null, performanceRows: 0, state, go, published: null, reason: `2026-01-14: ${state}: …`,
});

describe('job summary', () => {
  test('a published build: files, bytes, duration, slowest queries and the publish line', () => {
    const text = formatJobSummary(input({}));
    expect(text.split('\n')[0]).toBe('### ✅ props-api daily: published');
    expect(text).toContain('| Build | `20260115T100900Z-daily-0a1b2c3d` (trigger daily, as of 2026-01-15T10:09:00Z, dates 2026-01-14) |');
    expect(text).toContain('| Files | 3 written (new or changed), 40 unchanged, 0 failed; 43 in the build |');
    expect(text).toContain('| Bytes | 3.0 MB in the build; 3 warehouse queries |');
    expect(text).toContain('| Duration | build 42.5 s; slowest queries: results.best-bets 21.0 s, results.daily 9.0 s, results.performance 4.0 s |');
    expect(text).toContain(`| Publish | ${PUBLISH_LINE} |`);
    expect(text).not.toContain('Error');
  });

  test('a failed build: the headline says so and the error chain is quoted verbatim, without the log before it', () => {
    const log = ['plan: 3 endpoints', 'query: results.daily 9.0 s', ...CHAIN].join('\n');
    const text = formatJobSummary(input({ steps: [{ name: 'build', outcome: 'failure', log }, { name: 'publish', outcome: 'skipped', log: '' }] }));
    expect(text.split('\n')[0]).toBe('### ❌ props-api daily: build failed');
    expect(text).toContain(['```text', ...CHAIN, '```'].join('\n'));
    expect(text).not.toContain('plan: 3 endpoints');
    // an older build left in the out directory is not this run's
    expect(text).not.toContain('| Build |');
  });

  test('the graded-data gate: waiting is not a failure, the last attempt is', () => {
    const waiting = formatJobSummary(input({ gate: gate('ungraded', false), steps: [{ name: 'gate', outcome: 'success', log: '' }, { name: 'build', outcome: 'skipped', log: '' }] }));
    expect(waiting.split('\n')[0]).toBe('### ⏭️ props-api daily: nothing to do (ungraded)');
    expect(waiting).toContain('Graded data: 2026-01-14: ungraded: …');
    const late = formatJobSummary(input({ gate: gate('ungraded', false), steps: [{ name: 'gate', outcome: 'failure', log: '2026-01-14: ungraded: …' }] }));
    expect(late.split('\n')[0]).toBe('### ❌ props-api daily: gate failed');
    expect(late).toContain('still ungraded at the last attempt');
  });

  test('a dry run says nothing was published', () => {
    expect(formatJobSummary(input({ dryRun: true })).split('\n')[0]).toBe('### 🧪 props-api daily: dry run, nothing published');
  });

  test('endpoints not fresh and ungraded dates from the build\'s status.json', () => {
    const status = {
      endpoints: [
        { exporter: 'results.daily', status: 'fresh', reason: null },
        { exporter: 'trends.whos-hot', status: 'stale', reason: 'past_warn_after' },
        { exporter: 'live.scores', status: 'error', reason: 'refresh_failed' },
      ],
      grading: { status: 'behind', lookback_days: 7, newest_graded_date: '2026-01-12', ungraded_dates: [
        { game_date: '2026-01-13', completed_games: 9, graded_games: 0, overdue: true },
        { game_date: '2026-01-14', completed_games: 7, graded_games: 0, overdue: false },
      ] },
    };
    const text = formatJobSummary(input({ status }));
    expect(text).toContain(['Endpoints not fresh (status.json):', '', '- `trends.whos-hot`: stale (past_warn_after)', '- `live.scores`: error (refresh_failed)'].join('\n'));
    expect(text).not.toContain('results.daily`:');
    expect(text).toContain('Ungraded dates (status.json): 2026-01-13 (overdue), 2026-01-14');
  });
});

describe('summary helpers', () => {
  test('a status.json of another shape lists nothing rather than failing the summary', () => {
    expect(staleEndpointsOf({ endpoints: { 'a.b': { status: 'stale' } } })).toEqual([]);
    expect(staleEndpointsOf({ endpoints: [null, { exporter: 'a.b' }] })).toEqual([]);
    expect(staleEndpointsOf(undefined)).toEqual([]);
  });

  test('the error chain is the last one in the log', () => {
    expect(errorChainOf(`✖ [PublishConflict] first\nretrying\n${CHAIN.join('\n')}\n\n`)).toBe(CHAIN.join('\n'));
    expect(errorChainOf('all good\n')).toBeUndefined();
  });

  test('the publish line is found after the progress lines, dry runs included', () => {
    expect(publishLineOf(`stage 3/3\n${PUBLISH_LINE}\n`)).toBe(PUBLISH_LINE);
    expect(publishLineOf('  new       v1/a.json  1.0 kB\ndry run of build X: 1 new, 0 changed, 2 unchanged, 0 deleted; 1.0 kB to upload; nothing was changed\n')).toMatch(/^dry run of build X/);
    expect(publishLineOf('')).toBeUndefined();
  });
});

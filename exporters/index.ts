/**
 * The registry: the single list of exporters a build knows about, and the one module of
 * exporters/ that the CLI's commands (the composition root) import: they pass the registry, and
 * the endpoint rules below, to the pipeline, which imports no exporter.
 * Adding an endpoint = schema + exporter file + one line in the list below (README, "Adding an endpoint").
 */
import type { AnyExporter } from '../pipeline/define-exporter.ts';
import resultsDaily from './results/daily.ts';

/** One line per endpoint (its module, whose default export is its exporter), in the order docs and status.json list them. */
const registered = [
  import('./results/daily.ts'),
  import('./results/predictions.ts'),
  import('./results/best-bets.ts'),
  import('./results/performance.ts'),
  import('./tonight/all-players.ts'),
  import('./tonight/player.ts'),
  import('./players/index.ts'),
  import('./players/profile.ts'),
  import('./players/season.ts'),
  import('./players/game-report.ts'),
  import('./live/scores.ts'),
  import('./live/grading.ts'),
  import('./trends/whos-hot.ts'),
  import('./trends/bounce-back.ts'),
  import('./trends/tonight-plays.ts'),
  import('./trends/what-matters.ts'),
  import('./trends/team-tendencies.ts'),
  import('./trends/quick-hits.ts'),
  import('./trends/deep-dive.ts'),
  import('./streaks/today.ts'),
  import('./status/status.ts'),
];

export const exporters: readonly AnyExporter[] = (await Promise.all(registered)).map((module) => module.default);

/** Each endpoint's freshness thresholds as the docs show them: status.json's rules. */
export { documentedFreshness } from './status/documented-freshness.ts';

/** Path template of the file whose stamp tells `props-api graded` that a date's results were published since grading. */
export const GRADED_RESULTS_PATH: string = resultsDaily.path;

/**
 * The registry: the single list of exporters a build knows about, and the one module of
 * exporters/ that the CLI's commands (the composition root) import: they pass the registry, and
 * the endpoint rules below, to the pipeline, which imports no exporter.
 * Adding an endpoint = schema + exporter file + its import and list entry here (README, "Adding an endpoint").
 */
import type { AnyExporter } from '../pipeline/define-exporter.ts';
import resultsDaily from './results/daily.ts';
import resultsPredictions from './results/predictions.ts';
import resultsBestBets from './results/best-bets.ts';
import resultsPerformance from './results/performance.ts';
import tonightAllPlayers from './tonight/all-players.ts';
import tonightPlayer from './tonight/player.ts';
import playersIndex from './players/index.ts';
import playersProfile from './players/profile.ts';
import playersSeason from './players/season.ts';
import playersGameReport from './players/game-report.ts';
import liveScores from './live/scores.ts';
import liveGrading from './live/grading.ts';
import trendsWhosHot from './trends/whos-hot.ts';
import trendsBounceBack from './trends/bounce-back.ts';
import trendsTonightPlays from './trends/tonight-plays.ts';
import trendsWhatMatters from './trends/what-matters.ts';
import trendsTeamTendencies from './trends/team-tendencies.ts';
import trendsQuickHits from './trends/quick-hits.ts';
import trendsDeepDive from './trends/deep-dive.ts';
import streaksToday from './streaks/today.ts';
import statusStatus from './status/status.ts';

export const exporters: readonly AnyExporter[] = [
  resultsDaily,
  resultsPredictions,
  resultsBestBets,
  resultsPerformance,
  tonightAllPlayers,
  tonightPlayer,
  playersIndex,
  playersProfile,
  playersSeason,
  playersGameReport,
  liveScores,
  liveGrading,
  trendsWhosHot,
  trendsBounceBack,
  trendsTonightPlays,
  trendsWhatMatters,
  trendsTeamTendencies,
  trendsQuickHits,
  trendsDeepDive,
  streaksToday,
  statusStatus,
];

/** Each endpoint's freshness thresholds as the docs show them: status.json's rules. */
export { documentedFreshness } from './status/documented-freshness.ts';

/** Path template of the file whose stamp tells `props-api graded` that a date's results were published since grading. */
export const GRADED_RESULTS_PATH: string = resultsDaily.path;

/**
 * live.grading — `v1/live-grading/{date}.json` (+ `live-grading/latest.json`).
 *
 * Consumer: the "tonight's picks, live" tracker. Freshness: every 3 minutes through the game
 * window, from the same poll as live.scores. Spec: endpoints-results-live.md §9, with its defects
 * fixed (rules in grading-rules.ts; see CHANGELOG.md): the newest active prediction per player,
 * games joined to the schedule under either id format and to the feed by teams, wins and losses
 * decided as soon as they are certain, pushes and voids, fixed keys, and the night kept past midnight.
 */
import type { LiveGrading } from '../../generated/live/grading.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import type { LiveFeedGame, LiveFeedPlayer } from '../../pipeline/ports.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { sql } from '../../pipeline/sql.ts';
import { mean, ratio, round } from '../_shared.ts';
import { FROM_DATE, TO_DATE, preGameCtes, scheduleCtes } from '../_sql.ts';
import { assertFeedCoversSchedule, countGames, isCurrentNight, liveNightParams, matchupKey, minutesOf, playerResolver, requireLive, type ResolvedPlayer } from './_shared.ts';
import { liveFeed } from './live-feed-input.ts';
import { bindLiveNight, feedPlayersCte } from './_sql.ts';
import { GRADE_STATUS_RANK, gradePrediction, type GradeStatus } from './grading-rules.ts';

const COLUMNS = {
  kind: 'string', player_lookup: 'string?', player_name: 'string?', game_id: 'string?', source_game_id: 'string?', team: 'string?',
  home_team: 'string?', away_team: 'string?', tipoff_at: 'timestamp?', predicted_points: 'number>=0?', confidence_score: 'number?',
  recommendation: 'string?', line: 'number>=0?', has_prop_line: 'boolean?', line_source: 'string?', feed_player_id: 'integer?',
} as const;
type Row = RowOf<typeof COLUMNS>;
type Graded = LiveGrading['predictions'][number];
type Listed = { player: LiveFeedPlayer; team: string };

export default defineExporter({
  id: 'live.grading',
  schema: 'https://nbaprops.com/v1/schemas/live/grading.schema.json',
  description: "Tonight's predictions graded against the live box scores. Live tracker; every 3 minutes in the game window.",
  triggers: ['live'],
  path: 'live-grading/{date}.json',
  cache: 'live',
  stampField: 'updated_at',
  needs: [liveFeed],
  // The feed's snapshot of the night in progress: rebuilt by every build.
  rebuild: 'always',
  aliases: [{ path: 'live-grading/latest.json', cache: 'live', when: (params, _payload, ctx) => isCurrentNight(params, ctx) }],
  params: liveNightParams,
  query: {
    sql: sql`
WITH ${scheduleCtes(FROM_DATE, TO_DATE)},
${preGameCtes},
${feedPlayersCte}
SELECT 'prediction' AS kind, pg.player_lookup, pg.player_full_name AS player_name, g.native_game_id AS game_id, pg.game_id AS source_game_id,
       pg.team, pg.home_team, pg.away_team, pg.tipoff_at, pg.predicted_points, pg.confidence_score, pg.recommendation,
       pg.current_points_line AS line, pg.has_prop_line, pg.line_source, CAST(NULL AS INT64) AS feed_player_id
FROM pre_game AS pg
LEFT JOIN game_ids AS g ON g.any_game_id = pg.game_id
UNION ALL
SELECT 'game', NULL, NULL, game_id, NULL, NULL, home_team, away_team, game_date_est, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM schedule_games
UNION ALL
SELECT 'feed_player', player_lookup, player_name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, bdl_player_id
FROM feed_players
ORDER BY kind, player_lookup, game_id, source_game_id, feed_player_id`,
    bind: bindLiveNight,
    columns: COLUMNS,
    key: ['kind', 'player_lookup', 'game_id', 'source_game_id', 'feed_player_id'],
  },
  render: (rows, params, ctx): LiveGrading => {
    const night = requireLive(ctx, params.date);
    const schedule = rows.filter((r) => r.kind === 'game').map((r) => ({ game_id: r.game_id!, home_team: r.home_team!, away_team: r.away_team!, tipoff_at: r.tipoff_at }));
    assertFeedCoversSchedule(night, schedule, ctx.asOf);
    const resolve = playerResolver(rows.filter((r) => r.kind === 'feed_player').map((r) => ({ feed_player_id: r.feed_player_id!, player_lookup: r.player_lookup!, player_name: r.player_name! })));
    const feedGameOf = feedGameFinder(night.games);
    const predictions = rows.filter((r) => r.kind === 'prediction').map((r) => gradeRow(r, feedGameOf(r), resolve)).sort(byStatusThenConfidence);
    const counts = countGames(night.games);
    return { updated_at: ctx.generatedAt, game_date: params.date, summary: summarize(predictions, counts), predictions };
  },
});

/** The feed game of a prediction: the one with the schedule game's home and away teams. */
function feedGameFinder(games: readonly LiveFeedGame[]): (row: Row) => LiveFeedGame | undefined {
  const byTeams = new Map(games.map((g) => [matchupKey(g.away.tricode, g.home.tricode), g]));
  return (row) => (row.home_team === null || row.away_team === null ? undefined : byTeams.get(matchupKey(row.away_team, row.home_team)));
}

/** The player's line in the game: by resolved lookup; if listed twice, the line with more minutes. */
function findPlayer(game: LiveFeedGame, lookup: string, resolve: (p: LiveFeedPlayer) => ResolvedPlayer | null): Listed | undefined {
  const listed = [game.home, game.away].flatMap((team) => team.players.filter((p) => resolve(p)?.player_lookup === lookup).map((player) => ({ player, team: team.tricode })));
  return listed.sort((a, b) => minutesOf(b.player.minutes) - minutesOf(a.player.minutes))[0];
}

function gradeRow(row: Row, game: LiveFeedGame | undefined, resolve: (p: LiveFeedPlayer) => ResolvedPlayer | null): Graded {
  const listed = game ? findPlayer(game, row.player_lookup!, resolve) : undefined;
  const grade = gradePrediction({ recommendation: row.recommendation!, line: row.line, predicted: row.predicted_points!, game, player: listed?.player });
  const team = listed?.team ?? row.team;
  const opponent = team === null ? null : team === row.home_team ? row.away_team : team === row.away_team ? row.home_team : null;
  return {
    player_lookup: row.player_lookup!, player_name: row.player_name!, team, opponent, game_id: row.game_id, feed_game_id: game?.feedGameId ?? null,
    home_team: row.home_team, away_team: row.away_team, game_status: game?.status ?? 'scheduled', period: game?.period ?? null,
    time_remaining: game?.status === 'in_progress' ? game.clock : null, predicted: round(row.predicted_points!, 1), line: round(row.line, 1),
    recommendation: row.recommendation as Graded['recommendation'], confidence: round(row.confidence_score!, 3), has_line: row.has_prop_line,
    line_source: row.line_source, actual: grade.actual, minutes: grade.minutes, error: grade.error, margin_vs_line: grade.margin_vs_line,
    status: grade.status, result: grade.result,
  };
}

function byStatusThenConfidence(a: Graded, b: Graded): number {
  return GRADE_STATUS_RANK[a.status] - GRADE_STATUS_RANK[b.status] || b.confidence - a.confidence || a.player_lookup.localeCompare(b.player_lookup);
}

function summarize(rows: readonly Graded[], games: ReturnType<typeof countGames>): LiveGrading['summary'] {
  const count = (status: GradeStatus) => rows.filter((r) => r.status === status).length;
  const correct = count('correct');
  const incorrect = count('incorrect');
  return {
    total_predictions: rows.length, with_live_data: rows.filter((r) => r.actual !== null).length, correct, incorrect, pushes: count('push'),
    voids: count('void'), trending_correct: count('trending_correct'), trending_incorrect: count('trending_incorrect'), in_progress: count('in_progress'),
    graded: count('graded'), pending: count('pending'), win_rate: ratio(correct, correct + incorrect),
    avg_error: mean(rows.flatMap((r) => (r.error === null ? [] : [Math.abs(r.error)])), 1),
    games_in_progress: games.in_progress, games_final: games.final, games_scheduled: games.scheduled,
  };
}

/**
 * results.predictions — `v1/predictions/{date}.json` (+ `today.json`).
 *
 * Consumer: the Tonight page's picks list and game filter. Freshness: rebuilt by the tonight
 * trigger as predictions land; `today.json` follows the current ET slate only (spec R-6).
 * Spec: endpoints-results-live.md §3, with its listed defects fixed (see CHANGELOG.md).
 */
import type { PredictionsDaily } from '../../generated/results/predictions.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { literal, sql } from '../../pipeline/sql.ts';
import { round } from '../_shared.ts';
import { TO_DATE, FROM_DATE, bindDateRange, newestPredictions, preGameCtes, scheduleCtes } from '../_sql.ts';

/** The only system that fills pace adjustment and similar-games counts (spec §1.3). */
const SIMILARITY_SYSTEM = literal('similarity_balanced_v1');

const COLUMNS = {
  game_date: 'date', game_id: 'string', player_lookup: 'string', player_full_name: 'string', team: 'string?',
  home_team: 'string?', away_team: 'string?', tipoff_at: 'timestamp?', predicted_points: 'number>=0', confidence_score: 'number',
  recommendation: 'string', line: 'number>=0?', pace_adjustment: 'number?', similar_games_count: 'integer?',
} as const;
type Row = RowOf<typeof COLUMNS>;
type Game = PredictionsDaily['games'][number];

export default defineExporter({
  id: 'results.predictions',
  schema: 'https://nbaprops.com/v1/schemas/results/predictions.schema.json',
  description: 'Predictions of one slate grouped by game. Tonight page; rebuilt as predictions land.',
  triggers: ['tonight'],
  path: 'predictions/{date}.json',
  cache: (params, ctx) => (params.date >= ctx.today ? 'tonight' : 'daily'),
  aliases: [{ path: 'predictions/today.json', cache: 'alias', when: (params, _payload, ctx) => params.date === ctx.today }],
  params: (ctx) => (ctx.dates ?? [ctx.today]).map((date) => ({ date })),
  partitionBy: { date: 'game_date' },
  query: {
    sql: sql`
WITH ${scheduleCtes(FROM_DATE, TO_DATE)},
${preGameCtes},
similarity AS (${newestPredictions(SIMILARITY_SYSTEM)})
SELECT p.game_date, p.game_id, p.player_lookup, p.player_full_name, p.team, p.home_team, p.away_team, p.tipoff_at,
       p.predicted_points, p.confidence_score, p.recommendation, p.current_points_line AS line,
       sim.pace_adjustment, sim.similar_games_count
FROM pre_game AS p
LEFT JOIN similarity AS sim ON sim.player_lookup = p.player_lookup AND sim.game_id = p.game_id
ORDER BY p.game_date, p.game_id, p.player_lookup`,
    bind: (ctx, params) => bindDateRange(params.map((p) => p.date), ctx.systemId),
    columns: COLUMNS,
    key: ['game_date', 'player_lookup', 'game_id'],
  },
  render: (rows, params, ctx): PredictionsDaily => {
    const games = groupGames(rows);
    return { game_date: params.date, generated_at: ctx.generatedAt, total_games: games.length, total_predictions: rows.length, games };
  },
});

function groupGames(rows: readonly Row[]): Game[] {
  const byGame = new Map<string, Row[]>();
  for (const row of rows) byGame.set(row.game_id, [...(byGame.get(row.game_id) ?? []), row]);
  const games = [...byGame.values()].map((gameRows) => toGame(gameRows));
  return games.sort((a, b) => (a.tipoff_at ?? '').localeCompare(b.tipoff_at ?? '') || a.game_id.localeCompare(b.game_id));
}

function toGame(rows: readonly Row[]): Game {
  const first = rows[0]!;
  const countOf = (rec: string) => rows.filter((r) => r.recommendation === rec).length;
  const predictions = [...rows]
    .sort((a, b) => b.confidence_score - a.confidence_score || a.player_lookup.localeCompare(b.player_lookup))
    .map((r) => ({
      player_lookup: r.player_lookup,
      player_full_name: r.player_full_name,
      team: r.team,
      is_home: r.team === null || first.home_team === null ? null : r.team === first.home_team,
      prediction: {
        points: round(r.predicted_points, 1),
        confidence: round(r.confidence_score, 2),
        recommendation: r.recommendation as Game['predictions'][number]['prediction']['recommendation'],
        line: round(r.line, 1),
        edge: r.line === null ? null : round(r.predicted_points - r.line, 1),
      },
      context: { pace_adjustment: round(r.pace_adjustment, 2), similar_games: r.similar_games_count },
    }));
  return {
    game_id: first.game_id, home_team: first.home_team, away_team: first.away_team, tipoff_at: first.tipoff_at, prediction_count: rows.length,
    recommendation_breakdown: { over: countOf('OVER'), under: countOf('UNDER'), pass: countOf('PASS'), no_line: countOf('NO_LINE') },
    predictions,
  };
}

/**
 * players.game-report — `v1/players/{player_lookup}/game-report/{game_date}.json`.
 *
 * Consumer: the game report page linked from results and the game log. Freshness: the daily
 * trigger builds the reports of its date (yesterday, after grading), a `--from/--to` backfill
 * every date in the range (the old exporter had no trigger). One query for all players and dates
 * (paramsFromRows: one file per box-score game). Spec: endpoints-trends-players.md §12 with its
 * defects fixed (see CHANGELOG.md).
 */
import type { PlayerGameReport } from '../../generated/players/game-report.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { isRecommendation, outcomeOf, ratio, round } from '../_shared.ts';
import { bindDateRange } from '../_sql.ts';
import { paramsFromRowsOf, shotProfile } from './_shared.ts';
import { GAME_REPORT_SQL, REPORT_COLUMNS, type ReportRow } from './game-report-sql.ts';
import { anglesOf, zoneTier } from './game-report-angles.ts';

function recentGames(rows: readonly ReportRow[]): PlayerGameReport['recent_games'] {
  return rows
    .filter((r) => r.recent_date !== null && r.recent_opponent !== null)
    .sort((a, b) => b.recent_date!.localeCompare(a.recent_date!))
    .map((r) => ({
      date: r.recent_date!, opponent: r.recent_opponent!, points: r.recent_points, line: round(r.recent_line, 1),
      result: r.recent_result === 'OVER' || r.recent_result === 'UNDER' ? r.recent_result : null, minutes: round(r.recent_minutes, 1),
    }));
}

export default defineExporter({
  id: 'players.game-report',
  schema: 'https://nbaprops.com/v1/schemas/players/game-report.schema.json',
  description: "One player's report on one played game: form, opponent, call, angles, result. Game report page; daily after grading.",
  triggers: ['daily'],
  path: 'players/{player_lookup}/game-report/{game_date}.json',
  cache: 'daily',
  params: () => [],
  paramsFromRows: (rows, ctx) => paramsFromRowsOf(rows, ['game_date', 'player_lookup'], ctx),
  partitionBy: { player_lookup: 'player_lookup', game_date: 'game_date' },
  query: {
    sql: GAME_REPORT_SQL,
    bind: (ctx) => {
      const range = bindDateRange(ctx.dates ?? [ctx.yesterday], ctx.systemId);
      return { ...range, history_from: seasonStartDate(seasonStartYear(range.from_date as string) - 1) };
    },
    columns: REPORT_COLUMNS,
    key: ['player_lookup', 'game_date', 'recent_date'],
  },
  render: (rows, params, ctx): PlayerGameReport => {
    const r = rows[0]!;
    const recent = recentGames(rows);
    const profile = shotProfile(r.paint_rate, r.mid_range_rate, r.three_pt_rate);
    const opponent: PlayerGameReport['opponent_context'] = {
      opponent: r.opponent_team_abbr, opp_pace: round(r.opp_pace, 1), opp_def_rating: round(r.opp_def_rating, 1), opp_def_rank: r.opp_def_rank,
      teams_ranked: r.teams_ranked, opp_paint_defense: zoneTier(r.paint_vs_league), opp_perimeter_defense: zoneTier(r.three_vs_league),
    };
    const averages = { l5: round(r.l5, 1), l10: round(r.l10, 1), l20: round(r.l20, 1), season: round(r.season_avg, 1) };
    const call = r.recommendation !== null && isRecommendation(r.recommendation) && r.predicted_points !== null ? r.recommendation : null;
    const outcome = call === null || r.points === null ? null : outcomeOf(call, r.line_value, r.points);
    return {
      player_lookup: params.player_lookup,
      player_full_name: r.player_full_name,
      game_date: params.game_date,
      game_id: r.game_id,
      generated_at: ctx.generatedAt,
      player_profile: { position: r.position, team_abbr: r.team_abbr, shot_profile: profile, season_ppg: averages.season },
      opponent_context: opponent,
      moving_averages: averages,
      prop_line: call === null ? null : { line: round(r.line_value, 1), recommendation: call, predicted: round(r.predicted_points!, 1), confidence: round(r.confidence_score, 3) },
      prediction_angles: anglesOf({ recent, profile, opponent, l5: averages.l5, season: averages.season }),
      recent_games: recent,
      head_to_head: {
        games: r.h2h_games, avg_points: round(r.h2h_avg_points, 1), avg_line: round(r.h2h_avg_line, 1), over_rate: ratio(r.h2h_overs, r.h2h_overs + r.h2h_unders),
      },
      result: {
        actual: r.points,
        margin: r.points === null || r.line_value === null || call === null ? null : round(r.points - r.line_value, 1),
        correct: outcome === 'WIN' ? true : outcome === 'LOSS' ? false : null,
      },
    };
  },
});

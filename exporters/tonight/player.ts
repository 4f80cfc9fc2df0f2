/**
 * tonight.player — `v1/tonight/player/{player_lookup}.json`, one file per player on tonight's rosters.
 *
 * Consumer: the player panel's "Tonight" tab. Freshness: the tonight trigger, minutes-old cache.
 * The files are whoever the upcoming-game context lists tonight (paramsFromRows): one query for
 * every player, and a full tonight build removes the files of players not playing (ownsAllFiles).
 * Spec: endpoints-trends-players.md §14 with its defects fixed (see CHANGELOG.md).
 */
import type { TonightPlayer, TonightRecentGame } from '../../generated/tonight/player.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { seasonStartYear } from '../../pipeline/time.ts';
import { round } from '../_shared.ts';
import { TONIGHT_COLUMNS, bindTonight, tonightDate, tonightSql } from './_sql.ts';
import { buildsToday, madeText, paramsFromRowsOf, type BoxGame } from '../players/_shared.ts';
import { gameTimeEt, streakOf } from './_shared.ts';
import { factorsOf } from './player-factors.ts';
import { factsOf } from './player-facts.ts';
import { fatigueContextOf } from './fatigue-context.ts';

function recentGame(g: BoxGame): TonightRecentGame {
  return {
    game_date: g.date, opponent: g.opponent, home_game: g.isHome, points: g.points, minutes: round(g.minutes, 1),
    fg: madeText(g.fg), three: madeText(g.three), ft: madeText(g.ft), over_under: g.overUnder, line: round(g.line, 1),
    margin: g.line === null || g.points === null ? null : round(g.points - g.line, 1),
  };
}

export default defineExporter({
  id: 'tonight.player',
  schema: 'https://nbaprops.com/v1/schemas/tonight/player.schema.json',
  description: "One player's pre-game detail for tonight: context, numbers, factors, recent form, prediction. Player panel; tonight trigger, 5-minute cache.",
  triggers: ['tonight'],
  path: 'tonight/player/{player_lookup}.json',
  cache: 'tonight',
  ownsAllFiles: true,
  params: () => [],
  paramsFromRows: (rows, ctx) => (buildsToday(ctx) ? paramsFromRowsOf(rows, ['player_lookup'], ctx) : []),
  partitionBy: { player_lookup: 'player_lookup' },
  query: {
    sql: tonightSql('player'),
    bind: (ctx) => bindTonight(ctx),
    columns: TONIGHT_COLUMNS,
    key: ['player_lookup', 'h_game_date'],
  },
  render: (rows, _params, ctx): TonightPlayer => {
    const date = tonightDate(ctx);
    const season = seasonStartYear(date);
    const facts = factsOf(rows, date, season);
    const row = rows[0]!;
    const n = facts.numbers;
    const recent = facts.history.slice(0, 10);
    const p = facts.prediction;
    return {
      player_lookup: facts.lookup,
      player_full_name: facts.name,
      game_date: date,
      generated_at: ctx.generatedAt,
      games_played: n.gamesPlayed,
      limited_data: n.limitedData,
      game_context: {
        game_id: row.game_id, team_abbr: facts.team, opponent: facts.opponent, home_game: facts.isHome, game_time: gameTimeEt(row.tipoff_at), tipoff_at: row.tipoff_at,
        line: p?.line ?? null, days_rest: facts.daysRest, is_back_to_back: facts.isBackToBack, injury_status: facts.injuryStatus, injury_reason: facts.injuryReason,
      },
      quick_numbers: {
        season_ppg: n.seasonPpg, season_mpg: n.seasonMpg, games_played: n.gamesPlayed,
        last_10_ppg: n.last10Ppg, last_10_mpg: n.last10Mpg, last_5_ppg: n.last5Ppg, last_5_mpg: n.last5Mpg,
      },
      fatigue: { score: facts.fatigueScore, level: facts.fatigueLevel, context: fatigueContextOf(row.fatigue_context_json) },
      opponent_defense: facts.defense && {
        team: facts.opponent, rank: facts.defense.rank, tier: facts.defense.tier, ppg_allowed: facts.defense.ppgAllowed,
        defensive_rating: facts.defense.defensiveRating, teams_ranked: facts.defense.teams,
      },
      current_streak: streakOf(recent),
      tonights_factors: factorsOf(facts, season),
      recent_form: recent.map(recentGame),
      prediction: p && {
        predicted_points: p.predicted, confidence_score: p.confidence, recommendation: p.recommendation,
        line: p.line, edge: p.edge, pace_adjustment: p.paceAdjustment, similar_games: p.similarGames,
      },
    };
  },
});

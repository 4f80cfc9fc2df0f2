/**
 * Everything written before a game tips: injury-report snapshots, lines and BettingPros offers,
 * predictions, composite factors, feature vectors, shot-zone and team-defence snapshots, and (on
 * the as-of date) the upcoming-game context. Returns what the post-game step needs: each player's
 * prediction rows (for grading) and closing line (for the box score).
 */
import { bettingProsRows } from './bettingpros.ts';
import type { Participant } from './box-scores.ts';
import { easternInstant } from './calendar.ts';
import { compositeFactorsRow, daysRestOf, fatigueOf, upcomingContextRows } from './context.ts';
import { injuryReportRows, reportHours } from './injuries.ts';
import { marketLine, predictionLine } from './lines.ts';
import { featureVector, shotZoneRow, teamDefenceRow } from './precompute.ts';
import { predictPlayer } from './predictions.ts';
import type { PredictionRow } from './predictions.ts';
import type { ScheduledGame } from './schedule.ts';
import type { SeasonStreams, SimulationContext } from './simulation-context.ts';
import type { TeamState } from './state.ts';

export interface GameDay {
  ctx: SimulationContext;
  streams: SeasonStreams;
  game: ScheduledGame;
  teamStates: ReadonlyMap<string, TeamState>;
}

export interface PreGameOutcome {
  predictions: Map<number, PredictionRow[]>;
  closingLines: Map<number, number>;
}

/** Predictions run late morning, always at least an hour before the tip. */
const CONTEXT_RUN_HOUR = 12;

function predictionBase(day: GameDay): Date {
  const planned = easternInstant(day.game.date, 11 * 60 + 30 + day.streams.predictions.int(0, 90));
  return new Date(Math.min(planned.getTime(), day.game.tip.getTime() - 3_600_000));
}

export function emitPreGame(day: GameDay, participants: readonly Participant[]): PreGameOutcome {
  const outcome: PreGameOutcome = { predictions: new Map(), closingLines: new Map() };
  const createdAt = predictionBase(day);
  for (const p of participants) emitPlayerPreGame(day, p, { outcome, createdAt });
  const { game, ctx } = day;
  for (const team of [game.home, game.away]) {
    const row = teamDefenceRow(team.tricode, day.teamStates.get(team.tricode) as TeamState, game.date, game.seasonYear);
    if (row) ctx.writer.append('nba_precompute.team_defense_zone_analysis', row);
  }
  return outcome;
}

function emitPlayerPreGame(day: GameDay, p: Participant, { outcome, createdAt }: { outcome: PreGameOutcome; createdAt: Date }): void {
  const { ctx, game, streams } = day;
  const { writer } = ctx;
  const isAsOf = game.date === ctx.options.asOf;
  const injuries = injuryReportRows({
    date: game.date, gameCode: game.gameCode, team: p.team.tricode, player: p.player, availability: p.availability,
    hours: reportHours(isAsOf), processedAt: (hour) => easternInstant(game.date, hour * 60 + 5),
  });
  for (const row of injuries) writer.append('nba_raw.nbac_injury_report', row);
  const market = marketLine(p, streams.lines);
  if (market) outcome.closingLines.set(p.player.index, market.closing);
  const line = predictionLine(p, market, streams.lines);
  const gameId = game.date < ctx.backfillEnd ? game.gameCode : game.gameId;
  const rows = predictPlayer({ participant: p, line, gameId, date: game.date, createdAt: new Date(createdAt.getTime() + streams.predictions.int(0, 600) * 1000), random: streams.predictions });
  outcome.predictions.set(p.player.index, rows);
  for (const row of rows) writer.append('nba_predictions.player_prop_predictions', row);
  emitPlayerFeatures(day, p, { gameId, listedInjured: injuries.length > 0 });
  if (market && game.date >= ctx.offersStart) {
    const updatedAt = easternInstant(game.date, 10 * 60 + streams.offers.int(0, 180));
    const eventId = game.bdlGameId - 9_500_000;
    for (const row of bettingProsRows({ player: p.player, team: p.team.tricode, date: game.date, eventId, line: market.current, updatedAt, random: streams.offers })) {
      writer.append('nba_raw.bettingpros_player_points_props', row);
    }
  }
  if (isAsOf) {
    const bettingProsLine = market && streams.lines.chance(0.3) ? market.current + streams.lines.pick([0, 0, 0.5, -0.5]) : null;
    // The context processor runs at 12:30 ET, so it joins the snapshots published by then.
    const statuses = injuries.filter((r) => (r.report_hour ?? 0) <= CONTEXT_RUN_HOUR).map((r) => r.injury_status);
    for (const row of upcomingContextRows({ participant: p, date: game.date, gameId: game.gameId, seasonYear: game.seasonYear, processedAt: easternInstant(game.date, CONTEXT_RUN_HOUR * 60 + 30), market, bettingProsLine, injuryStatuses: statuses })) {
      writer.append('nba_analytics.upcoming_player_game_context', row);
    }
  }
}

/** Composite factors, the feature vector and the shot-zone snapshot of one player before one game. */
function emitPlayerFeatures(day: GameDay, p: Participant, { gameId, listedInjured }: { gameId: string; listedInjured: boolean }): void {
  const { ctx, game } = day;
  const processedAt = easternInstant(game.date, 13 * 60);
  const fatigue = fatigueOf(p, game.date, game.seasonYear);
  const base = { participant: p, date: game.date, gameId: game.gameId, seasonYear: game.seasonYear, processedAt };
  ctx.writer.append('nba_precompute.player_composite_factors', compositeFactorsRow({ ...base, fatigue, predictionGameId: gameId }));
  const features = featureVector({
    participant: p, fatigue, date: game.date, listedInjured,
    teamState: day.teamStates.get(p.team.tricode) as TeamState, opponentState: day.teamStates.get(p.opponent.tricode) as TeamState,
  });
  ctx.writer.append('nba_predictions.ml_feature_store_v2', {
    player_lookup: p.player.name.lookup, game_id: gameId, game_date: game.date, is_home: p.home, days_rest: daysRestOf(p, game.date),
    features, feature_count: features.length, feature_version: 'v1_baseline_25', created_at: processedAt,
  });
  const zones = shotZoneRow(p, game.date, game.seasonYear);
  if (zones) ctx.writer.append('nba_precompute.player_shot_zone_analysis', zones);
}

/**
 * tonight.all-players — `v1/tonight/all-players.json`.
 *
 * Consumer: the Tonight page (both tabs) and its client-side search. Freshness: the tonight
 * trigger (1 PM ET and as predictions land), minutes-old cache. Spec:
 * endpoints-trends-players.md §13 with its defects fixed (see CHANGELOG.md): tip-off in New York
 * time without padding, one entry per game, injury status from tonight's report only, the newest
 * active prediction, null points kept in the last-10 array, every card key always present.
 */
import type { TonightAllPlayers, TonightAllPlayersTonightGame as TonightGame, TonightPlayerCard } from '../../generated/tonight/all-players.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { seasonStartYear } from '../../pipeline/time.ts';
import { TONIGHT_COLUMNS, bindTonight, tonightDate, tonightSql, type TonightRow } from './_sql.ts';
import { buildsToday } from '../players/_shared.ts';
import { gameStatusOf, gameTimeEt } from './_shared.ts';
import { factsOf, groupByPlayer, type PlayerFacts } from './player-facts.ts';

function cardOf(facts: PlayerFacts): TonightPlayerCard {
  const { numbers: n, prediction: p } = facts;
  const hasLine = p !== null && p.line !== null;
  return {
    player_lookup: facts.lookup,
    name: facts.name,
    team: facts.team,
    is_home: facts.isHome,
    has_line: hasLine,
    fatigue_level: facts.fatigueLevel,
    fatigue_score: facts.fatigueScore,
    days_rest: facts.daysRest,
    is_back_to_back: facts.isBackToBack,
    injury_status: facts.injuryStatus,
    injury_reason: facts.injuryReason,
    season_ppg: n.seasonPpg,
    season_mpg: n.seasonMpg,
    last_5_ppg: n.last5Ppg,
    games_played: n.gamesPlayed,
    limited_data: n.limitedData,
    last_10_points: n.last10Points,
    last_10_results: n.last10Results,
    last_10_record: n.last10Record,
    props: hasLine ? [{ stat_type: 'points', line: p.line!, over_odds: facts.odds.over, under_odds: facts.odds.under }] : [],
    prediction: p && { predicted: p.predicted, confidence: p.confidence, recommendation: p.recommendation },
  };
}

/** Line first, then not out, then confidence and season PPG (highest first), then lookup. */
function compareCards(a: TonightPlayerCard, b: TonightPlayerCard): number {
  const desc = (x: number | null | undefined, y: number | null | undefined) => (y ?? -1) - (x ?? -1);
  return Number(b.has_line) - Number(a.has_line)
    || Number(a.injury_status === 'out') - Number(b.injury_status === 'out')
    || desc(a.prediction?.confidence, b.prediction?.confidence)
    || desc(a.season_ppg, b.season_ppg)
    || a.player_lookup.localeCompare(b.player_lookup);
}

function gamesOf(rows: readonly TonightRow[], date: string): TonightGame[] {
  const byGame = new Map<string, TonightRow[]>();
  for (const row of rows) {
    let group = byGame.get(row.game_id);
    if (!group) byGame.set(row.game_id, (group = []));
    group.push(row);
  }
  const season = seasonStartYear(date);
  const games = [...byGame.values()].map((gameRows): TonightGame & { tip: string } => {
    const g = gameRows[0]!;
    const players = groupByPlayer(gameRows).map((p) => cardOf(factsOf(p, date, season))).sort(compareCards);
    return {
      game_id: g.game_id, home_team: g.home_team, away_team: g.away_team, game_time: gameTimeEt(g.tipoff_at), tipoff_at: g.tipoff_at,
      game_status: gameStatusOf(g.game_status), player_count: players.length, players, tip: g.tipoff_at ?? '9999',
    };
  });
  games.sort((a, b) => a.tip.localeCompare(b.tip) || a.game_id.localeCompare(b.game_id));
  return games.map(({ tip: _tip, ...game }) => game);
}

export default defineExporter({
  id: 'tonight.all-players',
  schema: 'https://nbaprops.com/v1/schemas/tonight/all-players.schema.json',
  description: "Tonight's board: every game of the slate with every rostered player's card. Tonight page; tonight trigger, 5-minute cache.",
  triggers: ['tonight'],
  path: 'tonight/all-players.json',
  cache: 'tonight',
  ownsAllFiles: true,
  params: (ctx) => (buildsToday(ctx) ? [{}] : []),
  query: {
    sql: tonightSql('board'),
    bind: (ctx) => bindTonight(ctx),
    columns: TONIGHT_COLUMNS,
    key: ['game_id', 'player_lookup', 'h_game_date'],
  },
  render: (rows, _params, ctx): TonightAllPlayers => {
    const date = tonightDate(ctx);
    const games = gamesOf(rows, date);
    const players = games.flatMap((g) => g.players);
    return { game_date: date, generated_at: ctx.generatedAt, total_players: players.length, total_with_lines: players.filter((p) => p.has_line).length, games };
  },
});

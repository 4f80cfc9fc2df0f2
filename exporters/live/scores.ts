/**
 * live.scores — `v1/live/{date}.json` (+ `live/latest.json`).
 *
 * Consumer: the live scoreboard and box scores. Freshness: every 3 minutes through the game window
 * (`props-api live --watch`); stale after 10 minutes (status.json). Spec: endpoints-results-live.md
 * §8, with its listed defects fixed (see CHANGELOG.md): one poll shared with live grading, the
 * game night kept past midnight, schedule ids published beside the feed's, canonical lookups, DNP
 * flags, and a failed poll never written as an empty night.
 */
import type { LiveScores } from '../../generated/live/scores.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import type { LiveFeedGame } from '../../pipeline/ports.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { sql } from '../../pipeline/sql.ts';
import { FROM_DATE, TO_DATE, latestRegistry, scheduleCtes } from '../_sql.ts';
import { assertFeedCoversSchedule, countGames, isCurrentNight, liveNightParams, minutesOf, playerResolver, requireLive, scheduleMatcher, STATUS_ORDER, type ResolvedPlayer, type ScheduleGame } from './_shared.ts';
import { liveFeed } from './live-feed-input.ts';
import { bindLiveNight, feedPlayersCte } from './_sql.ts';

const COLUMNS = {
  kind: 'string', game_id: 'string?', home_team: 'string?', away_team: 'string?', tipoff_at: 'timestamp?',
  feed_player_id: 'integer?', player_lookup: 'string?', player_name: 'string?',
} as const;
type Row = RowOf<typeof COLUMNS>;
type Game = LiveScores['games'][number];

export default defineExporter({
  id: 'live.scores',
  schema: 'https://nbaprops.com/v1/schemas/live/scores.schema.json',
  description: 'Live box scores of the current game night. Live scoreboard; every 3 minutes in the game window.',
  triggers: ['live'],
  path: 'live/{date}.json',
  cache: 'live',
  stampField: 'updated_at',
  needs: [liveFeed],
  // The feed's snapshot of the night in progress: rebuilt by every build.
  rebuild: 'always',
  aliases: [{ path: 'live/latest.json', cache: 'live', when: (params, _payload, ctx) => isCurrentNight(params, ctx) }],
  params: liveNightParams,
  query: {
    sql: sql`
WITH ${scheduleCtes(FROM_DATE, TO_DATE)},
names AS (${latestRegistry}),
${feedPlayersCte}
SELECT 'game' AS kind, game_id, home_team, away_team, game_date_est AS tipoff_at,
       CAST(NULL AS INT64) AS feed_player_id, CAST(NULL AS STRING) AS player_lookup, CAST(NULL AS STRING) AS player_name
FROM schedule_games
UNION ALL
SELECT 'feed_player', NULL, NULL, NULL, NULL, bdl_player_id, player_lookup, player_name
FROM feed_players
ORDER BY kind, game_id, feed_player_id`,
    bind: bindLiveNight,
    columns: COLUMNS,
    key: ['kind', 'game_id', 'feed_player_id'],
  },
  render: (rows, params, ctx): LiveScores => {
    const night = requireLive(ctx, params.date);
    const schedule = rows.filter((r) => r.kind === 'game').map(toScheduleGame);
    assertFeedCoversSchedule(night, schedule, ctx.asOf);
    const match = scheduleMatcher(schedule);
    const resolve = playerResolver(rows.filter((r) => r.kind === 'feed_player').map((r) => ({ feed_player_id: r.feed_player_id!, player_lookup: r.player_lookup!, player_name: r.player_name! })));
    const games = night.games.map((g) => toGame(g, match(g), resolve)).sort(byStatusThenTipoff);
    const counts = countGames(games);
    return {
      updated_at: ctx.generatedAt, game_date: params.date, games_in_progress: counts.in_progress, games_final: counts.final,
      games_scheduled: counts.scheduled, total_games: games.length, games,
    };
  },
});

function toScheduleGame(row: Row): ScheduleGame {
  return { game_id: row.game_id!, home_team: row.home_team!, away_team: row.away_team!, tipoff_at: row.tipoff_at };
}

function toGame(game: LiveFeedGame, scheduled: ScheduleGame | undefined, resolve: (p: LiveFeedGame['home']['players'][number]) => ResolvedPlayer | null): Game {
  const players = [game.home, game.away].flatMap((team) =>
    team.players.flatMap((p) => {
      const who = resolve(p);
      if (!who) return [];
      return [{
        player_lookup: who.player_lookup, name: who.name, team: team.tricode, played: minutesOf(p.minutes) > 0, minutes: p.minutes ?? '0:00',
        points: p.points, rebounds: p.rebounds, assists: p.assists, steals: p.steals, blocks: p.blocks, turnovers: p.turnovers,
        fg_made: p.fgMade, fg_attempted: p.fgAttempted, fg3_made: p.fg3Made, fg3_attempted: p.fg3Attempted, ft_made: p.ftMade, ft_attempted: p.ftAttempted,
      }];
    }),
  );
  players.sort((a, b) => b.points - a.points || a.player_lookup.localeCompare(b.player_lookup) || a.team.localeCompare(b.team));
  return {
    game_id: scheduled?.game_id ?? null, feed_game_id: game.feedGameId, status: game.status, period: game.period,
    time_remaining: game.status === 'in_progress' ? game.clock : null, tipoff_at: scheduled?.tipoff_at ?? null,
    home_team: game.home.tricode, away_team: game.away.tricode, home_score: game.home.score, away_score: game.away.score,
    player_count: players.length, players,
  };
}

function byStatusThenTipoff(a: Game, b: Game): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || (a.tipoff_at ?? '9999').localeCompare(b.tipoff_at ?? '9999') || a.home_team.localeCompare(b.home_team);
}

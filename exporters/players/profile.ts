/**
 * players.profile — `v1/players/{player_lookup}.json`, one file per player in the index.
 *
 * Consumer: the player panel's "Profile" tab and the standalone profile page. Freshness: weekly,
 * half-day cache. One query for every qualifying player (paramsFromRows); the weekly build
 * removes the files of players who no longer qualify (ownsAllFiles). Spec:
 * endpoints-trends-players.md §11 with its defects fixed (see CHANGELOG.md).
 */
import type { PlayerProfile } from '../../generated/players/profile.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { latestRegistry, scheduleCtes } from '../_sql.ts';
import { BOX_SELECT, SUMMARY_COLUMNS, SYSTEM_ID, TO_DATE, WINDOW_FROM, bindWeekly, boxCtes, summaryCtes } from './_sql.ts';
import { BOX_COLUMNS, boxGamesOf, buildsToday, paramsFromRowsOf } from './_shared.ts';
import { GAME_LOG_LENGTH, interpretationOf, profileGame, splitsOf, summaryOf, trackRecordOf } from './profile-render.ts';

/** How far ahead the next game is looked for. */
const NEXT_GAME_DAYS = 14;
const NEXT_TO = param.date('next_to');
/** Box scores are read from the start of the window's first season, so rest gaps at the window's edge are right. */
const SEASON_FROM = param.date('season_from');

export const PROFILE_COLUMNS = {
  player_lookup: 'string', player_full_name: 'string', position: 'string?', ...SUMMARY_COLUMNS, ...BOX_COLUMNS,
  next_game_date: 'date?', next_game_id: 'string?', next_opponent: 'string?', next_home_game: 'boolean?', next_tipoff_at: 'timestamp?', next_has_prediction: 'boolean?',
} as const;

export default defineExporter({
  id: 'players.profile',
  schema: 'https://nbaprops.com/v1/schemas/players/profile.schema.json',
  description: "One player's track record, game log, splits and next game. Player panel and profile page; weekly.",
  triggers: ['weekly'],
  path: 'players/{player_lookup}.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: () => [],
  paramsFromRows: (rows, ctx) => (buildsToday(ctx) ? paramsFromRowsOf(rows, ['player_lookup'], ctx) : []),
  partitionBy: { player_lookup: 'player_lookup' },
  query: {
    sql: sql`
WITH ${summaryCtes()},
${boxCtes(SEASON_FROM)},
${scheduleCtes(TO_DATE, NEXT_TO)},
next_games AS (
  SELECT c.player_lookup, g.native_game_id AS game_id, c.game_date, c.opponent_team_abbr, c.home_game, g.game_date_est,
         ROW_NUMBER() OVER (PARTITION BY c.player_lookup ORDER BY c.game_date, g.game_date_est, g.native_game_id) AS n
  FROM ${table('nba_analytics', 'upcoming_player_game_context')} AS c
  JOIN game_ids AS g ON g.any_game_id = c.game_id
  WHERE c.game_date BETWEEN ${TO_DATE} AND ${NEXT_TO}
),
next_preds AS (
  SELECT DISTINCT p.player_lookup, g.native_game_id AS game_id
  FROM ${table('nba_predictions', 'player_prop_predictions')} AS p
  JOIN game_ids AS g ON g.any_game_id = p.game_id
  WHERE p.game_date BETWEEN ${TO_DATE} AND ${NEXT_TO} AND p.system_id = ${SYSTEM_ID} AND p.is_active
),
names AS (${latestRegistry})
SELECT s.*, COALESCE(n.player_name, s.player_lookup) AS player_full_name, n.position, ${BOX_SELECT},
       x.game_date AS next_game_date, x.game_id AS next_game_id, x.opponent_team_abbr AS next_opponent, x.home_game AS next_home_game,
       x.game_date_est AS next_tipoff_at, CASE WHEN x.game_id IS NULL THEN NULL ELSE np.game_id IS NOT NULL END AS next_has_prediction
FROM summary AS s
LEFT JOIN box AS b ON b.player_lookup = s.player_lookup AND b.game_date >= ${WINDOW_FROM}
LEFT JOIN next_games AS x ON x.player_lookup = s.player_lookup AND x.n = 1
LEFT JOIN next_preds AS np ON np.player_lookup = x.player_lookup AND np.game_id = x.game_id
LEFT JOIN names AS n ON n.player_lookup = s.player_lookup
ORDER BY s.player_lookup, b.game_date DESC`,
    bind: (ctx) => {
      const weekly = bindWeekly(ctx);
      return { ...weekly, next_to: addDays(ctx.today, NEXT_GAME_DAYS), season_from: seasonStartDate(seasonStartYear(weekly.window_from as string)) };
    },
    columns: PROFILE_COLUMNS,
    key: ['player_lookup', 'game_date'],
  },
  render: (rows, params, ctx): PlayerProfile => {
    const r = rows[0]!;
    const games = boxGamesOf(rows);
    const summary = summaryOf(r, games[0]?.team ?? null, r.position);
    return {
      player_lookup: params.player_lookup,
      player_full_name: r.player_full_name,
      generated_at: ctx.generatedAt,
      as_of_date: ctx.today,
      summary,
      interpretation: interpretationOf(summary),
      game_log: games.slice(0, GAME_LOG_LENGTH).map(profileGame),
      splits: splitsOf(games),
      our_track_record: trackRecordOf(r),
      next_game: r.next_game_date === null || r.next_game_id === null || r.next_opponent === null ? null : {
        game_date: r.next_game_date, game_id: r.next_game_id, opponent: r.next_opponent, home_game: r.next_home_game,
        tipoff_at: r.next_tipoff_at, has_prediction: r.next_has_prediction === true,
      },
    };
  },
});

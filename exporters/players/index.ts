/**
 * players.index — `v1/players/index.json`.
 *
 * Consumer: the site's player search and links to profiles. Freshness: weekly (Sunday 6 AM ET),
 * half-day cache. Lists exactly the players who get a profile (same threshold and window), so
 * no entry links to a missing file. Spec: endpoints-trends-players.md §10 with its fixes.
 */
import type { PlayerIndex } from '../../generated/players/index.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import { sql } from '../../pipeline/sql.ts';
import { ratio, round } from '../_shared.ts';
import { latestRegistry } from '../_sql.ts';
import { buildsToday } from './_shared.ts';
import { PLAYER_WINDOW_DAYS, SUMMARY_COLUMNS, WINDOW_FROM, bindWeekly, newestTeam, summaryCtes } from './_sql.ts';

export const INDEX_COLUMNS = { player_lookup: 'string', player_full_name: 'string', team: 'string?', position: 'string?', ...SUMMARY_COLUMNS } as const;

export default defineExporter({
  id: 'players.index',
  schema: 'https://nbaprops.com/v1/schemas/players/index.schema.json',
  description: 'Every player with a profile page and our headline accuracy on him. Player search; weekly.',
  triggers: ['weekly'],
  path: 'players/index.json',
  cache: 'weekly',
  ownsAllFiles: true,
  params: (ctx) => (buildsToday(ctx) ? [{}] : []),
  query: {
    sql: sql`
WITH ${summaryCtes()},
teams AS (${newestTeam(WINDOW_FROM)}),
names AS (${latestRegistry})
SELECT s.*, COALESCE(n.player_name, s.player_lookup) AS player_full_name, COALESCE(t.team_abbr, n.team_abbr) AS team, n.position
FROM summary AS s
LEFT JOIN teams AS t ON t.player_lookup = s.player_lookup
LEFT JOIN names AS n ON n.player_lookup = s.player_lookup
ORDER BY s.games_predicted DESC, s.player_lookup`,
    bind: (ctx) => bindWeekly(ctx),
    columns: INDEX_COLUMNS,
    key: ['player_lookup'],
  },
  render: (rows, _params, ctx): PlayerIndex => {
    const players = [...rows]
      .sort((a, b) => b.games_predicted - a.games_predicted || a.player_lookup.localeCompare(b.player_lookup))
      .map((r) => ({
        player_lookup: r.player_lookup,
        player_full_name: r.player_full_name,
        team: r.team,
        position: r.position,
        games_predicted: r.games_predicted,
        recommendations: r.recommendations,
        correct: r.wins,
        mae: round(r.mae, 2),
        win_rate: ratio(r.wins, r.wins + r.losses),
        bias: round(r.bias, 2),
        within_5_pct: ratio(r.within_5, r.games_predicted),
      }));
    return {
      generated_at: ctx.generatedAt, as_of_date: ctx.today, window_days: PLAYER_WINDOW_DAYS, min_graded_games: ctx.minGradedGames,
      total_players: players.length, players,
    };
  },
});

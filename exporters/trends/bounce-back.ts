/**
 * trends.bounce-back — `v1/trends/bounce-back.json`.
 *
 * Consumer: the Trends page's "Bounce-Back Watch". Freshness: hourly (6 AM–11 PM ET).
 * Spec: endpoints-trends-players.md §3, with its listed defects fixed (see CHANGELOG.md): every
 * average is the season-to-date average before the game, history and baseline stop at the as-of
 * date and share one definition, no placeholder rate, a recency bound and a top-N cap.
 */
import type { TrendsBounceBack } from '../../generated/trends/bounce-back.ts';
import { defineExporter } from '../../pipeline/define-exporter.ts';
import type { RowOf } from '../../pipeline/row-contract.ts';
import { countIf, param, sql, table } from '../../pipeline/sql.ts';
import { addDays, seasonStartDate, seasonStartYear } from '../../pipeline/time.ts';
import { ratio, round } from '../_shared.ts';
import { latestRegistry } from '../_sql.ts';
import { AS_OF, tonightCtes, tonightSelect } from './_sql.ts';
import { TONIGHT_COLUMNS, tonightOf } from './_shared.ts';

export const SHORTFALL_THRESHOLD = 10;
export const MIN_SEASON_GAMES = 10;
export const MIN_HISTORY = 3;
export const RECENCY_DAYS = 7;
export const TOP_N = 20;
const HISTORY_FROM = param.date('history_from');

const COLUMNS = {
  player_lookup: 'string', player_full_name: 'string', team_abbr: 'string', season_year: 'integer', last_date: 'date', last_points: 'integer>=0',
  last_opponent: 'string', avg_before: 'number>=0?', games_before: 'integer', bad_games: 'integer', bounced: 'integer', ...TONIGHT_COLUMNS,
} as const;
type Row = RowOf<typeof COLUMNS>;
type Candidate = TrendsBounceBack['bounce_back_candidates'][number];

export function significanceOf(rate: number | null, sample: number): Candidate['significance'] {
  if (rate !== null && sample >= 10 && rate >= 0.7) return 'high';
  if (rate !== null && sample >= 5 && rate >= 0.6) return 'medium';
  return 'low';
}

/** The player's newest game is a candidate: this season, recent, enough games before it, far enough below. */
export function isCandidate(row: Row, asOf: string): boolean {
  return row.season_year === seasonStartYear(asOf) && row.last_date >= addDays(asOf, -RECENCY_DAYS) && row.games_before >= MIN_SEASON_GAMES
    && row.avg_before !== null && row.avg_before - row.last_points >= SHORTFALL_THRESHOLD - 1e-9;
}

function toCandidate(row: Row): Omit<Candidate, 'rank'> {
  const shortfall = round(row.avg_before! - row.last_points, 1);
  const rate = row.bad_games >= MIN_HISTORY ? ratio(row.bounced, row.bad_games) : null;
  const tonight = tonightOf(row);
  return {
    player_lookup: row.player_lookup, player_full_name: row.player_full_name, team_abbr: row.team_abbr,
    last_game: { date: row.last_date, result: row.last_points, opponent: row.last_opponent, margin: -shortfall },
    season_average: round(row.avg_before!, 1), season_games_before: row.games_before, shortfall,
    bounce_back_rate: rate, bounce_back_sample: row.bad_games, significance: significanceOf(rate, row.bad_games), playing_tonight: tonight !== null, tonight,
  };
}

/** Published rate desc (no rate last), shortfall desc, player_lookup. */
const candidateOrder = (a: Omit<Candidate, 'rank'>, b: Omit<Candidate, 'rank'>) =>
  (b.bounce_back_rate ?? -1) - (a.bounce_back_rate ?? -1) || b.shortfall - a.shortfall || a.player_lookup.localeCompare(b.player_lookup);

export default defineExporter({
  id: 'trends.bounce-back',
  schema: 'https://nbaprops.com/v1/schemas/trends/bounce-back.schema.json',
  description: 'Players whose last game fell 10+ points below their season average, with their bounce-back history. Trends page; hourly.',
  triggers: ['hourly'],
  path: 'trends/bounce-back.json',
  cache: 'hourly',
  ownsAllFiles: true,
  params: () => [{}],
  query: {
    sql: sql`
WITH ${tonightCtes},
scored AS (
  SELECT player_lookup, game_date, team_abbr, opponent_team_abbr, season_year, points,
         AVG(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS avg_before,
         COUNT(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS games_before,
         LEAD(points) OVER (PARTITION BY player_lookup, season_year ORDER BY game_date) AS next_points,
         ROW_NUMBER() OVER (PARTITION BY player_lookup ORDER BY game_date DESC) AS recency
  FROM ${table('nba_analytics', 'player_game_summary')}
  WHERE game_date BETWEEN ${HISTORY_FROM} AND ${AS_OF} AND points IS NOT NULL
),
history AS (
  SELECT player_lookup,
         ${countIf(sql`next_points IS NOT NULL`)} AS bad_games,
         ${countIf(sql`next_points >= avg_before`)} AS bounced
  FROM scored
  WHERE games_before >= ${param.int('min_season_games')} AND avg_before - points >= ${param.int('shortfall')}
  GROUP BY player_lookup
),
names AS (${latestRegistry})
SELECT s.player_lookup, COALESCE(n.player_name, s.player_lookup) AS player_full_name, s.team_abbr, s.season_year,
       s.game_date AS last_date, s.points AS last_points, s.opponent_team_abbr AS last_opponent, s.avg_before, s.games_before,
       COALESCE(h.bad_games, 0) AS bad_games, COALESCE(h.bounced, 0) AS bounced, ${tonightSelect}
FROM scored AS s
LEFT JOIN history AS h ON h.player_lookup = s.player_lookup
LEFT JOIN names AS n ON n.player_lookup = s.player_lookup
LEFT JOIN tonight AS t ON t.team = s.team_abbr AND s.game_date < ${AS_OF}
WHERE s.recency = 1
ORDER BY s.player_lookup`,
    bind: (ctx) => ({
      as_of: ctx.today, history_from: seasonStartDate(seasonStartYear(ctx.today) - 1), min_season_games: MIN_SEASON_GAMES, shortfall: SHORTFALL_THRESHOLD,
    }),
    columns: COLUMNS,
    key: ['player_lookup'],
  },
  render: (rows, _params, ctx): TrendsBounceBack => {
    const candidates = rows.filter((r) => isCandidate(r, ctx.today)).map(toCandidate).sort(candidateOrder);
    const bad = rows.reduce((sum, r) => sum + r.bad_games, 0);
    const bounced = rows.reduce((sum, r) => sum + r.bounced, 0);
    return {
      generated_at: ctx.generatedAt, as_of_date: ctx.today, shortfall_threshold: SHORTFALL_THRESHOLD, min_season_games: MIN_SEASON_GAMES, recency_days: RECENCY_DAYS,
      total_candidates: candidates.length, bounce_back_candidates: candidates.slice(0, TOP_N).map((c, i) => ({ rank: i + 1, ...c })),
      league_baseline: { avg_bounce_back_rate: ratio(bounced, bad), sample_size: bad },
    };
  },
});

/**
 * status.status — `v1/status.json`.
 *
 * Consumer: the website's health banner (polled every 30–60 s) and operators. Freshness: rebuilt
 * by every trigger, so it is never older than the most frequent schedule. Spec:
 * endpoints-results-live.md §7 with its fixes (see CHANGELOG.md): per-endpoint freshness with
 * cadence-fitted thresholds, game windows from the schedule, grading lag, a fixed key set, stable
 * "since" instants and no exception text.
 */
import type { PipelineStatus } from '../../generated/status/status.ts';
import { TRIGGERS, defineExporter, inputOf } from '../../pipeline/define-exporter.ts';
import { param, sql, table } from '../../pipeline/sql.ts';
import { addDays } from '../../pipeline/time.ts';
import { SYSTEM_ID, scheduleCtes } from '../_sql.ts';
import { endpointStates } from './endpoint-states.ts';
import { GAME_COLUMNS, GRADING_LOOKBACK_DAYS, renderStatus } from './status-render.ts';

const RECENT_FROM = param.date('recent_from');
const TODAY = param.date('today');

export default defineExporter({
  id: 'status.status',
  schema: 'https://nbaprops.com/v1/schemas/status/status.schema.json',
  description: 'Freshness of every endpoint, the game window and grading lag. Health banner and operators; every trigger.',
  triggers: TRIGGERS,
  path: 'status.json',
  cache: 'status',
  stampField: 'updated_at',
  ownsAllFiles: true,
  needs: [endpointStates],
  // Freshness and game windows follow the build's instant: rebuilt by every build.
  rebuild: 'always',
  params: () => [{}],
  query: {
    sql: sql`
WITH ${scheduleCtes(RECENT_FROM, TODAY)},
graded_games AS (
  SELECT DISTINCT s.native_game_id AS game_id
  FROM ${table('nba_predictions', 'prediction_accuracy')} AS pa
  JOIN game_ids AS s ON s.any_game_id = pa.game_id
  WHERE pa.game_date BETWEEN ${RECENT_FROM} AND ${TODAY} AND pa.system_id = ${SYSTEM_ID}
)
SELECT g.game_date, g.game_id, g.game_date_est AS tipoff_at, g.game_status, gg.game_id IS NOT NULL AS graded
FROM schedule_games AS g
LEFT JOIN graded_games AS gg ON gg.game_id = g.game_id
ORDER BY g.game_date, g.game_id`,
    bind: (ctx) => ({ recent_from: addDays(ctx.today, -GRADING_LOOKBACK_DAYS), today: ctx.today, system_id: ctx.systemId }),
    columns: GAME_COLUMNS,
    key: ['game_id'],
  },
  render: (rows, _params, ctx): PipelineStatus => renderStatus(rows, { ...ctx, endpointStates: inputOf(ctx, endpointStates) }),
});

/**
 * The local LiveFeed: the sample league's as-of night replayed at the build's instant (see
 * pipeline/live/replay.ts), so `npm start` at 21:30 ET shows some games final, some in progress and
 * one still to tip, and a watch loop driven by a moving clock sees scores rise and games finish.
 *
 * The night's final lines are read once from `sample_meta.tonight_box_scores` through the
 * warehouse and kept for the life of the feed (one read per process, whatever the number of polls).
 */
import { ConfigError } from '../errors.ts';
import type { LiveFeed, LiveFetchRequest, LiveSnapshot, Warehouse } from '../ports.ts';
import { replayNight, type TonightBoxScoreRow } from '../live/replay.ts';
import { sql, table } from '../sql.ts';

export const SAMPLE_FEED_DESCRIPTION = 'sample league replay';

const TONIGHT = sql`
SELECT game_id, bdl_game_id, game_date, tip_instant, final_instant, home_team, away_team, home_quarter_scores, away_quarter_scores,
       bdl_player_id, first_name, last_name, team_abbr, minutes, points, rebounds, assists, steals, blocks, turnovers,
       fgm, fga, fg3m, fg3a, ftm, fta
FROM ${table('sample_meta', 'tonight_box_scores')}
ORDER BY tip_instant, game_id, team_abbr, bdl_player_id`;

export interface SampleLiveFeedOptions {
  /** The night's final lines; @default read from the sample warehouse */
  load: () => Promise<readonly TonightBoxScoreRow[]>;
}

export function createSampleLiveFeed(options: SampleLiveFeedOptions): LiveFeed {
  let rows: Promise<readonly TonightBoxScoreRow[]> | undefined;
  return {
    description: SAMPLE_FEED_DESCRIPTION,
    async fetchSnapshot(request: LiveFetchRequest): Promise<LiveSnapshot> {
      rows ??= options.load();
      rows.catch(() => { rows = undefined; }); // a failed read is retried by the next poll
      return { source: SAMPLE_FEED_DESCRIPTION, games: replayNight(await rows, new Date(request.asOf)) };
    },
  };
}

/** The replay over a sample warehouse; a real warehouse has no night to replay (use `--feed http`). */
export function createSampleLiveFeedFromWarehouse(warehouse: Warehouse): LiveFeed {
  if (!warehouse.sample) {
    throw new ConfigError('InvalidOption', `Expected \`feed\` to be \`http\` for the warehouse ${warehouse.description}, got \`sample\` (string)`, {
      hint: 'The sample live feed replays the generated sample league only; pass --feed http (or set PROPS_API_FEED=http) for a real warehouse.',
    });
  }
  return createSampleLiveFeed({ load: async () => (await warehouse.query(TONIGHT, { label: 'sample live feed', params: {} })) as unknown as TonightBoxScoreRow[] });
}

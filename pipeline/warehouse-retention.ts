/**
 * Partition expiration of the production warehouse: the tables whose BigQuery DDL sets
 * `partition_expiration_days`, read by the exporters. This is the one list of those values: the
 * sample writer drops the rows production no longer has (pipeline/sample-league/write.ts), and
 * checks and docs that need the windows read them here.
 *
 * Rule, at day granularity: on a date D the oldest partition still present is D − `days`; older
 * partitions are gone (BigQuery deletes a daily partition at a UTC midnight, `days` after the
 * partition's day ends).
 */
import { addDays } from './time.ts';

export interface PartitionExpiration {
  /** `<dataset>.<table>`, as in spec/sources.md. */
  table: string;
  /** The DATE column the table is partitioned by. */
  partitionColumn: string;
  /** `partition_expiration_days` of the production DDL. */
  days: number;
  /** What the build loses for dates past the window, for docs and check messages. */
  effect: string;
}

export const PARTITION_EXPIRATIONS = [
  {
    table: 'nba_precompute.player_shot_zone_analysis', partitionColumn: 'analysis_date', days: 90,
    effect: 'shot-zone figures (season pages of older seasons: shot_zones; game reports: paint / mid-range / three-point rates)',
  },
  {
    table: 'nba_precompute.team_defense_zone_analysis', partitionColumn: 'analysis_date', days: 90,
    effect: 'opponent defence (game reports: pace, rating, rank, zone tiers; team tendencies: defence by zone; tonight pages: defence rank)',
  },
  {
    table: 'nba_predictions.player_prop_predictions', partitionColumn: 'game_date', days: 365,
    effect: 'prediction rows older than a year (graded pages fall back to prediction_accuracy; the newest-prediction tie-break is lost)',
  },
] as const satisfies readonly PartitionExpiration[];

/** The oldest partition date of `rule`'s table still present on `date` (`YYYY-MM-DD`). */
export function oldestRetainedDate(rule: PartitionExpiration, date: string): string {
  return addDays(date, -rule.days);
}

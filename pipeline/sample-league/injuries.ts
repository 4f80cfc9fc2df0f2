/**
 * Who can play: injury spells, rest days and game-time decisions, and the hourly league injury
 * report that announces them (statuses in lower case, as the raw table stores them).
 *
 * A listed player keeps his last reported status forever in the raw data (readers take the newest
 * line with no staleness bound); the generator does not tidy that up.
 */
import type { Row } from './ddl.ts';
import type { Player } from './players.ts';
import type { Random } from './random.ts';
import type { PlayerState } from './state.ts';

export type InjuryStatus = 'out' | 'questionable' | 'doubtful' | 'probable' | 'available';

export interface Availability {
  /** Status in the day's early snapshots; null when not on the report. */
  reported: InjuryStatus | null;
  /** Status in the day's last snapshots (a game-time decision resolved). */
  finalReported: InjuryStatus | null;
  reason: string | null;
  category: 'Injury' | 'Illness' | 'Rest' | null;
  /** Dresses and is available; a coach may still not play him. */
  plays: boolean;
}

const INJURY_REASONS = [
  'Injury/Illness - Left Ankle; Sprain', 'Injury/Illness - Right Knee; Soreness', 'Injury/Illness - Lower Back; Spasms',
  'Injury/Illness - Right Hamstring; Strain', 'Injury/Illness - Left Calf; Tightness', 'Injury/Illness - Right Wrist; Contusion',
  'Injury/Illness - Left Foot; Plantar Fasciitis', 'Injury/Illness - Back; Contusion',
];
const MINOR_REASONS = ['Injury/Illness - Right Ankle; Soreness', 'Injury/Illness - Left Knee; Tendinitis', 'Illness - Non-COVID'];
/** Not on the injury report and free to play. */
export const NOT_LISTED: Availability = { reported: null, finalReported: null, reason: null, category: null, plays: true };

/** Decides one player's availability for his team's next game and advances his injury spell. */
export function decideAvailability(player: Player, state: PlayerState, random: Random): Availability {
  if (state.injuryGamesLeft > 0) return continueSpell(state);
  if (state.returning) {
    state.returning = false;
    return random.chance(0.7) ? { ...NOT_LISTED, reported: 'probable', finalReported: 'probable', reason: 'Injury/Illness - Injury Management', category: 'Injury' } : NOT_LISTED;
  }
  if (random.chance(player.injuryRisk)) {
    state.injuryGamesLeft = Math.min(20, 1 + Math.floor(-Math.log(1 - random.next()) * 4));
    state.injuryReason = random.pick(INJURY_REASONS);
    return continueSpell(state);
  }
  if (random.chance(0.012)) return { reported: 'out', finalReported: 'out', reason: 'Rest', category: 'Rest', plays: false };
  const minor = random.pick(MINOR_REASONS);
  const category = minor.startsWith('Illness') ? 'Illness' : 'Injury';
  if (random.chance(0.03)) return gameTimeDecision('questionable', random.chance(0.65), minor, category);
  if (random.chance(0.008)) return gameTimeDecision('doubtful', random.chance(0.2), minor, category);
  return NOT_LISTED;
}

function continueSpell(state: PlayerState): Availability {
  state.injuryGamesLeft--;
  if (state.injuryGamesLeft === 0) state.returning = true;
  return { reported: 'out', finalReported: 'out', reason: state.injuryReason, category: 'Injury', plays: false };
}

function gameTimeDecision(status: InjuryStatus, plays: boolean, reason: string, category: 'Injury' | 'Illness'): Availability {
  return { reported: status, finalReported: plays ? 'available' : 'out', reason, category, plays };
}

/** Snapshot hours of the report: three a day in history, hourly on the as-of day up to 21:00. */
export function reportHours(isAsOfDate: boolean): number[] {
  return isAsOfDate ? Array.from({ length: 13 }, (_, i) => 9 + i) : [9, 13, 17];
}

/** From this hour on, a snapshot shows the resolved game-time decision. */
const FINAL_REPORT_HOUR = 17;

export interface InjuryReportOptions {
  date: string;
  gameCode: string;
  team: string;
  player: Player;
  availability: Availability;
  hours: readonly number[];
  processedAt: (hour: number) => Date;
}

/** One report line per snapshot hour for a listed player (none when not listed). */
export function injuryReportRows(o: InjuryReportOptions): Row<'nba_raw.nbac_injury_report'>[] {
  if (o.availability.reported === null) return [];
  return o.hours.map((hour) => ({
    report_date: o.date, report_hour: hour, game_date: o.date, game_id: o.gameCode, team: o.team,
    player_full_name: o.player.name.fullName, player_lookup: o.player.name.lookup,
    injury_status: hour >= FINAL_REPORT_HOUR ? o.availability.finalReported : o.availability.reported,
    reason: o.availability.reason, reason_category: o.availability.category, processed_at: o.processedAt(hour),
  }));
}

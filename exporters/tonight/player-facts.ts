/**
 * One player's facts for tonight, from his query rows (all rows of one player share the
 * per-player columns; history columns vary). Shared by the board card and the player file.
 */
import { round } from '../_shared.ts';
import type { TonightRow } from './_sql.ts';
import {
  daysRestOf, defenseTier, fatigueLevel, historyOf, injuryStatusOf, numbersOf,
  type DefenseTier, type FatigueLevel, type InjuryStatus, type PlayerNumbers,
} from './_shared.ts';
import type { Recommendation } from '../_shared.ts';
import type { BoxGame } from '../players/_shared.ts';

export interface PlayerFacts {
  lookup: string;
  name: string;
  team: string;
  opponent: string;
  isHome: boolean | null;
  daysRest: number | null;
  isBackToBack: boolean | null;
  injuryStatus: InjuryStatus;
  injuryReason: string | null;
  fatigueScore: number | null;
  fatigueLevel: FatigueLevel;
  prediction: { predicted: number; confidence: number; recommendation: Recommendation; line: number | null; edge: number | null; paceAdjustment: number | null; similarGames: number | null } | null;
  odds: { over: number | null; under: number | null };
  defense: { rank: number; tier: DefenseTier; ppgAllowed: number; defensiveRating: number | null; teams: number } | null;
  history: BoxGame[];
  numbers: PlayerNumbers;
}

/** Rows of a player; the first row's per-player columns describe him (they repeat on every row). */
export function factsOf(rows: readonly TonightRow[], date: string, season: number): PlayerFacts {
  const r = rows[0]!;
  const history = historyOf(rows);
  const daysRest = daysRestOf(r.days_rest, history, date);
  const prediction = r.predicted_points === null || r.confidence_score === null || r.recommendation === null ? null : {
    predicted: round(r.predicted_points, 1),
    confidence: round(r.confidence_score, 2),
    recommendation: r.recommendation as Recommendation,
    line: round(r.line, 1),
    edge: r.line === null ? null : round(r.predicted_points - r.line, 1),
    paceAdjustment: round(r.pace_adjustment, 2),
    similarGames: r.similar_games_count,
  };
  return {
    lookup: r.player_lookup!,
    name: r.player_full_name ?? r.player_lookup!,
    team: r.team_abbr!,
    opponent: r.opponent_team_abbr!,
    isHome: r.home_game ?? (r.team_abbr === r.home_team ? true : r.team_abbr === r.away_team ? false : null),
    daysRest,
    isBackToBack: daysRest === null ? null : daysRest === 1,
    injuryStatus: injuryStatusOf(r.injury_status),
    injuryReason: r.injury_status === null ? null : r.injury_reason,
    fatigueScore: r.fatigue_score,
    fatigueLevel: fatigueLevel(r.fatigue_score),
    prediction,
    odds: { over: r.over_odds, under: r.under_odds },
    defense: r.defense_rank === null || r.opp_ppg_allowed === null ? null : {
      rank: r.defense_rank, tier: defenseTier(r.defense_rank), ppgAllowed: round(r.opp_ppg_allowed, 1), defensiveRating: round(r.opp_def_rating, 1), teams: r.defense_teams ?? r.defense_rank,
    },
    history,
    numbers: numbersOf(history, season),
  };
}

/** Rows grouped by player, in first-seen order; rows without a player (an empty game) are skipped. */
export function groupByPlayer(rows: readonly TonightRow[]): TonightRow[][] {
  const groups = new Map<string, TonightRow[]>();
  for (const row of rows) {
    if (row.player_lookup === null) continue;
    let group = groups.get(row.player_lookup);
    if (!group) groups.set(row.player_lookup, (group = []));
    group.push(row);
  }
  return [...groups.values()];
}

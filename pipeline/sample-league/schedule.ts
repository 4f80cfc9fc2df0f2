/**
 * A season's schedule: the 1,230 matchups spread over the game days, Eastern tip times and ids.
 *
 * Dates are filled greedily day by day, preferring teams with the most games left per day left
 * (so nobody is stranded at the end), never a team twice on one date or three days running, and
 * mildly avoiding back-to-backs (which still happen, as in reality). Any game the greedy pass
 * leaves over goes to the latest date on which both teams are free (three in a row allowed there).
 */
import { easternInstant, isWeekend, seasonGameDays } from './calendar.ts';
import type { SeasonWindow } from './calendar.ts';
import { buildMatchups } from './matchups.ts';
import type { Matchup } from './matchups.ts';
import type { Random } from './random.ts';
import { HOME_TIPS_ET_MINUTES } from './teams.ts';
import type { Team } from './teams.ts';
import { assignDates } from './schedule-dates.ts';

export interface ScheduledGame {
  /** Native NBA id `002YY` + five-digit sequence, e.g. `0022400974`. */
  gameId: string;
  /** Date-based id `YYYYMMDD_AWAY_HOME` used by the box-score tables. */
  gameCode: string;
  bdlGameId: number;
  seasonYear: number;
  date: string;
  /** Tip-off, Eastern minutes after midnight. */
  tipMinutes: number;
  tip: Date;
  /** Wall-clock length; the game is final at `tip + durationMinutes`. */
  durationMinutes: number;
  home: Team;
  away: Team;
}

const AFTERNOON_TIPS_ET_MINUTES = [13 * 60, 15 * 60, 15 * 60 + 30, 17 * 60];
const AS_OF_AFTERNOON_TIP = 15 * 60 + 30;
const AS_OF_EARLY_TIP = 19 * 60;
const AS_OF_LATE_TIP = 22 * 60;
/** Longest wall-clock game; a 19:00 tip is therefore final by 21:30. */
const MAX_DURATION_MINUTES = 150;

export interface BuildScheduleOptions {
  window: SeasonWindow;
  random: Random;
  /** The as-of date when it falls in this season: it gets a forced mix of tip times. */
  asOf: string | null;
}

export function buildSeasonSchedule({ window, random, asOf }: BuildScheduleOptions): ScheduledGame[] {
  const days = seasonGameDays(window);
  const byDate = assignDates({ matchups: random.shuffle(buildMatchups()), days, random, busyDay: asOf });
  const games: Omit<ScheduledGame, 'gameId' | 'bdlGameId'>[] = [];
  for (const date of days) {
    const matchups = byDate.get(date) ?? [];
    const tips = date === asOf ? asOfTips(matchups, random) : regularTips(date, matchups, random);
    matchups.forEach((m, i) => {
      const tipMinutes = tips[i] as number;
      games.push({
        gameCode: `${date.replaceAll('-', '')}_${m.away.tricode}_${m.home.tricode}`,
        seasonYear: window.startYear, date, tipMinutes, tip: easternInstant(date, tipMinutes),
        durationMinutes: random.int(125, MAX_DURATION_MINUTES), home: m.home, away: m.away,
      });
    });
  }
  games.sort((a, b) => a.date.localeCompare(b.date) || a.tipMinutes - b.tipMinutes || a.home.tricode.localeCompare(b.home.tricode));
  const yy = String(window.startYear % 100).padStart(2, '0');
  return games.map((game, i) => ({
    ...game,
    gameId: `002${yy}${String(i + 1).padStart(5, '0')}`,
    bdlGameId: 10_000_000 + (window.startYear - 1990) * 2_000 + i + 1,
  }));
}

function regularTips(date: string, matchups: readonly Matchup[], random: Random): number[] {
  let afternoon = isWeekend(date) ? random.int(0, 2) : 0;
  return matchups.map((m) => {
    if (afternoon > 0 && m.home.zone !== 'Pacific') {
      afternoon--;
      return random.pick(AFTERNOON_TIPS_ET_MINUTES);
    }
    return random.pick(HOME_TIPS_ET_MINUTES[m.home.zone]);
  });
}

const ZONE_ORDER = { Eastern: 0, Central: 1, Mountain: 2, Pacific: 3 } as const;

/**
 * The as-of night at 21:30 ET shows every game state: the easternmost game tips in the
 * afternoon and the next at 19:00 (both final), the westernmost at 22:00 or later (scheduled), the
 * rest at their arena's usual time but not before 19:30 (in progress). Reorders `matchups` in place
 * so that tips line up with it.
 */
function asOfTips(matchups: Matchup[], random: Random): number[] {
  matchups.sort((a, b) => ZONE_ORDER[a.home.zone] - ZONE_ORDER[b.home.zone] || a.home.tricode.localeCompare(b.home.tricode));
  return matchups.map((m, i) => {
    const usual = random.pick(HOME_TIPS_ET_MINUTES[m.home.zone]);
    if (i === 0) return AS_OF_AFTERNOON_TIP;
    if (i === 1) return AS_OF_EARLY_TIP;
    if (i === matchups.length - 1) return Math.max(usual, AS_OF_LATE_TIP);
    return Math.min(Math.max(usual, 19 * 60 + 30), 21 * 60);
  });
}

/** Status of a game at an instant: 3 final, 2 in progress, 1 scheduled (as in `nbac_schedule`). */
export function gameStatusAt(game: ScheduledGame, instant: Date): 1 | 2 | 3 {
  const now = instant.getTime();
  if (game.tip.getTime() + game.durationMinutes * 60_000 <= now) return 3;
  return game.tip.getTime() <= now ? 2 : 1;
}

/**
 * Spreads a season's matchups over its game days (see `schedule.ts` for the rules). Pure: the
 * same shuffled matchups and random stream give the same dates.
 */
import type { Matchup } from './matchups.ts';
import type { Random } from './random.ts';

export interface AssignDatesOptions {
  matchups: readonly Matchup[];
  days: readonly string[];
  random: Random;
  /** A date that must get a full slate (the as-of night). */
  busyDay: string | null;
}

/** Relative slate size by weekday (Sunday first): Wednesday and Friday are busy, Thursday light. */
const WEEKDAY_WEIGHTS = [0.95, 1.0, 0.8, 1.3, 0.7, 1.25, 1.0];
const BUSY_DAY_GAMES = 9;
const BACK_TO_BACK_PENALTY = 0.02;

/** Date → that day's matchups. */
export function assignDates({ matchups, days, random, busyDay }: AssignDatesOptions): Map<string, Matchup[]> {
  const targets = dailyTargets(days, matchups.length, busyDay);
  const remaining = new Map<string, number>();
  const played = new Map<string, number[]>(); // team → day indexes played
  for (const m of matchups) for (const t of [m.home.tricode, m.away.tricode]) remaining.set(t, (remaining.get(t) ?? 0) + 1);
  let pending = matchups.slice();
  const byDate = new Map<string, Matchup[]>();
  days.forEach((date, k) => {
    const daysLeft = days.length - k;
    const urgency = (t: string): number => (remaining.get(t) ?? 0) / daysLeft - (playedOn(played, t, k - 1) ? BACK_TO_BACK_PENALTY : 0);
    const candidates = pending
      .filter((m) => !threeInARow(played, m.home.tricode, k) && !threeInARow(played, m.away.tricode, k))
      .map((m) => ({ m, score: urgency(m.home.tricode) + urgency(m.away.tricode) + random.next() * 0.25 }))
      .sort((a, b) => b.score - a.score);
    const busy = new Set<string>();
    const slate: Matchup[] = [];
    for (const { m } of candidates) {
      if (slate.length >= (targets[k] as number)) break;
      if (busy.has(m.home.tricode) || busy.has(m.away.tricode)) continue;
      busy.add(m.home.tricode).add(m.away.tricode);
      slate.push(m);
    }
    for (const m of slate) for (const t of [m.home.tricode, m.away.tricode]) markPlayed({ played, remaining }, t, k);
    const chosen = new Set(slate);
    pending = pending.filter((m) => !chosen.has(m));
    byDate.set(date, slate);
  });
  for (const m of pending) placeLeftover(byDate, days, m);
  return byDate;
}

function dailyTargets(days: readonly string[], total: number, busyDay: string | null): number[] {
  const weights = days.map((d) => WEEKDAY_WEIGHTS[new Date(`${d}T00:00:00Z`).getUTCDay()] as number);
  const sum = weights.reduce((a, b) => a + b, 0);
  return days.map((d, k) => {
    const target = Math.round(((weights[k] as number) / sum) * total);
    return d === busyDay ? Math.max(target, BUSY_DAY_GAMES) : Math.min(Math.max(target, 3), 13);
  });
}

function playedOn(played: Map<string, number[]>, team: string, day: number): boolean {
  return (played.get(team) ?? []).includes(day);
}

function threeInARow(played: Map<string, number[]>, team: string, day: number): boolean {
  return playedOn(played, team, day - 1) && playedOn(played, team, day - 2);
}

function markPlayed(state: { played: Map<string, number[]>; remaining: Map<string, number> }, team: string, day: number): void {
  const days = state.played.get(team) ?? [];
  days.push(day);
  state.played.set(team, days.slice(-3));
  state.remaining.set(team, (state.remaining.get(team) ?? 0) - 1);
}

/** Puts a game the greedy pass could not place on the latest date where both teams are free. */
function placeLeftover(byDate: Map<string, Matchup[]>, days: readonly string[], m: Matchup): void {
  for (let k = days.length - 1; k >= 0; k--) {
    const slate = byDate.get(days[k] as string) ?? [];
    const teams = new Set(slate.flatMap((g) => [g.home.tricode, g.away.tricode]));
    if (!teams.has(m.home.tricode) && !teams.has(m.away.tricode)) {
      slate.push(m);
      return;
    }
  }
  throw new Error(`Internal error: no date left for ${m.away.tricode} at ${m.home.tricode}`);
}

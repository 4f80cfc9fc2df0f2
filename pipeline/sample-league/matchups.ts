/**
 * The 1,230 pairings of an NBA regular season, by the league's real formula: 4 games against each
 * division rival, 4 against six and 3 against four of the other conference teams, 2 against each
 * team of the other conference (82 per team, 41 at home).
 *
 * Which conference rivals meet only three times is fixed by division position: team p of an
 * earlier division plays teams p and p+1 (mod 5) of each later division three times, hosting twice
 * the one at p. Every team thus has four three-game rivals and hosts two of them twice, which keeps
 * home games at exactly 41.
 */
import { DIVISION_SIZE, TEAMS, conferenceDivisions } from './teams.ts';
import type { Team } from './teams.ts';

export interface Matchup {
  home: Team;
  away: Team;
}

interface Slot {
  team: Team;
  divisionIndex: number;
  position: number;
}

function slotOf(team: Team): Slot {
  const divisions = conferenceDivisions(team.conference);
  const divisionIndex = divisions.indexOf(team.division);
  const position = TEAMS.filter((t) => t.division === team.division).indexOf(team);
  return { team, divisionIndex, position };
}

/** Games hosted by (a, b) respectively in their season series. */
function seriesHomeCounts(a: Slot, b: Slot): [number, number] {
  if (a.team.conference !== b.team.conference) return [1, 1];
  if (a.divisionIndex === b.divisionIndex) return [2, 2];
  const [first, second] = a.divisionIndex < b.divisionIndex ? [a, b] : [b, a];
  const gap = (second.position - first.position + DIVISION_SIZE) % DIVISION_SIZE;
  if (gap > 1) return [2, 2];
  // gap 0: the earlier division's team hosts twice; gap 1: the later division's team does.
  const firstHosts = gap === 0 ? 2 : 1;
  const counts: [number, number] = [firstHosts, 3 - firstHosts];
  return first === a ? counts : [counts[1], counts[0]];
}

/** Every game of a season as (home, away), in a fixed order (the scheduler shuffles them). */
export function buildMatchups(): Matchup[] {
  const slots = TEAMS.map(slotOf);
  const games: Matchup[] = [];
  for (let i = 0; i < slots.length; i++) {
    for (let j = i + 1; j < slots.length; j++) {
      const a = slots[i] as Slot;
      const b = slots[j] as Slot;
      const [aHosts, bHosts] = seriesHomeCounts(a, b);
      for (let k = 0; k < aHosts; k++) games.push({ home: a.team, away: b.team });
      for (let k = 0; k < bHosts; k++) games.push({ home: b.team, away: a.team });
    }
  }
  return games;
}

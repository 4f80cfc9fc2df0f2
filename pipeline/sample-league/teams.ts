/**
 * The 30 real NBA franchises with NBA.com tricodes (the codes balldontlie also uses; ESPN's differ),
 * NBA.com team ids, conference and division (which shape the 82-game schedule), and the home arena's
 * time zone (which sets realistic Eastern tip times).
 */

export type Conference = 'East' | 'West';
export type ArenaZone = 'Eastern' | 'Central' | 'Mountain' | 'Pacific';

export interface Team {
  tricode: string;
  teamId: number;
  city: string;
  name: string;
  conference: Conference;
  division: string;
  zone: ArenaZone;
}

type TeamTuple = [tricode: string, teamId: number, city: string, name: string, division: string, zone: ArenaZone];

const EAST: readonly TeamTuple[] = [
  ['BOS', 1610612738, 'Boston', 'Celtics', 'Atlantic', 'Eastern'],
  ['BKN', 1610612751, 'Brooklyn', 'Nets', 'Atlantic', 'Eastern'],
  ['NYK', 1610612752, 'New York', 'Knicks', 'Atlantic', 'Eastern'],
  ['PHI', 1610612755, 'Philadelphia', '76ers', 'Atlantic', 'Eastern'],
  ['TOR', 1610612761, 'Toronto', 'Raptors', 'Atlantic', 'Eastern'],
  ['CHI', 1610612741, 'Chicago', 'Bulls', 'Central', 'Central'],
  ['CLE', 1610612739, 'Cleveland', 'Cavaliers', 'Central', 'Eastern'],
  ['DET', 1610612765, 'Detroit', 'Pistons', 'Central', 'Eastern'],
  ['IND', 1610612754, 'Indiana', 'Pacers', 'Central', 'Eastern'],
  ['MIL', 1610612749, 'Milwaukee', 'Bucks', 'Central', 'Central'],
  ['ATL', 1610612737, 'Atlanta', 'Hawks', 'Southeast', 'Eastern'],
  ['CHA', 1610612766, 'Charlotte', 'Hornets', 'Southeast', 'Eastern'],
  ['MIA', 1610612748, 'Miami', 'Heat', 'Southeast', 'Eastern'],
  ['ORL', 1610612753, 'Orlando', 'Magic', 'Southeast', 'Eastern'],
  ['WAS', 1610612764, 'Washington', 'Wizards', 'Southeast', 'Eastern'],
];

const WEST: readonly TeamTuple[] = [
  ['DEN', 1610612743, 'Denver', 'Nuggets', 'Northwest', 'Mountain'],
  ['MIN', 1610612750, 'Minnesota', 'Timberwolves', 'Northwest', 'Central'],
  ['OKC', 1610612760, 'Oklahoma City', 'Thunder', 'Northwest', 'Central'],
  ['POR', 1610612757, 'Portland', 'Trail Blazers', 'Northwest', 'Pacific'],
  ['UTA', 1610612762, 'Utah', 'Jazz', 'Northwest', 'Mountain'],
  ['GSW', 1610612744, 'Golden State', 'Warriors', 'Pacific', 'Pacific'],
  ['LAC', 1610612746, 'LA', 'Clippers', 'Pacific', 'Pacific'],
  ['LAL', 1610612747, 'Los Angeles', 'Lakers', 'Pacific', 'Pacific'],
  ['PHX', 1610612756, 'Phoenix', 'Suns', 'Pacific', 'Mountain'],
  ['SAC', 1610612758, 'Sacramento', 'Kings', 'Pacific', 'Pacific'],
  ['DAL', 1610612742, 'Dallas', 'Mavericks', 'Southwest', 'Central'],
  ['HOU', 1610612745, 'Houston', 'Rockets', 'Southwest', 'Central'],
  ['MEM', 1610612763, 'Memphis', 'Grizzlies', 'Southwest', 'Central'],
  ['NOP', 1610612740, 'New Orleans', 'Pelicans', 'Southwest', 'Central'],
  ['SAS', 1610612759, 'San Antonio', 'Spurs', 'Southwest', 'Central'],
];

function toTeam(conference: Conference) {
  return ([tricode, teamId, city, name, division, zone]: TeamTuple): Team => ({ tricode, teamId, city, name, conference, division, zone });
}

/**
 * All 30 teams, East then West, three divisions of five each, in a fixed order. The schedule
 * builder relies on that order (index within a division pairs teams for three-game series).
 */
export const TEAMS: readonly Team[] = [...EAST.map(toTeam('East')), ...WEST.map(toTeam('West'))];

export const DIVISION_SIZE = 5;

/** The teams of one division, in `TEAMS` order. */
export function divisionTeams(division: string): Team[] {
  return TEAMS.filter((team) => team.division === division);
}

/** The three divisions of a conference, in `TEAMS` order. */
export function conferenceDivisions(conference: Conference): string[] {
  return [...new Set(TEAMS.filter((t) => t.conference === conference).map((t) => t.division))];
}

/** Usual Eastern tip minutes (minutes after midnight) for a home arena in `zone`. */
export const HOME_TIPS_ET_MINUTES: Record<ArenaZone, readonly number[]> = {
  Eastern: [19 * 60, 19 * 60 + 30],
  Central: [20 * 60, 20 * 60 + 30],
  Mountain: [21 * 60],
  Pacific: [22 * 60, 22 * 60 + 30],
};

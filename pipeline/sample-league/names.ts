/**
 * Clearly fictional player names and the `player_lookup` normaliser.
 *
 * The pools deliberately include diacritics ("Dončević"), apostrophes ("De'Marco"), hyphens and
 * suffixes ("Jr.", "III") so that every rule of the normaliser is exercised by the sample data.
 * Only letters that NFD decomposes into a base letter plus combining marks are used, so the
 * stripped key stays readable (ø, ł or ß would vanish instead).
 */
import { normalizePlayerLookup } from '../player-lookup.ts';
import type { Random } from './random.ts';

/** The warehouse's `player_lookup` (pipeline/player-lookup.ts); re-exported for the generator's users. */
export { normalizePlayerLookup };

const FIRST_NAMES: readonly string[] = [
  'Aldous', 'Bram', 'Cassius', 'Dorian', 'Ezekiel', 'Fintan', 'Gideon', 'Hollis', 'Ignatius', 'Jarrell',
  'Kasimir', 'Lazarus', 'Marlon', 'Nestor', 'Orrin', 'Percival', 'Quincy', 'Rafferty', 'Silas', 'Thaddeus',
  'Ulysses', 'Vance', 'Wendell', 'Xavion', 'Yannick', 'Zebulon', 'Ambrose', 'Barnaby', 'Cormac', 'Desmond',
  'Emory', 'Fletcher', 'Griffin', 'Harlan', 'Isidore', 'Jasper', 'Kellan', 'Leander', 'Montgomery', 'Nico',
  "De'Marco", "Ja'Vonte", "D'Quarius", "Tre'Shawn", 'Jean-Luc', 'Anders', 'Otis', 'Rowan', 'Sully', 'Tobiah',
  'José', 'Nikolá', 'Dragan', 'Thiérry', 'Jürgen', 'Dāvis', 'Mátyás', 'Sören', 'Renée', 'Björn',
];

const LAST_NAMES: readonly string[] = [
  'Ashworth', 'Blackwood', 'Crumley', 'Dunmore', 'Eckridge', 'Farnsby', 'Gallowglass', 'Hargrove', 'Inkster', 'Jessop',
  'Kettleby', 'Lockhart', 'Merriweather', 'Nettlefold', 'Oakenshaw', 'Pemberton', 'Quarrington', 'Rattray', 'Stonebridge', 'Thistlewood',
  'Underhill', 'Vexley', 'Wolstenholme', 'Yardley', 'Zeller', 'Ambersley', 'Brightwater', 'Coldiron', 'Drummondsley', 'Fairweather',
  'Glassford', 'Hollowell', 'Ironside', 'Larkspur', 'Mossgrove', 'Northcott', 'Pellingham', 'Ravensworth', 'Sallow', 'Tumbleston',
  "O'Bannerly", "D'Alessio", "McAvoy-O'Dell", 'Okafor-Pryce', 'Van der Moot', 'St. Clairmont', 'De la Fuentez', 'Abernethy-Cole',
  'Dončević', 'Vukašinović', 'Kovářík', 'Núñez-Prado', 'Lefèvre', 'Bērziņš', 'Müllerstein', 'Szabó', 'Ólafsson', 'Çelikten',
  'Ångström', 'Petrović', 'Ibáñez', 'Zaręba', 'Grünwald', 'Mbaye-Ndiaré',
];

const SUFFIXES: readonly string[] = [' Jr.', ' Sr.', ' II', ' III', ' IV'];
const SUFFIX_PROBABILITY = 0.08;

export interface PlayerName {
  fullName: string;
  firstName: string;
  /** Last name including any suffix, as balldontlie splits it. */
  lastName: string;
  lookup: string;
}

/**
 * Draws fictional names whose lookups are unique within one generator (a lookup is the join key
 * everywhere, so two players must never share one). A name with a letter NFD cannot decompose
 * (`ø`, `Ł`, `Þ`) would lose that letter from its lookup; the guard keeps later pool edits honest.
 */
export function createNameGenerator(random: Random): () => PlayerName {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const firstName = random.pick(FIRST_NAMES);
      const lastName = random.pick(LAST_NAMES) + (random.chance(SUFFIX_PROBABILITY) ? random.pick(SUFFIXES) : '');
      const fullName = `${firstName} ${lastName}`;
      const lookup = normalizePlayerLookup(fullName);
      if (used.has(lookup) || !isCleanlyNormalised(fullName)) continue;
      used.add(lookup);
      return { fullName, firstName, lastName, lookup };
    }
  };
}

/** True when every letter survives NFD stripping (no letters that vanish from the lookup). */
function isCleanlyNormalised(fullName: string): boolean {
  const letters = fullName.normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}]/gu, '');
  return /^[A-Za-z]*$/.test(letters);
}

/**
 * The canonical `player_lookup` normaliser (sources.md §1.2): NFD decomposition, combining marks
 * stripped, lower case, then only ASCII letters and digits kept ("Nikola Jokić" → `nikolajokic`,
 * "LeBron James Jr." → `lebronjamesjr`). Every part of the pipeline that derives a lookup from a
 * display name uses this one function (spec R-16).
 */
export function normalizePlayerLookup(fullName: string): string {
  return fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

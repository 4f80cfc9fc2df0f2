/**
 * Pure parts of the generator: the 82-game schedule (with the as-of night's mix of tip times)
 * and the `player_lookup` normaliser.
 */
import { describe, expect, it } from 'vitest';
import { easternInstant, seasonWindow } from '../../../pipeline/sample-league/calendar.ts';
import { createNameGenerator, normalizePlayerLookup } from '../../../pipeline/sample-league/names.ts';
import { createRandom } from '../../../pipeline/sample-league/random.ts';
import { buildSeasonSchedule, gameStatusAt } from '../../../pipeline/sample-league/schedule.ts';
import { TEAMS } from '../../../pipeline/sample-league/teams.ts';

describe('season schedule', () => {
  const asOf = '2025-03-15';
  const games = buildSeasonSchedule({ window: seasonWindow(2024), random: createRandom(42, 'test'), asOf });

  it('plays 1,230 games, 82 per team, 41 at home, never twice on one date', () => {
    expect(games).toHaveLength(1230);
    for (const team of TEAMS) {
      const mine = games.filter((g) => g.home === team || g.away === team);
      expect(mine, team.tricode).toHaveLength(82);
      expect(mine.filter((g) => g.home === team), team.tricode).toHaveLength(41);
      expect(new Set(mine.map((g) => g.date)).size, team.tricode).toBe(82);
    }
  });

  it('runs from late October to mid-April with some back-to-backs', () => {
    expect(games[0]?.date).toBe('2024-10-22');
    expect(games.at(-1)?.date).toBe('2025-04-13');
    const dates = games.filter((g) => g.home.tricode === 'BKN' || g.away.tricode === 'BKN').map((g) => Date.parse(g.date) / 86_400_000);
    const backToBacks = dates.filter((d, i) => i > 0 && d - (dates[i - 1] as number) === 1).length;
    expect(backToBacks).toBeGreaterThan(3);
  });

  it('numbers games with native 002YY ids in date order and date-based codes', () => {
    expect(games.every((g, i) => g.gameId === `00224${String(i + 1).padStart(5, '0')}`)).toBe(true);
    expect(games.every((g) => g.gameCode === `${g.date.replaceAll('-', '')}_${g.away.tricode}_${g.home.tricode}`)).toBe(true);
  });

  it('tips between 13:00 and 22:30 Eastern, afternoons only on weekends or the as-of night', () => {
    for (const g of games) {
      expect(g.tipMinutes).toBeGreaterThanOrEqual(13 * 60);
      expect(g.tipMinutes).toBeLessThanOrEqual(22 * 60 + 30);
      const day = new Date(`${g.date}T00:00:00Z`).getUTCDay();
      if (g.tipMinutes < 19 * 60) expect(day === 0 || day === 6 || g.date === asOf, g.gameId).toBe(true);
    }
    expect(easternInstant('2025-01-15', 19 * 60).toISOString()).toBe('2025-01-16T00:00:00.000Z');
    expect(easternInstant('2025-03-15', 21 * 60 + 30).toISOString()).toBe('2025-03-16T01:30:00.000Z');
  });

  it('shows final, in-progress and scheduled games at 21:30 ET on the as-of night', () => {
    const clock = new Date('2025-03-16T01:30:00Z');
    const statuses = games.filter((g) => g.date === asOf).map((g) => gameStatusAt(g, clock));
    expect(new Set(statuses)).toEqual(new Set([1, 2, 3]));
    expect(games.filter((g) => g.date < asOf).every((g) => gameStatusAt(g, clock) === 3)).toBe(true);
  });
});

describe('player_lookup', () => {
  it('follows the spec examples', () => {
    expect(normalizePlayerLookup('LeBron James Jr.')).toBe('lebronjamesjr');
    expect(normalizePlayerLookup('Nikola Jokić')).toBe('nikolajokic');
    // sources.md §1.2 prints `dearonfox`, but its own rule (apostrophes removed, letters kept) gives this.
    expect(normalizePlayerLookup("De'Aaron Fox")).toBe('deaaronfox');
    expect(normalizePlayerLookup('José Alvarado')).toBe('josealvarado');
    expect(normalizePlayerLookup('Karl-Anthony Towns, III_x')).toBe('karlanthonytownsiiix');
  });

  it('draws unique lookups, with diacritics, apostrophes and suffixes among the names', () => {
    const next = createNameGenerator(createRandom(1, 'names'));
    const names = Array.from({ length: 600 }, next);
    expect(new Set(names.map((n) => n.lookup)).size).toBe(600);
    expect(names.every((n) => /^[a-z0-9]+$/.test(n.lookup))).toBe(true);
    expect(names.some((n) => n.fullName !== n.fullName.normalize('NFD'))).toBe(true);
    expect(names.some((n) => n.fullName.includes("'"))).toBe(true);
    expect(names.some((n) => / (Jr\.|Sr\.|II|III|IV)$/.test(n.fullName))).toBe(true);
  });
});

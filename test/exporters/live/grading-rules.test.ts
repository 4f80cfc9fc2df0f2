/**
 * Live grading rules (issue 5): the old exporter's tests ported (spec §9 "Tests fix these points")
 * with their defects fixed, plus the cases the old code got wrong.
 */
import { describe, expect, test } from 'vitest';
import { gameMinutesElapsed, gradePrediction, type GameState, type GradeInput } from '../../../exporters/live/grading-rules.ts';

const final: GameState = { status: 'final', period: 4, clock: null };
const inThird: GameState = { status: 'in_progress', period: 3, clock: '4:00' }; // 32 minutes played
const scheduled: GameState = { status: 'scheduled', period: 0, clock: null };
const grade = (input: Partial<GradeInput> & Pick<GradeInput, 'recommendation'>) => gradePrediction({ line: 25.5, predicted: 27, game: final, player: { points: 0, minutes: '30' }, ...input });
const scored = (points: number, minutes = '30') => ({ points, minutes });

describe('final games', () => {
  test('30 vs a 25.5 OVER is a win with margin 4.5; 20 is a loss; 18 vs a 25.5 UNDER is a win', () => {
    expect(grade({ recommendation: 'OVER', player: scored(30) })).toMatchObject({ status: 'correct', result: 'WIN', actual: 30, margin_vs_line: 4.5, error: -3 });
    expect(grade({ recommendation: 'OVER', player: scored(20) })).toMatchObject({ status: 'incorrect', result: 'LOSS' });
    expect(grade({ recommendation: 'UNDER', player: scored(18) })).toMatchObject({ status: 'correct', result: 'WIN' });
  });
  test('points exactly on the line are a push for either call, never a loss', () => {
    expect(grade({ recommendation: 'OVER', line: 20, player: scored(20) })).toMatchObject({ status: 'push', result: 'PUSH', margin_vs_line: 0 });
    expect(grade({ recommendation: 'UNDER', line: 20, player: scored(20) })).toMatchObject({ status: 'push', result: 'PUSH' });
  });
  test('a player listed with 0 minutes, or not listed at all, is void, not graded on 0 points', () => {
    for (const player of [{ points: 0, minutes: '00' }, { points: 0, minutes: '0:00' }, { points: 0, minutes: null }, undefined]) {
      expect(grade({ recommendation: 'OVER', player })).toEqual({ status: 'void', result: 'VOID', actual: null, minutes: null, error: null, margin_vs_line: null });
      expect(grade({ recommendation: 'UNDER', player }).result).toBe('VOID');
    }
  });
  test('PASS and NO_LINE calls are graded, with margin null only without a line', () => {
    expect(grade({ recommendation: 'PASS', line: 11.5, player: scored(12) })).toMatchObject({ status: 'graded', result: 'PASS', margin_vs_line: 0.5 });
    expect(grade({ recommendation: 'NO_LINE', line: null, player: scored(12) })).toMatchObject({ status: 'graded', result: 'NO_LINE', margin_vs_line: null });
    expect(grade({ recommendation: 'OVER', line: null, player: scored(12) })).toMatchObject({ status: 'graded', result: 'NO_LINE' });
  });
  test('a predicted value equal to the actual gives error 0, not null (R-4)', () => {
    expect(grade({ recommendation: 'OVER', predicted: 0, line: 0.5, player: scored(0, '12') })).toMatchObject({ error: 0, status: 'incorrect' });
  });
});

describe('games in progress', () => {
  test('an OVER already past its line has won; an UNDER past its line has lost', () => {
    expect(grade({ recommendation: 'OVER', line: 20.5, game: inThird, player: scored(22) })).toMatchObject({ status: 'correct', result: 'WIN' });
    expect(grade({ recommendation: 'UNDER', line: 15.5, game: inThird, player: scored(16) })).toMatchObject({ status: 'incorrect', result: 'LOSS' });
  });
  test('undecided calls trend by projection from game time (points × 48 / minutes played)', () => {
    expect(grade({ recommendation: 'OVER', line: 12.5, game: inThird, player: scored(10) }).status).toBe('trending_correct'); // 15
    expect(grade({ recommendation: 'OVER', line: 14.5, game: inThird, player: scored(4) }).status).toBe('trending_incorrect'); // 6
    expect(grade({ recommendation: 'UNDER', line: 9.5, game: inThird, player: scored(3) }).status).toBe('trending_correct'); // 4.5
    expect(grade({ recommendation: 'UNDER', line: 9.5, game: inThird, player: scored(7) }).status).toBe('trending_incorrect'); // 10.5
    expect(grade({ recommendation: 'OVER', line: 12.5, game: inThird, player: scored(10) }).result).toBe('PENDING');
  });
  test('on the line mid-game is undecided (a push is still possible)', () => {
    expect(grade({ recommendation: 'UNDER', line: 20, game: { status: 'in_progress', period: 4, clock: '1:00' }, player: scored(20) })).toMatchObject({ result: 'PENDING' });
  });
  test('no projection in the first 6 minutes, nor for a player who has not played yet', () => {
    expect(grade({ recommendation: 'OVER', game: { status: 'in_progress', period: 1, clock: '7:00' }, player: scored(4) }).status).toBe('in_progress');
    expect(grade({ recommendation: 'OVER', game: inThird, player: { points: 0, minutes: '00' } })).toMatchObject({ status: 'in_progress', actual: null, error: null });
  });
  test('PASS while the game is on is in progress with its facts', () => {
    expect(grade({ recommendation: 'PASS', line: 11.5, game: inThird, player: scored(12) })).toMatchObject({ status: 'in_progress', result: 'PASS', actual: 12 });
  });
});

describe('games not started', () => {
  test('no live data, or a scheduled game, is pending with every fact null', () => {
    for (const game of [undefined, scheduled]) {
      expect(grade({ recommendation: 'OVER', game, player: undefined })).toEqual({ status: 'pending', result: 'PENDING', actual: null, minutes: null, error: null, margin_vs_line: null });
    }
    expect(grade({ recommendation: 'PASS', game: scheduled }).result).toBe('PASS');
  });
});

describe('gameMinutesElapsed', () => {
  test.each([
    [{ period: 0, clock: null }, 0],
    [{ period: 1, clock: '12:00' }, 0],
    [{ period: 3, clock: '4:00' }, 32],
    [{ period: 4, clock: '0:00' }, 48],
    [{ period: 5, clock: '2:30' }, 50.5],
    [{ period: 2, clock: null }, 18], // no clock: mid-period
    [{ period: 2, clock: 'Q2 6:00' }, 18],
  ])('%j → %d', (game, minutes) => {
    expect(gameMinutesElapsed(game)).toBe(minutes);
  });
});

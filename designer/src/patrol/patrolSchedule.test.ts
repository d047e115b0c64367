import { describe, expect, it } from 'vitest';
import { nextRun, scheduleProblem, scheduleWords, SCHEDULE_PRESETS } from './patrolSchedule';

const NOW = new Date('2026-12-03T10:30:00Z');

describe('patrol schedules', () => {
  it('accepts every preset and the usual hand-written ones', () => {
    for (const p of SCHEDULE_PRESETS) expect(scheduleProblem(p.value, NOW), p.value).toBeNull();
    expect(scheduleProblem('R5/PT30M', NOW)).toBeNull();
    expect(scheduleProblem('0 30 7 ? * MON,WED,FRI', NOW)).toBeNull();
  });

  it('names what is wrong: empty, bad ISO interval, too few cron fields, bad cron, never again, too often', () => {
    expect(scheduleProblem('  ', NOW)).toBe('empty');
    expect(scheduleProblem('R/PT2X', NOW)).toBe('iso');
    expect(scheduleProblem('0 8 * * *', NOW)).toBe('cronFields');
    expect(scheduleProblem('0 0 25 * * ?', NOW)).toBe('cron');
    expect(scheduleProblem('0 0 0 30 2 ?', NOW)).toBe('cron');
    expect(scheduleProblem('R0/PT1H', NOW)).toBe('iso');
    expect(scheduleProblem('R/PT1M', NOW)).toBe('tooOften');
  });

  it('says when it fires next', () => {
    const next = nextRun('0 0 8 * * ?', NOW)!;
    expect([next.getHours(), next.getMinutes(), next > NOW]).toEqual([8, 0, true]);
    expect(nextRun('R/PT2H', NOW)!.getTime()).toBeGreaterThan(NOW.getTime());
    expect(nextRun('nonsense', NOW)).toBeNull();
  });

  it('puts schedules into words', () => {
    expect(scheduleWords(null)).toEqual({ key: 'manual' });
    expect(scheduleWords('R/PT2H')).toEqual({ key: 'every2h' });
    expect(scheduleWords('R/PT3H')).toEqual({ key: 'everyHours', params: { n: 3 } });
    expect(scheduleWords('R/PT15M')).toEqual({ key: 'everyMinutes', params: { n: 15 } });
    expect(scheduleWords('R/P2D')).toEqual({ key: 'everyDays', params: { n: 2 } });
    expect(scheduleWords('0 30 7 * * ?')).toEqual({ key: 'dailyAt', params: { time: '07:30' } });
    expect(scheduleWords('0 0 9 ? * SAT')).toEqual({ key: 'custom', params: { expression: '0 0 9 ? * SAT' } });
  });
});

import { describe, expect, it } from 'vitest';
import { buildCron, parseCron, type CronSpec } from './cron';

describe('cron builder', () => {
  it('builds Quartz cron texts with exactly one "?" day field and reads them back', () => {
    // given
    const specs = [
      { mode: 'daily', time: '08:30' },
      { mode: 'weekly', days: ['FRI', 'MON'], time: '09:00' },
      { mode: 'monthly', day: 'L', time: '17:00' },
      { mode: 'monthly', day: 15, time: '07:05' },
    ] satisfies CronSpec[];
    // when
    const texts = specs.map((s) => buildCron(s));
    // then
    expect(texts).toEqual(['0 30 8 * * ?', '0 0 9 ? * MON,FRI', '0 0 17 L * ?', '0 5 7 15 * ?']);
    expect(parseCron(texts[1]!)).toEqual({ mode: 'weekly', days: ['MON', 'FRI'], time: '09:00' });
    expect(parseCron(texts[2]!)).toEqual({ mode: 'monthly', day: 'L', time: '17:00' });
    expect(parseCron('0 0/15 * * * ?')).toEqual({ mode: 'raw', expression: '0 0/15 * * * ?' });
  });

  it('refuses times and days that do not exist', () => {
    expect(() => buildCron({ mode: 'daily', time: '25:00' })).toThrow(/time of day/);
    expect(() => buildCron({ mode: 'weekly', days: [], time: '08:00' })).toThrow(/at least one day/);
    expect(() => buildCron({ mode: 'monthly', day: 32, time: '08:00' })).toThrow(/1–31/);
  });
});

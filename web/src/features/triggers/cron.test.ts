import { describe, expect, it } from 'vitest';
import { cronToPreset, describeCron, presetToCron, switchPreset, type SchedulePreset } from './cron';

describe('schedule presets', () => {
  const cases: [SchedulePreset, string][] = [
    [{ kind: 'minutes', every: 1 }, '* * * * *'],
    [{ kind: 'minutes', every: 15 }, '*/15 * * * *'],
    [{ kind: 'hourly', minute: 5 }, '5 * * * *'],
    [{ kind: 'daily', hour: 9, minute: 30 }, '30 9 * * *'],
    [{ kind: 'weekdays', hour: 9, minute: 0 }, '0 9 * * 1-5'],
    [{ kind: 'weekly', day: 5, hour: 17, minute: 45 }, '45 17 * * 5'],
    [{ kind: 'monthly', day: 1, hour: 6, minute: 0 }, '0 6 1 * *'],
  ];

  it('make the cron a user would write, and are found again from it', () => {
    for (const [preset, cron] of cases) {
      expect(presetToCron(preset)).toBe(cron);
      expect(cronToPreset(cron)).toEqual(preset);
    }
  });

  it('call anything else custom: seconds, lists, ranges, steps that do not divide the hour, months', () => {
    for (const cron of ['0 0 9 * * 1-5', '0,30 9 * * *', '*/7 * * * *', '0 9 * 1 *', '0 9 1 * 1', '61 * * * *', '0 24 * * *', 'nonsense']) {
      expect(cronToPreset(cron)).toEqual({ kind: 'custom', cron });
    }
  });

  it('keep the time of day when the user switches preset, and hand the cron to custom mode', () => {
    const daily: SchedulePreset = { kind: 'daily', hour: 7, minute: 15 };
    expect(switchPreset(daily, 'weekly')).toEqual({ kind: 'weekly', day: 1, hour: 7, minute: 15 });
    expect(switchPreset(daily, 'custom')).toEqual({ kind: 'custom', cron: '15 7 * * *' });
  });

  it('describe a schedule in words, or show its cron', () => {
    expect(describeCron('0 9 * * 1-5')).toBe('Weekdays at 09:00');
    expect(describeCron('*/5 * * * *')).toBe('Every 5 minutes');
    expect(describeCron('45 17 * * 5')).toBe('Fridays at 17:45');
    expect(describeCron('*/10 * * * * *')).toBe('Cron */10 * * * * *');
  });
});

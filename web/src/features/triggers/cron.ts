/**
 * The schedule presets of the Triggers panel and the cron expressions they
 * stand for. A preset always makes a five-field cron (minute hour day month
 * weekday); reading one back finds the preset again, or says it is custom.
 */
export type SchedulePreset =
  | { kind: 'minutes'; every: number }
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; hour: number; minute: number }
  | { kind: 'weekdays'; hour: number; minute: number }
  | { kind: 'weekly'; day: number; hour: number; minute: number }
  | { kind: 'monthly'; day: number; hour: number; minute: number }
  | { kind: 'custom'; cron: string };

export type PresetKind = SchedulePreset['kind'];

/** Steps that divide an hour, so "every N minutes" is really every N minutes across the hour. */
export const kMinuteSteps = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

export const kWeekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const kPresetLabels: Record<PresetKind, string> = {
  minutes: 'Every N minutes',
  hourly: 'Hourly',
  daily: 'Daily',
  weekdays: 'Weekdays (Mon–Fri)',
  weekly: 'Weekly',
  monthly: 'Monthly',
  custom: 'Custom cron',
};

const two = (n: number) => String(n).padStart(2, '0');

/** "09:05". */
export function clock(hour: number, minute: number): string {
  return `${two(hour)}:${two(minute)}`;
}

/** The cron expression of a preset. */
export function presetToCron(p: SchedulePreset): string {
  switch (p.kind) {
    case 'minutes':
      return p.every === 1 ? '* * * * *' : `*/${p.every} * * * *`;
    case 'hourly':
      return `${p.minute} * * * *`;
    case 'daily':
      return `${p.minute} ${p.hour} * * *`;
    case 'weekdays':
      return `${p.minute} ${p.hour} * * 1-5`;
    case 'weekly':
      return `${p.minute} ${p.hour} * * ${p.day}`;
    case 'monthly':
      return `${p.minute} ${p.hour} ${p.day} * *`;
    case 'custom':
      return p.cron.trim();
  }
}

/** A plain number within [min, max], or null. */
function number(field: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null;
  const n = Number(field);
  return n >= min && n <= max ? n : null;
}

/** The preset a cron expression was made by, or `custom`. */
export function cronToPreset(cron: string): SchedulePreset {
  const custom: SchedulePreset = { kind: 'custom', cron };
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return custom;
  const [m = '', h = '', dom = '', mon = '', dow = ''] = fields;
  if (mon !== '*') return custom;
  if (h === '*' && dom === '*' && dow === '*') {
    if (m === '*') return { kind: 'minutes', every: 1 };
    const step = /^\*\/(\d{1,2})$/.exec(m);
    if (step && kMinuteSteps.includes(Number(step[1]))) return { kind: 'minutes', every: Number(step[1]) };
    const minute = number(m, 0, 59);
    return minute === null ? custom : { kind: 'hourly', minute };
  }
  const minute = number(m, 0, 59);
  const hour = number(h, 0, 23);
  if (minute === null || hour === null) return custom;
  if (dom === '*' && dow === '*') return { kind: 'daily', hour, minute };
  if (dom === '*' && dow === '1-5') return { kind: 'weekdays', hour, minute };
  const weekday = number(dow, 0, 6);
  if (dom === '*' && weekday !== null) return { kind: 'weekly', day: weekday, hour, minute };
  const day = number(dom, 1, 31);
  if (dow === '*' && day !== null) return { kind: 'monthly', day, hour, minute };
  return custom;
}

/** The preset of `kind` closest to `from` (keeps the time of day when there is one). */
export function switchPreset(from: SchedulePreset, kind: PresetKind): SchedulePreset {
  const hour = 'hour' in from ? from.hour : 9;
  const minute = 'minute' in from ? from.minute : 0;
  switch (kind) {
    case 'minutes':
      return { kind, every: 15 };
    case 'hourly':
      return { kind, minute };
    case 'daily':
    case 'weekdays':
      return { kind, hour, minute };
    case 'weekly':
      return { kind, day: 1, hour, minute };
    case 'monthly':
      return { kind, day: 1, hour, minute };
    case 'custom':
      return { kind, cron: presetToCron(from) };
  }
}

/** A short sentence for a schedule's cron, e.g. "Weekdays at 09:00". */
export function describeCron(cron: string): string {
  const p = cronToPreset(cron);
  switch (p.kind) {
    case 'minutes':
      return p.every === 1 ? 'Every minute' : `Every ${p.every} minutes`;
    case 'hourly':
      return `Hourly at :${two(p.minute)}`;
    case 'daily':
      return `Daily at ${clock(p.hour, p.minute)}`;
    case 'weekdays':
      return `Weekdays at ${clock(p.hour, p.minute)}`;
    case 'weekly':
      return `${kWeekdays[p.day]}s at ${clock(p.hour, p.minute)}`;
    case 'monthly':
      return `Monthly on day ${p.day} at ${clock(p.hour, p.minute)}`;
    case 'custom':
      return `Cron ${cron.trim()}`;
  }
}

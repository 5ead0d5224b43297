import { useId, useMemo, useState } from 'react';
import type { ScheduleConfig } from '../../shared/api/triggerTypes';
import { cn } from '../../shared/lib/cn';
import { Field, inputClass } from '../editor/form/Field';
import {
  clock,
  cronToPreset,
  kMinuteSteps,
  kPresetLabels,
  kWeekdays,
  presetToCron,
  switchPreset,
  type PresetKind,
  type SchedulePreset,
} from './cron';
import { FireTimes } from './FireTimes';
import { timeZones } from './triggerDraft';
import { useSchedulePreview } from './useSchedulePreview';

const selectClass = cn(inputClass(false), 'h-8 py-0');

/** "09:30" from an `<input type=time>` → [9, 30]; null while incomplete. */
function parseClock(text: string): [number, number] | null {
  const m = /^(\d{1,2}):(\d{2})/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * A schedule's when: a preset (every N minutes … monthly) or a cron
 * expression, the time zone and what to do about ticks missed while the
 * server was down; under it the next five fire times, asked of the server
 * as the user types.
 */
export function ScheduleEditor({
  config,
  readOnly,
  onChange,
}: {
  config: ScheduleConfig;
  readOnly: boolean;
  onChange: (config: ScheduleConfig) => void;
}) {
  const id = useId();
  const [preset, setPreset] = useState<SchedulePreset>(() => cronToPreset(config.cron));
  const zones = useMemo(() => timeZones(), []);
  const preview = useSchedulePreview(config.cron, config.timezone);
  const apply = (next: SchedulePreset) => {
    setPreset(next);
    onChange({ ...config, cron: presetToCron(next) });
  };
  const time = 'hour' in preset ? (
    <Field id={`${id}-time`} label="At" problems={[]}>
    <input
      id={`${id}-time`}
      type="time"
      required
      disabled={readOnly}
      value={clock(preset.hour, preset.minute)}
      onChange={(e) => {
        const hm = parseClock(e.target.value);
        if (hm) apply({ ...preset, hour: hm[0], minute: hm[1] });
      }}
      className={cn(inputClass(false), 'w-28')}
    />
    </Field>
  ) : null;

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-preset`} label="Repeat" problems={[]}>
          <select
            id={`${id}-preset`}
            value={preset.kind}
            disabled={readOnly}
            onChange={(e) => apply(switchPreset(preset, e.target.value as PresetKind))}
            className={selectClass}
          >
            {(Object.keys(kPresetLabels) as PresetKind[]).map((k) => (
              <option key={k} value={k}>
                {kPresetLabels[k]}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex items-end gap-2" data-testid="preset-details">
          {preset.kind === 'minutes' ? (
            <Field id={`${id}-every`} label="Every" problems={[]}>
              <select
                id={`${id}-every`}
                value={preset.every}
                disabled={readOnly}
                onChange={(e) => apply({ kind: 'minutes', every: Number(e.target.value) })}
                className={selectClass}
              >
                {kMinuteSteps.map((n) => (
                  <option key={n} value={n}>
                    {n === 1 ? '1 minute' : `${n} minutes`}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {preset.kind === 'hourly' ? (
            <Field id={`${id}-minute`} label="At minute" problems={[]}>
              <input
                id={`${id}-minute`}
                type="number"
                min={0}
                max={59}
                disabled={readOnly}
                value={preset.minute}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 0 && n <= 59) apply({ kind: 'hourly', minute: n });
                }}
                className={cn(inputClass(false), 'w-24')}
              />
            </Field>
          ) : null}
          {preset.kind === 'weekly' ? (
            <Field id={`${id}-weekday`} label="On" problems={[]}>
              <select
                id={`${id}-weekday`}
                value={preset.day}
                disabled={readOnly}
                onChange={(e) => apply({ ...preset, day: Number(e.target.value) })}
                className={selectClass}
              >
                {kWeekdays.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {preset.kind === 'monthly' ? (
            <Field id={`${id}-day`} label="On day" problems={[]}>
              <input
                id={`${id}-day`}
                type="number"
                min={1}
                max={31}
                disabled={readOnly}
                value={preset.day}
                onChange={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1 && n <= 31) apply({ ...preset, day: n });
                }}
                className={cn(inputClass(false), 'w-20')}
              />
            </Field>
          ) : null}
          {time}
        </div>
      </div>
      {preset.kind === 'custom' ? (
        <Field
          id={`${id}-cron`}
          label="Cron expression"
          description="Five fields — minute, hour, day of month, month, weekday — or six with seconds first. Example: 0 9 * * 1-5."
          problems={preview.cron}
        >
          <input
            id={`${id}-cron`}
            value={preset.cron}
            disabled={readOnly}
            spellCheck={false}
            aria-invalid={preview.cron.length > 0}
            onChange={(e) => apply({ kind: 'custom', cron: e.target.value })}
            className={cn(inputClass(preview.cron.length > 0), 'font-mono')}
          />
        </Field>
      ) : preview.cron.length > 0 ? (
        <p role="alert" className="text-[11px] text-danger" data-problem>
          {preview.cron.join(' ')}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-tz`} label="Time zone" problems={preview.timezone}>
          <select
            id={`${id}-tz`}
            value={config.timezone}
            disabled={readOnly}
            aria-invalid={preview.timezone.length > 0}
            onChange={(e) => onChange({ ...config, timezone: e.target.value })}
            className={cn(inputClass(preview.timezone.length > 0), 'h-8 py-0')}
          >
            {zones.includes(config.timezone) ? null : <option value={config.timezone}>{config.timezone}</option>}
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-missed`} label="After downtime" problems={[]}>
          <select
            id={`${id}-missed`}
            value={config.missed}
            disabled={readOnly}
            onChange={(e) => onChange({ ...config, missed: e.target.value as ScheduleConfig['missed'] })}
            className={selectClass}
          >
            <option value="skip">Skip the runs that were missed</option>
            <option value="run_once">Run once for the missed ones</option>
          </select>
        </Field>
      </div>
      <FireTimes
        times={preview.times}
        timezone={config.timezone}
        loading={preview.loading}
        error={preview.other}
        seconds={config.cron.trim().split(/\s+/).length === 6}
      />
    </div>
  );
}

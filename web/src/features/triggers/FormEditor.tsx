import { useId } from 'react';
import type { FormConfig } from '../../shared/api/triggerTypes';
import { Field, inputClass } from '../editor/form/Field';

/** `2026-12-08T09:00` (a datetime-local input's value, local time) from an ISO time, or ''. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** An ISO time from a datetime-local value (read as local time), or null. */
function fromLocalInput(text: string): string | null {
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** What a shared form shows and how long it stays open. */
export function FormEditor({
  config,
  readOnly,
  problems,
  onChange,
}: {
  config: FormConfig;
  readOnly: boolean;
  problems: (pointer: string) => string[];
  onChange: (config: FormConfig) => void;
}) {
  const id = useId();
  const set = (patch: Partial<FormConfig>) => onChange({ ...config, ...patch });
  return (
    <div className="flex flex-col gap-3">
      <Field id={`${id}-title`} label="Title" problems={problems('/config/title')}>
        <input id={`${id}-title`} value={config.title} disabled={readOnly} onChange={(e) => set({ title: e.target.value })} className={inputClass(false)} />
      </Field>
      <Field id={`${id}-description`} label="Description" problems={problems('/config/description')}>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={config.description}
          disabled={readOnly}
          onChange={(e) => set({ description: e.target.value })}
          className={inputClass(false)}
        />
      </Field>
      <Field id={`${id}-success`} label="Thank-you message" description="Shown after a submission when the run has no outputs to show yet." problems={problems('/config/success_message')}>
        <input
          id={`${id}-success`}
          value={config.success_message ?? ''}
          placeholder="Thanks, we got it."
          disabled={readOnly}
          onChange={(e) => set({ success_message: e.target.value || null })}
          className={inputClass(false)}
        />
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-expires`} label="Closes at" description="Empty: stays open." problems={problems('/config/expires_at')}>
          <input
            id={`${id}-expires`}
            type="datetime-local"
            value={toLocalInput(config.expires_at)}
            disabled={readOnly}
            onChange={(e) => set({ expires_at: fromLocalInput(e.target.value) })}
            className={inputClass(false)}
          />
        </Field>
        <Field id={`${id}-max`} label="Submissions at most" description="Empty: no limit." problems={problems('/config/max_submissions')}>
          <input
            id={`${id}-max`}
            type="number"
            min={1}
            placeholder="No limit"
            value={config.max_submissions ?? ''}
            disabled={readOnly}
            onChange={(e) => {
              const n = Number(e.target.value);
              set({ max_submissions: e.target.value === '' || !Number.isInteger(n) || n < 1 ? null : n });
            }}
            className={inputClass(false)}
          />
        </Field>
      </div>
    </div>
  );
}

import { useId, useState, type ChangeEvent } from 'react';
import { useApi } from '../../../shared/api/ApiProvider';
import type { PipelineSettings } from '../../../shared/api/types';
import { grouped } from '../../../shared/lib/boundedNumber';
import { useResource } from '../../../shared/lib/useResource';
import { Button } from '../../../shared/ui/Button';
import { Dialog } from '../../../shared/ui/Dialog';
import { kFieldInput, TextField } from '../../../shared/ui/TextField';
import { useEditor } from '../store/EditorContext';
import {
  checkDraft,
  draftOf,
  errorPipelineChoices,
  kDefaultMaxConcurrency,
  kDefaultPriority,
  kMaxConcurrency,
  kPriority,
  kRunConcurrency,
  kSaveModes,
  settingsOf,
  type SettingsDraft,
} from '../model/settings';

/**
 * The pipeline's run settings: which executions are kept, the run timeout,
 * blocks and runs at once, the priority among waiting runs, and the error
 * pipeline run when a run fails (one of the workspace's others). Apply hands
 * the new `settings` (undefined: none) to the caller; a value out of range
 * is marked under its field and keeps Apply off. On a read-only canvas the
 * values are shown and nothing can be changed.
 */
export function PipelineSettingsDialog({
  settings,
  readOnly,
  onApply,
  onClose,
}: {
  settings: PipelineSettings | undefined;
  readOnly: boolean;
  onApply: (settings: PipelineSettings | undefined) => void;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const errors = checkDraft(draft);
  const valid = Object.keys(errors).length === 0;
  const legendId = useId();
  const formId = useId();
  const errorPipelineId = useId();
  const api = useApi();
  const self = useEditor((s) => s.meta.id);
  const pipelines = useResource(() => api.listPipelines(), 'pipelines');
  const choices = errorPipelineChoices(pipelines.data ?? [], self, draft.errorPipeline);
  const edit = (field: keyof SettingsDraft) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft({ ...draft, [field]: e.target.value });
  const apply = () => {
    if (valid) onApply(settingsOf(draft, settings));
  };

  return (
    <Dialog
      title="Pipeline settings"
      onClose={onClose}
      footer={
        readOnly ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            {/* A submit button of the form: Enter in a field applies too. */}
            <Button type="submit" form={formId} variant="primary" disabled={!valid} data-testid="settings-apply">
              Apply
            </Button>
          </>
        )
      }
    >
      <form
        id={formId}
        className="flex flex-col gap-4"
        aria-label="Pipeline settings"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <fieldset role="radiogroup" aria-labelledby={legendId} className="flex flex-col gap-1.5">
          <legend id={legendId} className="mb-1 text-xs font-medium">
            Save executions
          </legend>
          {kSaveModes.map((mode) => (
            <label key={mode.value} className="flex items-baseline gap-2 text-sm">
              <input
                type="radio"
                name="save_executions"
                value={mode.value}
                checked={draft.saveExecutions === mode.value}
                disabled={readOnly}
                onChange={edit('saveExecutions')}
                className="accent-accent"
              />
              <span className="font-medium">{mode.label}</span>
              <span className="text-xs text-muted">{mode.help}</span>
            </label>
          ))}
          {errors.saveExecutions ? (
            <p className="text-xs text-danger" data-problem>
              {errors.saveExecutions} This document says “{draft.saveExecutions}”.
            </p>
          ) : null}
        </fieldset>
        <TextField
          label="Run timeout (seconds)"
          inputMode="decimal"
          placeholder="3600"
          value={draft.timeoutSeconds}
          onChange={edit('timeoutSeconds')}
          disabled={readOnly}
          hint="The whole run's time limit, 1 second to 24 hours (86,400). Empty: 1 hour."
          error={errors.timeoutSeconds}
        />
        <TextField
          label="Blocks at once"
          inputMode="numeric"
          placeholder={String(kDefaultMaxConcurrency)}
          value={draft.maxConcurrency}
          onChange={edit('maxConcurrency')}
          disabled={readOnly}
          hint={`Blocks of one run working at the same time, ${kMaxConcurrency.min} to ${kMaxConcurrency.max}. Empty: ${kDefaultMaxConcurrency}.`}
          error={errors.maxConcurrency}
        />
        <TextField
          label="Runs at once"
          inputMode="numeric"
          placeholder="No limit"
          value={draft.runConcurrency}
          onChange={edit('runConcurrency')}
          disabled={readOnly}
          hint={`Runs of this pipeline at the same time, ${kRunConcurrency.min} to ${grouped(kRunConcurrency.max)}; the rest wait in line. Empty: no limit.`}
          error={errors.runConcurrency}
        />
        <TextField
          label="Priority"
          inputMode="numeric"
          placeholder={String(kDefaultPriority)}
          value={draft.priority}
          onChange={edit('priority')}
          disabled={readOnly}
          hint={`Higher runs first when runs wait, ${grouped(kPriority.min)} to ${grouped(kPriority.max)}. Empty: ${kDefaultPriority}.`}
          error={errors.priority}
        />
        <div className="flex flex-col gap-1 text-xs font-medium">
          <label htmlFor={errorPipelineId}>Error pipeline</label>
          <select
            id={errorPipelineId}
            value={draft.errorPipeline}
            onChange={edit('errorPipeline')}
            disabled={readOnly}
            aria-describedby={`${errorPipelineId}-hint`}
            className={kFieldInput}
          >
            <option value="">None</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <span id={`${errorPipelineId}-hint`} className="font-normal text-muted">
            {pipelines.error
              ? `The pipelines could not be listed: ${pipelines.error.message}`
              : 'Runs when a run of this pipeline fails, with one JSON input named failure: what failed and why.'}
          </span>
        </div>
      </form>
    </Dialog>
  );
}

import { useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errorText';
import type { FormConfig, ScheduleConfig, Trigger, WebhookConfig } from '../../shared/api/triggerTypes';
import type { JsonObject } from '../../shared/api/types';
import { cn } from '../../shared/lib/cn';
import { Button, IconButton } from '../../shared/ui/Button';
import { ConfirmDialog } from '../../shared/ui/ConfirmDialog';
import { FormError } from '../../shared/ui/FormError';
import { Icon } from '../../shared/ui/Icon';
import { Toggle } from '../editor/form/controls';
import type { RunInputField } from '../editor/run/runInputs';
import { CodeBlock } from './CodeBlock';
import { describeCron } from './cron';
import { FireTimes } from './FireTimes';
import { FixedInputs } from './FixedInputs';
import { FormEditor } from './FormEditor';
import { ScheduleEditor } from './ScheduleEditor';
import { SecretLink } from './SecretLink';
import { draftBody, draftOf, kindInfo, problemsAt, type TriggerDraft } from './triggerDraft';
import { TriggerStatus } from './TriggerStatus';
import { WebhookEditor } from './WebhookEditor';
import { kSecretVariable, webhookCurl } from './webhookCurl';

/** One line saying what a trigger does. */
function summary(draft: TriggerDraft): string {
  if (draft.kind === 'schedule') {
    const c = draft.config as unknown as ScheduleConfig;
    return `${describeCron(c.cron)} · ${c.timezone}`;
  }
  if (draft.kind === 'webhook') {
    const c = draft.config as unknown as WebhookConfig;
    return `${c.method} · ${c.respond === 'immediately' ? 'answers at once' : 'answers with the outputs'}${c.signature ? ' · signed' : ''}`;
  }
  const c = draft.config as unknown as FormConfig;
  return c.title || 'Untitled form';
}

/** The field problems by input name (`/inputs/<name>`). */
function inputProblems(details: { pointer: string; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of details) {
    const m = /^\/inputs\/([^/]+)/.exec(d.pointer);
    if (m?.[1]) (out[m[1]] ??= []).push(d.message);
  }
  return out;
}

/**
 * One trigger of the Triggers tab: what it does, its pause switch and
 * delete, its URL or next fire times and what it did last; opened, its
 * settings (and, for a schedule, the inputs it runs with). A new trigger
 * opens ready to edit and is created by Save.
 */
export function TriggerCard({
  pipelineId,
  trigger,
  initial,
  fields,
  sample,
  canEdit,
  onSaved,
  onDeleted,
  onDiscard,
}: {
  pipelineId: string;
  /** The saved trigger; absent for a new one. */
  trigger?: Trigger;
  /** A new trigger's draft. */
  initial?: TriggerDraft;
  fields: RunInputField[];
  sample: JsonObject;
  canEdit: boolean;
  onSaved: (trigger: Trigger) => void;
  onDeleted: (id: string) => void;
  onDiscard?: () => void;
}) {
  const api = useApi();
  const saved = trigger ? draftOf(trigger) : null;
  const [draft, setDraft] = useState<TriggerDraft>(() => saved ?? initial!);
  const [open, setOpen] = useState(!trigger);
  const [busy, setBusy] = useState<'save' | 'toggle' | 'delete' | 'rotate' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState(false);
  const info = kindInfo(draft.kind);
  const readOnly = !canEdit;
  const details = error instanceof ApiError ? error.details : [];
  const problems = (pointer: string) => problemsAt(details, pointer);
  const pointed = details.some((d) => d.pointer.startsWith('/config') || d.pointer.startsWith('/inputs'));
  const dirty = saved === null || JSON.stringify(draftBody(draft)) !== JSON.stringify(draftBody(saved));
  const label = `${info.label} trigger`;
  const toggleId = `trigger-enabled-${trigger?.id ?? 'new'}`;

  const act = async (what: NonNullable<typeof busy>, work: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    act('save', async () => {
      const body = draftBody(draft);
      const next = trigger ? await api.updateTrigger(trigger.id, body) : await api.createTrigger({ ...body, pipeline_id: pipelineId });
      setDraft(draftOf(next));
      setOpen(false);
      onSaved(next);
    });
  const toggle = (enabled: boolean) => {
    if (readOnly || busy) return;
    if (!trigger || !saved) {
      setDraft({ ...draft, enabled });
      return;
    }
    void act('toggle', async () => {
      const next = await api.updateTrigger(trigger.id, { ...draftBody(saved), enabled });
      setDraft((d) => ({ ...d, enabled: next.enabled }));
      onSaved(next);
    });
  };
  const rotate = () =>
    act('rotate', async () => {
      if (trigger) onSaved(await api.rotateTrigger(trigger.id));
    });
  const remove = () =>
    act('delete', async () => {
      if (trigger) {
        await api.deleteTrigger(trigger.id);
        onDeleted(trigger.id);
      }
    });

  const enabled = trigger ? trigger.enabled : draft.enabled;
  return (
    <article
      aria-label={label}
      data-trigger={trigger?.id ?? 'new'}
      data-kind={draft.kind}
      className="flex flex-col gap-3 rounded-xl border border-line bg-surface p-4 shadow-card"
    >
      <header className="flex items-center gap-3">
        <span className={cn('flex h-8 w-8 shrink-0 items-center justify-center rounded-lg', enabled ? 'bg-accent-soft text-accent' : 'bg-surface-3 text-muted')}>
          <Icon name={info.icon} size={16} />
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="flex items-center gap-2 text-sm font-semibold">
            {info.label}
            {trigger ? null : <span className="rounded bg-warning-soft px-1.5 text-[10px] font-medium text-warning">New · not saved</span>}
            {trigger && !trigger.enabled ? <span className="rounded bg-surface-3 px-1.5 text-[10px] font-medium text-muted">Paused</span> : null}
          </h3>
          <p className="truncate text-xs text-muted" data-testid="trigger-summary">
            {summary(trigger ? (saved ?? draft) : draft)}
          </p>
        </div>
        <div className="flex items-center gap-2 text-xs text-muted" title={readOnly ? undefined : enabled ? 'Pause' : 'Resume'}>
          <label htmlFor={toggleId}>
            <span aria-hidden="true">{enabled ? 'On' : 'Paused'}</span>
            <span className="sr-only">Enabled</span>
          </label>
          <span className={cn(readOnly || busy === 'toggle' ? 'pointer-events-none opacity-50' : undefined)}>
            <Toggle id={toggleId} checked={enabled} onChange={toggle} />
          </span>
        </div>
        <IconButton icon={open ? 'chevron-down' : 'chevron-right'} label={open ? 'Close settings' : readOnly ? 'Show settings' : 'Edit'} onClick={() => setOpen(!open)} />
        {canEdit && trigger ? <IconButton icon="trash" label="Delete trigger" onClick={() => setDeleting(true)} /> : null}
      </header>

      {trigger ? <TriggerStatus trigger={trigger} /> : null}
      {trigger?.url && trigger.kind !== 'schedule' ? (
        <SecretLink
          url={trigger.url}
          label={trigger.kind === 'form' ? 'Form link' : 'Webhook URL'}
          openable={trigger.kind === 'form'}
          canRotate={canEdit}
          rotating={busy === 'rotate'}
          onRotate={() => void rotate()}
        />
      ) : null}
      {trigger?.url && trigger.kind === 'webhook' && saved ? (
        <div className="flex flex-col gap-1">
          <CodeBlock label="Try it" testId="webhook-curl" text={webhookCurl(window.location.origin + trigger.url, saved.config as unknown as WebhookConfig, sample)} />
          {(saved.config as unknown as WebhookConfig).signature ? (
            <p className="text-[11px] text-muted">
              Set <code className="font-mono">${kSecretVariable}</code> to the secret kept in the chosen credential first.
            </p>
          ) : null}
        </div>
      ) : null}
      {trigger?.kind === 'schedule' && !open ? (
        <FireTimes
          times={trigger.next_fire_times ?? []}
          timezone={(trigger.config as ScheduleConfig).timezone}
          seconds={(trigger.config as ScheduleConfig).cron.trim().split(/\s+/).length === 6}
          paused={!trigger.enabled}
        />
      ) : null}

      {open ? (
        <div className="flex flex-col gap-4 border-t border-line pt-4" data-testid="trigger-settings">
          {draft.kind === 'schedule' ? (
            <ScheduleEditor
              config={draft.config as unknown as ScheduleConfig}
              readOnly={readOnly}
              onChange={(config) => setDraft({ ...draft, config: config as unknown as JsonObject })}
            />
          ) : draft.kind === 'webhook' ? (
            <WebhookEditor
              config={draft.config as unknown as WebhookConfig}
              readOnly={readOnly}
              problems={problems}
              onChange={(config) => setDraft({ ...draft, config: config as unknown as JsonObject })}
            />
          ) : (
            <FormEditor
              config={draft.config as unknown as FormConfig}
              readOnly={readOnly}
              problems={problems}
              onChange={(config) => setDraft({ ...draft, config: config as unknown as JsonObject })}
            />
          )}
          {draft.kind === 'schedule' ? (
            <section className="flex flex-col gap-2" aria-label="Inputs of each run">
              <h4 className="text-[11px] font-semibold tracking-wider text-muted uppercase">Inputs of each run</h4>
              <FixedInputs fields={fields} values={draft.inputs} readOnly={readOnly} problems={inputProblems(details)} onChange={(inputs) => setDraft({ ...draft, inputs })} />
            </section>
          ) : null}
          {draft.kind === 'schedule' && problems('/config/cron').length + problems('/config/timezone').length > 0 ? (
            <FormError message={[...problems('/config/cron'), ...problems('/config/timezone')].join(' ')} />
          ) : null}
          <FormError message={error && !pointed ? errorText(error) : null} />
          {canEdit ? (
            <div className="flex justify-end gap-2">
              {trigger ? (
                <Button
                  onClick={() => {
                    setDraft(saved ?? draft);
                    setError(null);
                    setOpen(false);
                  }}
                >
                  Cancel
                </Button>
              ) : (
                <Button onClick={onDiscard}>Discard</Button>
              )}
              <Button variant="primary" icon="save" busy={busy === 'save'} disabled={!dirty} onClick={() => void save()} data-testid="trigger-save">
                {trigger ? 'Save' : `Create ${info.label.toLowerCase()}`}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}
      {!open && error ? <FormError message={errorText(error)} /> : null}
      {deleting && trigger ? (
        <ConfirmDialog
          title={`Delete this ${info.label.toLowerCase()}?`}
          confirmLabel="Delete"
          danger
          busy={busy === 'delete'}
          onCancel={() => setDeleting(false)}
          onConfirm={() => {
            setDeleting(false);
            void remove();
          }}
        >
          {trigger.kind === 'schedule'
            ? 'It stops firing. Runs it already started are kept.'
            : 'Its URL stops working at once. Runs it already started are kept.'}
        </ConfirmDialog>
      ) : null}
    </article>
  );
}

import type { PipelineSettings, SaveExecutions } from '../../../shared/api/types';
import { readNumber, type NumberBounds } from '../../../shared/lib/boundedNumber';

/**
 * The pipeline settings dialog's model: the document's `settings` as the
 * fields show them (text, so a half-typed number stays as typed), their
 * checks (the server's bounds, src/pipeline/parser.cpp) and the `settings`
 * they write back. A setting left at its default is not written, so a
 * document that never had settings does not gain any.
 */

export const kSaveModes: { value: SaveExecutions; label: string; help: string }[] = [
  { value: 'all', label: 'All', help: 'keeps every run with what each block did' },
  { value: 'errors', label: 'Errors only', help: 'keeps failed and cancelled runs' },
  { value: 'none', label: 'None', help: 'keeps no history, only counts' },
];

/** The run timeout when none is set (src/pipeline/model.hpp, `Settings::timeout`). */
export const kDefaultTimeoutMs = 60 * 60 * 1000;
export const kDefaultMaxConcurrency = 8;
export const kDefaultPriority = 0;

export const kTimeoutSeconds: NumberBounds = { min: 1, max: 24 * 60 * 60, integer: false };
export const kMaxConcurrency: NumberBounds = { min: 1, max: 256 };
export const kRunConcurrency: NumberBounds = { min: 1, max: 10_000 };
export const kPriority: NumberBounds = { min: -1_000, max: 1_000 };

export interface SettingsDraft {
  /** As loaded: an unknown mode stays, and is refused, rather than silently becoming `all`. */
  saveExecutions: string;
  timeoutSeconds: string;
  maxConcurrency: string;
  runConcurrency: string;
  priority: string;
  /** The id of the pipeline run when a run fails; '' for none. */
  errorPipeline: string;
}

export type SettingsErrors = Partial<Record<keyof SettingsDraft, string>>;

/** The settings keys the dialog edits, with the names it shows them by. */
export const kSettingLabels: Record<string, string> = {
  save_executions: 'Save executions',
  timeout_ms: 'Run timeout',
  max_concurrency: 'Blocks at once',
  run_concurrency: 'Runs at once',
  priority: 'Priority',
  error_pipeline: 'Error pipeline',
};

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function draftOf(settings: PipelineSettings | undefined): SettingsDraft {
  const s = settings ?? {};
  const ms = s.timeout_ms;
  return {
    saveExecutions: text(s.save_executions ?? 'all'),
    // Seconds with at most three decimals: 1500 ms reads 1.5, not 1.5000000000000002.
    timeoutSeconds: typeof ms === 'number' ? String(Math.round(ms) / 1000) : text(ms),
    maxConcurrency: text(s.max_concurrency),
    runConcurrency: text(s.run_concurrency),
    priority: text(s.priority),
    errorPipeline: text(s.error_pipeline),
  };
}

/** What is wrong with each field; empty when the draft may be applied. */
export function checkDraft(draft: SettingsDraft): SettingsErrors {
  const errors: SettingsErrors = {};
  if (!kSaveModes.some((m) => m.value === draft.saveExecutions)) {
    errors.saveExecutions = 'Choose All, Errors only or None.';
  }
  const numbers: [keyof SettingsDraft, NumberBounds][] = [
    ['timeoutSeconds', kTimeoutSeconds],
    ['maxConcurrency', kMaxConcurrency],
    ['runConcurrency', kRunConcurrency],
    ['priority', kPriority],
  ];
  for (const [field, bounds] of numbers) {
    const entry = readNumber(draft[field], bounds);
    if (entry.kind === 'invalid') errors[field] = entry.error;
  }
  return errors;
}

const numberOf = (value: string, bounds: NumberBounds) => {
  const entry = readNumber(value, bounds);
  return entry.kind === 'number' ? entry.value : undefined;
};

/**
 * The `settings` a checked draft writes: keys the dialog does not edit kept
 * from `previous`, its own only where they differ from the default;
 * undefined when nothing is left.
 */
export function settingsOf(draft: SettingsDraft, previous: PipelineSettings | undefined): PipelineSettings | undefined {
  const next: PipelineSettings = {};
  for (const [key, value] of Object.entries(previous ?? {})) {
    if (!(key in kSettingLabels) && value !== undefined) next[key] = value;
  }
  if (draft.saveExecutions !== 'all') next.save_executions = draft.saveExecutions as SaveExecutions;
  const seconds = numberOf(draft.timeoutSeconds, kTimeoutSeconds);
  const ms = seconds === undefined ? undefined : Math.round(seconds * 1000);
  if (ms !== undefined && ms !== kDefaultTimeoutMs) next.timeout_ms = ms;
  const blocks = numberOf(draft.maxConcurrency, kMaxConcurrency);
  if (blocks !== undefined && blocks !== kDefaultMaxConcurrency) next.max_concurrency = blocks;
  const runs = numberOf(draft.runConcurrency, kRunConcurrency);
  if (runs !== undefined) next.run_concurrency = runs;
  const priority = numberOf(draft.priority, kPriority);
  if (priority !== undefined && priority !== kDefaultPriority) next.priority = priority;
  if (draft.errorPipeline) next.error_pipeline = draft.errorPipeline;
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * The pipelines an error pipeline may be: the workspace's others, by name.
 * A chosen id no longer among them stays listed, marked, so opening the
 * dialog never drops it silently.
 */
export function errorPipelineChoices(
  pipelines: { id: string; name: string }[],
  self: string | undefined,
  chosen: string,
): { id: string; label: string }[] {
  const choices = pipelines
    .filter((p) => p.id !== self)
    .map((p) => ({ id: p.id, label: p.name && p.name !== p.id ? `${p.name} (${p.id})` : p.id }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (chosen && !choices.some((c) => c.id === chosen)) choices.unshift({ id: chosen, label: `${chosen} (not found)` });
  return choices;
}

/** Whether two `settings` say the same, whatever the order of their keys. */
export function sameSettings(a: PipelineSettings | undefined, b: PipelineSettings | undefined): boolean {
  const canonical = (s: PipelineSettings | undefined) =>
    JSON.stringify(
      Object.entries(s ?? {})
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
    );
  return canonical(a) === canonical(b);
}

import type { JsonObject } from '../../shared/api/types';
import type {
  FormConfig,
  ScheduleConfig,
  Trigger,
  TriggerInput,
  TriggerKind,
  WebhookConfig,
  WebhookSignature,
} from '../../shared/api/triggerTypes';

/** The zone the browser runs in, the default of a new schedule. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Every IANA zone the browser knows, with UTC and the browser's own always among them. */
export function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set(known);
  zones.add('UTC');
  zones.add(browserTimeZone());
  return [...zones].sort();
}

/** A trigger as edited in the panel: the saved one (with `id`) or a new one. */
export interface TriggerDraft {
  id?: string;
  kind: TriggerKind;
  enabled: boolean;
  config: JsonObject;
  inputs: JsonObject;
}

export const kTriggerKinds: { kind: TriggerKind; label: string; icon: string; help: string }[] = [
  { kind: 'schedule', label: 'Schedule', icon: 'clock', help: 'Runs at set times, in a time zone' },
  { kind: 'webhook', label: 'Webhook', icon: 'zap', help: 'A secret URL another service calls' },
  { kind: 'form', label: 'Form', icon: 'file-text', help: 'A public page anyone with the link can fill in' },
];

export function kindInfo(kind: TriggerKind) {
  return kTriggerKinds.find((k) => k.kind === kind) ?? kTriggerKinds[0]!;
}

export function defaultSchedule(): ScheduleConfig {
  return { cron: '0 9 * * 1-5', timezone: browserTimeZone(), missed: 'skip' };
}

export function defaultWebhook(): WebhookConfig {
  return { method: 'POST', respond: 'immediately', body: 'json', signature: null, idempotency: null, rate_limit_per_minute: null };
}

export function defaultForm(meta: { name: string; description: string }): FormConfig {
  return { title: meta.name, description: meta.description, expires_at: null, max_submissions: null, success_message: null };
}

/** A new trigger of `kind`, enabled, with the defaults above. */
export function newDraft(kind: TriggerKind, meta: { name: string; description: string }): TriggerDraft {
  const config = kind === 'schedule' ? defaultSchedule() : kind === 'webhook' ? defaultWebhook() : defaultForm(meta);
  return { kind, enabled: true, config: config as unknown as JsonObject, inputs: {} };
}

export function draftOf(trigger: Trigger): TriggerDraft {
  return {
    id: trigger.id,
    kind: trigger.kind,
    enabled: trigger.enabled,
    config: trigger.config as unknown as JsonObject,
    inputs: trigger.inputs ?? {},
  };
}

/** The body of `PUT /api/triggers/{id}` (add `pipeline_id` for `POST`). */
export function draftBody(draft: TriggerDraft): Omit<TriggerInput, 'pipeline_id'> {
  return {
    kind: draft.kind,
    enabled: draft.enabled,
    config: draft.config as unknown as TriggerInput['config'],
    inputs: draft.inputs,
  };
}

/** The signature presets: where GitHub and Stripe put theirs. */
export const kSignaturePresets: Record<WebhookSignature['scheme'], Omit<WebhookSignature, 'credential'>> = {
  hmac_sha256: { scheme: 'hmac_sha256', header: 'X-Signature', prefix: 'sha256=', tolerance_seconds: null },
  github: { scheme: 'github', header: 'X-Hub-Signature-256', prefix: 'sha256=', tolerance_seconds: null },
  stripe: { scheme: 'stripe', header: 'Stripe-Signature', prefix: '', tolerance_seconds: 300 },
};

/** The field problems of an error answer, by pointer. */
export function problemsAt(details: { pointer: string; message: string }[], pointer: string): string[] {
  return details.filter((d) => d.pointer === pointer).map((d) => d.message);
}

/** Wire types of triggers (`/api/triggers`) and public forms (`/api/forms/{token}`), DESIGN §9. */
import type { Json, JsonObject, RunStatus } from './types';

export type TriggerKind = 'schedule' | 'webhook' | 'form';

/** What an execution records as having started it. */
export type ExecutionTrigger =
  | 'manual'
  | 'api'
  | 'editor'
  | 'retry'
  | 'cli'
  | 'schedule'
  | 'webhook'
  | 'form'
  | 'error_pipeline';

export type MissedTicks = 'skip' | 'run_once';

export interface ScheduleConfig {
  /** Five fields, or six with seconds first. */
  cron: string;
  /** An IANA name, e.g. `Europe/Berlin`. */
  timezone: string;
  missed: MissedTicks;
}

export type SignatureScheme = 'hmac_sha256' | 'github' | 'stripe';

export interface WebhookSignature {
  scheme: SignatureScheme;
  header: string;
  prefix: string;
  /** A credential id (`GET /api/credentials`) holding the shared secret. */
  credential: string;
  tolerance_seconds?: number | null;
}

export interface WebhookConfig {
  method: 'POST' | 'PUT' | 'GET';
  respond: 'immediately' | 'when_finished';
  body: 'json' | 'form' | 'multipart' | 'text';
  signature: WebhookSignature | null;
  idempotency: { header: string; field: string } | null;
  rate_limit_per_minute: number | null;
}

export interface FormConfig {
  title: string;
  description: string;
  expires_at: string | null;
  max_submissions: number | null;
  success_message: string | null;
}

export type TriggerConfig = ScheduleConfig | WebhookConfig | FormConfig;

/** Body of `POST /api/triggers` (`PUT /api/triggers/{id}` takes it without `pipeline_id`). */
export interface TriggerInput {
  pipeline_id?: string;
  kind: TriggerKind;
  enabled: boolean;
  config: TriggerConfig;
  inputs: JsonObject;
}

export interface Trigger {
  id: string;
  pipeline_id: string;
  kind: TriggerKind;
  enabled: boolean;
  config: TriggerConfig;
  inputs: JsonObject;
  created_at: string;
  updated_at: string;
  /** Relative: `/hooks/{token}` (webhook) or `/f/{token}` (form). */
  url?: string;
  /** Schedules: the next five fire times (ISO 8601 with offset); empty while paused. */
  next_fire_times?: string[];
  last_fired_at?: string | null;
  last_execution_id?: string | null;
  last_error?: string | null;
  fire_count?: number;
}

export type PublicFieldKind = 'text' | 'long_text' | 'number' | 'boolean' | 'choice' | 'json' | 'file';

/** One field of a public form (`GET /api/forms/{token}`). */
export interface PublicFormField {
  name: string;
  label: string;
  description?: string;
  kind: PublicFieldKind;
  required: boolean;
  default?: Json;
  options?: Json[];
  /** Allowed MIME types or extensions of a file field (a list, or one comma-separated string). */
  accept?: string[] | string;
  max_bytes?: number;
  multiple?: boolean;
}

export interface PublicForm {
  title: string;
  description: string;
  fields: PublicFormField[];
  submit_label?: string;
}

/** The answer to a form submission: 200 with outputs when the run finished, 202 while it is queued. */
export interface FormSubmitted {
  execution_id: string;
  status: RunStatus;
  outputs?: JsonObject;
  message?: string;
}

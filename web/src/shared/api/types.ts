/** Wire types of the Weft REST API (docs/api.md, docs/pipelines.md). */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export type OnError = 'fail' | 'continue' | 'branch';

export interface RetryPolicy {
  max_attempts?: number;
  backoff_ms?: number;
  max_backoff_ms?: number;
}

export interface NodeDef {
  id: string;
  type: string;
  config?: JsonObject;
  label?: string;
  position?: { x: number; y: number };
  version?: number;
  timeout_ms?: number;
  retry?: RetryPolicy;
  on_error?: OnError;
}

export interface EdgeDef {
  id?: string;
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/** Which executions a pipeline keeps: every one, failed and cancelled ones, or none (counts only). */
export type SaveExecutions = 'all' | 'errors' | 'none';

/** A pipeline's `settings` (docs/pipelines.md, docs/api.md "Pipeline settings for runs"). */
export interface PipelineSettings {
  /** The whole run's time limit (1 ms – 24 h; default 1 hour). */
  timeout_ms?: number;
  /** Blocks of one run at once (1–256, default 8). */
  max_concurrency?: number;
  /** Default `all`. */
  save_executions?: SaveExecutions;
  /** Runs of this pipeline at once (1–10,000); unset: no limit. */
  run_concurrency?: number;
  /** −1,000–1,000, default 0: waiting runs of higher priority start first. */
  priority?: number;
  /** The id of another pipeline of the workspace, run with `failure` when a run of this one fails. */
  error_pipeline?: string;
  /** Keys this editor does not know yet, kept as loaded. */
  [key: string]: Json | undefined;
}

/** A pipeline document as stored and exchanged. */
export interface PipelineDefinition {
  id?: string;
  name?: string;
  description?: string;
  version?: number;
  settings?: PipelineSettings;
  variables?: JsonObject;
  nodes: NodeDef[];
  edges: EdgeDef[];
  /** Outputs pinned in the editor, keyed by node id; editor test runs reuse them. */
  pinned?: Record<string, JsonObject>;
}

export type RunStatus =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'interrupted';

export type NodeStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';

export interface PipelineSummary {
  id: string;
  name: string;
  description: string;
  version: number;
  created_at: string;
  updated_at: string;
  last_run_status: RunStatus | null;
}

/** One validation problem: where (JSON Pointer into the document) and what. */
export interface Problem {
  pointer: string;
  message: string;
}

export interface PipelineRecord extends PipelineSummary {
  definition: PipelineDefinition;
  valid: boolean;
  problems: Problem[];
}

export interface VersionSummary {
  pipeline_id: string;
  version: number;
  name: string;
  created_at: string;
}

export interface VersionRecord extends VersionSummary {
  definition: PipelineDefinition;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
}

export interface RunError {
  code: string;
  message: string;
  node_id?: string;
  retryable?: boolean;
  [key: string]: Json | undefined;
}

export interface LogLine {
  time?: string;
  level: string;
  message: string;
}

export interface NodeRunRecord {
  node_id: string;
  type: string;
  status: NodeStatus;
  attempts: number;
  output: Json;
  error: RunError | null;
  logs: LogLine[];
  handles: string[];
  started_at: string | null;
  finished_at: string | null;
  duration_ms?: number;
  reused?: boolean;
}

export interface ExecutionSummary {
  id: string;
  pipeline_id: string;
  pipeline_version: number;
  status: RunStatus;
  inputs: JsonObject;
  outputs: JsonObject | null;
  error: RunError | null;
  created_at: string;
  finished_at: string | null;
  duration_ms?: number;
  retry_of: string | null;
  /** While queued: its place in the workspace's queue, from 1 (`GET /api/executions/{id}`). */
  queue_position?: number;
  /** What started it (`manual`, `api`, `schedule`, `webhook`, `form`, …); absent on older servers. */
  trigger?: string;
  /** The trigger (`/api/triggers/{id}`) that started it, or null. */
  trigger_id?: string | null;
}

export interface ExecutionRecord extends ExecutionSummary {
  node_runs: NodeRunRecord[];
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface RunStarted {
  execution_id: string;
  status: RunStatus;
  outputs?: JsonObject;
  error?: RunError | null;
}

/** Body of `POST /api/pipelines/{id}/test-run`. */
export interface TestRunRequest {
  /** An unsaved draft to run instead of the published version (makes no version). */
  document?: PipelineDefinition;
  inputs?: JsonObject;
  use_pinned?: boolean;
  from_execution?: string;
  from_node?: string;
  only_node?: string;
}

/** A JSON Schema, as much of it as the editor reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: Json[];
  default?: Json;
  description?: string;
  title?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
  additionalProperties?: boolean | JsonSchema;
  'x-weft-widget'?: string;
  'x-weft-secret'?: boolean;
}

/** One block type of the catalogue (`GET /api/node-types`). */
export interface NodeTypeDescriptor {
  type: string;
  category: string;
  title: string;
  description: string;
  icon: string;
  version: number;
  config_schema: JsonSchema;
  output_example: Json;
  inputs: string[];
  /** The fixed named output handles (those of `output_handles` with a `name`). */
  outputs: string[];
  /** The named output handles as rules on the config, read in order; empty: one unnamed output. */
  output_handles: HandleRule[];
  /** JSON Pointer into the output naming the handle(s) it chose; null for types without named handles. */
  chosen_handle: string | null;
  /** The run inputs a node of this type contributes. */
  run_inputs: RunInputRule[];
}

/** A fixed handle (`name`), or one handle per entry of the config list at `each`, named at `name_at` in the entry. */
export interface HandleRule {
  name?: string;
  each?: string;
  name_at?: string;
}

/**
 * One run input, or one per entry of the config list at `each`. Each `*_at`
 * is a JSON Pointer into the config (or the entry); when it finds nothing,
 * the default applies: the node id for the name, the name for the label,
 * `type` for the type, true for required.
 */
export interface RunInputRule {
  each?: string;
  type?: string;
  name_at?: string;
  label_at?: string;
  description_at?: string;
  type_at?: string;
  required_at?: string;
  default_at?: string;
  multiline_at?: string;
  schema_at?: string;
  /** File inputs: a list of MIME types (`text/*`) or extensions (`.csv`); none: any file. */
  accept_at?: string;
  /** File inputs: the largest file, in bytes; none: the server's body limit. */
  max_bytes_at?: string;
  /** File inputs: a list of files rather than one; none: one. */
  multiple_at?: string;
}

/**
 * A file in or out of a run (docs/files.md): run inputs of File input blocks,
 * File output blocks' outputs. Its bytes: `GET /api/files/{id}`.
 */
// A type, not an interface: it is put into JSON run inputs as it is.
export type FileValue = {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
};

/** `GET`/`PUT /api/settings/runs`: runs of the whole workspace at once; null: no limit. */
export interface RunSettings {
  run_concurrency: number | null;
}

/** One event of a run, as `weft run --events` and the WebSocket send it. */
export interface RunEvent {
  seq: number;
  type: 'run.started' | 'node.started' | 'node.log' | 'node.token' | 'node.finished' | 'run.finished';
  execution_id: string;
  node_id?: string;
  time?: string;
  data: JsonObject;
}

/** A message of the workspace's run feed. */
export interface FeedMessage {
  feed: 'runs';
  type: 'execution.updated';
  execution_id: string;
  pipeline_id: string;
  status: RunStatus;
  time?: string;
}

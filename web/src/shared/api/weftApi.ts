import type { HttpClient } from './client';
import { ApiError } from './client';
import type {
  ExecutionRecord,
  ExecutionSummary,
  FileValue,
  JsonObject,
  NodeTypeDescriptor,
  Page,
  PipelineDefinition,
  PipelineRecord,
  PipelineSummary,
  RunSettings,
  RunStarted,
  TestRunRequest,
  ValidationResult,
  VersionRecord,
  VersionSummary,
} from './types';
import type {
  AddedMember,
  ApiKey,
  Credential,
  CredentialInput,
  CredentialKind,
  Invite,
  InviteInfo,
  Invitation,
  Me,
  Member,
  ModelInfo,
  Provider,
  ProviderInput,
  Role,
  ServerProvider,
  ServerSettings,
  ServerSettingsInput,
  WorkspaceRef,
} from './accountTypes';
import type { FormSubmitted, PublicForm, ScheduleConfig, Trigger, TriggerInput } from './triggerTypes';

import { kCookieModeHeaders, type SessionTokens as SessionAnswer } from '../auth/session';

const enc = encodeURIComponent;

export interface ExecutionFilter {
  status?: string;
  pipeline_id?: string;
  /** What started them: `schedule`, `webhook`, `form`, `manual`, … */
  trigger?: string;
  /** The one schedule, webhook or form that started them. */
  trigger_id?: string;
  limit?: number;
  cursor?: string | null;
}

/** Every endpoint the editor uses, typed. */
export function createWeftApi(http: HttpClient) {
  return {
    http,
    listPipelines: () => http.request<{ items: PipelineSummary[] }>('GET', '/api/pipelines').then((r) => r.items),
    getPipeline: (id: string) => http.request<PipelineRecord>('GET', `/api/pipelines/${enc(id)}`),
    createPipeline: (doc: PipelineDefinition) => http.request<PipelineRecord>('POST', '/api/pipelines', { body: doc }),
    /** Saves a new version; `doc.version` names the version that was edited (409 when stale). */
    savePipeline: (id: string, doc: PipelineDefinition) =>
      http.request<PipelineRecord>('PUT', `/api/pipelines/${enc(id)}`, { body: doc }),
    deletePipeline: (id: string) => http.request<null>('DELETE', `/api/pipelines/${enc(id)}`),
    listVersions: (id: string) =>
      http.request<{ items: VersionSummary[] }>('GET', `/api/pipelines/${enc(id)}/versions`).then((r) => r.items),
    getVersion: (id: string, version: number) =>
      http.request<VersionRecord>('GET', `/api/pipelines/${enc(id)}/versions/${version}`),
    restoreVersion: (id: string, version: number) =>
      http.request<PipelineRecord>('POST', `/api/pipelines/${enc(id)}/versions/${version}/restore`),
    validate: (doc: PipelineDefinition) =>
      http.request<ValidationResult>('POST', '/api/pipelines/validate', { body: doc }),
    run: (id: string, inputs: JsonObject) =>
      http.request<RunStarted>('POST', `/api/pipelines/${enc(id)}/run`, { body: inputs, query: { wait: false } }),
    /** An editor run (pins, single node, from a node). Falls back to a plain run on servers without it. */
    async testRun(id: string, request: TestRunRequest): Promise<RunStarted & { fallback?: boolean }> {
      try {
        return await http.request<RunStarted>('POST', `/api/pipelines/${enc(id)}/test-run`, {
          body: request,
          query: { wait: false },
        });
      } catch (error) {
        // A draft never falls back: /run would run the published version instead.
        const plain = !request.only_node && !request.from_node && !request.document;
        if (error instanceof ApiError && (error.status === 404 || error.status === 405) && plain) {
          const started = await http.request<RunStarted>('POST', `/api/pipelines/${enc(id)}/run`, {
            body: request.inputs ?? {},
            query: { wait: false },
          });
          return { ...started, fallback: true };
        }
        throw error;
      }
    },
    listExecutions: (filter: ExecutionFilter) =>
      http.request<Page<ExecutionSummary>>('GET', '/api/executions', {
        query: {
          status: filter.status,
          pipeline_id: filter.pipeline_id,
          trigger: filter.trigger,
          trigger_id: filter.trigger_id,
          limit: filter.limit,
          cursor: filter.cursor,
        },
      }),
    getExecution: (id: string) => http.request<ExecutionRecord>('GET', `/api/executions/${enc(id)}`),
    retryExecution: (id: string) =>
      http.request<RunStarted>('POST', `/api/executions/${enc(id)}/retry`, { query: { wait: false } }),
    cancelExecution: (id: string) => http.request<unknown>('POST', `/api/executions/${enc(id)}/cancel`),
    me: () => http.request<Me>('GET', '/api/me'),
    changePassword: (oldPassword: string, newPassword: string) =>
      http.request<SessionAnswer>('POST', '/api/me/password', {
        body: { old_password: oldPassword, new_password: newPassword },
        headers: kCookieModeHeaders,
      }),
    listMembers: () => http.request<{ items: Member[] }>('GET', '/api/members').then((r) => r.items),
    addMember: (body: { email: string; role: Role; password?: string; name?: string }) =>
      http.request<AddedMember>('POST', '/api/members', { body }),
    setMemberRole: (userId: string, role: Role) =>
      http.request<Member>('PATCH', `/api/members/${enc(userId)}`, { body: { role } }),
    removeMember: (userId: string) => http.request<null>('DELETE', `/api/members/${enc(userId)}`),
    listInvites: () => http.request<{ items: Invite[] }>('GET', '/api/invites').then((r) => r.items),
    createInvite: (body: { role: Role; email?: string }) => http.request<Invite>('POST', '/api/invites', { body }),
    deleteInvite: (id: string) => http.request<null>('DELETE', `/api/invites/${enc(id)}`),
    inviteInfo: (token: string) => http.request<InviteInfo>('GET', `/api/auth/invites/${enc(token)}`),
    acceptInvite: (token: string, body: { email: string; password: string; name: string }) =>
      http.request<SessionAnswer>('POST', `/api/auth/invites/${enc(token)}/accept`, { body, headers: kCookieModeHeaders }),
    listInvitations: () => http.request<{ items: Invitation[] }>('GET', '/api/me/invitations').then((r) => r.items),
    acceptInvitation: (id: string) =>
      http.request<{ workspace: WorkspaceRef }>('POST', `/api/me/invitations/${enc(id)}/accept`).then((r) => r.workspace),
    declineInvitation: (id: string) => http.request<null>('POST', `/api/me/invitations/${enc(id)}/decline`),
    listApiKeys: () => http.request<{ items: ApiKey[] }>('GET', '/api/api-keys').then((r) => r.items),
    createApiKey: (body: { name: string; scope: 'run' | 'full'; pipeline_id?: string }) =>
      http.request<ApiKey>('POST', '/api/api-keys', { body }),
    revokeApiKey: (id: string) => http.request<null>('DELETE', `/api/api-keys/${enc(id)}`),
    credentialKinds: () =>
      http.request<{ items: CredentialKind[] }>('GET', '/api/credential-kinds').then((r) => r.items),
    listCredentials: () => http.request<{ items: Credential[] }>('GET', '/api/credentials').then((r) => r.items),
    createCredential: (body: CredentialInput) => http.request<Credential>('POST', '/api/credentials', { body }),
    /** Merges: fields left out of `data` keep their stored value. */
    updateCredential: (id: string, body: CredentialInput) =>
      http.request<Credential>('PATCH', `/api/credentials/${enc(id)}`, { body }),
    deleteCredential: (id: string) => http.request<null>('DELETE', `/api/credentials/${enc(id)}`),
    /** This workspace's providers, then the server's (by name and kind only). */
    listProviders: () => http.request<{ items: Provider[] }>('GET', '/api/settings/providers').then((r) => r.items),
    /** Replaces this workspace's providers (owners and admins); answers the whole list again. */
    saveProviders: (items: ProviderInput[]) =>
      http.request<{ items: Provider[] }>('PUT', '/api/settings/providers', { body: { items } }).then((r) => r.items),
    listModels: (provider: string, signal?: AbortSignal) =>
      http
        .request<{ items: ModelInfo[] }>('GET', `/api/settings/providers/${enc(provider)}/models`, { signal })
        .then((r) => r.items),
    /** Server admins only: the environment's providers and those kept in the server's settings. */
    listServerProviders: () =>
      http.request<{ items: ServerProvider[] }>('GET', '/api/server/providers').then((r) => r.items),
    /** Replaces the server's providers kept in settings; a credential is one of the caller's current workspace. */
    saveServerProviders: (items: ProviderInput[]) =>
      http.request<{ items: ServerProvider[] }>('PUT', '/api/server/providers', { body: { items } }).then((r) => r.items),
    /** Runs of this workspace at once (null: no limit); any member reads it. */
    getRunSettings: () => http.request<RunSettings>('GET', '/api/settings/runs'),
    /** Owners and admins (403 for others); 422 names `/run_concurrency` when it is not 1–10,000 or null. */
    saveRunSettings: (body: RunSettings) => http.request<RunSettings>('PUT', '/api/settings/runs', { body }),
    getServerSettings: () => http.request<ServerSettings>('GET', '/api/server/settings'),
    saveServerSettings: (body: ServerSettingsInput) => http.request<ServerSettings>('PUT', '/api/server/settings', { body }),
    listTriggers: (pipelineId: string) =>
      http
        .request<{ triggers: Trigger[] }>('GET', '/api/triggers', { query: { pipeline_id: pipelineId } })
        .then((r) => r.triggers),
    createTrigger: (body: TriggerInput & { pipeline_id: string }) => http.request<Trigger>('POST', '/api/triggers', { body }),
    getTrigger: (id: string) => http.request<Trigger>('GET', `/api/triggers/${enc(id)}`),
    updateTrigger: (id: string, body: Omit<TriggerInput, 'pipeline_id'>) =>
      http.request<Trigger>('PUT', `/api/triggers/${enc(id)}`, { body }),
    deleteTrigger: (id: string) => http.request<null>('DELETE', `/api/triggers/${enc(id)}`),
    /** A new secret URL for a webhook or form; the old one stops working. */
    rotateTrigger: (id: string) => http.request<Trigger>('POST', `/api/triggers/${enc(id)}/rotate`),
    /** The next five fire times of a schedule, without saving; 422 points at `/config/cron` or `/config/timezone`. */
    previewSchedule: (config: Pick<ScheduleConfig, 'cron' | 'timezone'>, signal?: AbortSignal) =>
      http
        .request<{ next_fire_times: string[] }>('POST', '/api/triggers/preview', { body: { config }, signal })
        .then((r) => r.next_fire_times),
    /** A shared form's fields (public: no sign-in); 404 or 410 when gone, expired or full. */
    getPublicForm: (token: string) => http.request<PublicForm>('GET', `/api/forms/${enc(token)}`),
    /** Submits a shared form as multipart (fields as strings, files as parts). */
    submitPublicForm: (token: string, form: FormData) =>
      http.request<FormSubmitted>('POST', `/api/forms/${enc(token)}`, { form }),
    /** Stores files for a run (`POST /api/files`); answers their file values in the order given. */
    uploadFiles: (files: File[]) => {
      const form = new FormData();
      for (const file of files) form.append('file', file, file.name);
      return http.request<{ files: FileValue[] }>('POST', '/api/files', { form }).then((r) => r.files);
    },
    /** A file value's bytes, with the bearer token (a plain link would send none). */
    downloadFile: (id: string) => http.request<Blob>('GET', `/api/files/${enc(id)}`, { responseType: 'blob' }),
    nodeTypes: () =>
      http.request<{ items: NodeTypeDescriptor[] }>('GET', '/api/node-types').then((r) => r.items),
  };
}

export type WeftApi = ReturnType<typeof createWeftApi>;

import type { HttpClient } from './client';
import { ApiError } from './client';
import type {
  ExecutionRecord,
  ExecutionSummary,
  JsonObject,
  NodeTypeDescriptor,
  Page,
  PipelineDefinition,
  PipelineRecord,
  PipelineSummary,
  RunStarted,
  TestRunRequest,
  ValidationResult,
  VersionRecord,
  VersionSummary,
} from './types';

const enc = encodeURIComponent;

export interface ExecutionFilter {
  status?: string;
  pipeline_id?: string;
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
        const plain = !request.only_node && !request.from_node;
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
        query: { status: filter.status, pipeline_id: filter.pipeline_id, limit: filter.limit, cursor: filter.cursor },
      }),
    getExecution: (id: string) => http.request<ExecutionRecord>('GET', `/api/executions/${enc(id)}`),
    retryExecution: (id: string) =>
      http.request<RunStarted>('POST', `/api/executions/${enc(id)}/retry`, { query: { wait: false } }),
    cancelExecution: (id: string) => http.request<unknown>('POST', `/api/executions/${enc(id)}/cancel`),
    nodeTypes: () =>
      http.request<{ items: NodeTypeDescriptor[] }>('GET', '/api/node-types').then((r) => r.items),
  };
}

export type WeftApi = ReturnType<typeof createWeftApi>;

import type { PipelineDefinition, PipelineRecord } from '../src/shared/api/types';

/** Direct API calls for test setup. */
export async function apiCall<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export const createPipeline = (base: string, doc: PipelineDefinition) =>
  apiCall<PipelineRecord>(base, 'POST', '/api/pipelines', doc);

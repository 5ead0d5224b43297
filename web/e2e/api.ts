import { inject } from 'vitest';
import type { PipelineDefinition, PipelineRecord } from '../src/shared/api/types';

/** Direct API calls for test setup, with the tests' API key when the server has accounts. */
export async function apiCall<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const key = inject('apiKey');
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export const createPipeline = (base: string, doc: PipelineDefinition) =>
  apiCall<PipelineRecord>(base, 'POST', '/api/pipelines', doc);

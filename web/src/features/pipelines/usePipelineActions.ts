import { useCallback } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import { ApiError } from '../../shared/api/client';
import type { PipelineRecord, PipelineSummary } from '../../shared/api/types';
import { slugify, uniqueId } from './slug';

/** Create, rename, duplicate and delete, each one API round trip or two. */
export function usePipelineActions(existing: PipelineSummary[]) {
  const api = useApi();

  const create = useCallback(
    async (name: string): Promise<PipelineRecord> => {
      const taken = new Set(existing.map((p) => p.id));
      const slug = slugify(name);
      const doc = { name, nodes: [], edges: [] };
      if (!slug) {
        return api.createPipeline(doc);
      }
      try {
        return await api.createPipeline({ ...doc, id: uniqueId(slug, taken) });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          return api.createPipeline(doc);
        }
        throw e;
      }
    },
    [api, existing],
  );

  const rename = useCallback(
    async (id: string, name: string): Promise<PipelineRecord> => {
      const current = await api.getPipeline(id);
      return api.savePipeline(id, { ...current.definition, name, version: current.version });
    },
    [api],
  );

  const duplicate = useCallback(
    async (id: string): Promise<PipelineRecord> => {
      const current = await api.getPipeline(id);
      const taken = new Set(existing.map((p) => p.id));
      const copy = { ...current.definition, version: undefined };
      return api.createPipeline({
        ...copy,
        id: uniqueId(`${id}-copy`, taken),
        name: `${current.name} (copy)`,
      });
    },
    [api, existing],
  );

  const remove = useCallback((id: string) => api.deletePipeline(id), [api]);

  return { create, rename, duplicate, remove };
}

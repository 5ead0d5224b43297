import type { PipelineDefinition } from '../../../shared/api/types';

/**
 * Unpublished work kept in localStorage, so a reload does not lose it. A
 * draft is named by workspace, pipeline and the version it was edited from:
 * once someone publishes a newer version, the old draft no longer applies
 * and is not offered.
 */
export interface DraftKey {
  workspace: string;
  pipelineId: string;
  baseVersion: number | null;
}

const kPrefix = 'weft.draft.';

export function draftKey({ workspace, pipelineId, baseVersion }: DraftKey): string {
  return `${kPrefix}${workspace}\n${pipelineId}\n${baseVersion ?? 0}`;
}

/** The stored draft, or null (none, or unreadable). */
export function readDraft(key: DraftKey, storage: Storage = localStorage): PipelineDefinition | null {
  try {
    const text = storage.getItem(draftKey(key));
    if (!text) return null;
    const doc = JSON.parse(text) as PipelineDefinition;
    return doc && Array.isArray(doc.nodes) && Array.isArray(doc.edges) ? doc : null;
  } catch {
    return null;
  }
}

/** Keeps `doc` as the draft; false when storage refused it (full, disabled). */
export function writeDraft(key: DraftKey, doc: PipelineDefinition, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(draftKey(key), JSON.stringify(doc));
    return true;
  } catch {
    return false;
  }
}

/** Drops the drafts of this pipeline (every base version): after a publish or a discard. */
export function dropDrafts(key: Omit<DraftKey, 'baseVersion'>, storage: Storage = localStorage): void {
  try {
    const prefix = `${kPrefix}${key.workspace}\n${key.pipelineId}\n`;
    const stale: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const name = storage.key(i);
      if (name?.startsWith(prefix)) stale.push(name);
    }
    for (const name of stale) storage.removeItem(name);
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}

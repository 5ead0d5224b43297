import type { Problem } from '../../../shared/api/types';
import { parsePointer } from '../../../shared/lib/pointer';
import { kSettingLabels } from './settings';

/** A problem of one node: `path` is the pointer inside the node (`/config/url`). */
export interface NodeProblem {
  path: string;
  message: string;
}

/** A problem with the node or edge its pointer names (ids as they were when it was validated). */
export interface PlacedProblem extends Problem {
  nodeId?: string;
  edgeId?: string;
  /** The pointer inside that node or edge (`/config/url`), or the whole pointer for the rest. */
  path: string;
}

export interface ProblemIndex {
  /** Every problem in the server's order, placed: what the problems list words. */
  placed: PlacedProblem[];
  byNode: Record<string, NodeProblem[]>;
  byEdge: Record<string, string[]>;
  /** Problems not tied to one node or edge (a cycle, a top-level field). */
  general: Problem[];
  count: number;
}

export const kNoProblems: ProblemIndex = { placed: [], byNode: {}, byEdge: {}, general: [], count: 0 };

/**
 * Files each problem under the node or edge its pointer names. `nodeIds` and
 * `edgeIds` are the ids in the order of the document that was validated.
 */
export function indexProblems(problems: Problem[], nodeIds: string[], edgeIds: string[]): ProblemIndex {
  if (problems.length === 0) {
    return kNoProblems;
  }
  const index: ProblemIndex = { placed: [], byNode: {}, byEdge: {}, general: [], count: problems.length };
  for (const problem of problems) {
    const [head, at, ...rest] = parsePointer(problem.pointer);
    const i = Number(at);
    const nodeId = head === 'nodes' && Number.isInteger(i) ? nodeIds[i] : undefined;
    const edge = head === 'edges' && Number.isInteger(i) ? edgeIds[i] : undefined;
    const inside = rest.length ? '/' + rest.join('/') : '';
    index.placed.push({ ...problem, nodeId, edgeId: edge, path: nodeId !== undefined || edge !== undefined ? inside : problem.pointer });
    if (nodeId !== undefined) {
      (index.byNode[nodeId] ??= []).push({ path: rest.length ? '/' + rest.join('/') : '', message: problem.message });
    } else if (edge !== undefined) {
      (index.byEdge[edge] ??= []).push(problem.message);
      index.general.push(problem);
    } else {
      index.general.push(problem);
    }
  }
  return index;
}

/** The problems of a node under one config field (`url` → `/config/url…`). */
export function fieldProblems(problems: NodeProblem[] | undefined, path: string): string[] {
  if (!problems) {
    return [];
  }
  return problems.filter((p) => p.path === path || p.path.startsWith(path + '/')).map((p) => p.message);
}

/**
 * Where a problem not tied to a node is, in words: a pipeline setting by the
 * name the settings dialog gives it (`/settings/run_concurrency` → "Pipeline
 * settings · Runs at once"), anything else by its pointer.
 */
export function problemPlace(pointer: string): { label: string; settings: boolean } {
  const [head, key, ...rest] = parsePointer(pointer);
  if (head !== 'settings') {
    return { label: pointer || '/', settings: false };
  }
  if (key === undefined) {
    return { label: 'Pipeline settings', settings: true };
  }
  const name = kSettingLabels[key] ?? key;
  return { label: ['Pipeline settings', name, ...rest].join(' · '), settings: true };
}

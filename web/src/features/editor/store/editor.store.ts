import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { JsonObject, PipelineDefinition, PipelineSettings, Problem } from '../../../shared/api/types';
import {
  edgeId,
  metaOf,
  toDefinition,
  toFlow,
  type PipelineMeta,
  type WeftEdge,
  type WeftNode,
  type WeftNodeData,
} from '../model/flow';
import { kNodeIdPattern, nextNodeId } from '../model/ids';
import { layeredLayout } from '../model/layout';
import { indexProblems, kNoProblems, type ProblemIndex } from '../model/problems';
import { renameInValue } from '../model/references';
import { spliceEdges } from '../model/splice';
import { sameSettings } from '../model/settings';

/** An edge to split with a node, and the node's output the far half leaves from. */
export interface Splice {
  edgeId: string;
  outHandle: string | null;
}

/** What undo and redo restore: the document, without selection or run state. */
export interface Doc {
  meta: PipelineMeta;
  nodes: WeftNode[];
  edges: WeftEdge[];
  pinned: Record<string, JsonObject>;
}

/** Steps of undo history kept. */
export const kHistoryLimit = 100;
/** Edits of the same field closer than this are one undo step. */
export const kCoalesceMs = 1000;
/** Where pasted nodes land relative to the copies. */
export const kPasteOffset = 40;

export interface EditorState extends Doc {
  readOnly: boolean;
  /** The saved version this document was loaded from or last saved as. */
  baseVersion: number | null;
  /** Bumped by every document change; `dirty` when it differs from `savedRevision`. */
  revision: number;
  savedRevision: number;
  past: Doc[];
  future: Doc[];
  coalesce: { key: string; at: number } | null;
  clipboard: { nodes: WeftNode[]; edges: WeftEdge[] } | null;
  problems: ProblemIndex;

  load(definition: PipelineDefinition, version: number | null): void;
  onNodesChange(changes: NodeChange<WeftNode>[]): void;
  onEdgesChange(changes: EdgeChange<WeftEdge>[]): void;
  /** Records an undo step before a gesture (a drag) that changes the document in many small steps. */
  checkpoint(): void;
  /** Adds a node; with `splice`, splits that edge with it (leaving from `splice.outHandle`) in the same undo step. */
  addNode(type: string, position: { x: number; y: number }, config?: JsonObject, splice?: Splice): string;
  /**
   * Splits an edge with an existing node. `withLastStep`: part of the gesture
   * (a drag) that recorded the last undo step, so one undo takes back both.
   */
  spliceEdge(splice: Splice, nodeId: string, withLastStep?: boolean): boolean;
  /** Copies the selected nodes (and the edges between them) beside them, selected; the clipboard stays. */
  duplicateSelection(): number;
  connect(connection: Connection): boolean;
  deleteSelected(): void;
  deleteElements(nodeIds: string[], edgeIds?: string[]): void;
  updateNode(id: string, patch: Partial<WeftNodeData>, coalesceKey?: string): void;
  /** Renames a node and every edge, pin and `{{ }}` reference to it; returns an error message or null. */
  renameNode(id: string, next: string): string | null;
  setMeta(patch: Partial<PipelineMeta>): void;
  /** Replaces the pipeline's `settings` (undefined: none) as one undo step; the same settings change nothing. */
  setSettings(settings: PipelineSettings | undefined): void;
  setPinned(id: string, output: JsonObject | null): void;
  select(nodeIds: string[]): void;
  selectAll(): void;
  undo(): void;
  redo(): void;
  copySelection(): number;
  paste(): number;
  autoLayout(): void;
  setProblems(problems: Problem[], nodeIds: string[], edgeIds: string[]): void;
  markSaved(version: number, revision: number): void;
  definition(): PipelineDefinition;
}

const snapshot = (s: Doc): Doc => ({ meta: s.meta, nodes: s.nodes, edges: s.edges, pinned: s.pinned });
const unselected = <T extends { selected?: boolean }>(items: T[]) =>
  items.map((i) => (i.selected ? { ...i, selected: false } : i));

/** Creates the store of one canvas. Actions are pure state transitions; I/O lives in hooks. */
export function createEditorStore(options: { readOnly?: boolean } = {}) {
  return createStore<EditorState>()((set, get) => {
    /** Applies a document change as one undo step (or merges it into the last one). */
    const commit = (change: (s: EditorState) => Partial<EditorState>, coalesceKey?: string) => {
      if (get().readOnly) {
        return;
      }
      set((s) => {
        const now = Date.now();
        const merge = coalesceKey !== undefined && s.coalesce?.key === coalesceKey && now - s.coalesce.at < kCoalesceMs;
        return {
          ...change(s),
          past: merge ? s.past : [...s.past.slice(-(kHistoryLimit - 1)), snapshot(s)],
          future: merge ? s.future : [],
          coalesce: coalesceKey !== undefined ? { key: coalesceKey, at: now } : null,
          revision: s.revision + 1,
        };
      });
    };

    const removeElements = (s: EditorState, nodeIds: Set<string>, edgeIds: Set<string>) => {
      const pinned = { ...s.pinned };
      nodeIds.forEach((id) => delete pinned[id]);
      return {
        nodes: s.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: s.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
        pinned,
      };
    };

    /** Copies of `nodes` and the `edges` between them, offset and selected, with ids of their own. */
    const clone = (s: EditorState, nodes: WeftNode[], edges: WeftEdge[]) => {
      const taken = new Set(s.nodes.map((n) => n.id));
      const rename = new Map<string, string>();
      const copies = nodes.map((n) => {
        const id = nextNodeId(n.data.type, taken);
        taken.add(id);
        rename.set(n.id, id);
        return { ...n, id, selected: true, position: { x: n.position.x + kPasteOffset, y: n.position.y + kPasteOffset } };
      });
      const copiedEdges = edges.map((e) => {
        const source = rename.get(e.source) ?? e.source;
        const target = rename.get(e.target) ?? e.target;
        return { ...e, source, target, selected: true, id: edgeId(source, e.sourceHandle, target) };
      });
      return { nodes: [...unselected(s.nodes), ...copies], edges: [...unselected(s.edges), ...copiedEdges] };
    };

    return {
      meta: { name: '' },
      nodes: [],
      edges: [],
      pinned: {},
      readOnly: options.readOnly ?? false,
      baseVersion: null,
      revision: 0,
      savedRevision: 0,
      past: [],
      future: [],
      coalesce: null,
      clipboard: null,
      problems: kNoProblems,

      load(definition, version) {
        const { nodes, edges } = toFlow(definition);
        set({
          meta: metaOf(definition),
          nodes,
          edges,
          pinned: definition.pinned ?? {},
          baseVersion: version,
          revision: 0,
          savedRevision: 0,
          past: [],
          future: [],
          coalesce: null,
          problems: kNoProblems,
        });
      },

      onNodesChange(changes) {
        const s = get();
        const allowed = s.readOnly
          ? changes.filter((c) => c.type === 'select' || c.type === 'dimensions')
          : changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
        if (allowed.length === 0) {
          return;
        }
        const moved = allowed.some((c) => c.type === 'position' && c.position);
        set({ nodes: applyNodeChanges(allowed, s.nodes), revision: moved ? s.revision + 1 : s.revision });
      },

      onEdgesChange(changes) {
        const allowed = changes.filter((c) => c.type === 'select');
        if (allowed.length > 0) {
          set((s) => ({ edges: applyEdgeChanges(allowed, s.edges) }));
        }
      },

      checkpoint() {
        if (get().readOnly) {
          return;
        }
        set((s) => ({ past: [...s.past.slice(-(kHistoryLimit - 1)), snapshot(s)], future: [], coalesce: null }));
      },

      addNode(type, position, config = {}, splice) {
        const id = nextNodeId(type, new Set(get().nodes.map((n) => n.id)));
        const node: WeftNode = { id, type: 'weft', position, data: { type, config }, selected: true };
        commit((s) => {
          const edges = unselected(s.edges);
          return { nodes: [...unselected(s.nodes), node], edges: (splice && spliceEdges(edges, splice.edgeId, id, splice.outHandle)) || edges };
        });
        return id;
      },

      spliceEdge(splice, nodeId, withLastStep = false) {
        const s = get();
        const edges = spliceEdges(s.edges, splice.edgeId, nodeId, splice.outHandle);
        if (!edges || s.readOnly || !s.nodes.some((n) => n.id === nodeId)) {
          return false;
        }
        if (withLastStep) {
          set({ edges, revision: s.revision + 1, future: [] });
        } else {
          commit(() => ({ edges }));
        }
        return true;
      },

      duplicateSelection() {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        if (nodes.length === 0 || s.readOnly) {
          return 0;
        }
        commit((st) => clone(st, nodes, st.edges.filter((e) => ids.has(e.source) && ids.has(e.target))));
        return nodes.length;
      },

      connect(connection) {
        const { source, target } = connection;
        const handle = connection.sourceHandle ?? null;
        const s = get();
        if (!source || !target || source === target) {
          return false;
        }
        const id = edgeId(source, handle, target);
        if (s.edges.some((e) => e.id === id)) {
          return false;
        }
        const edge: WeftEdge = { id, source, target, sourceHandle: handle, type: 'weft' };
        commit((st) => ({ edges: [...st.edges, edge] }));
        return true;
      },

      deleteSelected() {
        const s = get();
        const nodeIds = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
        const edgeIds = new Set(s.edges.filter((e) => e.selected).map((e) => e.id));
        if (nodeIds.size === 0 && edgeIds.size === 0) {
          return;
        }
        commit((st) => removeElements(st, nodeIds, edgeIds));
      },

      deleteElements(nodeIds, edgeIds = []) {
        commit((s) => removeElements(s, new Set(nodeIds), new Set(edgeIds)));
      },

      updateNode(id, patch, coalesceKey) {
        commit(
          (s) => ({ nodes: s.nodes.map((n) => (n.id === id ? { ...n, data: { ...n.data, ...patch } } : n)) }),
          coalesceKey === undefined ? undefined : `${id}:${coalesceKey}`,
        );
      },

      renameNode(id, next) {
        const s = get();
        if (next === id) {
          return null;
        }
        if (!kNodeIdPattern.test(next)) {
          return 'Use letters, digits, _ and - (at most 128).';
        }
        if (s.nodes.some((n) => n.id === next)) {
          return `A block called ${next} already exists.`;
        }
        commit((st) => {
          const pinned = { ...st.pinned };
          if (pinned[id]) {
            pinned[next] = pinned[id];
            delete pinned[id];
          }
          return {
            nodes: st.nodes.map((n) => {
              const config = renameInValue(n.data.config, id, next) as JsonObject;
              return n.id === id ? { ...n, id: next, data: { ...n.data, config } } : { ...n, data: { ...n.data, config } };
            }),
            edges: st.edges.map((e) => {
              if (e.source !== id && e.target !== id) return e;
              const source = e.source === id ? next : e.source;
              const target = e.target === id ? next : e.target;
              return { ...e, source, target, id: edgeId(source, e.sourceHandle, target) };
            }),
            pinned,
          };
        });
        return null;
      },

      setMeta(patch) {
        commit((s) => ({ meta: { ...s.meta, ...patch } }), 'meta');
      },

      setSettings(settings) {
        if (sameSettings(get().meta.settings, settings)) {
          return;
        }
        commit((s) => {
          const { settings: _previous, ...meta } = s.meta;
          return { meta: settings ? { ...meta, settings } : meta };
        });
      },

      setPinned(id, output) {
        commit((s) => {
          const pinned = { ...s.pinned };
          if (output) {
            pinned[id] = output;
          } else {
            delete pinned[id];
          }
          return { pinned };
        });
      },

      select(nodeIds) {
        const want = new Set(nodeIds);
        set((s) => ({
          nodes: s.nodes.map((n) => (Boolean(n.selected) === want.has(n.id) ? n : { ...n, selected: want.has(n.id) })),
          edges: unselected(s.edges),
        }));
      },

      selectAll() {
        set((s) => ({
          nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })),
          edges: s.edges.map((e) => (e.selected ? e : { ...e, selected: true })),
        }));
      },

      undo() {
        const s = get();
        const previous = s.past[s.past.length - 1];
        if (!previous || s.readOnly) {
          return;
        }
        set({
          ...previous,
          past: s.past.slice(0, -1),
          future: [snapshot(s), ...s.future],
          coalesce: null,
          revision: s.revision + 1,
        });
      },

      redo() {
        const s = get();
        const next = s.future[0];
        if (!next || s.readOnly) {
          return;
        }
        set({
          ...next,
          past: [...s.past, snapshot(s)],
          future: s.future.slice(1),
          coalesce: null,
          revision: s.revision + 1,
        });
      },

      copySelection() {
        const s = get();
        const nodes = s.nodes.filter((n) => n.selected);
        const ids = new Set(nodes.map((n) => n.id));
        const edges = s.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
        if (nodes.length > 0) {
          set({ clipboard: { nodes, edges } });
        }
        return nodes.length;
      },

      paste() {
        const { clipboard } = get();
        if (!clipboard || clipboard.nodes.length === 0 || get().readOnly) {
          return 0;
        }
        commit((s) => clone(s, clipboard.nodes, clipboard.edges));
        // Pasting again offsets from the new copies.
        set((s) => ({ clipboard: { nodes: s.nodes.filter((n) => n.selected), edges: s.edges.filter((e) => e.selected) } }));
        return clipboard.nodes.length;
      },

      autoLayout() {
        const s = get();
        const positions = layeredLayout(
          s.nodes.map((n) => n.id),
          s.edges,
        );
        commit((st) => ({
          nodes: st.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
        }));
      },

      setProblems(problems, nodeIds, edgeIds) {
        set({ problems: indexProblems(problems, nodeIds, edgeIds) });
      },

      markSaved(version, revision) {
        set({ baseVersion: version, savedRevision: revision });
      },

      definition() {
        const s = get();
        return toDefinition(s.meta, s.nodes, s.edges, s.pinned, s.baseVersion);
      },
    };
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;

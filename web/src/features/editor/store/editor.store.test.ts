import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../../../shared/api/types';
import { createEditorStore } from './editor.store';

const triage: PipelineDefinition = {
  id: 'triage',
  name: 'Triage',
  version: 3,
  nodes: [
    { id: 'ticket', type: 'input_text', config: { name: 'text' }, position: { x: 0, y: 0 } },
    { id: 'urgent', type: 'condition', config: { if: "{{ 'down' in ticket.text }}" }, position: { x: 300, y: 0 } },
    { id: 'page', type: 'template', config: { template: 'Page: {{ ticket.text }}' }, position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: 'ticket', target: 'urgent' },
    { source: 'urgent', sourceHandle: 'true', target: 'page' },
  ],
};

function loaded() {
  const store = createEditorStore();
  store.getState().load(triage, 3);
  return store;
}

describe('editor store', () => {
  it('loads a definition and writes the same document back', () => {
    const store = loaded();
    const doc = store.getState().definition();
    expect(doc.nodes).toEqual(triage.nodes);
    expect(doc.edges).toEqual(triage.edges);
    expect(doc.version).toBe(3);
    expect(doc.pinned).toBeUndefined();
    expect(store.getState().revision).toBe(store.getState().savedRevision);
  });

  it('adds, connects and deletes, each one undo step', () => {
    const store = loaded();
    const s = () => store.getState();
    const id = s().addNode('output_text', { x: 900, y: 0 }, {});
    expect(id).toBe('output_text_1');
    expect(s().connect({ source: 'page', target: id, sourceHandle: null, targetHandle: null })).toBe(true);
    expect(s().connect({ source: 'page', target: id, sourceHandle: null, targetHandle: null })).toBe(false);
    expect(s().edges).toHaveLength(3);
    s().select([id]);
    s().deleteSelected();
    expect(s().nodes.map((n) => n.id)).toEqual(['ticket', 'urgent', 'page']);
    expect(s().edges).toHaveLength(2); // the edge into the deleted node went with it

    s().undo();
    expect(s().nodes).toHaveLength(4);
    expect(s().edges).toHaveLength(3);
    s().undo();
    expect(s().edges).toHaveLength(2);
    s().undo();
    expect(s().nodes).toHaveLength(3);
    s().redo();
    s().redo();
    expect(s().nodes).toHaveLength(4);
    expect(s().edges).toHaveLength(3);
    expect(s().revision).not.toBe(s().savedRevision);
  });

  it('keeps the sourceHandle of routing edges', () => {
    const store = loaded();
    store.getState().addNode('template', { x: 600, y: 200 }, { template: 'routine' });
    store.getState().connect({ source: 'urgent', sourceHandle: 'false', target: 'template_1', targetHandle: null });
    const edges = store.getState().definition().edges;
    expect(edges).toContainEqual({ source: 'urgent', sourceHandle: 'false', target: 'template_1' });
  });

  it('merges quick edits of one field into one undo step', () => {
    const store = loaded();
    const s = () => store.getState();
    s().updateNode('page', { config: { template: 'P' } }, 'config.template');
    s().updateNode('page', { config: { template: 'Pa' } }, 'config.template');
    s().updateNode('page', { config: { template: 'Pag' } }, 'config.template');
    expect(s().past).toHaveLength(1);
    s().undo();
    expect(s().nodes[2]?.data.config.template).toBe('Page: {{ ticket.text }}');
  });

  it('records a drag as one step through checkpoint', () => {
    const store = loaded();
    const s = () => store.getState();
    s().checkpoint();
    s().onNodesChange([{ id: 'page', type: 'position', position: { x: 610, y: 5 }, dragging: true }]);
    s().onNodesChange([{ id: 'page', type: 'position', position: { x: 700, y: 50 }, dragging: true }]);
    expect(s().nodes[2]?.position).toEqual({ x: 700, y: 50 });
    s().undo();
    expect(s().nodes[2]?.position).toEqual({ x: 600, y: 0 });
  });

  it('ignores selection in history and never removes through React Flow changes', () => {
    const store = loaded();
    store.getState().onNodesChange([{ id: 'page', type: 'select', selected: true }]);
    store.getState().onNodesChange([{ id: 'page', type: 'remove' }]);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().nodes).toHaveLength(3);
  });

  it('renames a node with its edges, pins and references', () => {
    const store = loaded();
    store.getState().setPinned('ticket', { text: 'pinned' });
    expect(store.getState().renameNode('ticket', 'bad id')).toMatch(/letters/);
    expect(store.getState().renameNode('ticket', 'urgent')).toMatch(/already exists/);
    expect(store.getState().renameNode('ticket', 'issue')).toBeNull();
    const doc = store.getState().definition();
    expect(doc.nodes[0]?.id).toBe('issue');
    expect(doc.edges[0]).toEqual({ source: 'issue', target: 'urgent' });
    expect(doc.nodes[1]?.config?.if).toBe("{{ 'down' in issue.text }}");
    expect(doc.nodes[2]?.config?.template).toBe('Page: {{ issue.text }}');
    expect(doc.pinned).toEqual({ issue: { text: 'pinned' } });
    store.getState().undo();
    expect(store.getState().definition().nodes[0]?.id).toBe('ticket');
  });

  it('copies and pastes the selection with fresh ids and inner edges', () => {
    const store = loaded();
    const s = () => store.getState();
    s().select(['urgent', 'page']);
    expect(s().copySelection()).toBe(2);
    expect(s().paste()).toBe(2);
    const ids = s().nodes.map((n) => n.id);
    expect(ids).toEqual(['ticket', 'urgent', 'page', 'condition_1', 'template_1']);
    expect(s().edges.at(-1)).toMatchObject({ source: 'condition_1', target: 'template_1', sourceHandle: 'true' });
    expect(s().nodes.at(-1)?.position).toEqual({ x: 640, y: 40 });
    expect(s().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['condition_1', 'template_1']);
    s().undo();
    expect(s().nodes).toHaveLength(3);
  });

  it('lays out by depth and undoes the layout', () => {
    const store = loaded();
    store.getState().autoLayout();
    const xs = store.getState().nodes.map((n) => n.position.x);
    expect(xs[0]).toBeLessThan(xs[1] ?? 0);
    expect(xs[1]).toBeLessThan(xs[2] ?? 0);
    store.getState().undo();
    expect(store.getState().nodes[1]?.position).toEqual({ x: 300, y: 0 });
  });

  it('files server problems under nodes by their pointer', () => {
    const store = loaded();
    store.getState().setProblems(
      [
        { pointer: '/nodes/2/config/template', message: 'unterminated' },
        { pointer: '/edges/1/sourceHandle', message: 'bad handle' },
        { pointer: '/name', message: 'too long' },
      ],
      ['ticket', 'urgent', 'page'],
      store.getState().edges.map((e) => e.id),
    );
    const p = store.getState().problems;
    expect(p.count).toBe(3);
    expect(p.byNode.page).toEqual([{ path: '/config/template', message: 'unterminated' }]);
    expect(Object.values(p.byEdge)).toEqual([['bad handle']]);
  });

  it('read-only stores refuse edits', () => {
    const store = createEditorStore({ readOnly: true });
    store.getState().load(triage, 3);
    store.getState().addNode('template', { x: 0, y: 0 });
    store.getState().deleteElements(['page']);
    expect(store.getState().nodes).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import type { PipelineDefinition } from '../../../shared/api/types';
import { createEditorStore } from './editor.store';

const doc: PipelineDefinition = {
  name: 'Split me',
  nodes: [
    { id: 'ticket', type: 'input_text', config: { name: 'text' }, position: { x: 0, y: 0 } },
    { id: 'urgent', type: 'condition', config: { if: '{{ ticket.text }}' }, position: { x: 300, y: 0 } },
    { id: 'page', type: 'template', config: { template: 'Page: {{ ticket.text }}' }, position: { x: 600, y: 0 } },
  ],
  edges: [
    { source: 'ticket', target: 'urgent' },
    { source: 'urgent', sourceHandle: 'true', target: 'page' },
  ],
};

function loaded() {
  const store = createEditorStore();
  store.getState().load(doc, 1);
  return store;
}
const links = (s: ReturnType<typeof loaded>) =>
  s.getState().definition().edges.map((e) => `${e.source}${e.sourceHandle ? `:${e.sourceHandle}` : ''}->${e.target}`);

describe('canvas tools in the store', () => {
  it('duplicates the selection and the edges inside it, beside it, without touching the clipboard', () => {
    const store = loaded();
    store.getState().select(['urgent', 'page']);
    expect(store.getState().duplicateSelection()).toBe(2);
    const s = store.getState();
    expect(s.nodes.map((n) => n.id)).toEqual(['ticket', 'urgent', 'page', 'condition_1', 'template_1']);
    expect(s.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['condition_1', 'template_1']);
    expect(s.nodes.find((n) => n.id === 'template_1')?.position).toEqual({ x: 640, y: 40 });
    expect(links(store)).toContain('condition_1:true->template_1');
    expect(s.clipboard).toBeNull();
    s.undo();
    expect(store.getState().nodes).toHaveLength(3);
  });

  it('adds a block onto an edge: source → block → target, one undo step', () => {
    const store = loaded();
    const edge = store.getState().edges.find((e) => e.target === 'page')!;
    const id = store.getState().addNode('template', { x: 450, y: 100 }, { template: 'x' }, { edgeId: edge.id, outHandle: null });
    expect(links(store)).toEqual(['ticket->urgent', `urgent:true->${id}`, `${id}->page`]);
    store.getState().undo();
    expect(links(store)).toEqual(['ticket->urgent', 'urgent:true->page']);
    expect(store.getState().nodes).toHaveLength(3);
  });

  it('splits an edge with a dragged block in the drag’s undo step', () => {
    const store = loaded();
    store.getState().addNode('template', { x: 0, y: 300 }, { template: 'x' });
    const before = store.getState().past.length;
    store.getState().checkpoint(); // the drag's step
    store.getState().onNodesChange([{ type: 'position', id: 'template_1', position: { x: 150, y: 0 } }]);
    const edge = store.getState().edges.find((e) => e.target === 'urgent')!;
    expect(store.getState().spliceEdge({ edgeId: edge.id, outHandle: null }, 'template_1', true)).toBe(true);
    expect(links(store)).toEqual(['urgent:true->page', 'ticket->template_1', 'template_1->urgent']);
    expect(store.getState().past.length).toBe(before + 1);
    store.getState().undo();
    expect(links(store)).toEqual(['ticket->urgent', 'urgent:true->page']);
    expect(store.getState().nodes.find((n) => n.id === 'template_1')?.position).toEqual({ x: 0, y: 300 });
  });

  it('does not split an edge with one of its own ends', () => {
    const store = loaded();
    const edge = store.getState().edges[0]!;
    expect(store.getState().spliceEdge({ edgeId: edge.id, outHandle: null }, 'ticket')).toBe(false);
    expect(links(store)).toEqual(['ticket->urgent', 'urgent:true->page']);
  });
});

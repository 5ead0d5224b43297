import { ReactFlowProvider } from '@xyflow/react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { NodeTypeDescriptor } from '../../../shared/api/types';
import { createRunStore } from '../run/run.store';
import { createEditorStore } from '../store/editor.store';
import { EditorProvider } from '../store/EditorContext';
import { Canvas } from './Canvas';

const descriptor = (type: string, category: string, outputs: string[] = []): NodeTypeDescriptor => ({
  type,
  category,
  title: type,
  description: '',
  icon: 'box',
  version: 1,
  config_schema: { type: 'object', properties: {} },
  output_example: {},
  inputs: category === 'Input' ? [] : ['in'],
  outputs,
  output_handles: outputs.map((name) => ({ name })),
  chosen_handle: outputs.length > 0 ? '/value' : null,
  run_inputs: [],
});

describe('Canvas', () => {
  it('draws each node with its status, problems and routing handles', () => {
    const store = createEditorStore();
    store.getState().load(
      {
        nodes: [
          { id: 'q', type: 'input_text', config: {} },
          { id: 'check', type: 'condition', config: { if: '{{ q.text }}' } },
        ],
        edges: [{ source: 'q', target: 'check' }],
      },
      1,
    );
    store.getState().setProblems([{ pointer: '/nodes/1/config/if', message: 'bad' }], ['q', 'check'], []);
    const run = createRunStore();
    run.getState().start('ex_1');
    run.getState().apply([
      { seq: 1, type: 'node.finished', execution_id: 'ex_1', node_id: 'q', data: { status: 'succeeded', duration_ms: 3, output: { text: 'yes' } } },
    ]);
    const catalogue = new Map([
      ['input_text', descriptor('input_text', 'Input')],
      ['condition', descriptor('condition', 'Logic', ['true', 'false'])],
    ]);
    render(
      <div style={{ width: 800, height: 600 }}>
        <EditorProvider value={{ store, run, catalogue }}>
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
        </EditorProvider>
      </div>,
    );
    expect(screen.getByTestId('node-q').getAttribute('data-status')).toBe('succeeded');
    expect(screen.getByTestId('node-preview-q').textContent).toBe('yes');
    expect(screen.getByTestId('node-problems-check').textContent).toBe('1');
    const handles = screen.getByTestId('node-check').querySelectorAll('.react-flow__handle.source');
    expect(Array.from(handles).map((h) => h.getAttribute('data-handleid'))).toEqual(['true', 'false']);
  });

  it('gives an output block no outgoing handle, and the blocks before it theirs', () => {
    const store = createEditorStore();
    store.getState().load(
      {
        nodes: [
          { id: 'q', type: 'input_text', config: {} },
          { id: 'out', type: 'output_text', config: { name: 'answer' } },
          { id: 'branchy', type: 'output_text', config: { name: 'other' }, on_error: 'branch' },
        ],
        edges: [{ source: 'q', target: 'out' }],
      },
      1,
    );
    const catalogue = new Map([
      ['input_text', descriptor('input_text', 'input')],
      ['output_text', descriptor('output_text', 'output')],
    ]);
    render(
      <div style={{ width: 800, height: 600 }}>
        <EditorProvider value={{ store, run: createRunStore(), catalogue }}>
          <ReactFlowProvider>
            <Canvas />
          </ReactFlowProvider>
        </EditorProvider>
      </div>,
    );
    const handles = (id: string, kind: string) => screen.getByTestId(`node-${id}`).querySelectorAll(`.react-flow__handle.${kind}`).length;
    expect(handles('q', 'source')).toBe(1);
    expect(handles('out', 'target')).toBe(1);
    expect(handles('out', 'source')).toBe(0);
    expect(handles('branchy', 'source')).toBe(0);
  });
});

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeAuth } from '../../../test/fakeAuth';
import { createRunStore } from '../run/run.store';
import { createEditorStore } from '../store/editor.store';
import { EditorProvider } from '../store/EditorContext';
import { EditorHeader } from './EditorHeader';

function header(role: string) {
  const store = createEditorStore({ readOnly: role === 'viewer' });
  store.getState().load({ id: 'greet', name: 'Greeting', nodes: [], edges: [] }, 1);
  render(
    <FakeAuth role={role}>
      <EditorProvider value={{ store, run: createRunStore(), catalogue: new Map() }}>
        <EditorHeader pipelineId="greet" tab="canvas" saving={false} running={false} onSave={() => {}} onRun={() => {}} onCancel={() => {}} onVersions={() => {}} />
      </EditorProvider>
    </FakeAuth>,
  );
}

describe('EditorHeader', () => {
  it('tells a viewer the canvas is read-only and why Save is off, and keeps Run', () => {
    header('viewer');
    expect(screen.getByTestId('read-only').textContent).toBe('Read-only — your role is viewer');
    const save = screen.getByTestId('save') as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Your role (viewer) may not build in this workspace');
    expect(screen.queryByRole('button', { name: /Undo/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Redo/ })).toBeNull();
    expect((screen.getByLabelText('Pipeline name') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByTestId('run') as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Versions' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('gives an editor everything to build with', () => {
    header('editor');
    expect(screen.queryByTestId('read-only')).toBeNull();
    expect((screen.getByTestId('save') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByRole('button', { name: /Undo/ })).toBeTruthy();
    expect((screen.getByLabelText('Pipeline name') as HTMLInputElement).readOnly).toBe(false);
  });
});

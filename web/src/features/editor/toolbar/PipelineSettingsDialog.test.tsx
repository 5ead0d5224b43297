import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PipelineSettings, PipelineSummary } from '../../../shared/api/types';
import { FakeApi } from '../../../test/fakeApi';
import { FakeAuth } from '../../../test/fakeAuth';
import { createRunStore } from '../run/run.store';
import { createEditorStore } from '../store/editor.store';
import { EditorProvider } from '../store/EditorContext';
import { EditorHeader } from './EditorHeader';

const summary = (id: string, name: string): PipelineSummary => ({
  id,
  name,
  description: '',
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  last_run_status: null,
});
/** The workspace's pipelines, this one among them. */
const kPipelines = [summary('greet', 'Greeting'), summary('alerts', 'Alerts'), summary('audit', 'Audit log')];

function editor({ role = 'editor', settings }: { role?: string; settings?: PipelineSettings } = {}) {
  const store = createEditorStore({ readOnly: role === 'viewer' });
  store.getState().load({ id: 'greet', name: 'Greeting', settings, nodes: [], edges: [] }, 1);
  render(
    <FakeApi api={{ listPipelines: () => Promise.resolve(kPipelines) }}>
      <FakeAuth role={role}>
        <EditorProvider value={{ store, run: createRunStore(), catalogue: new Map() }}>
          <EditorHeader pipelineId="greet" tab="canvas" saving={false} running={false} onSave={() => {}} onRun={() => {}} onCancel={() => {}} onVersions={() => {}} />
        </EditorProvider>
      </FakeAuth>
    </FakeApi>,
  );
  return store;
}

const openSettings = () => {
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  return screen.getByRole('dialog', { name: 'Pipeline settings' });
};
const field = (dialog: HTMLElement, label: string) => within(dialog).getByLabelText(label) as HTMLInputElement;
const type = (dialog: HTMLElement, label: string, value: string) => fireEvent.change(field(dialog, label), { target: { value } });
const apply = (dialog: HTMLElement) => within(dialog).getByRole('button', { name: 'Apply' }) as HTMLButtonElement;
/** The text a screen reader reads after the field's label. */
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');

describe('PipelineSettingsDialog', () => {
  it('shows a value out of range under its field, tied to it, and keeps Apply off until it fits', () => {
    const store = editor();
    const dialog = openSettings();
    type(dialog, 'Runs at once', '20000');
    const runs = field(dialog, 'Runs at once');
    expect(runs.getAttribute('aria-invalid')).toBe('true');
    expect(description(runs)).toContain('Enter a whole number from 1 to 10,000.');
    expect(apply(dialog).disabled).toBe(true);
    type(dialog, 'Priority', '-2000');
    expect(description(field(dialog, 'Priority'))).toContain('Enter a whole number from -1,000 to 1,000.');
    type(dialog, 'Runs at once', '2');
    type(dialog, 'Priority', '5');
    expect(runs.getAttribute('aria-invalid')).toBeNull();
    expect(description(runs)).toBe('Runs of this pipeline at the same time, 1 to 10,000; the rest wait in line. Empty: no limit.');
    expect(apply(dialog).disabled).toBe(false);
    expect(store.getState().definition().settings).toBeUndefined();
  });

  it('writes the settings into the document as an undoable edit, leaving defaults out', () => {
    const store = editor();
    const dialog = openSettings();
    expect(within(dialog).getByText('keeps no history, only counts')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('radio', { name: /Errors only/ }));
    type(dialog, 'Runs at once', '1');
    type(dialog, 'Run timeout (seconds)', '90');
    type(dialog, 'Blocks at once', '8');
    type(dialog, 'Priority', '0');
    fireEvent.click(apply(dialog));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().definition().settings).toEqual({ save_executions: 'errors', timeout_ms: 90_000, run_concurrency: 1 });
    expect(screen.getByTestId('save-state').textContent).toBe('Draft — unpublished changes');

    fireEvent.click(screen.getByRole('button', { name: /Undo/ }));
    expect(store.getState().definition().settings).toBeUndefined();
    fireEvent.click(screen.getByRole('button', { name: /Redo/ }));
    expect(store.getState().definition().settings).toEqual({ save_executions: 'errors', timeout_ms: 90_000, run_concurrency: 1 });
  });

  it("opens with the document's values, and putting everything back to default removes the settings", () => {
    const store = editor({ settings: { save_executions: 'none', run_concurrency: 3, priority: 7 } });
    const dialog = openSettings();
    expect((within(dialog).getByRole('radio', { name: /None/ }) as HTMLInputElement).checked).toBe(true);
    expect(field(dialog, 'Runs at once').value).toBe('3');
    expect(field(dialog, 'Priority').value).toBe('7');
    expect(field(dialog, 'Run timeout (seconds)').value).toBe('');
    fireEvent.click(within(dialog).getByRole('radio', { name: /All/ }));
    type(dialog, 'Runs at once', '');
    type(dialog, 'Priority', '');
    fireEvent.click(apply(dialog));
    expect('settings' in store.getState().definition()).toBe(false);
  });

  it('offers the other pipelines as the error pipeline, none by default, and writes the one chosen', async () => {
    const store = editor({ settings: { run_concurrency: 3 } });
    const dialog = openSettings();
    const select = within(dialog).getByLabelText('Error pipeline') as HTMLSelectElement;
    expect(select.value).toBe('');
    await waitFor(() => expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'Alerts (alerts)', 'Audit log (audit)']));
    fireEvent.change(select, { target: { value: 'audit' } });
    fireEvent.click(apply(dialog));
    expect(store.getState().definition().settings).toEqual({ run_concurrency: 3, error_pipeline: 'audit' });

    const again = openSettings();
    const chosen = within(again).getByLabelText('Error pipeline') as HTMLSelectElement;
    expect(chosen.value).toBe('audit');
    fireEvent.change(chosen, { target: { value: '' } });
    fireEvent.click(apply(again));
    expect(store.getState().definition().settings).toEqual({ run_concurrency: 3 });
  });

  it('changes nothing when applied as it was', () => {
    const store = editor({ settings: { run_concurrency: 3 } });
    fireEvent.click(apply(openSettings()));
    expect(screen.getByTestId('save-state').textContent).toBe('Published · version 1');
    expect(store.getState().past).toHaveLength(0);
  });

  it('shows a viewer the settings without a way to change them', () => {
    editor({ role: 'viewer', settings: { run_concurrency: 3 } });
    const dialog = openSettings();
    expect(field(dialog, 'Runs at once').value).toBe('3');
    expect(field(dialog, 'Runs at once').disabled).toBe(true);
    expect((within(dialog).getByRole('radio', { name: /All/ }) as HTMLInputElement).disabled).toBe(true);
    expect(within(dialog).queryByRole('button', { name: 'Apply' })).toBeNull();
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("lists the server's problem in the settings by its name and opens the settings from it", () => {
    const store = editor({ settings: { run_concurrency: 0 } });
    act(() => store.getState().setProblems([{ pointer: '/settings/run_concurrency', message: 'must be at least 1' }], [], []));
    fireEvent.click(screen.getByTestId('problems'));
    const problem = screen.getByRole('button', { name: /Pipeline settings → Runs at once/ });
    expect(problem.textContent).toContain('must be at least 1');
    fireEvent.click(problem);
    const dialog = screen.getByRole('dialog', { name: 'Pipeline settings' });
    expect(description(field(dialog, 'Runs at once'))).toContain('Enter a whole number from 1 to 10,000.');
  });
});

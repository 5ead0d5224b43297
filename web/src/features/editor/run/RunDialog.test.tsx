import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FileValue, JsonObject } from '../../../shared/api/types';
import { FakeApi } from '../../../test/fakeApi';
import { RunDialog } from './RunDialog';
import type { RunInputField } from './runInputs';

const fields: RunInputField[] = [
  { name: 'question', label: 'Question', kind: 'text', required: true, nodeId: 'question' },
  { name: 'doc', label: 'Report', kind: 'file', required: true, accept: ['.csv'], maxBytes: 1024, nodeId: 'doc' },
];
const stored: FileValue = { id: 'file_9', name: 'sales.csv', mime: 'text/csv', size: 12, sha256: 'ab' };

function dialog(previous?: JsonObject) {
  const uploadFiles = vi.fn(async (files: File[]) => files.map((f) => ({ ...stored, name: f.name, size: f.size })));
  const onRun = vi.fn();
  render(
    <FakeApi api={{ uploadFiles }}>
      <RunDialog fields={fields} previous={previous} busy={false} error={null} onRun={onRun} onClose={() => {}} />
    </FakeApi>,
  );
  const choose = (...files: File[]) => fireEvent.change(screen.getByLabelText(/Report/), { target: { files } });
  const run = () => fireEvent.click(screen.getByTestId('run-submit'));
  return { uploadFiles, onRun, choose, run };
}

describe('RunDialog file fields', () => {
  it('offers a file picker limited to the types the input takes, with its size limit', () => {
    dialog();
    const input = screen.getByLabelText(/Report/) as HTMLInputElement;
    expect([input.type, input.accept, input.multiple]).toEqual(['file', '.csv', false]);
    expect(screen.getByText('.csv · up to 1.0 KB')).toBeTruthy();
  });

  it('refuses a file too large before uploading anything, naming the field', async () => {
    const { uploadFiles, onRun, choose, run } = dialog();
    fireEvent.change(screen.getByLabelText(/Question/), { target: { value: 'Totals?' } });
    choose(new File([new Uint8Array(4096)], 'huge.csv', { type: 'text/csv' }));
    expect(screen.getByRole('alert').textContent).toBe('Report: huge.csv is 4.0 KB; at most 1.0 KB is allowed.');
    run();
    await new Promise((r) => setTimeout(r, 0));
    expect(uploadFiles).not.toHaveBeenCalled();
    expect(onRun).not.toHaveBeenCalled();
  });

  it('uploads the chosen file when the user runs, and runs with its file value', async () => {
    const { uploadFiles, onRun, choose, run } = dialog();
    fireEvent.change(screen.getByLabelText(/Question/), { target: { value: 'Totals?' } });
    const csv = new File(['a,b\r\n1,2\r\n'], 'sales.csv', { type: 'text/csv' });
    choose(csv);
    expect(screen.getByText('sales.csv · 10 B')).toBeTruthy();
    run();
    await waitFor(() => expect(onRun).toHaveBeenCalledTimes(1));
    expect(uploadFiles).toHaveBeenCalledWith([csv]);
    expect(onRun).toHaveBeenCalledWith({ question: 'Totals?', doc: { ...stored, size: 10 } });
  });

  it('reuses the last run’s file until another is chosen, and says which', async () => {
    const { uploadFiles, onRun, run } = dialog({ question: 'Again', doc: stored });
    expect(screen.getByText('Last run’s file: sales.csv · 12 B')).toBeTruthy();
    run();
    await waitFor(() => expect(onRun).toHaveBeenCalledWith({ question: 'Again', doc: stored }));
    expect(uploadFiles).not.toHaveBeenCalled();
  });

  it('says so when the upload fails, and does not run', async () => {
    const { uploadFiles, onRun, choose, run } = dialog({ question: 'Q' });
    uploadFiles.mockRejectedValueOnce(new Error('413: the body is larger than 10 MB'));
    choose(new File(['x'], 'a.csv'));
    run();
    await screen.findByText('The files could not be uploaded: 413: the body is larger than 10 MB');
    expect(onRun).not.toHaveBeenCalled();
  });
});

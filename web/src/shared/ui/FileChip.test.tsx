import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileValue } from '../api/types';
import { FakeApi } from '../../test/fakeApi';
import { FileDownloads } from './FileChip';
import { filesIn, isFileValue } from './fileValue';
import { useToasts } from './toast.store';

const csv: FileValue = { id: 'file_1', name: 'totals.csv', mime: 'text/csv', size: 1536, sha256: 'ab' };
const pdf: FileValue = { id: 'file_2', name: 'report.pdf', mime: 'application/pdf', size: 20, sha256: 'cd' };

afterEach(() => vi.restoreAllMocks());

describe('file values', () => {
  it('finds the file values in an output, each once, and nothing in look-alikes', () => {
    expect(isFileValue({ ...csv, id: 'ex_1' })).toBe(false);
    expect(isFileValue({ id: 'file_1', name: 'a' })).toBe(false);
    expect(filesIn({ report: { file: csv }, input: { file: csv, files: [csv, pdf] }, text: 'file_1' })).toEqual([csv, pdf]);
    expect(filesIn({ text: 'hi' })).toEqual([]);
  });
});

describe('FileDownloads', () => {
  it('shows a chip per file that downloads its bytes with the token and saves them under its name', async () => {
    const blob = new Blob(['a,b\r\n'], { type: 'text/csv' });
    const downloadFile = vi.fn(async () => blob);
    const createObjectURL = vi.fn(() => 'blob:weft/1');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    render(
      <FakeApi api={{ downloadFile }}>
        <FileDownloads value={{ report: { file: csv }, other: pdf }} />
      </FakeApi>,
    );
    const chip = screen.getByRole('button', { name: /totals\.csv/ });
    expect(chip.textContent).toBe('totals.csv1.5 KB');
    expect(screen.getAllByRole('button')).toHaveLength(2);
    fireEvent.click(chip);
    await waitFor(() => expect(saved).toEqual([{ href: 'blob:weft/1', download: 'totals.csv' }]));
    expect(downloadFile).toHaveBeenCalledWith('file_1');
    expect(createObjectURL).toHaveBeenCalledWith(blob);
  });

  it('shows nothing for an output without files, and says so when a download fails', async () => {
    const { container } = render(
      <FakeApi api={{ downloadFile: () => Promise.reject(new Error('no file `file_1`')) }}>
        <FileDownloads value={{ text: 'hi' }} />
        <FileDownloads value={csv} />
      </FakeApi>,
    );
    expect(container.querySelectorAll('[data-testid=file-downloads]')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: /totals\.csv/ }));
    await waitFor(() => expect(useToasts.getState().toasts.at(-1)?.message).toBe('Download of totals.csv failed: no file `file_1`'));
  });
});

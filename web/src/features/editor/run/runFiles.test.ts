import { describe, expect, it, vi } from 'vitest';
import type { FileValue } from '../../../shared/api/types';
import { accepts, checkFiles, withUploads } from './runFiles';
import type { RunInputField } from './runInputs';

const field = (name: string, extra: Partial<RunInputField> = {}): RunInputField => ({
  name,
  label: name,
  kind: 'file',
  required: true,
  nodeId: name,
  ...extra,
});
const file = (name: string, bytes: number, type = '') => new File([new Uint8Array(bytes)], name, { type });
const stored = (id: string, name: string): FileValue => ({ id, name, mime: 'text/csv', size: 3, sha256: 'ab' });

describe('run form files', () => {
  it('takes a file by extension, MIME family or exact type, as the server does', () => {
    expect(accepts(undefined, file('a.bin', 1))).toBe(true);
    expect(accepts(['.csv'], file('REPORT.CSV', 1))).toBe(true);
    expect(accepts(['text/*'], file('a', 1, 'text/plain'))).toBe(true);
    expect(accepts(['application/pdf'], file('a.pdf', 1, 'application/pdf'))).toBe(true);
    expect(accepts(['.csv', 'text/*'], file('photo.png', 1, 'image/png'))).toBe(false);
  });

  it('names the field by its label when a file is missing, too large or of a type it does not take', () => {
    const fields = [
      field('doc', { label: 'Report', maxBytes: 1024 }),
      field('pics', { label: 'Pictures', accept: ['image/*'], multiple: true }),
      field('notes', { label: 'Notes', required: false }),
      field('kept', { label: 'Kept' }),
    ];
    const problems = checkFiles(
      fields,
      { doc: [file('big.csv', 2048)], pics: [file('a.png', 5, 'image/png'), file('b.txt', 5, 'text/plain')] },
      { kept: stored('file_1', 'old.csv') },
    );
    expect(problems).toEqual({
      doc: 'Report: big.csv is 2.0 KB; at most 1.0 KB is allowed.',
      pics: 'Pictures: b.txt is not a type it takes (image/*).',
    });
    expect(checkFiles([field('doc', { label: 'Report' })], {}, {})).toEqual({ doc: 'Report: choose a file.' });
  });

  it('uploads each field’s files and runs with their file values: one, or a list for a multiple input', async () => {
    const upload = vi.fn(async (files: File[]) => files.map((f, i) => stored(`file_${f.name}_${i}`, f.name)));
    const inputs = await withUploads(
      [field('doc'), field('pics', { multiple: true }), field('kept'), { ...field('q'), kind: 'text' }],
      { doc: [file('a.csv', 3)], pics: [file('x.png', 1), file('y.png', 1)] },
      { q: 'hello', kept: stored('file_old', 'old.csv') },
      upload,
    );
    expect(upload).toHaveBeenCalledTimes(2);
    expect(inputs).toEqual({
      q: 'hello',
      doc: stored('file_a.csv_0', 'a.csv'),
      pics: [stored('file_x.png_0', 'x.png'), stored('file_y.png_1', 'y.png')],
      kept: stored('file_old', 'old.csv'),
    });
  });
});

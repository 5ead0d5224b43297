import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app/App';
import type { PublicForm } from '../../shared/api/triggerTypes';
import { FakeApi } from '../../test/fakeApi';
import { fakeFetch, invalid, type FakeAnswer } from '../../test/fakeFetch';
import FormPage from './FormPage';

const kForm: PublicForm = {
  title: 'Summarise a report',
  description: 'Upload a report and get its summary.',
  submit_label: 'Summarise',
  fields: [
    { name: 'topic', label: 'Topic', kind: 'text', required: true, description: 'What it is about' },
    { name: 'notes', label: 'Notes', kind: 'long_text', required: false },
    { name: 'pages', label: 'Pages', kind: 'number', required: false, default: 3 },
    { name: 'urgent', label: 'Urgent', kind: 'boolean', required: false },
    { name: 'tone', label: 'Tone', kind: 'choice', required: true, options: ['plain', 'formal'] },
    { name: 'report', label: 'Report', kind: 'file', required: true, accept: ['application/pdf', '.txt'], max_bytes: 1024 },
  ],
};

function server(answer: (form: FormData) => FakeAnswer, get: FakeAnswer = [200, kForm]) {
  return fakeFetch({
    'GET /api/forms/:token': () => get,
    'POST /api/forms/:token': (r) => answer(r.body as FormData),
  });
}

function page(fake: ReturnType<typeof server>) {
  render(
    <FakeApi api={fake.api}>
      <FormPage token="tok_1" />
    </FakeApi>,
  );
}

/** Fills the required fields; the report is a small text file. */
async function fill() {
  fireEvent.change(await screen.findByLabelText(/Topic/), { target: { value: 'Q3 sales' } });
  fireEvent.change(screen.getByLabelText(/Tone/), { target: { value: 'formal' } });
  fireEvent.click(screen.getByLabelText('Urgent'));
  const file = new File(['revenue up'], 'q3.txt', { type: 'text/plain' });
  fireEvent.change(screen.getByLabelText(/Report/), { target: { files: [file] } });
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

describe('the public form page', () => {
  it('sends the fields as multipart (files as parts) and shows the outputs readably', async () => {
    const fake = server(() => [
      200,
      { execution_id: 'ex_1', status: 'succeeded', outputs: { summary: 'Revenue is up.\nCosts are flat.', rows: [{ region: 'EU', total: 3 }, { region: 'US', total: 5 }] } },
    ]);
    page(fake);
    expect(await screen.findByRole('heading', { name: 'Summarise a report' })).toBeTruthy();
    expect(screen.getByText('Upload a report and get its summary.')).toBeTruthy();
    expect((screen.getByLabelText(/Pages/) as HTMLInputElement).value).toBe('3');
    const report = screen.getByLabelText(/Report/) as HTMLInputElement;
    expect(report.accept).toBe('application/pdf,.txt');
    expect(document.getElementById(report.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Up to 1.0 KB.');
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Summarise' }));

    const answer = await screen.findByTestId('form-answer');
    const sent = fake.sent('POST', '/api/forms/tok_1')[0]?.body as FormData;
    expect(sent).toBeInstanceOf(FormData);
    expect(Object.fromEntries([...sent.entries()].filter(([, v]) => typeof v === 'string'))).toEqual({
      topic: 'Q3 sales',
      pages: '3',
      urgent: 'true',
      tone: 'formal',
    });
    const part = sent.get('report') as File;
    expect(part.name).toBe('q3.txt');
    expect(await part.text()).toBe('revenue up');
    expect(sent.has('notes')).toBe(false);

    expect(within(answer).getByText(/Revenue is up\./).textContent).toBe('Revenue is up.\nCosts are flat.');
    const table = within(answer).getByRole('table');
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['regiontotal', 'EU3', 'US5']);
  });

  it('says thank you with the server message when the run is queued (202)', async () => {
    page(server(() => [202, { execution_id: 'ex_2', status: 'queued', message: 'Thanks! We will email you the summary.' }]));
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Summarise' }));
    const answer = await screen.findByTestId('form-answer');
    expect(within(answer).getByRole('heading').textContent).toBe('Thank you');
    expect(within(answer).getByText('Thanks! We will email you the summary.')).toBeTruthy();
  });

  it("shows the server's problems under the fields they point at and focuses the first", async () => {
    page(server(() => invalid('2 fields are not valid', [
      { pointer: '/report', message: 'the type text/plain is not accepted' },
      { pointer: '/topic', message: 'too short' },
    ])));
    await fill();
    fireEvent.click(screen.getByRole('button', { name: 'Summarise' }));
    await screen.findByText('the type text/plain is not accepted');
    const topic = screen.getByLabelText(/Topic/);
    expect(topic.getAttribute('aria-invalid')).toBe('true');
    expect(topic.getAttribute('aria-describedby')).toContain('field-topic-error');
    expect(document.getElementById('field-topic-error')?.textContent).toBe('too short');
    await waitFor(() => expect(document.activeElement).toBe(topic));
    expect(screen.getByRole('alert').textContent).toBe('Please correct the fields marked below.');
  });

  it('checks required fields and file sizes before sending anything', async () => {
    const fake = server(() => [200, { execution_id: 'ex_3', status: 'succeeded', outputs: {} }]);
    page(fake);
    await screen.findByRole('heading', { name: 'Summarise a report' });
    const big = new File(['x'.repeat(2048)], 'big.pdf', { type: 'application/pdf' });
    fireEvent.change(screen.getByLabelText(/Report/), { target: { files: [big] } });
    fireEvent.click(screen.getByRole('button', { name: 'Summarise' }));
    expect(await screen.findByText('big.pdf is larger than 1.0 KB.')).toBeTruthy();
    expect(document.getElementById('field-topic-error')?.textContent).toBe('This field is required.');
    expect(fake.sent('POST', '/api/forms/tok_1')).toHaveLength(0);
  });

  it('explains a closed form (410) and a missing one (404) instead of an error', async () => {
    page(server(() => [500, null], [410, { error: { code: 'gone', message: 'form expired' } }]));
    expect(await screen.findByRole('heading', { name: 'This form is closed' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('opens at /f/{token} without signing in: the app never asks who the caller is', async () => {
    const fake = server(() => [500, null], [404, { error: { code: 'not_found', message: 'no such form' } }]);
    vi.stubGlobal('fetch', fake.fetch);
    window.history.replaceState(null, '', '/f/tok_missing');
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'This form does not exist' })).toBeTruthy();
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/forms/tok_missing']);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });
});

import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Json, JsonObject, JsonSchema } from '../../../shared/api/types';
import type { NodeProblem } from '../model/problems';
import { FakeApi } from '../../../test/fakeApi';
import { SchemaForm } from './SchemaForm';

const schema: JsonSchema = {
  type: 'object',
  required: ['url', 'template'],
  properties: {
    url: { type: 'string', minLength: 1 },
    template: { type: 'string', 'x-weft-widget': 'template' },
    timeout_ms: { type: 'integer', minimum: 1, default: 30000 },
    temperature: { type: 'number' },
    method: { enum: ['GET', 'POST'], default: 'GET' },
    follow: { type: 'boolean', default: false },
    headers: { type: 'object' },
    model: { type: 'string', 'x-weft-widget': 'model' },
  },
};

function Harness({ onChange, problems }: { onChange: (name: string, value: Json | undefined) => void; problems?: NodeProblem[] }) {
  const [value, setValue] = useState<JsonObject>({ url: 'https://example.org', template: '' });
  return (
    <FakeApi api={{ listModels: () => Promise.resolve([{ id: 'llama3' }]) }}>
    <SchemaForm
      idPrefix="t"
      schema={schema}
      value={value}
      problems={problems}
      completions={[
        { label: 'ticket.text', detail: 'Text input · "Hello"' },
        { label: 'ticket', detail: 'Text input · output' },
      ]}
      onChange={(name, v) => {
        onChange(name, v);
        setValue((old) => {
          const next = { ...old };
          if (v === undefined) delete next[name];
          else next[name] = v;
          return next;
        });
      }}
    />
    </FakeApi>
  );
}

describe('SchemaForm', () => {
  it('renders the control each schema asks for', () => {
    render(<Harness onChange={() => {}} />);
    expect((screen.getByLabelText(/^Url/) as HTMLInputElement).type).toBe('text');
    expect(screen.getByLabelText(/^Template/).tagName).toBe('TEXTAREA');
    expect(screen.getByLabelText(/^Template/).getAttribute('role')).toBe('combobox');
    expect((screen.getByLabelText('Timeout (ms)') as HTMLInputElement).type).toBe('number');
    expect(screen.getByLabelText('Method').tagName).toBe('SELECT');
    expect(screen.getByLabelText('Follow').getAttribute('role')).toBe('switch');
    expect(screen.getByLabelText('Headers').tagName).toBe('TEXTAREA');
    expect((screen.getByLabelText('Model') as HTMLInputElement).getAttribute('list')).toBeTruthy();
  });

  it('emits typed values', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Timeout (ms)'), { target: { value: '1500' } });
    expect(onChange).toHaveBeenLastCalledWith('timeout_ms', 1500);
    fireEvent.change(screen.getByLabelText('Temperature'), { target: { value: '0.7' } });
    expect(onChange).toHaveBeenLastCalledWith('temperature', 0.7);
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: '1' } });
    expect(onChange).toHaveBeenLastCalledWith('method', 'POST');
    fireEvent.click(screen.getByLabelText('Follow'));
    expect(onChange).toHaveBeenLastCalledWith('follow', true);
    fireEvent.change(screen.getByLabelText('Headers'), { target: { value: '{"x-a": "1"}' } });
    expect(onChange).toHaveBeenLastCalledWith('headers', { 'x-a': '1' });
    fireEvent.change(screen.getByLabelText('Temperature'), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith('temperature', undefined);
  });

  it('shows a JSON parse error and keeps the last good value', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    fireEvent.change(screen.getByLabelText('Headers'), { target: { value: '{"x-a": ' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByText(/Not valid JSON/)).toBeTruthy();
  });

  it('shows each server problem under its field', () => {
    render(
      <Harness
        onChange={() => {}}
        problems={[
          { path: '/config/url', message: 'String should be no fewer than 1 characters in length.' },
          { path: '/config', message: "Missing required property 'template'." },
        ]}
      />,
    );
    const url = document.querySelector('[data-field="t-url"]') as HTMLElement;
    expect(url.textContent).toContain('no fewer than 1 characters');
    expect(screen.getByLabelText(/^Url/).getAttribute('aria-invalid')).toBe('true');
    const template = document.querySelector('[data-field="t-template"]') as HTMLElement;
    expect(template.textContent).toContain("Missing required property 'template'");
    const method = document.querySelector('[data-field="t-method"]') as HTMLElement;
    expect(method.querySelector('[data-problem]')).toBeNull();
  });

  it('completes upstream outputs after {{', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const area = screen.getByLabelText(/^Template/) as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: 'Hi {{ tic', selectionStart: 9 } });
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'ticket.textText input · "Hello"',
      'ticketText input · output',
    ]);
    fireEvent.keyDown(area, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith('template', 'Hi {{ ticket.text }}');
  });
});

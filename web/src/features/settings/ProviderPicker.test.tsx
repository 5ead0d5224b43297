import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Provider } from '../../shared/api/accountTypes';
import type { WeftApi } from '../../shared/api/weftApi';
import { FakeApi } from '../../test/fakeApi';
import { providerChoices, ProviderPicker } from './ProviderPicker';

const server = (name: string): Provider => ({ name, kind: 'ollama', source: 'server' });
const own = (name: string): Provider => ({ name, kind: 'openai', base_url: 'https://llm.example.com/v1', credential: '', has_api_key: false, source: 'workspace' });

function Harness({ listProviders, initial = '', onChange }: { listProviders: WeftApi['listProviders']; initial?: string; onChange?: (v: string | undefined) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <FakeApi api={{ listProviders }}>
      <label htmlFor="p">Provider</label>
      <ProviderPicker
        id="p"
        value={value}
        fallback="ollama"
        invalid={false}
        onChange={(v) => {
          onChange?.(v);
          setValue(v ?? '');
        }}
      />
    </FakeApi>
  );
}

describe('ProviderPicker', () => {
  it('offers the configured providers, with the default chosen when none is', async () => {
    const onChange = vi.fn();
    render(<Harness listProviders={() => Promise.resolve([server('ollama'), server('gpu-box')])} onChange={onChange} />);
    const select = (await screen.findByRole('combobox', { name: 'Provider' })) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['ollama (server)', 'gpu-box (server)']);
    expect(select.value).toBe('ollama');
    fireEvent.change(select, { target: { value: 'gpu-box' } });
    expect(onChange).toHaveBeenLastCalledWith('gpu-box');
    fireEvent.change(select, { target: { value: 'ollama' } });
    expect(onChange).toHaveBeenLastCalledWith(undefined); // the default is not written out
  });

  it('keeps a provider that is no longer configured visible, marked', async () => {
    render(<Harness initial="old-box" listProviders={() => Promise.resolve([server('ollama')])} />);
    const select = (await screen.findByRole('combobox', { name: 'Provider' })) as HTMLSelectElement;
    expect(select.value).toBe('old-box');
    expect(screen.getByRole('option', { name: 'old-box (not configured)' })).toBeTruthy();
    expect(select.getAttribute('aria-invalid')).toBe('true');
  });

  it("offers both levels' names once, this workspace's first: its own replaces a server one of the same name", async () => {
    const onChange = vi.fn();
    render(<Harness initial="lab" listProviders={() => Promise.resolve([own('lab'), own('ollama'), server('ollama'), server('gpu-box')])} onChange={onChange} />);
    const select = (await screen.findByRole('combobox', { name: 'Provider' })) as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => [o.value, o.textContent])).toEqual([
      ['lab', 'lab (workspace)'],
      ['ollama', 'ollama (workspace)'],
      ['gpu-box', 'gpu-box (server)'],
    ]);
    expect(select.value).toBe('lab');
    expect(select.getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(select, { target: { value: 'gpu-box' } });
    expect(onChange).toHaveBeenLastCalledWith('gpu-box');
  });

  it('lists a name once even when the server repeats it', () => {
    expect(providerChoices([server('ollama'), server('ollama'), own('x'), own('x')])).toEqual([
      { name: 'x', level: 'workspace' },
      { name: 'ollama', level: 'server' },
    ]);
  });

  it('lets the name be typed when the list cannot be read', async () => {
    const onChange = vi.fn();
    const listProviders = vi.fn(() => Promise.reject(new Error('forbidden')));
    render(<Harness listProviders={listProviders} onChange={onChange} />);
    await vi.waitFor(() => expect(listProviders).toHaveBeenCalled());
    const input = screen.getByRole('textbox', { name: 'Provider' });
    fireEvent.change(input, { target: { value: 'lab' } });
    expect(onChange).toHaveBeenLastCalledWith('lab');
  });
});

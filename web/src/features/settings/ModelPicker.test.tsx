import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../shared/api/client';
import type { WeftApi } from '../../shared/api/weftApi';
import { FakeApi } from '../../test/fakeApi';
import { ModelPicker } from './ModelPicker';

function Harness({ listModels, onChange }: { listModels: WeftApi['listModels']; onChange?: (v: string | undefined) => void }) {
  const [value, setValue] = useState('');
  return (
    <FakeApi api={{ listModels }}>
      <label htmlFor="m">Model</label>
      <ModelPicker
        id="m"
        provider="ollama"
        value={value}
        invalid={false}
        onChange={(v) => {
          onChange?.(v);
          setValue(v ?? '');
        }}
      />
    </FakeApi>
  );
}

describe('ModelPicker', () => {
  it('says it is loading, then offers the provider models', async () => {
    let answer: (items: { id: string }[]) => void = () => {};
    const listModels = vi.fn(() => new Promise<{ id: string }[]>((resolve) => (answer = resolve)));
    render(<Harness listModels={listModels} />);
    expect(screen.getByTestId('models-loading').textContent).toMatch(/Asking ollama/);
    expect(listModels).toHaveBeenCalledWith('ollama', expect.any(AbortSignal));
    answer([{ id: 'llama3' }, { id: 'qwen2.5' }]);
    await screen.findByText(/2 models from ollama/);
    const options = Array.from(document.querySelectorAll('datalist option')).map((o) => o.getAttribute('value'));
    expect(options).toEqual(['llama3', 'qwen2.5']);
  });

  it('shows the provider error readably and still takes free text', async () => {
    const message = 'cannot reach Ollama at http://127.0.0.1:11434 — is Ollama running? (connection refused)';
    const listModels = vi.fn(() => Promise.reject(new ApiError(502, 'provider_unreachable', message, [], null)));
    const onChange = vi.fn();
    render(<Harness listModels={listModels} onChange={onChange} />);
    const error = await screen.findByTestId('models-error');
    expect(error.textContent).toContain(message);
    expect(error.textContent).toMatch(/still type a model name/);
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'my-own-model' } });
    expect(onChange).toHaveBeenLastCalledWith('my-own-model');
    expect((screen.getByLabelText('Model') as HTMLInputElement).value).toBe('my-own-model');
    const before = listModels.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(listModels).toHaveBeenCalledTimes(before + 1);
  });
});

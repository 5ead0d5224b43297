import { useEffect, useId, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { ModelInfo } from '../../shared/api/accountTypes';
import { inputClass } from '../editor/form/Field';

type Answer = { key: string; items: ModelInfo[]; message: null } | { key: string; items: null; message: string };
type Models = { state: 'loading' } | { state: 'ready'; items: ModelInfo[] } | { state: 'error'; message: string };

/**
 * The model of an LLM block (`x-weft-widget: model`): free text with the
 * provider's live model list as suggestions. When the provider cannot be
 * reached its message is shown and typing a name still works.
 */
export function ModelPicker({
  id,
  provider,
  value,
  invalid,
  onChange,
}: {
  id: string;
  provider: string;
  value: string;
  invalid: boolean;
  onChange: (value: string | undefined) => void;
}) {
  const api = useApi();
  const listId = useId();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [attempt, setAttempt] = useState(0);
  const key = `${provider}#${attempt}`;

  useEffect(() => {
    const abort = new AbortController();
    api
      .listModels(provider, abort.signal)
      .then((items) => setAnswer({ key, items, message: null }))
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setAnswer({ key, items: null, message: (e as Error).message });
      });
    return () => abort.abort();
  }, [api, provider, key]);

  let models: Models = { state: 'loading' };
  if (answer?.key === key) models = answer.items ? { state: 'ready', items: answer.items } : { state: 'error', message: answer.message ?? '' };

  const items = models.state === 'ready' ? models.items : [];
  return (
    <div className="flex flex-col gap-1">
      <input
        id={id}
        type="text"
        list={listId}
        value={value}
        aria-invalid={invalid}
        placeholder={models.state === 'loading' ? 'Loading models…' : items[0]?.id ?? 'Type a model name'}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        className={inputClass(invalid)}
      />
      <datalist id={listId}>
        {items.map((m) => (
          <option key={m.id} value={m.id} />
        ))}
      </datalist>
      {models.state === 'loading' ? (
        <p className="text-[11px] text-muted" data-testid="models-loading">
          Asking {provider} for its models…
        </p>
      ) : null}
      {models.state === 'ready' ? (
        <p className="text-[11px] text-muted">
          {items.length === 0 ? `${provider} has no models yet; type a name.` : `${items.length} models from ${provider}; pick one or type a name.`}
        </p>
      ) : null}
      {models.state === 'error' ? (
        <p role="status" className="text-[11px] leading-4 text-warning" data-testid="models-error">
          {models.message}{' '}
          <button type="button" className="underline" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
          . You can still type a model name.
        </p>
      ) : null}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { Provider } from '../../shared/api/accountTypes';
import { cn } from '../../shared/lib/cn';
import { inputClass } from '../editor/form/Field';
import { TextInput } from '../editor/form/controls';

/** Where a name a block can use is configured: the workspace's own wins over the server's. */
export interface ProviderChoice {
  name: string;
  level: 'workspace' | 'server';
}

/** The names a block can pick, each once: this workspace's first, then the server's it does not replace. */
export function providerChoices(items: Provider[]): ProviderChoice[] {
  const own = items.filter((p) => p.source === 'workspace').map((p) => p.name);
  const server = items.filter((p) => p.source !== 'workspace' && !own.includes(p.name)).map((p) => p.name);
  const unique = (names: string[]) => names.filter((n, i) => names.indexOf(n) === i);
  return [
    ...unique(own).map((name) => ({ name, level: 'workspace' as const })),
    ...unique(server).map((name) => ({ name, level: 'server' as const })),
  ];
}

/**
 * The provider of an LLM block (`x-weft-widget: provider`): a choice among
 * the configured providers, so a typo cannot name one that does not exist.
 * Each says whether it is this workspace's or the server's (a block looks
 * the name up in the workspace first, so a name is offered once).
 * A name no longer configured stays visible and says so; while the list is
 * unknown (loading, or it could not be read) the name can be typed.
 */
export function ProviderPicker({
  id,
  value,
  fallback,
  invalid,
  onChange,
}: {
  id: string;
  value: string;
  /** The provider used when none is chosen (the schema's default). */
  fallback: string;
  invalid: boolean;
  onChange: (value: string | undefined) => void;
}) {
  const api = useApi();
  const [choices, setChoices] = useState<ProviderChoice[] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .listProviders()
      .then((items) => live && setChoices(providerChoices(items)))
      .catch(() => live && setChoices(null));
    return () => {
      live = false;
    };
  }, [api]);

  if (!choices) {
    return <TextInput id={id} value={value} invalid={invalid} placeholder={fallback} onChange={(v) => onChange(v === '' ? undefined : v)} />;
  }
  const chosen = value || fallback;
  const known = choices.some((c) => c.name === chosen);
  return (
    <select
      id={id}
      value={chosen}
      aria-invalid={invalid || !known}
      onChange={(e) => onChange(e.target.value === fallback ? undefined : e.target.value)}
      className={cn(inputClass(invalid || !known), 'h-8 py-0')}
    >
      {choices.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name} ({c.level})
        </option>
      ))}
      {known ? null : <option value={chosen}>{chosen} (not configured)</option>}
    </select>
  );
}

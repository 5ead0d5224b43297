import { useEffect, useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import { cn } from '../../shared/lib/cn';
import { inputClass } from '../editor/form/Field';
import { TextInput } from '../editor/form/controls';

/**
 * The provider of an LLM block (`x-weft-widget: provider`): a choice among
 * the configured providers, so a typo cannot name one that does not exist.
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
  const [names, setNames] = useState<string[] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .listProviders()
      .then((items) => live && setNames(items.map((p) => p.name)))
      .catch(() => live && setNames(null));
    return () => {
      live = false;
    };
  }, [api]);

  if (!names) {
    return <TextInput id={id} value={value} invalid={invalid} placeholder={fallback} onChange={(v) => onChange(v === '' ? undefined : v)} />;
  }
  const chosen = value || fallback;
  const options = names.includes(chosen) ? names : [...names, chosen];
  return (
    <select
      id={id}
      value={chosen}
      aria-invalid={invalid || !names.includes(chosen)}
      onChange={(e) => onChange(e.target.value === fallback ? undefined : e.target.value)}
      className={cn(inputClass(invalid || !names.includes(chosen)), 'h-8 py-0')}
    >
      {options.map((name) => (
        <option key={name} value={name}>
          {names.includes(name) ? name : `${name} (not configured)`}
        </option>
      ))}
    </select>
  );
}

import { useState } from 'react';
import { useCan } from '../../app/useCan';
import { useApi } from '../../shared/api/ApiProvider';
import { cn } from '../../shared/lib/cn';
import { useResource } from '../../shared/lib/useResource';
import { IconButton } from '../../shared/ui/Button';
import { inputClass } from '../editor/form/Field';
import { CredentialDialog } from './CredentialDialog';

/**
 * A select of the workspace's credentials (`x-weft-widget: credential`) with
 * a shortcut that creates one and selects it, for admins (creating one is
 * managing the workspace). The config stores the id.
 */
export function CredentialPicker({
  id,
  value,
  invalid,
  disabled,
  onChange,
}: {
  id: string;
  value: string;
  invalid: boolean;
  disabled?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  const api = useApi();
  const canCreate = useCan('manage');
  const list = useResource(() => Promise.all([api.listCredentials(), api.credentialKinds()]), 'credential-picker');
  const [creating, setCreating] = useState(false);
  const [credentials, kinds] = list.data ?? [[], []];
  const known = value === '' || credentials.some((c) => c.id === value);

  return (
    <div className="flex items-center gap-1">
      <select
        id={id}
        value={value}
        aria-invalid={invalid}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        className={cn(inputClass(invalid), 'h-8 min-w-0 flex-1 py-0')}
      >
        <option value="">{list.loading && !list.data ? 'Loading…' : 'None'}</option>
        {credentials.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} · {kinds.find((k) => k.kind === c.kind)?.title ?? c.kind}
          </option>
        ))}
        {!known && list.data ? <option value={value}>{value} (not found)</option> : null}
      </select>
      {canCreate && !disabled ? (
        <IconButton icon="plus" label="New credential" onClick={() => setCreating(true)} disabled={kinds.length === 0} />
      ) : null}
      {list.error ? <span className="sr-only" role="alert">{list.error.message}</span> : null}
      {creating ? (
        <CredentialDialog
          kinds={kinds}
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            list.setData([[...credentials, c], kinds]);
            onChange(c.id);
          }}
        />
      ) : null}
    </div>
  );
}

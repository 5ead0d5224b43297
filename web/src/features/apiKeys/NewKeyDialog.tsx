import { useState } from 'react';
import { useApi } from '../../shared/api/ApiProvider';
import type { ApiKey } from '../../shared/api/accountTypes';
import { useResource } from '../../shared/lib/useResource';
import { Button } from '../../shared/ui/Button';
import { Dialog } from '../../shared/ui/Dialog';
import { kFieldInput, TextField } from '../../shared/ui/TextField';
import { KeyOnce } from './KeyOnce';
import { useSubmit } from '../../shared/lib/useSubmit';
import { FormError } from '../../shared/ui/FormError';

/** Creates an API key (name, scope, optional pipeline) and shows it once. */
export function NewKeyDialog({
  pipelineId,
  onClose,
  onCreated,
}: {
  /** Fixes the key to this pipeline (the API tab's shortcut). */
  pipelineId?: string;
  onClose: () => void;
  onCreated: (key: ApiKey) => void;
}) {
  const api = useApi();
  const pipelines = useResource(() => (pipelineId ? Promise.resolve([]) : api.listPipelines()), 'key-pipelines');
  const [name, setName] = useState(pipelineId ? `${pipelineId} runs` : '');
  const [scope, setScope] = useState<'run' | 'full'>('run');
  const [pipeline, setPipeline] = useState(pipelineId ?? '');
  const [made, setMade] = useState<ApiKey | null>(null);
  const { busy, error, run } = useSubmit();

  const create = async () => {
    await run(async () => {
      const key = await api.createApiKey({ name, scope, ...(pipeline ? { pipeline_id: pipeline } : {}) });
      setMade(key);
      onCreated(key);
    });
  };

  if (made?.key) {
    return (
      <Dialog title="Your new API key" onClose={onClose} footer={<Button variant="primary" onClick={onClose}>Done</Button>}>
        <KeyOnce secret={made.key} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title="New API key"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!name.trim()} onClick={() => void create()}>
            Create key
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        <TextField label="Name" autoFocus value={name} onChange={(e) => setName(e.target.value)} hint="Where it will be used, so you know what to revoke." />
        <label className="flex flex-col gap-1 text-xs font-medium">
          Scope
          <select value={scope} onChange={(e) => setScope(e.target.value as 'run' | 'full')} className={kFieldInput}>
            <option value="run">run — start runs and read their results</option>
            <option value="full">full — everything its creator may do</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Pipeline
          <select value={pipeline} disabled={Boolean(pipelineId)} onChange={(e) => setPipeline(e.target.value)} className={kFieldInput}>
            <option value="">Any pipeline</option>
            {pipelineId ? <option value={pipelineId}>{pipelineId}</option> : null}
            {(pipelines.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <FormError message={error} />
      </div>
    </Dialog>
  );
}

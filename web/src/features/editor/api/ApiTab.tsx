import { useMemo, useState } from 'react';
import { Button } from '../../../shared/ui/Button';
import { Icon } from '../../../shared/ui/Icon';
import { exampleInputs, inputSchema, runInputsOf } from '../run/runInputs';
import { useCatalogue, useEditor } from '../store/EditorContext';
import { useAuth } from '../../../app/AuthContext';
import { useCan } from '../../../app/useCan';
import { KeyOnce } from '../../apiKeys/KeyOnce';
import { NewKeyDialog } from '../../apiKeys/NewKeyDialog';
import { curlCommand, kApiKeyVariable } from './curl';

function CopyBlock({ text, testId }: { text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="relative">
      <pre data-testid={testId} className="overflow-x-auto rounded-xl border border-line bg-surface-2 p-4 pr-24 font-mono text-xs leading-5">
        {text}
      </pre>
      <Button
        size="sm"
        icon={copied ? 'check' : 'copy'}
        className="absolute top-2.5 right-2.5"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

/** How to call the pipeline as a REST API: endpoint, curl, input schema. */
export function ApiTab({ pipelineId }: { pipelineId: string }) {
  const nodes = useEditor((s) => s.nodes);
  const dirty = useEditor((s) => s.revision !== s.savedRevision);
  const catalogue = useCatalogue();
  const fields = useMemo(() => runInputsOf(nodes, catalogue), [nodes, catalogue]);
  const origin = window.location.origin;
  const endpoint = `${origin}/api/pipelines/${encodeURIComponent(pipelineId)}/run`;
  const auth = useAuth();
  const keyed = auth.mode === 'auth';
  const admin = useCan('manage');
  const [creating, setCreating] = useState(false);
  const [made, setMade] = useState<string | null>(null);
  const curl = curlCommand(origin, pipelineId, exampleInputs(fields), made ?? keyed);
  const schema = JSON.stringify(inputSchema(fields), null, 2);

  return (
    <div className="h-full overflow-y-auto" data-testid="api-tab">
      <div className="mx-auto flex max-w-3xl flex-col gap-6 px-8 py-8">
        <div>
          <h2 className="text-lg font-semibold">Call this pipeline as an API</h2>
          <p className="mt-1 text-sm text-muted">
            Each call runs the latest saved version with the JSON body as its inputs and answers with the outputs.
            {dirty ? ' You have unsaved changes: save them to make them part of the API.' : ''}
          </p>
        </div>
        <section className="flex flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">Endpoint</h3>
          <div className="flex items-center gap-2 rounded-xl border border-line bg-surface px-4 py-3 font-mono text-sm">
            <span className="rounded-md bg-success-soft px-1.5 py-0.5 text-xs font-bold text-success">POST</span>
            <span data-testid="api-endpoint" className="truncate">{endpoint}</span>
          </div>
          <p className="text-xs text-muted">
            Add <code className="font-mono">?wait=false</code> to get an execution id at once (202) instead of waiting for the outputs.
          </p>
        </section>
        <section className="flex flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">Example</h3>
          <CopyBlock text={curl} testId="api-curl" />
        </section>
        <section className="flex flex-col gap-2 rounded-xl border border-dashed border-line-strong p-4" data-testid="api-auth">
          <h3 className="flex items-center gap-2 text-xs font-semibold tracking-wider text-muted uppercase">
            <Icon name="key" size={14} /> Authentication
          </h3>
          {keyed && !made ? (
            <p className="text-sm text-muted">
              Every call sends an API key: <code className="font-mono text-xs">Authorization: Bearer &lt;api key&gt;</code>.
              The example reads it from <code className="font-mono text-xs">${kApiKeyVariable}</code>, so set that first
              (<code className="font-mono text-xs">export {kApiKeyVariable}=wft_…</code>). A workspace admin creates keys
              (<code className="font-mono text-xs">POST /api/api-keys</code>, scope <code className="font-mono text-xs">run</code>);
              a key is shown only once, when it is made.
            </p>
          ) : null}
          {keyed && made ? (
            <div data-testid="api-key-made">
              <KeyOnce secret={made} />
              <p className="mt-2 text-xs text-muted">The example above now sends this key. Copy the command before you leave the page.</p>
            </div>
          ) : null}
          {keyed && admin && !made ? (
            <Button icon="key" className="self-start" onClick={() => setCreating(true)}>
              Create a key for this pipeline
            </Button>
          ) : null}
          {creating ? (
            <NewKeyDialog
              pipelineId={pipelineId}
              onClose={() => setCreating(false)}
              onCreated={(k) => {
                setCreating(false);
                if (k.key) setMade(k.key);
              }}
            />
          ) : null}
          {keyed ? null : (
            <p className="text-sm text-muted">
              This server has no accounts, so calls need no key. Where accounts are on, send one with each call:
              <code className="ml-1 font-mono text-xs">Authorization: Bearer &lt;api key&gt;</code>
            </p>
          )}
        </section>
        <section className="flex flex-col gap-2">
          <h3 className="text-xs font-semibold tracking-wider text-muted uppercase">Input schema</h3>
          {fields.length === 0 ? (
            <p className="text-sm text-muted">This pipeline has no input blocks: send an empty object.</p>
          ) : null}
          <CopyBlock text={schema} testId="api-schema" />
        </section>
      </div>
    </div>
  );
}

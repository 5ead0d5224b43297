import type { OnError } from '../../../shared/api/types';
import { Field, inputClass } from '../form/Field';
import type { WeftNodeData } from '../model/flow';
import { fieldProblems, type NodeProblem } from '../model/problems';

/** on_error, retries and timeout of a node. */
export function AdvancedSettings({
  data,
  problems,
  onChange,
}: {
  data: WeftNodeData;
  problems: NodeProblem[] | undefined;
  onChange: (patch: Partial<WeftNodeData>, key: string) => void;
}) {
  const retry = data.retry ?? {};
  const num = (text: string) => (text === '' ? undefined : Number(text));
  return (
    <details className="group rounded-lg border border-line">
      <summary className="cursor-pointer list-none px-3 py-2 text-xs font-semibold text-muted select-none hover:text-fg">
        <span className="inline-block transition group-open:rotate-90">›</span> Errors, retries and timeout
      </summary>
      <div className="flex flex-col gap-3 border-t border-line p-3">
        <Field id="node-on-error" label="When it fails" problems={fieldProblems(problems, '/on_error')}>
          <select
            id="node-on-error"
            value={data.on_error ?? 'fail'}
            onChange={(e) => onChange({ on_error: e.target.value as OnError }, 'on_error')}
            className={`${inputClass(false)} h-8 py-0`}
          >
            <option value="fail">Fail the run</option>
            <option value="continue">Continue with the error as output</option>
            <option value="branch">Take the error handle</option>
          </select>
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id="node-attempts" label="Attempts" problems={fieldProblems(problems, '/retry')}>
            <input
              id="node-attempts"
              type="number"
              min={1}
              max={10}
              value={retry.max_attempts ?? ''}
              placeholder="1"
              onChange={(e) => {
                const max_attempts = num(e.target.value);
                const next = { ...retry, max_attempts };
                onChange({ retry: max_attempts === undefined && next.backoff_ms === undefined ? undefined : next }, 'retry');
              }}
              className={inputClass(false)}
            />
          </Field>
          <Field id="node-backoff" label="Backoff (ms)" problems={[]}>
            <input
              id="node-backoff"
              type="number"
              min={0}
              value={retry.backoff_ms ?? ''}
              placeholder="500"
              onChange={(e) => onChange({ retry: { ...retry, backoff_ms: num(e.target.value) } }, 'retry')}
              className={inputClass(false)}
            />
          </Field>
        </div>
        <Field id="node-timeout" label="Timeout per attempt (ms)" problems={fieldProblems(problems, '/timeout_ms')}>
          <input
            id="node-timeout"
            type="number"
            min={1}
            value={data.timeout_ms ?? ''}
            placeholder="none"
            onChange={(e) => onChange({ timeout_ms: num(e.target.value) }, 'timeout_ms')}
            className={inputClass(false)}
          />
        </Field>
      </div>
    </details>
  );
}

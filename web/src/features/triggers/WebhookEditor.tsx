import { useId } from 'react';
import type { WebhookConfig, WebhookSignature } from '../../shared/api/triggerTypes';
import { cn } from '../../shared/lib/cn';
import { CredentialPicker } from '../credentials/CredentialPicker';
import { Field, inputClass } from '../editor/form/Field';
import { Toggle } from '../editor/form/controls';
import { kSignaturePresets } from './triggerDraft';

const selectClass = cn(inputClass(false), 'h-8 py-0');

const kSchemes: { value: WebhookSignature['scheme'] | ''; label: string }[] = [
  { value: '', label: 'No signature check' },
  { value: 'github', label: 'GitHub (X-Hub-Signature-256)' },
  { value: 'stripe', label: 'Stripe (Stripe-Signature)' },
  { value: 'hmac_sha256', label: 'HMAC-SHA256 of the body' },
];

/** A number field's value: a whole number, or null when empty. */
function wholeOrNull(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * How a webhook takes deliveries: method, body kind, when it answers, an
 * optional signature check (GitHub and Stripe presets; the secret is a
 * credential), deduplication and a rate limit.
 */
export function WebhookEditor({
  config,
  readOnly,
  problems,
  onChange,
}: {
  config: WebhookConfig;
  readOnly: boolean;
  problems: (pointer: string) => string[];
  onChange: (config: WebhookConfig) => void;
}) {
  const id = useId();
  const set = (patch: Partial<WebhookConfig>) => onChange({ ...config, ...patch });
  const signature = config.signature;
  const setSignature = (patch: Partial<WebhookSignature>) => signature && set({ signature: { ...signature, ...patch } });

  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field id={`${id}-method`} label="Method" problems={problems('/config/method')}>
          <select id={`${id}-method`} value={config.method} disabled={readOnly} onChange={(e) => set({ method: e.target.value as WebhookConfig['method'] })} className={selectClass}>
            <option value="POST">POST</option>
            <option value="PUT">PUT</option>
            <option value="GET">GET (inputs from the query)</option>
          </select>
        </Field>
        <Field id={`${id}-body`} label="Body" problems={problems('/config/body')}>
          <select id={`${id}-body`} value={config.body} disabled={readOnly || config.method === 'GET'} onChange={(e) => set({ body: e.target.value as WebhookConfig['body'] })} className={selectClass}>
            <option value="json">JSON</option>
            <option value="form">Form-encoded</option>
            <option value="multipart">Multipart (with files)</option>
            <option value="text">Raw text</option>
          </select>
        </Field>
        <Field id={`${id}-respond`} label="Answer" problems={problems('/config/respond')}>
          <select id={`${id}-respond`} value={config.respond} disabled={readOnly} onChange={(e) => set({ respond: e.target.value as WebhookConfig['respond'] })} className={selectClass}>
            <option value="immediately">At once (202)</option>
            <option value="when_finished">When the run ends</option>
          </select>
        </Field>
      </div>

      <div className="flex flex-col gap-3 rounded-lg border border-line p-3">
        <Field id={`${id}-scheme`} label="Signature" problems={problems('/config/signature')}>
          <select
            id={`${id}-scheme`}
            value={signature?.scheme ?? ''}
            disabled={readOnly}
            onChange={(e) => {
              const scheme = e.target.value as WebhookSignature['scheme'] | '';
              set({ signature: scheme ? { ...kSignaturePresets[scheme], credential: signature?.credential ?? '' } : null });
            }}
            className={selectClass}
          >
            {kSchemes.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        {signature ? (
          <div className="grid gap-3 sm:grid-cols-2">
            <Field id={`${id}-secret`} label="Secret (a credential)" required problems={problems('/config/signature/credential')}>
              <CredentialPicker
                id={`${id}-secret`}
                value={signature.credential}
                invalid={problems('/config/signature/credential').length > 0}
                disabled={readOnly}
                onChange={(v) => setSignature({ credential: v ?? '' })}
              />
            </Field>
            <Field id={`${id}-header`} label="Header" problems={problems('/config/signature/header')}>
              <input id={`${id}-header`} value={signature.header} disabled={readOnly} onChange={(e) => setSignature({ header: e.target.value })} className={inputClass(false)} />
            </Field>
            {signature.scheme === 'stripe' ? (
              <Field id={`${id}-tolerance`} label="Timestamp tolerance (seconds)" problems={problems('/config/signature/tolerance_seconds')}>
                <input
                  id={`${id}-tolerance`}
                  type="number"
                  min={1}
                  disabled={readOnly}
                  value={signature.tolerance_seconds ?? ''}
                  onChange={(e) => setSignature({ tolerance_seconds: wholeOrNull(e.target.value) })}
                  className={inputClass(false)}
                />
              </Field>
            ) : (
              <Field id={`${id}-prefix`} label="Prefix" description="Before the hex digest, e.g. sha256=" problems={problems('/config/signature/prefix')}>
                <input id={`${id}-prefix`} value={signature.prefix} disabled={readOnly} onChange={(e) => setSignature({ prefix: e.target.value })} className={inputClass(false)} />
              </Field>
            )}
          </div>
        ) : null}
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Field id={`${id}-dedupe`} label="Answer repeats with the first run (24 h)" inline problems={problems('/config/idempotency')}>
            <Toggle
              id={`${id}-dedupe`}
              checked={config.idempotency !== null}
              onChange={(on) => !readOnly && set({ idempotency: on ? { header: 'Idempotency-Key', field: '' } : null })}
            />
          </Field>
          {config.idempotency ? (
            <div className="grid grid-cols-2 gap-2">
              <Field id={`${id}-idem-header`} label="Key header" problems={problems('/config/idempotency/header')}>
                <input
                  id={`${id}-idem-header`}
                  value={config.idempotency.header}
                  disabled={readOnly}
                  onChange={(e) => set({ idempotency: { header: e.target.value, field: config.idempotency?.field ?? '' } })}
                  className={inputClass(false)}
                />
              </Field>
              <Field id={`${id}-idem-field`} label="or body field" problems={problems('/config/idempotency/field')}>
                <input
                  id={`${id}-idem-field`}
                  value={config.idempotency.field}
                  placeholder="e.g. delivery_id"
                  disabled={readOnly}
                  onChange={(e) => set({ idempotency: { header: config.idempotency?.header ?? '', field: e.target.value } })}
                  className={inputClass(false)}
                />
              </Field>
            </div>
          ) : null}
        </div>
        <Field id={`${id}-rate`} label="Deliveries per minute at most" description="Empty: no limit. Over it, callers get 429 with Retry-After." problems={problems('/config/rate_limit_per_minute')}>
          <input
            id={`${id}-rate`}
            type="number"
            min={1}
            placeholder="No limit"
            disabled={readOnly}
            value={config.rate_limit_per_minute ?? ''}
            onChange={(e) => set({ rate_limit_per_minute: wholeOrNull(e.target.value) })}
            className={inputClass(false)}
          />
        </Field>
      </div>
    </div>
  );
}

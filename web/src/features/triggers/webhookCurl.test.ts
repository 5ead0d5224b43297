import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WebhookConfig } from '../../shared/api/triggerTypes';
import { defaultWebhook, kSignaturePresets } from './triggerDraft';
import { webhookCurl } from './webhookCurl';

const url = 'http://localhost:8080/hooks/tok_1';
const sample = { topic: "owls' song", count: 3 };

/** Runs the snippet with curl replaced by a function that prints its arguments, one a line. */
function argsOf(snippet: string, env: Record<string, string> = {}): string[] {
  const script = `curl() { printf '%s\\n' "$@"; }\n${snippet}`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, ...env } }).trimEnd().split('\n');
}

describe('the webhook curl snippet', () => {
  it('posts the sample as JSON, quoted for the shell', () => {
    const args = argsOf(webhookCurl(url, defaultWebhook(), sample));
    expect(args).toEqual(['-s', '-X', 'POST', url, '-H', 'Content-Type: application/json', '--data-binary', JSON.stringify(sample)]);
  });

  it('form-encodes, sends multipart fields, or asks with GET as configured', () => {
    const form = argsOf(webhookCurl(url, { ...defaultWebhook(), body: 'form' }, sample));
    expect(form.at(-1)).toBe('topic=owls%27+song&count=3');
    const multipart = argsOf(webhookCurl(url, { ...defaultWebhook(), method: 'PUT', body: 'multipart' }, sample));
    expect(multipart).toEqual(['-s', '-X', 'PUT', url, '-F', "topic=owls' song", '-F', 'count=3']);
    const get = argsOf(webhookCurl(url, { ...defaultWebhook(), method: 'GET' }, sample));
    expect(get).toEqual(['-s', '-G', url, '--data-urlencode', "topic=owls' song", '--data-urlencode', 'count=3']);
  });

  it('signs the body as GitHub does: HMAC-SHA256 of the raw body, hex, after sha256=', () => {
    const config: WebhookConfig = { ...defaultWebhook(), signature: { ...kSignaturePresets.github, credential: 'cred_1' } };
    const args = argsOf(webhookCurl(url, config, sample), { WEBHOOK_SECRET: 's3cret' });
    const body = JSON.stringify(sample);
    const want = createHmac('sha256', 's3cret').update(body).digest('hex');
    expect(args).toContain(`X-Hub-Signature-256: sha256=${want}`);
    expect(args.at(-1)).toBe(body);
  });

  it('signs as Stripe does: t=<unix time>,v1=HMAC of "<t>.<body>"', () => {
    const config: WebhookConfig = { ...defaultWebhook(), signature: { ...kSignaturePresets.stripe, credential: 'cred_1' } };
    const args = argsOf(webhookCurl(url, config, sample), { WEBHOOK_SECRET: 'whsec_x' });
    const header = args.find((a) => a.startsWith('Stripe-Signature: ')) ?? '';
    const m = /^Stripe-Signature: t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(m).not.toBeNull();
    const t = m?.[1] ?? '';
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
    expect(m?.[2]).toBe(createHmac('sha256', 'whsec_x').update(`${t}.${JSON.stringify(sample)}`).digest('hex'));
  });

  it('sends an idempotency key when the webhook deduplicates by header', () => {
    const config: WebhookConfig = { ...defaultWebhook(), idempotency: { header: 'Idempotency-Key', field: '' } };
    expect(argsOf(webhookCurl(url, config, {}))).toContain('Idempotency-Key: delivery-1');
  });
});

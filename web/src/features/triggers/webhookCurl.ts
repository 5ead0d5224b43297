import type { Json, JsonObject } from '../../shared/api/types';
import type { WebhookConfig } from '../../shared/api/triggerTypes';
import { shellQuote } from '../editor/api/curl';

/** The environment variable the example reads the signing secret from (never the secret itself). */
export const kSecretVariable = 'WEBHOOK_SECRET';

/** A value as a form field carries it: strings as they are, anything else as JSON. */
function fieldText(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The raw bytes of the sample body, as the configured body kind sends them. */
function rawBody(kind: WebhookConfig['body'], sample: JsonObject): string {
  if (kind === 'form') {
    return new URLSearchParams(Object.entries(sample).map(([k, v]) => [k, fieldText(v)])).toString();
  }
  if (kind === 'text') {
    const first = Object.values(sample)[0];
    return first === undefined ? 'Hello' : fieldText(first);
  }
  return JSON.stringify(sample);
}

const kContentTypes: Record<WebhookConfig['body'], string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
  text: 'text/plain',
};

/** The lines that compute `$sig` (and `$t` for Stripe) over `$body` with openssl. */
function signingLines(signature: NonNullable<WebhookConfig['signature']>): { lines: string[]; header: string } {
  const hmac = `openssl dgst -sha256 -hmac "$${kSecretVariable}" | sed 's/^.*= //'`;
  if (signature.scheme === 'stripe') {
    return {
      lines: ['t=$(date +%s)', `sig=$(printf '%s.%s' "$t" "$body" | ${hmac})`],
      header: `${signature.header}: t=$t,v1=$sig`,
    };
  }
  return { lines: [`sig=$(printf '%s' "$body" | ${hmac})`], header: `${signature.header}: ${signature.prefix}$sig` };
}

/**
 * A shell command that delivers a sample to a webhook: the body built from
 * the pipeline's example inputs in the configured kind, signed with
 * `$WEBHOOK_SECRET` when the webhook checks signatures (a signed multipart
 * body cannot be written ahead in curl, so that one is sent unsigned, said
 * in a comment).
 */
export function webhookCurl(fullUrl: string, config: WebhookConfig, sample: JsonObject): string {
  const pre: string[] = [];
  const args: string[] = [];
  if (config.method === 'GET') {
    args.push(`curl -s -G ${shellQuote(fullUrl)}`);
    for (const [k, v] of Object.entries(sample)) args.push(`  --data-urlencode ${shellQuote(`${k}=${fieldText(v)}`)}`);
  } else {
    args.push(`curl -s -X ${config.method} ${shellQuote(fullUrl)}`);
  }
  if (config.idempotency?.header) {
    args.push(`  -H ${shellQuote(`${config.idempotency.header}: delivery-1`)}`);
  }
  if (config.method !== 'GET') {
    if (config.body === 'multipart') {
      if (config.signature) pre.push('# Sign the exact bytes you send; curl builds multipart bodies itself, so this one goes unsigned.');
      for (const [k, v] of Object.entries(sample)) args.push(`  -F ${shellQuote(`${k}=${fieldText(v)}`)}`);
    } else {
      const body = rawBody(config.body, sample);
      args.push(`  -H ${shellQuote(`Content-Type: ${kContentTypes[config.body]}`)}`);
      if (config.signature) {
        const signing = signingLines(config.signature);
        pre.push(`body=${shellQuote(body)}`, ...signing.lines);
        args.push(`  -H "${signing.header}"`, '  --data-binary "$body"');
      } else {
        args.push(`  --data-binary ${shellQuote(body)}`);
      }
    }
  }
  return [...pre, args.join(' \\\n')].join('\n');
}

import type { JsonObject } from '../../../shared/api/types';

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The environment variable the example reads the API key from (never a key itself). */
export const kApiKeyVariable = 'WEFT_API_KEY';

/**
 * The curl command that runs a pipeline with a body. `apiKey: true` sends the
 * key from $WEFT_API_KEY; a string sends that key itself (a key just made).
 */
export function curlCommand(origin: string, pipelineId: string, body: JsonObject, apiKey: boolean | string = false): string {
  const url = `${origin}/api/pipelines/${encodeURIComponent(pipelineId)}/run`;
  const lines = [`curl -s -X POST ${shellQuote(url)}`, `  -H 'Content-Type: application/json'`];
  if (typeof apiKey === 'string') lines.push(`  -H ${shellQuote(`Authorization: Bearer ${apiKey}`)}`);
  else if (apiKey) lines.push(`  -H "Authorization: Bearer $${kApiKeyVariable}"`);
  lines.push(`  -d ${shellQuote(JSON.stringify(body))}`);
  return lines.join(' \\\n');
}

import type { JsonObject } from '../../../shared/api/types';

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The curl command that runs a pipeline with a body. */
export function curlCommand(origin: string, pipelineId: string, body: JsonObject, headers: string[] = []): string {
  const url = `${origin}/api/pipelines/${encodeURIComponent(pipelineId)}/run`;
  const lines = [`curl -s -X POST ${shellQuote(url)}`, `  -H 'Content-Type: application/json'`];
  for (const h of headers) lines.push(`  -H ${shellQuote(h)}`);
  lines.push(`  -d ${shellQuote(JSON.stringify(body))}`);
  return lines.join(' \\\n');
}

import { ApiError } from './client';

/** A readable sentence for an error answer: the message, then the field problems. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError) || error.details.length === 0) return message;
  return `${message}: ${error.details.map((d) => (d.pointer ? `${d.pointer} ${d.message}` : d.message)).join('; ')}`;
}

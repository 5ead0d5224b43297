import type { JsonObject } from './types';

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { pointer: string; message: string }[];
  readonly body: unknown;

  constructor(status: number, code: string, message: string, details: ApiError['details'], body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.body = body;
  }
}

export interface ClientOptions {
  /** Prefix of every path; '' for the page's own origin. */
  baseUrl?: string;
  /** Returns the bearer token to send, or null (no accounts yet). */
  getToken?: () => string | null;
  /** Called when an answer is 401 (after a refresh did not help), before the error is thrown. */
  onUnauthorized?: () => void;
  /** Tries to renew the token after a 401; when it says true the request is sent once more. */
  refresh?: () => Promise<boolean>;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  /** A multipart body instead of JSON; the browser writes its Content-Type (with the boundary). */
  form?: FormData;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** `blob`: a successful answer is returned as its bytes (a download), not parsed as JSON. */
  responseType?: 'json' | 'blob';
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The one door to HTTP: JSON in and out, auth header, typed errors. */
export interface HttpClient {
  request<T>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T>;
  url(path: string, query?: RequestOptions['query']): string;
}

function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) {
    return path;
  }
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: JsonObject } | null)?.error;
  if (error && typeof error === 'object') {
    const details = Array.isArray(error.details) ? (error.details as unknown as ApiError['details']) : [];
    return new ApiError(status, String(error.code ?? 'error'), String(error.message ?? `HTTP ${status}`), details, body);
  }
  const message = typeof body === 'string' && body ? body : `HTTP ${status}`;
  return new ApiError(status, 'http_error', message, [], body);
}

export function createHttpClient(options: ClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return {
    url: (path, query) => baseUrl + withQuery(path, query),
    async request<T>(method: HttpMethod, path: string, request: RequestOptions = {}): Promise<T> {
      const send = async (): Promise<Response> => {
        const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
        const token = options.getToken?.() ?? null;
        if (token) {
          headers.Authorization = `Bearer ${token}`;
        }
        let body: string | FormData | undefined;
        if (request.form) {
          body = request.form;
        } else if (request.body !== undefined) {
          headers['Content-Type'] = 'application/json';
          body = JSON.stringify(request.body);
        }
        try {
          return await doFetch(baseUrl + withQuery(path, request.query), {
            method,
            headers,
            body,
            signal: request.signal,
          });
        } catch (cause) {
          if ((cause as Error).name === 'AbortError') {
            throw cause;
          }
          throw new ApiError(0, 'network', 'The server cannot be reached. Is `weft serve` running?', [], null);
        }
      };
      let response = await send();
      const renewable = !path.startsWith('/api/auth/');
      if (response.status === 401 && renewable && options.refresh && (await options.refresh())) {
        response = await send();
      }
      if (response.ok && request.responseType === 'blob') {
        return (await response.blob()) as T;
      }
      const parsed = await readBody(response);
      if (response.status === 401 && renewable) {
        options.onUnauthorized?.();
      }
      if (!response.ok) {
        throw toApiError(response.status, parsed);
      }
      return parsed as T;
    },
  };
}

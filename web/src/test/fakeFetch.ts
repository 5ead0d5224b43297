import { vi } from 'vitest';
import { createHttpClient } from '../shared/api/client';
import { createWeftApi, type WeftApi } from '../shared/api/weftApi';

/** What a fake route sees of a request. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body, or the FormData of a multipart one, or null. */
  body: unknown;
  params: Record<string, string>;
}

/** A route's answer: a status and a JSON body (null: no body). */
export type FakeAnswer = [number, unknown];

type Handler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * A `fetch` that answers from a table of routes (`'POST /api/triggers/:id/rotate'`),
 * 404 for anything else, and records every request, for tests of what
 * the editor sends over the wire and does with the answers.
 * Example: `const server = fakeFetch({ 'GET /api/triggers': () => [200, { triggers: [] }] }); render(<FakeApi api={server.api}>…)`.
 */
export function fakeFetch(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method = 'GET', pattern = '/'] = key.split(' ');
    return { method, parts: pattern.split('/'), handler };
  });
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost:3000');
    const method = init?.method ?? 'GET';
    const raw = init?.body;
    const body = raw instanceof FormData ? raw : typeof raw === 'string' ? (JSON.parse(raw) as unknown) : null;
    const have = url.pathname.split('/');
    for (const route of table) {
      if (route.method !== method || route.parts.length !== have.length) continue;
      const params: Record<string, string> = {};
      const match = route.parts.every((p, i) => {
        if (p.startsWith(':')) {
          params[p.slice(1)] = decodeURIComponent(have[i] ?? '');
          return true;
        }
        return p === have[i];
      });
      if (!match) continue;
      const request = { method, path: url.pathname, query: url.searchParams, body, params };
      requests.push(request);
      const [status, answer] = await route.handler(request);
      return new Response(answer === null ? null : JSON.stringify(answer), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    requests.push({ method, path: url.pathname, query: url.searchParams, body, params: {} });
    return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${method} ${url.pathname}` } }), { status: 404 });
  });
  const api: WeftApi = createWeftApi(createHttpClient({ fetch }));
  /** The requests to `method path` (exact path), in order. */
  const sent = (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path);
  return { fetch, api, requests, sent };
}

/** A 422 answer pointing at fields. */
export function invalid(message: string, details: { pointer: string; message: string }[]): FakeAnswer {
  return [422, { error: { code: 'validation_failed', message, details } }];
}

import { describe, expect, it, vi } from 'vitest';
import { ApiError, createHttpClient } from './client';

const answer = (status: number, body: unknown) =>
  new Response(body === null ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('http client', () => {
  it('sends the token, renews it once after a 401 and repeats the request', async () => {
    let token = 'old';
    const seen: (string | null)[] = [];
    const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      const auth = (init?.headers as Record<string, string>).Authorization ?? null;
      seen.push(auth);
      return auth === 'Bearer new' ? answer(200, { items: [] }) : answer(401, { error: { code: 'unauthenticated', message: 'expired' } });
    });
    const refresh = vi.fn(async () => {
      token = 'new';
      return true;
    });
    const onUnauthorized = vi.fn();
    const client = createHttpClient({ fetch, getToken: () => token, refresh, onUnauthorized });
    expect(await client.request('GET', '/api/pipelines')).toEqual({ items: [] });
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('calls onUnauthorized and throws a typed error when renewing fails', async () => {
    const fetch = vi.fn(async () => answer(401, { error: { code: 'unauthenticated', message: 'sign in first' } }));
    const onUnauthorized = vi.fn();
    const client = createHttpClient({ fetch, getToken: () => null, refresh: async () => false, onUnauthorized });
    const error = await client.request('GET', '/api/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).code).toBe('unauthenticated');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reports validation details and network failures', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(
        answer(422, { error: { code: 'invalid_input', message: '1 input is missing', details: [{ pointer: '/text', message: 'required' }] } }),
      )
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const client = createHttpClient({ fetch });
    const invalid = (await client.request('POST', '/api/pipelines/x/run', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(invalid.details).toEqual([{ pointer: '/text', message: 'required' }]);
    const offline = (await client.request('GET', '/api/pipelines').catch((e: unknown) => e)) as ApiError;
    expect(offline.status).toBe(0);
  });

  it('answers a download as its bytes, with the token, and an error answer as a typed error', async () => {
    const bytes = new Uint8Array([0x61, 0x2c, 0x62, 0x0d, 0x0a, 0xff]);
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(new Response(bytes, { status: 200, headers: { 'Content-Type': 'text/csv' } }))
      .mockResolvedValueOnce(answer(404, { error: { code: 'not_found', message: 'no file `file_x`' } }));
    const client = createHttpClient({ fetch, getToken: () => 'tok' });
    const blob = await client.request<Blob>('GET', '/api/files/file_1', { responseType: 'blob' });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect((fetch.mock.calls[0]?.[1] as RequestInit).headers).toMatchObject({ Authorization: 'Bearer tok' });
    const missing = (await client.request('GET', '/api/files/file_x', { responseType: 'blob' }).catch((e: unknown) => e)) as ApiError;
    expect([missing.status, missing.message]).toEqual([404, 'no file `file_x`']);
  });
});

import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { useSubmit } from './useSubmit';

describe('useSubmit', () => {
  it('is busy while the work runs, then not', async () => {
    const { result } = renderHook(() => useSubmit());
    let finish: () => void = () => {};
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it("shows the server's message with the field it names, and clears it on the next try", async () => {
    const { result } = renderHook(() => useSubmit());
    await act(() =>
      result.current.run(() => Promise.reject(new ApiError(400, 'invalid_input', 'the password is too short', [{ pointer: '/password', message: 'at least 8 characters' }], null))),
    );
    expect(result.current.error).toBe('the password is too short: /password at least 8 characters');
    expect(result.current.busy).toBe(false);
    await act(() => result.current.run(() => Promise.resolve()));
    expect(result.current.error).toBeNull();
  });
});

import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/client';
import { useToasts } from '../../../shared/ui/toast.store';
import { FakeApi } from '../../../test/fakeApi';
import { createEditorStore } from '../store/editor.store';
import { useSave } from './useSave';

describe('useSave', () => {
  it('lists the fields of a refused document (422) with the problems, and says why in the toast', async () => {
    const refused = new ApiError(422, 'invalid_input', 'the pipeline document has 1 field of the wrong type or missing; see docs/pipelines.md', [
      { pointer: '/settings/run_concurrency', message: 'must be an integer' },
    ], null);
    const store = createEditorStore();
    store.getState().load({ id: 'greet', name: 'Greeting', nodes: [], edges: [] }, 1);
    const wrapper = ({ children }: { children: ReactNode }) => <FakeApi api={{ savePipeline: () => Promise.reject(refused) }}>{children}</FakeApi>;
    const { result } = renderHook(() => useSave('greet', store), { wrapper });
    let saved = true;
    await act(async () => {
      saved = await result.current.save();
    });
    expect(saved).toBe(false);
    expect(store.getState().problems.general).toEqual([{ pointer: '/settings/run_concurrency', message: 'must be an integer' }]);
    expect(useToasts.getState().toasts.at(-1)?.message).toBe(
      'Could not publish: the pipeline document has 1 field of the wrong type or missing; see docs/pipelines.md: /settings/run_concurrency must be an integer',
    );
  });
});

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionSummary } from '../../shared/api/types';
import { FakeApi } from '../../test/fakeApi';
import { fakeFetch } from '../../test/fakeFetch';
import { ExecutionsPage } from './ExecutionsPage';

const execution = (id: string, trigger: string | undefined): ExecutionSummary => ({
  id,
  pipeline_id: 'digest',
  pipeline_version: 1,
  status: 'succeeded',
  inputs: {},
  outputs: {},
  error: null,
  created_at: '2026-12-08T08:00:00Z',
  finished_at: '2026-12-08T08:00:01Z',
  retry_of: null,
  trigger,
  trigger_id: trigger === 'schedule' ? 'trg_1' : null,
});

const kAll = [execution('ex_1', 'schedule'), execution('ex_2', 'webhook'), execution('ex_3', 'form'), execution('ex_4', 'manual'), execution('ex_5', undefined)];

/** `GET /api/executions` filtering as the server does, on `status` and `trigger`. */
function server() {
  return fakeFetch({
    'GET /api/executions': (r) => {
      const trigger = r.query.get('trigger');
      const items = kAll.filter((e) => !trigger || e.trigger === trigger);
      return [200, { items, next_cursor: null }];
    },
    'GET /api/pipelines': () => [200, { items: [{ id: 'digest', name: 'Daily digest' }] }],
  });
}

function page(fake: ReturnType<typeof server>, at: string) {
  window.history.replaceState(null, '', at);
  render(
    <FakeApi api={fake.api} socket={{ subscribeFeed: () => () => undefined }}>
      <ExecutionsPage />
    </FakeApi>,
  );
}

const triggerCells = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[2]?.textContent);

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the executions list', () => {
  it('shows what started each execution', async () => {
    page(server(), '/executions');
    await screen.findAllByText('Daily digest');
    expect(screen.getByRole('columnheader', { name: 'Trigger' })).toBeTruthy();
    expect(triggerCells()).toEqual(['Schedule', 'Webhook', 'Form', 'Manual', '']);
  });

  it('filters by trigger from the address and the select, keeping the other filters', async () => {
    const fake = server();
    page(fake, '/executions?status=succeeded&trigger=schedule');
    await waitFor(() => expect(triggerCells()).toEqual(['Schedule']));
    const first = fake.sent('GET', '/api/executions')[0]!.query;
    expect([first.get('status'), first.get('trigger')]).toEqual(['succeeded', 'schedule']);

    const select = screen.getByLabelText('Filter by trigger') as HTMLSelectElement;
    expect(select.value).toBe('schedule');
    fireEvent.change(select, { target: { value: 'webhook' } });
    await waitFor(() => expect(triggerCells()).toEqual(['Webhook']));
    expect(window.location.search).toBe('?status=succeeded&trigger=webhook');
    const last = fake.sent('GET', '/api/executions').at(-1)!.query;
    expect([last.get('status'), last.get('trigger')]).toEqual(['succeeded', 'webhook']);

    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() => expect(triggerCells()).toHaveLength(5));
    expect(fake.sent('GET', '/api/executions').at(-1)!.query.has('trigger')).toBe(false);
  });

  it("shows one trigger's runs when the address names it (the Triggers tab's link)", async () => {
    const fake = server();
    page(fake, '/executions?trigger=schedule&trigger_id=trg_1');
    await waitFor(() => expect(fake.sent('GET', '/api/executions').length).toBeGreaterThan(0));
    expect(fake.sent('GET', '/api/executions')[0]!.query.get('trigger_id')).toBe('trg_1');
  });
});

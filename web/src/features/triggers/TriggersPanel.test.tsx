import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Trigger } from '../../shared/api/triggerTypes';
import { FakeApi } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { fakeFetch, invalid, type FakeRequest } from '../../test/fakeFetch';
import type { RunInputField } from '../editor/run/runInputs';
import { TriggersPanel } from './TriggersPanel';

const kTimes = [
  '2026-12-08T09:00:00+01:00',
  '2026-12-09T09:00:00+01:00',
  '2026-12-10T09:00:00+01:00',
  '2026-12-11T09:00:00+01:00',
  '2026-12-14T09:00:00+01:00',
];

const topic: RunInputField = { name: 'topic', label: 'Topic', kind: 'text', required: true, nodeId: 'topic' };

function saved(patch: Partial<Trigger>): Trigger {
  return {
    id: 'trg_1',
    pipeline_id: 'p1',
    kind: 'schedule',
    enabled: true,
    config: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', missed: 'skip' },
    inputs: {},
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    next_fire_times: kTimes,
    fire_count: 0,
    ...patch,
  };
}

/** The server side of `/api/triggers` as DESIGN §9 has it, over a list kept between calls. */
function server(initial: Trigger[] = []) {
  let triggers = [...initial];
  let tokens = 0;
  const finish = (t: Trigger): Trigger => {
    if (t.kind === 'schedule') return { ...t, next_fire_times: t.enabled ? kTimes : [] };
    return { ...t, url: t.url ?? `/${t.kind === 'form' ? 'f' : 'hooks'}/tok_${++tokens}` };
  };
  const check = (body: FakeRequest['body']) => {
    const config = (body as { config: Record<string, unknown> }).config;
    const signature = config.signature as { credential?: string } | null | undefined;
    if (signature && !signature.credential) {
      return invalid('the trigger is not valid', [{ pointer: '/config/signature/credential', message: 'choose the credential that holds the secret' }]);
    }
    return null;
  };
  return fakeFetch({
    'GET /api/triggers': (r) => [200, { triggers: triggers.filter((t) => t.pipeline_id === r.query.get('pipeline_id')) }],
    'POST /api/triggers': (r) => {
      const refused = check(r.body);
      if (refused) return refused;
      const t = finish({ ...(r.body as Trigger), id: `trg_${triggers.length + 2}`, created_at: '', updated_at: '' });
      triggers.push(t);
      return [201, t];
    },
    'PUT /api/triggers/:id': (r) => {
      const refused = check(r.body);
      if (refused) return refused;
      const old = triggers.find((t) => t.id === r.params.id);
      if (!old) return [404, { error: { code: 'not_found', message: 'no such trigger' } }];
      const t = finish({ ...old, ...(r.body as Partial<Trigger>) });
      triggers = triggers.map((x) => (x.id === t.id ? t : x));
      return [200, t];
    },
    'DELETE /api/triggers/:id': (r) => {
      triggers = triggers.filter((t) => t.id !== r.params.id);
      return [204, null];
    },
    'POST /api/triggers/:id/rotate': (r) => {
      const t = finish({ ...triggers.find((x) => x.id === r.params.id)!, url: undefined });
      triggers = triggers.map((x) => (x.id === t.id ? t : x));
      return [200, t];
    },
    'POST /api/triggers/preview': (r) => {
      const { cron, timezone } = (r.body as { config: { cron: string; timezone: string } }).config;
      if (!['Europe/Berlin', 'UTC', 'America/New_York'].includes(timezone)) {
        return invalid('the schedule is not valid', [{ pointer: '/config/timezone', message: `unknown time zone "${timezone}"` }]);
      }
      const fields = cron.split(' ').length;
      if (fields !== 5 && fields !== 6) {
        return invalid('the schedule is not valid', [{ pointer: '/config/cron', message: `expected 5 or 6 fields, found ${fields}` }]);
      }
      return [200, { next_fire_times: kTimes }];
    },
    'GET /api/credentials': () => [200, { items: [{ id: 'cred_gh', name: 'GitHub secret', kind: 'secret', fields: ['value'], created_at: '', updated_at: '' }] }],
    'GET /api/credential-kinds': () => [200, { items: [] }],
  });
}

function panel(fake: ReturnType<typeof server>, { canEdit = true } = {}) {
  render(
    <FakeApi api={fake.api}>
      <FakeAuth role={canEdit ? 'editor' : 'viewer'}>
        <TriggersPanel pipelineId="p1" meta={{ name: 'Digest', description: 'Daily digest' }} fields={[topic]} canEdit={canEdit} dirty={false} />
      </FakeAuth>
    </FakeApi>,
  );
}

const card = (name: RegExp | string) => within(screen.getByRole('article', { name }));
const previews = (fake: ReturnType<typeof server>) =>
  fake.sent('POST', '/api/triggers/preview').map((r) => (r.body as { config: { cron: string } }).config.cron);

describe('the Triggers panel: schedules', () => {
  it('creates a schedule from a preset with fixed inputs, showing the next five fire times before and after saving', async () => {
    const fake = server();
    panel(fake);
    await screen.findByTestId('no-triggers');
    fireEvent.click(screen.getByTestId('add-schedule'));
    const draft = card('Schedule trigger');
    await waitFor(() => expect(draft.getAllByRole('listitem')).toHaveLength(5));
    expect(previews(fake)).toEqual(['0 9 * * 1-5']);

    fireEvent.change(draft.getByLabelText('Repeat'), { target: { value: 'daily' } });
    fireEvent.change(draft.getByLabelText('At'), { target: { value: '07:30' } });
    fireEvent.change(draft.getByLabelText('Time zone'), { target: { value: 'America/New_York' } });
    fireEvent.change(draft.getByLabelText(/Topic/), { target: { value: 'owls' } });
    await waitFor(() => expect(previews(fake).at(-1)).toBe('30 7 * * *'));

    fireEvent.click(draft.getByTestId('trigger-save'));
    await waitFor(() => expect(fake.sent('POST', '/api/triggers')).toHaveLength(1));
    expect(fake.sent('POST', '/api/triggers')[0]?.body).toEqual({
      pipeline_id: 'p1',
      kind: 'schedule',
      enabled: true,
      config: { cron: '30 7 * * *', timezone: 'America/New_York', missed: 'skip' },
      inputs: { topic: 'owls' },
    });
    const created = await screen.findByRole('article', { name: 'Schedule trigger' });
    await waitFor(() => expect(created.getAttribute('data-trigger')).toBe('trg_2'));
    expect(within(created).getByTestId('trigger-summary').textContent).toBe('Daily at 07:30 · America/New_York');
    expect(within(created).getAllByRole('listitem')).toHaveLength(5);
  });

  it("asks for a preview once the user stops typing, and shows the server's problem under the cron field", async () => {
    const fake = server();
    panel(fake);
    fireEvent.click(await screen.findByTestId('add-schedule'));
    const draft = card('Schedule trigger');
    fireEvent.change(draft.getByLabelText('Repeat'), { target: { value: 'custom' } });
    const cron = draft.getByLabelText('Cron expression');
    for (const text of ['0', '0 9', '0 9 *', 'every day at nine']) fireEvent.change(cron, { target: { value: text } });
    await waitFor(() => expect(cron.getAttribute('aria-invalid')).toBe('true'));
    const problem = draft.getByText('expected 5 or 6 fields, found 4');
    expect(problem.closest('[data-field]')?.contains(cron)).toBe(true);
    expect(previews(fake).filter((c) => c !== '0 9 * * 1-5')).toEqual(['every day at nine']);
    expect(draft.getByText('Fix the schedule to see when it runs.')).toBeTruthy();

    fireEvent.change(cron, { target: { value: '*/30 * * * * *' } });
    await waitFor(() => expect(cron.getAttribute('aria-invalid')).toBe('false'));
    await waitFor(() => expect(draft.getAllByRole('listitem')).toHaveLength(5));
  });

  it('pauses and resumes a saved schedule with its saved settings', async () => {
    const fake = server([saved({})]);
    panel(fake);
    const toggle = await screen.findByRole('switch', { name: 'Enabled' });
    fireEvent.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(fake.sent('PUT', '/api/triggers/trg_1')[0]?.body).toEqual({
      kind: 'schedule',
      enabled: false,
      config: { cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', missed: 'skip' },
      inputs: {},
    });
    expect(card('Schedule trigger').getByText('Paused: nothing fires until it is resumed.')).toBeTruthy();
    fireEvent.click(toggle);
    await waitFor(() => expect(card('Schedule trigger').getAllByRole('listitem')).toHaveLength(5));
  });

  it('shows the last run, its execution and the last error', async () => {
    const fake = server([saved({ last_fired_at: new Date().toISOString(), last_execution_id: 'ex_9', last_error: 'the run limit was reached', fire_count: 12 })]);
    panel(fake);
    const status = await screen.findByTestId('trigger-status');
    expect(within(status).getByRole('link', { name: 'ex_9' }).getAttribute('href')).toBe('/executions/ex_9');
    expect(within(status).getByTestId('fire-count').textContent).toBe('12 runs');
    expect(within(status).getByTestId('trigger-error').textContent).toBe('Last error: the run limit was reached');
    expect(within(status).getByRole('link', { name: 'All runs of this schedule' }).getAttribute('href')).toBe('/executions?pipeline=p1&trigger=schedule&trigger_id=trg_1');
  });

  it('deletes a trigger only after the confirm', async () => {
    const fake = server([saved({})]);
    panel(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete trigger' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.sent('DELETE', '/api/triggers/trg_1')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Delete trigger' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    await screen.findByTestId('no-triggers');
    expect(fake.sent('DELETE', '/api/triggers/trg_1')).toHaveLength(1);
  });
});

describe('the Triggers panel: webhooks and forms', () => {
  it('creates a signed webhook (GitHub preset), shows its URL and a curl command, and rotates the URL after a confirm', async () => {
    const fake = server();
    panel(fake);
    fireEvent.click(await screen.findByTestId('add-webhook'));
    const draft = card('Webhook trigger');
    fireEvent.change(draft.getByLabelText('Signature'), { target: { value: 'github' } });
    expect((draft.getByLabelText('Header') as HTMLInputElement).value).toBe('X-Hub-Signature-256');
    expect((draft.getByLabelText('Prefix') as HTMLInputElement).value).toBe('sha256=');
    fireEvent.click(draft.getByTestId('trigger-save'));
    await draft.findByText('choose the credential that holds the secret');

    await draft.findByRole('option', { name: /GitHub secret/ });
    fireEvent.change(draft.getByLabelText(/Secret/), { target: { value: 'cred_gh' } });
    fireEvent.click(draft.getByTestId('trigger-save'));
    await waitFor(() => expect(fake.sent('POST', '/api/triggers')).toHaveLength(2));
    expect((fake.sent('POST', '/api/triggers')[1]?.body as { config: unknown }).config).toEqual({
      method: 'POST',
      respond: 'immediately',
      body: 'json',
      signature: { scheme: 'github', header: 'X-Hub-Signature-256', prefix: 'sha256=', credential: 'cred_gh', tolerance_seconds: null },
      idempotency: null,
      rate_limit_per_minute: null,
    });

    const url = await screen.findByTestId('trigger-url');
    expect(url.textContent).toBe('http://localhost:3000/hooks/tok_1');
    const curl = screen.getByTestId('webhook-curl').textContent ?? '';
    expect(curl).toContain("'http://localhost:3000/hooks/tok_1'");
    expect(curl).toContain('"X-Hub-Signature-256: sha256=$sig"');
    expect(curl).toContain('{"topic":"Your topic"}');

    fireEvent.click(screen.getByRole('button', { name: 'Rotate URL' }));
    const confirm = screen.getByRole('dialog', { name: 'Rotate this URL?' });
    expect(confirm.textContent).toContain('The old URL stops working');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rotate URL' }));
    await waitFor(() => expect(screen.getByTestId('trigger-url').textContent).toBe('http://localhost:3000/hooks/tok_2'));
  });

  it('shares a form: its link to copy and open, and its submissions against the limit', async () => {
    const form = saved({
      id: 'trg_f',
      kind: 'form',
      config: { title: 'Ask the digest', description: '', expires_at: null, max_submissions: 10, success_message: null },
      url: '/f/tok_form',
      fire_count: 3,
    });
    panel(server([form]));
    const share = await screen.findByRole('article', { name: 'Form trigger' });
    expect(within(share).getByTestId('trigger-url').textContent).toBe('http://localhost:3000/f/tok_form');
    const open = within(share).getByRole('link', { name: 'Open' });
    expect(open.getAttribute('href')).toBe('http://localhost:3000/f/tok_form');
    expect(open.getAttribute('target')).toBe('_blank');
    expect(within(share).getByTestId('fire-count').textContent).toBe('3 submissions of 10');
  });

  it('new form triggers take the pipeline name as their title', async () => {
    const fake = server();
    panel(fake);
    fireEvent.click(await screen.findByTestId('add-form'));
    const draft = card('Form trigger');
    expect((draft.getByLabelText('Title') as HTMLInputElement).value).toBe('Digest');
    fireEvent.change(draft.getByLabelText(/Submissions at most/), { target: { value: '5' } });
    fireEvent.click(draft.getByTestId('trigger-save'));
    await screen.findByTestId('trigger-url');
    expect((fake.sent('POST', '/api/triggers')[0]?.body as { config: unknown }).config).toEqual({
      title: 'Digest',
      description: 'Daily digest',
      expires_at: null,
      max_submissions: 5,
      success_message: null,
    });
  });

  it('shows a viewer everything read-only: no add, delete, rotate or pause', async () => {
    const fake = server([saved({}), saved({ id: 'trg_w', kind: 'webhook', config: { method: 'POST', respond: 'immediately', body: 'json', signature: null, idempotency: null, rate_limit_per_minute: null }, url: '/hooks/tok_w' })]);
    panel(fake, { canEdit: false });
    await screen.findByRole('article', { name: 'Webhook trigger' });
    expect(screen.queryByRole('group', { name: 'Add a trigger' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete trigger' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Rotate URL' })).toBeNull();
    fireEvent.click(screen.getAllByRole('switch', { name: 'Enabled' })[0]!);
    fireEvent.click(within(screen.getByRole('article', { name: 'Schedule trigger' })).getByRole('button', { name: 'Show settings' }));
    expect((screen.getByLabelText('Repeat') as HTMLSelectElement).disabled).toBe(true);
    expect(screen.queryByTestId('trigger-save')).toBeNull();
    expect(fake.requests.filter((r) => r.method !== 'GET' && r.path !== '/api/triggers/preview')).toEqual([]);
  });
});

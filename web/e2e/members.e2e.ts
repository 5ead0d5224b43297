import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineRecord } from '../src/shared/api/types';
import { artifacts, launch, nodeIds, openPage, pageToken, shot, signIn } from './browser';
import { allowPageErrors } from './fixtures';
import { setUpOwner, startWeft, type RunningServer } from './server';

allowPageErrors(/401 \(Unauthorized\) \[[^\]]*\/api\/auth\/refresh\]/, 'pages opened signed out: the editor asks for a session and hears there is none');
allowPageErrors(/403 \(Forbidden\) \[[^\]]*\/api\/pipelines\//, 'the viewer tries what the server must refuse');

const webDir = path.resolve(artifacts, '..', '..');
const kOwner = { email: 'team-owner@example.com', name: 'Team Owner', password: 'team-owner-passphrase' };
const kEditor = { email: 'ed@example.com', name: 'Ed Itor', password: 'editor-passphrase' };
const kViewer = { email: 'vi@example.com', name: 'Vi Ewer', password: 'viewer-passphrase' };
/** Has an account of their own, and is no member of the owner's workspace until they say yes. */
const kGuest = { email: 'guest@example.com', name: 'Gus Guest', password: 'guest-passphrase' };
const kPipeline = 'team-greeting';
const kForbidden = 'your role (viewer) may not build in this workspace';
/** The same, as the editor puts it in a tooltip. */
const kWhy = 'Your role (viewer) may not build in this workspace';

/**
 * Members on a server of their own: the owner invites a viewer by link and
 * adds an editor directly; the viewer joins through the link, sees and runs
 * the owner's pipelines, and is offered nothing that would change them or
 * manage the workspace; an editor is offered building; the owner changes a
 * role; someone who has an account is added by email, which invites them,
 * and joins only when they accept.
 */
describe('members, invites and what a viewer may do', () => {
  let weft: RunningServer;
  let ownerToken = '';
  let browser: Browser;
  let owner: Page;
  let viewer: Page;
  let inviteLink = '';
  const errors: string[] = [];

  const getPipeline = async () => {
    const response = await fetch(`${weft.url}/api/pipelines/${kPipeline}`, { headers: { Authorization: `Bearer ${ownerToken}` } });
    return (await response.json()) as PipelineRecord;
  };

  /** An account that exists but is no member here: made by the owner, then removed. */
  const makeOutsider = async (account: typeof kGuest) => {
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${weft.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ownerToken}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const added = await call('POST', '/api/members', { ...account, role: 'viewer' });
    if (added.status !== 202) throw new Error(`add ${account.email}: ${added.status} ${await added.text()}`);
    const { items } = (await (await call('GET', '/api/members')).json()) as { items: { user_id: string; email: string }[] };
    const member = items.find((m) => m.email === account.email);
    if (!member || !(await call('DELETE', `/api/members/${member.user_id}`)).ok) throw new Error(`remove ${account.email}`);
  };

  beforeAll(async () => {
    const binary = path.resolve(webDir, process.env.WEFT_BINARY ?? '../build/weft');
    weft = await startWeft(binary, path.join(webDir, 'dist'));
    ownerToken = await setUpOwner(weft.url, kOwner);
    const created = await fetch(`${weft.url}/api/pipelines`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ownerToken}` },
      body: JSON.stringify({
        id: kPipeline,
        name: 'Team greeting',
        nodes: [
          { id: 'who', type: 'input_text', config: { name: 'who', label: 'Who' }, position: { x: 0, y: 0 } },
          { id: 'hello', type: 'template', config: { template: 'Hello {{ who.text }}, welcome aboard' }, position: { x: 300, y: 0 } },
          { id: 'out', type: 'output_text', config: { name: 'greeting', text: '{{ hello.text }}' }, position: { x: 600, y: 0 } },
        ],
        edges: [
          { source: 'who', target: 'hello' },
          { source: 'hello', target: 'out' },
        ],
      }),
    });
    if (!created.ok) throw new Error(`create ${kPipeline}: ${created.status} ${await created.text()}`);
    await makeOutsider(kGuest);
    browser = await launch();
    owner = await openPage(browser, errors, false);
    await signIn(owner, weft.url, kOwner);
  });
  afterAll(async () => {
    await browser?.close();
    await weft?.stop();
  });

  it('the owner makes an invite link for a viewer on the Members page', async () => {
    await owner.getByRole('link', { name: 'Members' }).click();
    await owner.getByTestId(`member-${kOwner.email}`).getByText('(you)').waitFor();
    const invites = owner.getByRole('region', { name: 'Invite links' });
    await invites.getByLabel('Invite role').selectOption('viewer');
    await invites.getByRole('button', { name: 'Create invite link' }).click();
    inviteLink = (await invites.getByTestId('invite-link').locator('code').textContent()) ?? '';
    expect(inviteLink).toMatch(new RegExp(`^${weft.url}/invite#.+`));
    const open = invites.getByRole('listitem');
    await expect.poll(() => open.allTextContents()).toEqual([expect.stringMatching(/^viewer\s*anyone with the link/)]);
    await shot(owner, '39-invite-link');
  });

  it('the owner adds an editor directly, with a new account', async () => {
    await owner.getByRole('button', { name: 'Add member' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Add a member' });
    await dialog.getByLabel('Email').fill(kEditor.email);
    await dialog.getByLabel('Role').selectOption('editor');
    await dialog.getByLabel('Create a new account with a password').check();
    await dialog.getByLabel('Name').fill(kEditor.name);
    await dialog.getByLabel(/^Password/).fill(kEditor.password);
    await shot(owner, '40-add-member');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = owner.getByTestId(`member-${kEditor.email}`);
    await row.getByText(kEditor.name).waitFor();
    await expect.poll(() => row.getByLabel(`Role of ${kEditor.email}`).inputValue()).toBe('editor');
    await shot(owner, '41-members');
  });

  it('someone new opens the invite link in a browser of their own and joins as a viewer', async () => {
    viewer = await openPage(browser, errors, false);
    await viewer.goto(inviteLink);
    const form = viewer.getByRole('form', { name: 'Accept invite' });
    await form.getByRole('heading', { name: 'Join Default' }).waitFor();
    await expect.poll(() => form.textContent()).toContain('You are invited as viewer.');
    await form.getByLabel('Email').fill(kViewer.email);
    await form.getByLabel('Name').fill(kViewer.name);
    await form.getByLabel('Password').fill(kViewer.password);
    await shot(viewer, '42-accept-invite');
    await form.getByRole('button', { name: 'Join' }).click();
    await viewer.getByRole('heading', { name: 'Pipelines' }).waitFor();
    await viewer.locator(`[data-pipeline="${kPipeline}"]`).getByRole('link', { name: 'Team greeting' }).waitFor();
    await viewer.getByRole('button', { name: 'Account' }).click();
    // In the owner's workspace (the new account also gets one of its own to switch to).
    await viewer.getByTestId('account-name').getByText(kViewer.name).waitFor();
    await expect.poll(() => viewer.getByTestId('account-workspace').textContent()).toBe('Default');
    await expect.poll(() => viewer.getByRole('menu', { name: 'Account' }).textContent()).toMatch(/Default\s*viewer/);
    await shot(viewer, '43-viewer-pipelines');
    await viewer.keyboard.press('Escape');
  });

  it('the viewer runs the owner’s pipeline', async () => {
    await viewer.locator(`[data-pipeline="${kPipeline}"]`).getByRole('link', { name: 'Team greeting' }).click();
    await viewer.getByTestId('node-hello').waitFor();
    await viewer.getByTestId('run').click();
    await viewer.getByRole('dialog').getByLabel('Who').fill('Vi');
    await viewer.getByTestId('run-submit').click();
    await viewer.locator('[data-testid="output-panel"][data-run-status="succeeded"]').waitFor();
    await expect.poll(() => viewer.getByTestId('output-details').textContent()).toContain('Hello Vi, welcome aboard');
    await shot(viewer, '44-viewer-run');
  });

  it('the viewer’s editor says it is read-only and offers nothing that builds; running stays theirs', async () => {
    const writes: string[] = [];
    viewer.on('request', (r) => {
      const { pathname } = new URL(r.url());
      // Runs (whole, one block) are a viewer's to start; anything else that writes is not.
      if (r.method() !== 'GET' && pathname.startsWith(`/api/pipelines/${kPipeline}`) && !/\/(test-)?run$/.test(pathname)) writes.push(r.url());
    });
    // The header says why; Save is off with the reason; no undo, redo or palette; the name is not a field to type in.
    await expect.poll(() => viewer.getByTestId('read-only').textContent()).toBe('Read-only — your role is viewer');
    const save = viewer.getByTestId('save');
    await expect.poll(() => save.isDisabled()).toBe(true);
    await expect.poll(() => save.getAttribute('title')).toBe(kWhy);
    await expect.poll(() => viewer.getByRole('button', { name: /^(Undo|Redo)/ }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('complementary', { name: 'Blocks' }).count()).toBe(0);
    await expect.poll(() => viewer.locator('[data-node-type]').count()).toBe(0);
    await expect.poll(() => viewer.getByLabel('Pipeline name').isEditable()).toBe(false);
    await expect.poll(() => viewer.getByTestId('run').isEnabled()).toBe(true);
    await expect.poll(() => viewer.getByRole('tab', { name: 'API' }).count()).toBe(1);

    // The block panel opens on its run data and offers running, not deleting; its settings look disabled.
    await viewer.getByTestId('node-hello').click();
    const panel = viewer.getByTestId('node-panel');
    await expect.poll(() => panel.getByRole('tab', { name: /Run data/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => panel.getByRole('button', { name: 'Delete block' }).count()).toBe(0);
    await expect.poll(() => panel.getByRole('button', { name: 'Pin output' }).count()).toBe(0);
    await expect.poll(() => panel.getByRole('button', { name: 'Run this node' }).count()).toBe(1);
    await panel.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => panel.getByTestId('settings-read-only').textContent()).toBe(`Read-only. ${kWhy}.`);
    await expect.poll(() => panel.locator('fieldset').evaluate((f: HTMLFieldSetElement) => f.disabled)).toBe(true);
    const template = panel.locator('#cfg-hello-template');
    await expect.poll(() => template.isEditable()).toBe(false);
    await expect.poll(() => template.evaluate((t) => getComputedStyle(t).cursor)).toBe('not-allowed');
    await shot(viewer, '45-viewer-read-only');

    // Keys and typing change nothing either: delete, undo, a letter in the name, Ctrl+S.
    await viewer.getByTestId('node-out').click();
    await viewer.keyboard.press('Delete');
    await viewer.keyboard.press('Control+z');
    await viewer.getByLabel('Pipeline name').focus();
    await viewer.keyboard.type('x');
    await viewer.keyboard.press('Control+s');
    // Something that does render, so whatever the attempts above changed has rendered too.
    await viewer.getByTestId('node-who').click();
    await panel.getByRole('heading', { name: 'Text input' }).waitFor();
    await expect.poll(() => viewer.getByLabel('Pipeline name').inputValue()).toBe('Team greeting');
    await expect.poll(() => nodeIds(viewer)).toEqual(['who', 'hello', 'out']);
    await expect.poll(() => viewer.getByTestId('save-state').textContent()).toBe('Published · version 1');

    // Running one block is a run, which a viewer may do.
    const runs = async () => {
      const response = await fetch(`${weft.url}/api/executions?pipeline_id=${kPipeline}`, { headers: { Authorization: `Bearer ${ownerToken}` } });
      return ((await response.json()) as { items: { status: string }[] }).items;
    };
    const before = (await runs()).length;
    await viewer.getByTestId('node-hello').click();
    await panel.getByRole('button', { name: 'Run this node' }).click();
    await expect.poll(async () => (await runs()).map((r) => r.status)).toEqual(Array(before + 1).fill('succeeded'));
    expect(writes).toEqual([]);
    expect((await getPipeline()).version).toBe(1);
  });

  it('the viewer’s pipeline list offers no new pipeline, rename, duplicate or delete, and the server refuses them anyway', async () => {
    await viewer.getByRole('link', { name: 'Pipelines' }).click();
    const row = viewer.locator(`[data-pipeline="${kPipeline}"]`);
    await row.getByRole('link', { name: 'Team greeting' }).waitFor();
    await expect.poll(() => viewer.getByRole('button', { name: 'New pipeline' }).count()).toBe(0);
    await expect.poll(() => row.getByRole('button', { name: 'Actions for Team greeting' }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('main').textContent()).toContain('Editors create and change pipelines.');
    await shot(viewer, '46-viewer-pipelines');
    // What the list no longer offers, asked with the viewer's own session: still a readable 403.
    const answer = await viewer.evaluate(
      async ([token, id]) => {
        const response = await fetch(`/api/pipelines/${id}`, {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${token}` },
        });
        return { status: response.status, text: await response.text() };
      },
      [await pageToken(viewer), kPipeline] as const,
    );
    expect(answer.status).toBe(403);
    expect(answer.text).toContain(kForbidden);
    const record = await getPipeline();
    expect(record.name).toBe('Team greeting');
    expect(record.version).toBe(1);
  });

  it('the viewer is told who manages keys, credentials, members and settings, and offered none of it', async () => {
    await viewer.getByRole('link', { name: 'API keys' }).click();
    await viewer.getByText('Admins manage API keys').waitFor();
    await expect.poll(() => viewer.getByRole('main').textContent()).toContain('yours is viewer');
    await expect.poll(() => viewer.getByRole('button', { name: 'New API key' }).count()).toBe(0);
    await shot(viewer, '49-viewer-api-keys');
    await viewer.getByRole('link', { name: 'Credentials' }).click();
    await viewer.getByText('Admins add, change and delete them.').waitFor();
    await expect.poll(() => viewer.getByRole('button', { name: 'New credential' }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Members' }).click();
    await viewer.getByTestId(`member-${kOwner.email}`).waitFor();
    await expect.poll(() => viewer.getByRole('main').textContent()).toContain('Your role is viewer.');
    await expect.poll(() => viewer.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('region', { name: 'Invite links' }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('combobox', { name: /^Role of / }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await viewer.getByRole('link', { name: 'Settings' }).click();
    await viewer.getByText('Admins add, change and remove these providers.', { exact: false }).waitFor();
    await expect.poll(() => viewer.getByRole('button', { name: 'Add provider' }).count()).toBe(0);
    await expect.poll(() => viewer.getByRole('button', { name: 'Save providers' }).count()).toBe(0);
    await shot(viewer, '50-viewer-settings');
  });

  it('an editor keeps everything that builds, and is told admins manage API keys', async () => {
    const editor = await openPage(browser, errors, false);
    await signIn(editor, weft.url, kEditor);
    // Added by an admin, the account lands in the team, not in its own empty workspace.
    await editor.locator(`[data-pipeline="${kPipeline}"]`).waitFor();
    await editor.getByRole('button', { name: 'Account' }).click();
    await expect.poll(() => editor.getByRole('menu', { name: 'Account' }).textContent()).toMatch(/Default\s*editor/);
    await editor.keyboard.press('Escape');
    await expect.poll(() => editor.getByRole('button', { name: 'New pipeline' }).count()).toBe(1);
    await editor.locator(`[data-pipeline="${kPipeline}"]`).getByRole('link', { name: 'Team greeting' }).click();
    await editor.getByTestId('node-hello').waitFor();
    await expect.poll(() => editor.getByTestId('read-only').count()).toBe(0);
    await expect.poll(() => editor.getByTestId('save').isEnabled()).toBe(true);
    await expect.poll(() => editor.getByRole('button', { name: /^Undo/ }).count()).toBe(1);
    await expect.poll(() => editor.locator('[data-node-type]').count()).toBeGreaterThan(0);
    await expect.poll(() => editor.getByLabel('Pipeline name').isEditable()).toBe(true);
    await editor.getByRole('link', { name: 'API keys' }).click();
    await expect.poll(() => editor.getByRole('main').textContent()).toContain('yours is editor');
    await editor.context().close();
  });

  it('the owner sees the new member as a viewer, and the invite used', async () => {
    await owner.reload();
    const row = owner.getByTestId(`member-${kViewer.email}`);
    await row.getByText(kViewer.name).waitFor();
    await expect.poll(() => row.getByLabel(`Role of ${kViewer.email}`).inputValue()).toBe('viewer');
    await expect.poll(() => owner.getByRole('region', { name: 'Invite links' }).getByRole('listitem').count()).toBe(0);
    await shot(owner, '47-members-with-viewer');
  });

  it('the owner changes the editor to admin, and it stays after a reload', async () => {
    await owner.getByLabel(`Role of ${kEditor.email}`).selectOption('admin');
    await owner.getByText(`${kEditor.email} is now admin`).waitFor();
    await owner.reload();
    await owner.getByTestId(`member-${kEditor.email}`).waitFor();
    await expect.poll(() => owner.getByLabel(`Role of ${kEditor.email}`).inputValue()).toBe('admin');
    await expect.poll(() => owner.getByLabel(`Role of ${kViewer.email}`).inputValue()).toBe('viewer');
    await shot(owner, '48-role-changed');
    expect(errors).toEqual([]);
  });

  it('the owner adds someone who has an account: they are invited, not added', async () => {
    await owner.getByRole('button', { name: 'Add member' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Add a member' });
    await dialog.getByLabel('Email').fill(kGuest.email);
    await dialog.getByLabel('Role').selectOption('editor');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await dialog.waitFor({ state: 'detached' });
    await owner.getByText(`${kGuest.email} is invited as editor and joins on accepting, after signing in.`).waitFor();
    const open = owner.getByRole('region', { name: 'Invite links' }).getByRole('listitem');
    await expect.poll(() => open.allTextContents()).toEqual([expect.stringMatching(new RegExp(`^editor\\s*${kGuest.email}`))]);
    expect(await owner.getByTestId(`member-${kGuest.email}`).count()).toBe(0);
    await shot(owner, '51-member-invited');
  });

  it('the invitee signs in to their own workspace, sees the invitation, accepts and is switched in', async () => {
    const guest = await openPage(browser, errors, false);
    await signIn(guest, weft.url, kGuest);
    // Not in the owner's workspace before saying yes.
    await expect.poll(() => guest.locator(`[data-pipeline="${kPipeline}"]`).count()).toBe(0);
    const card = guest.getByRole('region', { name: 'Invitations' });
    await expect.poll(() => card.textContent()).toContain(`${kOwner.name} invited you to Default as editor.`);
    await shot(guest, '52-invitation');
    await card.getByRole('button', { name: 'Accept' }).click();
    await guest.locator(`[data-pipeline="${kPipeline}"]`).getByRole('link', { name: 'Team greeting' }).waitFor();
    await expect.poll(() => card.count()).toBe(0);
    await guest.getByRole('button', { name: 'Account' }).click();
    await expect.poll(() => guest.getByTestId('account-workspace').textContent()).toBe('Default');
    await expect.poll(() => guest.getByRole('menu', { name: 'Account' }).textContent()).toMatch(/Default\s*editor/);
    await guest.context().close();

    await owner.reload();
    const row = owner.getByTestId(`member-${kGuest.email}`);
    await row.getByText(kGuest.name).waitFor();
    await expect.poll(() => owner.getByRole('region', { name: 'Invite links' }).getByRole('listitem').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

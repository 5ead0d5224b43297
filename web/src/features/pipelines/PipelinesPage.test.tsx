import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PipelineSummary } from '../../shared/api/types';
import { FakeApi } from '../../test/fakeApi';
import { FakeAuth } from '../../test/fakeAuth';
import { PipelinesPage } from './PipelinesPage';

const greeting = { id: 'greet', name: 'Greeting', description: '', updated_at: '2026-01-02T03:04:05Z' } as PipelineSummary;

function page(role: string, pipelines: PipelineSummary[] = [greeting]) {
  render(
    <FakeApi api={{ listPipelines: () => Promise.resolve(pipelines) }} socket={{ subscribeFeed: () => () => {} }}>
      <FakeAuth role={role}>
        <PipelinesPage />
      </FakeAuth>
    </FakeApi>,
  );
}

describe('PipelinesPage', () => {
  it('offers a viewer no new pipeline and no rename, duplicate or delete', async () => {
    page('viewer');
    await screen.findByRole('link', { name: 'Greeting' });
    expect(screen.queryByRole('button', { name: 'New pipeline' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Actions for Greeting' })).toBeNull();
    expect(screen.getByText(/Editors create and change pipelines/)).toBeTruthy();
  });

  it('offers a viewer with no pipelines nothing to create', async () => {
    page('viewer', []);
    await screen.findByText('No pipelines yet');
    expect(screen.queryByRole('button', { name: /pipeline/ })).toBeNull();
  });

  it('offers an editor all of them', async () => {
    page('editor');
    await screen.findByRole('link', { name: 'Greeting' });
    expect(screen.getByRole('button', { name: 'New pipeline' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Actions for Greeting' }));
    expect(screen.getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Rename', 'Duplicate', 'Delete']);
  });
});

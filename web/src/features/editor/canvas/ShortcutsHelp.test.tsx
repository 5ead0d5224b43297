import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ShortcutsHelp } from './ShortcutsHelp';

function open() {
  render(
    <div>
      <ShortcutsHelp />
      <p>elsewhere</p>
    </div>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
  expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
}

describe('ShortcutsHelp', () => {
  it('closes with Escape', () => {
    open();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('closes with a click outside, and stays open for a click inside', () => {
    open();
    fireEvent.pointerDown(screen.getByText('undo'));
    expect(screen.queryByRole('dialog')).not.toBeNull();
    fireEvent.pointerDown(screen.getByText('elsewhere'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('toggles with its button', () => {
    open();
    const button = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    fireEvent.pointerDown(button);
    fireEvent.click(button);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { nextNoteId, readNotes, writeNotes, type StickyNote } from './notes';

const note: StickyNote = { id: 'note:1', x: 10, y: 20, width: 240, height: 140, text: '# Hi', color: 'blue' };

describe('sticky notes', () => {
  it('renders Markdown as elements, links only to http(s) and mail', () => {
    const { container } = render(
      <Markdown text={'# Title\nsome **bold** and *soft* `code`\n\n- one\n- [site](https://example.com)\n- [bad](javascript:alert(1))\n<img src=x onerror=alert(1)>'} />,
    );
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect(container.querySelector('em')?.textContent).toBe('soft');
    expect(container.querySelector('code')?.textContent).toBe('code');
    expect(container.querySelectorAll('li')).toHaveLength(3);
    expect([...container.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://example.com']);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('keeps notes per workspace and pipeline, and drops what it cannot read', () => {
    writeNotes('w1', 'p', [note]);
    expect(readNotes('w1', 'p')).toEqual([note]);
    expect(readNotes('w2', 'p')).toEqual([]);
    localStorage.setItem('weft.notes.w1\nbroken', '[{"id":"x"}, 5]');
    expect(readNotes('w1', 'broken')).toEqual([]);
    writeNotes('w1', 'p', []);
    expect(localStorage.getItem('weft.notes.w1\np')).toBeNull();
  });

  it('gives a new note an unused id', () => {
    expect(nextNoteId([note, { ...note, id: 'note:2' }])).toBe('note:3');
    expect(nextNoteId([{ ...note, id: 'note:2' }])).toBe('note:3');
  });
});

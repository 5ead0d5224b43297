/** Frames to wait for a block panel to open and show the field (about half a second). */
const kFocusFrames = 30;

/**
 * Focuses a field of the block panel once it is there: the panel opens on
 * the frame after its block is selected. The field is scrolled into view and
 * flashes, so the eye finds it; a field that never appears is left alone.
 */
export function focusField(id: string, frames = kFocusFrames): void {
  const element = document.getElementById(id);
  if (!element) {
    if (frames > 0) requestAnimationFrame(() => focusField(id, frames - 1));
    return;
  }
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  const field = element.closest<HTMLElement>('[data-field]') ?? element;
  field.dataset.flash = 'true';
  field.style.outline = '2px solid var(--color-danger, #dc2626)';
  field.style.outlineOffset = '4px';
  field.style.borderRadius = '6px';
  setTimeout(() => {
    delete field.dataset.flash;
    field.style.outline = '';
    field.style.outlineOffset = '';
  }, 1200);
}

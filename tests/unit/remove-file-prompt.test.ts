// Removing a stored file (components/evidence/remove-file-button.tsx, removal.ts): Escape closes the
// "Remove …?" question like "Keep it"; once the file has gone, focus lands on something still there
// and the removal is read out.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { focusAfterRemove, keepsFileOnKey, promptKeyHandler, removedText } from '@/components/evidence/removal';

vi.mock('@/app/apply/[slug]/actions', () => ({ removeFileAction: vi.fn() }));
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));
const { RemoveFileButton, RemovePrompt } = await import('@/components/evidence/remove-file-button');

const key = (k: string) => ({ key: k, preventDefault: vi.fn(), stopPropagation: vi.fn() });

describe('Escape in the “Remove …?” question', () => {
  it('keeps the file, as “Keep it” does, and goes no further (nothing around it closes too)', () => {
    const keep = vi.fn();
    const escape = key('Escape');
    promptKeyHandler(false, keep)(escape);
    expect(keep).toHaveBeenCalledTimes(1);
    expect(escape.preventDefault).toHaveBeenCalled();
    expect(escape.stopPropagation).toHaveBeenCalled();
  });

  it('leaves other keys alone (Enter and Space press the buttons, Tab moves between them)', () => {
    const keep = vi.fn();
    for (const k of ['Enter', ' ', 'Tab', 'Esc!']) {
      const e = key(k);
      promptKeyHandler(false, keep)(e);
      expect(e.preventDefault).not.toHaveBeenCalled();
    }
    expect(keep).not.toHaveBeenCalled();
  });

  it('does nothing once the removal is on its way (it cannot be called back)', () => {
    const keep = vi.fn();
    promptKeyHandler(true, keep)(key('Escape'));
    expect(keep).not.toHaveBeenCalled();
    expect(keepsFileOnKey('Escape', true)).toBe(false);
    expect(keepsFileOnKey('Escape', false)).toBe(true);
  });
});

describe('the question’s markup', () => {
  it('is a named group that listens for keys, with both answers as buttons', () => {
    const html = renderToStaticMarkup(createElement(RemovePrompt, { fileName: 'plan.pdf', busy: false, error: null }));
    expect(html).toMatch(/^<span role="group" aria-label="Remove plan\.pdf\?"/);
    expect(html).toContain('>Yes, remove it</button>');
    expect(html).toContain('>Keep it</button>');
    expect(html).not.toMatch(/ aria-disabled="| disabled=""/);
  });

  it('while removing, says so and keeps its buttons focusable (aria-disabled, not disabled, which would drop focus to the page)', () => {
    const html = renderToStaticMarkup(createElement(RemovePrompt, { fileName: 'plan.pdf', busy: true, error: null }));
    expect(html).toContain('Removing…');
    expect(html.match(/aria-disabled="true"/g)).toHaveLength(2);
    expect(html).not.toMatch(/ disabled=""/);
  });

  it('says a failure where the teacher is', () => {
    const html = renderToStaticMarkup(createElement(RemovePrompt, { fileName: 'plan.pdf', busy: false, error: 'The file could not be removed. Try again.' }));
    expect(html).toContain('<span role="alert" class="basis-full font-medium text-red-700">The file could not be removed. Try again.</span>');
  });

  it('opens from a Remove button named for its file, marked so the row before it can hand focus on to it', () => {
    const html = renderToStaticMarkup(createElement(RemoveFileButton, { fileId: 'f1', fileName: 'plan.pdf', focusAfter: 'files-p1' }));
    expect(html).toMatch(/^<button type="button" data-remove-file=""[^>]*>Remove<span class="sr-only"> plan\.pdf<\/span><\/button>$/);
  });
});

describe('after a file is removed', () => {
  const el = (name: string, disabled = false) => ({ name, disabled, focus: vi.fn() });

  it('is read out by its name', () => {
    expect(removedText('exit-tickets.png')).toBe('exit-tickets.png removed.');
  });

  it('focuses the next file’s Remove button', () => {
    const next = el('Remove b.pdf');
    expect(focusAfterRemove({ nextRemove: next, filesLeft: true, picker: el('picker'), heading: el('heading') })).toBe(next);
  });

  it('with no file after it, focuses the part’s files heading', () => {
    const heading = el('heading');
    expect(focusAfterRemove({ nextRemove: null, filesLeft: true, picker: el('picker'), heading })).toBe(heading);
  });

  it('with no file left, focuses the control that adds files', () => {
    const picker = el('picker');
    expect(focusAfterRemove({ nextRemove: null, filesLeft: false, picker, heading: el('heading') })).toBe(picker);
  });

  it('with no file left but the picker disabled (the part still full) or absent, focuses the heading', () => {
    const heading = el('heading');
    expect(focusAfterRemove({ nextRemove: null, filesLeft: false, picker: el('picker', true), heading })).toBe(heading);
    expect(focusAfterRemove({ nextRemove: null, filesLeft: false, picker: null, heading })).toBe(heading);
  });

  it('never picks a disabled picker, even with no heading to fall back on', () => {
    expect(focusAfterRemove({ nextRemove: null, filesLeft: true, picker: el('picker', true), heading: null })).toBeNull();
    const picker = el('picker');
    expect(focusAfterRemove({ nextRemove: null, filesLeft: true, picker, heading: null })).toBe(picker);
  });
});

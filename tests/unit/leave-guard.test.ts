// Leaving a long form with unsaved changes (components/ui/use-leave-guard.ts): a link inside the app
// moves without unloading the page, so the browser's own question never comes; the guard asks
// instead, for exactly the clicks that would take the person away from this page in this tab.
import { describe, expect, it, vi } from 'vitest';
import { createLeaveGuard, linkClickOf, shouldGuardClick, type LinkClick } from '@/components/ui/use-leave-guard';

const here = { href: 'https://microcred.test/admin/credentials/mc1/edit' };

function click(link: Partial<NonNullable<LinkClick['link']>> | null, keys: Partial<Omit<LinkClick, 'link'>> = {}): LinkClick {
  return {
    button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false,
    ...keys,
    link: link === null ? null : { href: 'https://microcred.test/admin/credentials', target: '', download: false, ...link },
  };
}

describe('shouldGuardClick', () => {
  it('asks about a plain click on a link to another page of the site, as "← All micro-credentials" and the admin tabs are', () => {
    expect(shouldGuardClick(click({}), here)).toBe(true);
    expect(shouldGuardClick(click({ href: 'https://microcred.test/admin/credentials/mc1/preview' }), here)).toBe(true);
    expect(shouldGuardClick(click({ href: '/admin/tracks/t1' }), here)).toBe(true);
    expect(shouldGuardClick(click({ target: '_self' }), here)).toBe(true);
    // The same page again, without a fragment, is loaded afresh: what was typed would go.
    expect(shouldGuardClick(click({ href: here.href }), here)).toBe(true);
    expect(shouldGuardClick(click({ href: `${here.href}?saved=1` }), here)).toBe(true);
  });

  it('lets clicks that open a new tab or window, or download, go without asking', () => {
    for (const keys of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }, { button: 2 }]) {
      expect(shouldGuardClick(click({}, keys), here), JSON.stringify(keys)).toBe(false);
    }
    expect(shouldGuardClick(click({ target: '_blank' }), here)).toBe(false);
    expect(shouldGuardClick(click({ download: true }), here)).toBe(false);
  });

  it('lets links within this page go: the error summary’s links to fields, a bare "#"', () => {
    expect(shouldGuardClick(click({ href: `${here.href}#summary` }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: `${here.href}#` }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: '#rubric.criteria.0.title' }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: `${here.href}#other` }), { href: `${here.href}#summary` })).toBe(false);
  });

  it('leaves other sites, mail and script links to the browser’s own question', () => {
    expect(shouldGuardClick(click({ href: 'https://example.org/standards' }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: 'http://microcred.test/admin/credentials' }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: 'mailto:help@microcred.test' }), here)).toBe(false);
    expect(shouldGuardClick(click({ href: 'javascript:void(0)' }), here)).toBe(false);
  });

  it('ignores a click that is not on a link, or that something already stopped', () => {
    expect(shouldGuardClick(click(null), here)).toBe(false);
    expect(shouldGuardClick(click({}, { defaultPrevented: true }), here)).toBe(false);
  });
});

/** A click event as the window sees it, on an element inside `anchor` (or on no link at all). */
function clickEvent(anchor: { href: string; target?: string; download?: boolean } | null, keys: Partial<Omit<LinkClick, 'link'>> = {}) {
  const a = anchor && {
    href: anchor.href,
    getAttribute: (name: string) => (name === 'target' ? (anchor.target ?? null) : name === 'href' ? anchor.href : null),
    hasAttribute: (name: string) => name === 'download' && Boolean(anchor.download),
  };
  return {
    button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, defaultPrevented: false, ...keys,
    target: { closest: (selector: string) => (selector === 'a[href]' ? a : null) },
    preventDefault: vi.fn(),
    stopPropagation: vi.fn(),
  };
}

describe('linkClickOf', () => {
  it('reads the link around what was clicked (an icon or text inside it)', () => {
    expect(linkClickOf(clickEvent({ href: 'https://microcred.test/admin', target: '_blank', download: true }, { shiftKey: true }))).toEqual({
      button: 0, ctrlKey: false, metaKey: false, shiftKey: true, altKey: false, defaultPrevented: false,
      link: { href: 'https://microcred.test/admin', target: '_blank', download: true },
    });
    expect(linkClickOf(clickEvent(null)).link).toBeNull();
    expect(linkClickOf({ ...clickEvent(null), target: null }).link).toBeNull();
  });
});

describe('createLeaveGuard', () => {
  const message = 'You have unsaved changes. Leave without saving?';
  const setup = (answer: boolean) => {
    const confirm = vi.fn(() => answer);
    const onLeave = vi.fn();
    const guard = createLeaveGuard({ message: () => message, confirm, location: () => here, onLeave });
    return { guard, confirm, onLeave };
  };

  it('keeps the person on the page when they decline: the click goes no further, so the router never moves', () => {
    const { guard, confirm, onLeave } = setup(false);
    const e = clickEvent({ href: 'https://microcred.test/admin/credentials' });
    expect(guard.click(e)).toBe('stayed');
    expect(confirm).toHaveBeenCalledWith(message);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(e.stopPropagation).toHaveBeenCalled();
    expect(onLeave).not.toHaveBeenCalled();
  });

  it('lets the link work when they agree, after writing what is kept', () => {
    const { guard, onLeave } = setup(true);
    const e = clickEvent({ href: 'https://microcred.test/admin/credentials' });
    expect(guard.click(e)).toBe('leaving');
    expect(e.preventDefault).not.toHaveBeenCalled();
    expect(e.stopPropagation).not.toHaveBeenCalled();
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('does not ask about clicks that do not leave', () => {
    const { guard, confirm } = setup(false);
    const e = clickEvent({ href: `${here.href}#summary` });
    expect(guard.click(e)).toBe('not-leaving');
    expect(guard.click(clickEvent({ href: 'https://microcred.test/admin' }, { metaKey: true }))).toBe('not-leaving');
    expect(confirm).not.toHaveBeenCalled();
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('has the browser ask before a reload or closing the tab, and keeps the copy either way', () => {
    const { guard, onLeave } = setup(true);
    const e = { preventDefault: vi.fn(), returnValue: undefined as unknown };
    expect(guard.beforeUnload(e)).toBe(true);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(e.returnValue).toBe(true);
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('does not ask a second time when a link the person agreed to follow loads a new page, but asks again once they carry on here', () => {
    const { guard } = setup(true);
    guard.click(clickEvent({ href: 'https://microcred.test/admin/tracks/t1' }));
    const unload = { preventDefault: vi.fn(), returnValue: undefined as unknown };
    expect(guard.beforeUnload(unload)).toBe(false);
    expect(unload.preventDefault).not.toHaveBeenCalled();
    // Still here (the link did not load a page after all) and typing again: a reload asks.
    guard.interaction();
    const later = { preventDefault: vi.fn(), returnValue: undefined as unknown };
    expect(guard.beforeUnload(later)).toBe(true);
    expect(later.preventDefault).toHaveBeenCalled();
  });
});

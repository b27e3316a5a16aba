// The header's mobile menu closes once a link in it has led to another page (components/ui/nav-menu.tsx).
import { describe, expect, it, vi } from 'vitest';
import { closeMenu } from '@/components/ui/nav-menu';

function fakeMenu(open: boolean) {
  const summary = { focus: vi.fn() };
  const link = {};
  const menu = {
    open,
    contains: (el: unknown) => el === link || el === summary,
    querySelector: (selector: string) => (selector === 'summary' ? summary : null),
  };
  return { menu: menu as unknown as HTMLDetailsElement, summary, link: link as Element };
}

describe('closing the mobile menu after a page change', () => {
  it('closes it, and takes focus from the followed link (now hidden) to the menu button', () => {
    const { menu, summary, link } = fakeMenu(true);
    closeMenu(menu, link);
    expect(menu.open).toBe(false);
    expect(summary.focus).toHaveBeenCalledOnce();
  });

  it('leaves focus alone when it is elsewhere on the page', () => {
    const { menu, summary } = fakeMenu(true);
    closeMenu(menu, {} as Element);
    expect(menu.open).toBe(false);
    expect(summary.focus).not.toHaveBeenCalled();
  });

  it('does nothing to a closed menu', () => {
    const { menu, summary, link } = fakeMenu(false);
    closeMenu(menu, link);
    expect(menu.open).toBe(false);
    expect(summary.focus).not.toHaveBeenCalled();
  });
});

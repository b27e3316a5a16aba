// The header's mobile menu (components/layout/site-header.tsx): on a phone the account link in the
// bar is hidden, so the menu must lead there.
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/actor';

// The header's Sign out form imports a server action; the menu's entries do not need it.
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined }));
const { menuFor, navFor } = await import('@/components/layout/site-header');

const teacher: Actor = { id: 'u1', email: 't@example.test', name: 'Maya Teacher', districtId: null, schoolId: null, roles: [] };

describe('the mobile menu', () => {
  it('leads a signed-in person to their account, after the main navigation', () => {
    const menu = menuFor(teacher);
    expect(menu.slice(0, -1)).toEqual(navFor(teacher));
    expect(menu.at(-1)).toEqual({ href: '/account', label: 'Account' });
  });

  it('has no account entry for a visitor who is not signed in', () => {
    expect(menuFor(null)).toEqual(navFor(null));
    expect(menuFor(null).some((i) => i.href === '/account')).toBe(false);
  });
});

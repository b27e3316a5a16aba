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

  it('leads a teacher at a school to their colleagues, in the bar and the menu', () => {
    const atSchool: Actor = { ...teacher, schoolId: 's1', districtId: 'd1', roles: [{ role: 'TEACHER', organizationId: 'd1', organizationKind: 'DISTRICT', organizationName: 'District', parentOrganizationId: null }] };
    expect(navFor(atSchool).map((i) => i.href)).toEqual(['/catalog', '/dashboard', '/badges', '/colleagues']);
    expect(menuFor(atSchool).map((i) => i.href)).toEqual(['/catalog', '/dashboard', '/badges', '/colleagues', '/account']);
    // No school on the site: nobody to list, so no entry.
    expect(navFor(teacher).some((i) => i.href === '/colleagues')).toBe(false);
    expect(menuFor(teacher).some((i) => i.href === '/colleagues')).toBe(false);
  });

  it('keeps a staff member\'s bar short, and lists Colleagues in their phone menu', () => {
    const reviewer: Actor = { ...teacher, schoolId: 's1', roles: [{ role: 'REVIEWER', organizationId: 'i1', organizationKind: 'ISSUER', organizationName: 'Issuer', parentOrganizationId: null }] };
    expect(navFor(reviewer).some((i) => i.href === '/colleagues')).toBe(false);
    expect(menuFor(reviewer).map((i) => i.href)).toEqual(['/catalog', '/dashboard', '/badges', '/colleagues', '/review', '/account']);
  });

  it('has no account entry for a visitor who is not signed in', () => {
    expect(menuFor(null)).toEqual(navFor(null));
    expect(menuFor(null).some((i) => i.href === '/account')).toBe(false);
  });
});

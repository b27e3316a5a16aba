import { describe, expect, it } from 'vitest';
import { isCurrent } from '@/components/ui/nav-link';

describe('isCurrent (navigation says which page you are on)', () => {
  it('matches the page and the pages below it', () => {
    expect(isCurrent('/admin/people', '/admin/people')).toBe(true);
    expect(isCurrent('/admin/people/enrol', '/admin/people')).toBe(true);
    expect(isCurrent('/review/abc', '/review')).toBe(true);
  });

  it('does not match a page that merely starts with the same letters, or a parent with exact', () => {
    expect(isCurrent('/admin/peoplex', '/admin/people')).toBe(false);
    expect(isCurrent('/admin/people', '/admin', true)).toBe(false);
    expect(isCurrent('/admin', '/admin', true)).toBe(true);
    expect(isCurrent('/catalog', '/catalog', true)).toBe(true);
  });
});

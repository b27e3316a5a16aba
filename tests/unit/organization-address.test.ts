// A new organisation's web address (NewOrganizationInput): left blank, it is made from the name; a
// name with too few Latin letters or digits for one ("Δήμος Αθηναίων") asks for one to be typed,
// rather than quoting a length rule about characters nobody typed. A typed address keeps its rules.
import { describe, expect, it } from 'vitest';
import { NewOrganizationInput } from '@/lib/organizations/schemas';
import { zodFieldErrors } from '@/lib/action-result';

const slugErrors = (input: Record<string, string>) => {
  const r = NewOrganizationInput.safeParse(input);
  return r.success ? undefined : zodFieldErrors(r.error).slug;
};

const CANNOT_MAKE = 'We could not make a web address from this name. Type one in lowercase Latin letters, for example athens-schools.';

describe('a new organisation’s address', () => {
  it('left blank, with a name that makes no address, asks for one to be typed', () => {
    expect(slugErrors({ kind: 'DISTRICT', name: 'Δήμος Αθηναίων' })).toEqual([CANNOT_MAKE]);
    expect(slugErrors({ kind: 'DISTRICT', name: 'Δήμος Αθηναίων', slug: '   ' })).toEqual([CANNOT_MAKE]);
    // Two Latin letters are not enough for an address either.
    expect(slugErrors({ kind: 'ISSUER', name: 'Ωμέγα AB' })).toEqual([CANNOT_MAKE]);
  });

  it('typed, is checked as before; made from a Latin name, it needs nothing typed', () => {
    expect(slugErrors({ kind: 'DISTRICT', name: 'Δήμος Αθηναίων', slug: 'at' })).toEqual(['Use at least 3 characters.']);
    expect(slugErrors({ kind: 'DISTRICT', name: 'Δήμος Αθηναίων', slug: 'Bad Slug!' })?.[0]).toMatch(/^Use lowercase letters, digits and single hyphens/);
    expect(NewOrganizationInput.parse({ kind: 'DISTRICT', name: 'Δήμος Αθηναίων', slug: 'athens-schools' }).slug).toBe('athens-schools');
    expect(NewOrganizationInput.parse({ kind: 'ISSUER', name: 'Północ Teaching Lab' }).slug).toBe('polnoc-teaching-lab');
  });
});

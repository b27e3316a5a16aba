// Who sees whom among colleagues (docs/decisions/028): only when both share, at the same school,
// the colleague's account not disabled, and never oneself; and the words the pages say it in.
import { describe, expect, it } from 'vitest';
import { canSeeColleague, notListed, sharingState, type SharingPerson } from '@/lib/colleagues/policy';
import { monthInWords, onCredentialInWords } from '@/lib/colleagues/words';

const person = (over: Partial<SharingPerson> = {}): SharingPerson => ({ id: 'p', schoolId: 'lincoln', sharesWithColleagues: true, disabledAt: null, ...over });

describe('where the viewer stands', () => {
  it('no school, a school but not sharing, or sharing', () => {
    expect(sharingState({ schoolId: null, sharesWithColleagues: true })).toBe('no-school');
    expect(sharingState({ schoolId: null, sharesWithColleagues: false })).toBe('no-school');
    expect(sharingState({ schoolId: 'lincoln', sharesWithColleagues: false })).toBe('not-sharing');
    expect(sharingState({ schoolId: 'lincoln', sharesWithColleagues: true })).toBe('sharing');
  });
});

describe('the reciprocal rule', () => {
  const viewer = person({ id: 'viewer' });

  it('both sharing at the same school: each sees the other', () => {
    const lena = person({ id: 'lena' });
    expect(canSeeColleague(viewer, lena)).toBe(true);
    expect(canSeeColleague(lena, viewer)).toBe(true);
  });

  it('either not sharing: neither sees the other', () => {
    const quiet = person({ id: 'quiet', sharesWithColleagues: false });
    expect(canSeeColleague(viewer, quiet)).toBe(false);
    expect(canSeeColleague(quiet, viewer)).toBe(false);
  });

  it('another school, or no school on either side: no one', () => {
    expect(canSeeColleague(viewer, person({ id: 'far', schoolId: 'roosevelt' }))).toBe(false);
    expect(canSeeColleague(viewer, person({ id: 'none', schoolId: null }))).toBe(false);
    // Two people without a school are not colleagues of each other.
    expect(canSeeColleague(person({ id: 'a', schoolId: null }), person({ id: 'b', schoolId: null }))).toBe(false);
  });

  it('a disabled account is never listed, and nobody is their own colleague', () => {
    expect(canSeeColleague(viewer, person({ id: 'gone', disabledAt: new Date('2026-01-01') }))).toBe(false);
    expect(canSeeColleague(viewer, person({ id: 'viewer' }))).toBe(false);
  });
});

describe('lists cut short', () => {
  it('counts what is not listed, never below zero', () => {
    expect(notListed(9, 6)).toBe(3);
    expect(notListed(6, 6)).toBe(0);
    expect(notListed(0, 0)).toBe(0);
  });
});

describe('words', () => {
  it('a month, never a day; nothing for what is not a month', () => {
    expect(monthInWords('2026-03')).toBe('March 2026');
    expect(monthInWords('2025-12')).toBe('December 2025');
    for (const bad of ['2026-13', '2026-3', '2026-03-14', '', 'March']) expect(monthInWords(bad)).toBe('');
  });

  it('the apply page’s line names up to three colleagues and counts the rest', () => {
    const at = 'Lincoln Middle';
    expect(onCredentialInWords({ count: 1, names: ['Lena Ortiz'], schoolName: at })).toBe('Lena Ortiz at Lincoln Middle is working on this or holds its badge');
    expect(onCredentialInWords({ count: 2, names: ['Lena Ortiz', 'Sam Lee'], schoolName: at })).toBe('Lena Ortiz and Sam Lee at Lincoln Middle are working on this or hold its badge');
    expect(onCredentialInWords({ count: 3, names: ['Ana Ruiz', 'Lena Ortiz', 'Sam Lee'], schoolName: at })).toBe('Ana Ruiz, Lena Ortiz and Sam Lee at Lincoln Middle are working on this or hold its badge');
    expect(onCredentialInWords({ count: 4, names: ['Ana Ruiz', 'Lena Ortiz', 'Sam Lee'], schoolName: at })).toBe('Ana Ruiz, Lena Ortiz, Sam Lee and 1 other colleague at Lincoln Middle are working on this or hold its badge');
    expect(onCredentialInWords({ count: 9, names: ['Ana Ruiz', 'Lena Ortiz', 'Sam Lee'], schoolName: at })).toBe('Ana Ruiz, Lena Ortiz, Sam Lee and 6 other colleagues at Lincoln Middle are working on this or hold its badge');
  });
});

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

  it('the apply page’s line says who holds its badge and who is working on it, up to three names each, counting the rest', () => {
    const at = 'Lincoln Middle';
    const none = { count: 0, names: [] };
    const three = ['Ana Ruiz', 'Lena Ortiz', 'Sam Lee'];
    expect(onCredentialInWords({ holding: { count: 1, names: ['Lena Ortiz'] }, working: none, schoolName: at })).toBe('At Lincoln Middle, Lena Ortiz holds its badge.');
    expect(onCredentialInWords({ holding: none, working: { count: 1, names: ['Lena Ortiz'] }, schoolName: at })).toBe('At Lincoln Middle, Lena Ortiz is working on it.');
    expect(onCredentialInWords({ holding: none, working: { count: 2, names: ['Lena Ortiz', 'Sam Lee'] }, schoolName: at })).toBe('At Lincoln Middle, Lena Ortiz and Sam Lee are working on it.');
    expect(onCredentialInWords({ holding: { count: 3, names: three }, working: none, schoolName: at })).toBe('At Lincoln Middle, Ana Ruiz, Lena Ortiz and Sam Lee hold its badge.');
    expect(onCredentialInWords({ holding: { count: 1, names: ['Dan Ng'] }, working: { count: 4, names: three }, schoolName: at })).toBe(
      'At Lincoln Middle, Dan Ng holds its badge, and Ana Ruiz, Lena Ortiz, Sam Lee and 1 other colleague are working on it.',
    );
    expect(onCredentialInWords({ holding: { count: 9, names: three }, working: { count: 2, names: ['Bea Two', 'Cal Three'] }, schoolName: at })).toBe(
      'At Lincoln Middle, Ana Ruiz, Lena Ortiz, Sam Lee and 6 other colleagues hold its badge, and Bea Two and Cal Three are working on it.',
    );
  });
});

// An admin refused for a conflict of interest is told the tie the issuer's rules found: the same
// school, the same district, or an email address at the same institution (conflictOfInterest's
// SAME_EMAIL_DOMAIN, which involves no school or district on the site at all).
import { describe, expect, it } from 'vitest';
import { conflictTie } from '@/lib/review/conflict-words';
import { secondLookConflictNotice } from '@/lib/review/second-look-rules';
import { answerRefusal } from '@/lib/feedback-questions/policy';

describe('the reason given for a conflict of interest', () => {
  it('names the tie that was found', () => {
    expect(conflictTie('SAME_SCHOOL')).toBe('you and they are, or lately were, at the same school');
    expect(conflictTie('SAME_DISTRICT')).toBe('you and they are, or lately were, in the same district');
    expect(conflictTie('SAME_EMAIL_DOMAIN')).toBe('your email address is at the same school district or institution as theirs');
  });

  it('is what the second-look and reply refusals say, never a school or district for an email domain', () => {
    for (const action of ['ask', 'withdraw'] as const) {
      const text = secondLookConflictNotice('SAME_EMAIL_DOMAIN', action);
      expect(text).toContain('(your email address is at the same school district or institution as theirs)');
      expect(text).not.toContain('share their school or district');
    }
    expect(secondLookConflictNotice('SAME_SCHOOL', 'ask')).toContain('(you and they are, or lately were, at the same school)');
    expect(answerRefusal('SAME_DISTRICT')).toContain('(you and they are, or lately were, in the same district)');
    expect(answerRefusal('OWN_WORK')).toBe('This is your own question, so you cannot reply to it. Another admin of the issuer replies to your question.');
  });
});

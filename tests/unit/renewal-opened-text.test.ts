// What the application page says on arrival after "Renew" (?renewing=1), by where the renewal stands.
import { describe, expect, it } from 'vitest';
import { renewalOpenedText } from '@/lib/submissions/application-view';

describe('the notice after "Renew"', () => {
  it('a new renewal is a draft that nothing sends until the teacher submits it', () => {
    expect(renewalOpenedText('DRAFT')).toBe('It is a draft on your dashboard. Answers save as you type, and nothing goes to reviewers until you submit it at the end of this page.');
  });

  it('one picked up again says what it is waiting for, not that it is a draft', () => {
    expect(renewalOpenedText('NEEDS_REVISION')).toBe('A reviewer asked for changes to it. Read the feedback below, then start a revision.');
    for (const status of ['SUBMITTED', 'IN_REVIEW'] as const) expect(renewalOpenedText(status)).toBe('It is with the reviewers. We will notify you when there is a decision.');
  });

  it('an earned one has no renewal under way to speak of', () => {
    expect(renewalOpenedText('EARNED')).toBeNull();
  });
});

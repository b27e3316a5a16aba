// When a queued password-reset or confirmation email is still worth sending (lib/jobs/link-emails.ts):
// only the newest request sends, and nothing goes out once a link made since the request was used.
import { describe, expect, it } from 'vitest';
import { LINK_EMAIL_JOB_TYPES, LINK_EMAIL_MAX_ATTEMPTS, linkEmailVerdict, PASSWORD_RESET_JOB, VERIFY_EMAIL_JOB } from '@/lib/jobs/link-emails';

const at = (s: number) => new Date(Date.UTC(2026, 10, 26, 9, 0, s));
const mine = { id: 'job-m', createdAt: at(0) };

describe('a link email’s job', () => {
  it('sends for the only request, also on a retry after its own earlier try failed to send', () => {
    expect(linkEmailVerdict(mine, [], [])).toBe('send');
    // Its first try made a link, then the mail server refused the email: that link is still unused.
    expect(linkEmailVerdict(mine, [], [{ createdAt: at(2), usedAt: null }])).toBe('send');
    // Its second try retired the first try's link (usedAt set when the next was made), and failed too.
    expect(linkEmailVerdict(mine, [], [{ createdAt: at(2), usedAt: at(40) }, { createdAt: at(40), usedAt: null }])).toBe('send');
  });

  it('sends nothing once the person asked again, whether that request was sent or is still to be tried', () => {
    expect(linkEmailVerdict(mine, [{ id: 'job-later', createdAt: at(60), givenUp: false }], [{ createdAt: at(61), usedAt: null }])).toBe('superseded');
    expect(linkEmailVerdict(mine, [{ id: 'job-later', createdAt: at(60), givenUp: false }], [])).toBe('superseded');
    // Asked in the same millisecond (a double click): the later job id goes.
    expect(linkEmailVerdict(mine, [{ id: 'job-n', createdAt: at(0), givenUp: false }], [])).toBe('superseded');
    expect(linkEmailVerdict({ id: 'job-n', createdAt: at(0) }, [{ id: 'job-m', createdAt: at(0), givenUp: false }], [])).toBe('send');
  });

  it('sends when the only later request was given up, and ignores earlier ones and itself', () => {
    expect(linkEmailVerdict(mine, [{ id: 'job-later', createdAt: at(60), givenUp: true }], [])).toBe('send');
    expect(linkEmailVerdict(mine, [{ id: 'job-earlier', createdAt: at(-60), givenUp: false }], [])).toBe('send');
    expect(linkEmailVerdict(mine, [{ ...mine, givenUp: false }], [])).toBe('send');
  });

  it('sends nothing once the newest link made since the request was used', () => {
    // An earlier try's email did arrive though the send reported an error, and the person used it.
    expect(linkEmailVerdict(mine, [], [{ createdAt: at(2), usedAt: at(120) }])).toBe('used');
    // A link used before this request says nothing about it.
    expect(linkEmailVerdict(mine, [], [{ createdAt: at(-600), usedAt: at(-300) }])).toBe('send');
  });

  it('is tried three times, for reset and confirmation emails only', () => {
    expect(LINK_EMAIL_MAX_ATTEMPTS).toBe(3);
    expect([...LINK_EMAIL_JOB_TYPES].sort()).toEqual([PASSWORD_RESET_JOB, VERIFY_EMAIL_JOB].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { ALREADY_ANSWERED, answerRefusal, askHref, askRefusal, duplicateOf, DUPLICATE_WINDOW_MS, MAX_OPEN_QUESTIONS, OWN_QUESTION, RETIRED_NO_WORK, TOO_MANY_OPEN } from '@/lib/credential-questions/policy';
import { AdminQuestionsQuery, ANSWER_MAX, AnswerCredentialQuestionInput, AskCredentialQuestionInput, QUESTION_MAX, ShareCredentialQuestionInput } from '@/lib/credential-questions/schemas';
import { questionDay } from '@/components/credential-questions/question-and-answer';

describe('who may ask the issuer about a micro-credential', () => {
  it('anyone about a published one, up to a few questions waiting at once', () => {
    expect(askRefusal({ status: 'PUBLISHED', hasWork: false, openCount: 0 })).toBeNull();
    expect(askRefusal({ status: 'PUBLISHED', hasWork: false, openCount: MAX_OPEN_QUESTIONS - 1 })).toBeNull();
    expect(askRefusal({ status: 'PUBLISHED', hasWork: true, openCount: MAX_OPEN_QUESTIONS })).toBe(TOO_MANY_OPEN);
  });

  it('about a retired one, only a teacher still working on it', () => {
    expect(askRefusal({ status: 'RETIRED', hasWork: false, openCount: 0 })).toBe(RETIRED_NO_WORK);
    expect(askRefusal({ status: 'RETIRED', hasWork: true, openCount: 0 })).toBeNull();
  });
});

describe('a question sent twice', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);

  it('is the earlier one when the same words came within the window, whatever the spacing', () => {
    const recent = [{ id: 'q1', body: 'Will a video from last year do?', createdAt: at(30_000) }];
    expect(duplicateOf(recent, 'Will a video from last year do?', now)).toBe('q1');
    expect(duplicateOf(recent, '  Will a video\nfrom  last year do? ', now)).toBe('q1');
  });

  it('is a new question with other words, or after the window', () => {
    expect(duplicateOf([{ id: 'q1', body: 'Will a video do?', createdAt: at(1000) }], 'Will a photo do?', now)).toBeNull();
    expect(duplicateOf([{ id: 'q1', body: 'Will a video do?', createdAt: at(DUPLICATE_WINDOW_MS + 1) }], 'Will a video do?', now)).toBeNull();
  });
});

describe('who may answer', () => {
  it('not the admin who asked it; not once answered', () => {
    expect(answerRefusal('admin', { userId: 'teacher', answeredAt: null })).toBeNull();
    expect(answerRefusal('admin', { userId: 'admin', answeredAt: null })).toBe(OWN_QUESTION);
    expect(answerRefusal('admin', { userId: 'teacher', answeredAt: new Date() })).toBe(ALREADY_ANSWERED);
  });
});

describe('the ask link', () => {
  it('goes to the form when signed in, and through sign-in (and back to the questions page) otherwise', () => {
    expect(askHref('fractions', true)).toBe('/micro-credentials/fractions/questions#ask');
    expect(askHref('fractions', false)).toBe('/sign-in?callbackUrl=%2Fmicro-credentials%2Ffractions%2Fquestions');
  });
});

describe('inputs', () => {
  it('a question is 1 to 2,000 characters once trimmed', () => {
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: '  Does a video count?  ' })).toMatchObject({ success: true, data: { body: 'Does a video count?' } });
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: 'x'.repeat(2000) }).success).toBe(true);
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: 'x'.repeat(2001) }).error?.issues[0].message).toBe('Use at most 2,000 characters.');
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: ' \n ' }).error?.issues[0].message).toBe('Write your question.');
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: 'a\u0000' })).toMatchObject({ success: true, data: { body: 'a' } });
  });

  it('an answer is 1 to 4,000 characters; the share box is ticked or absent', () => {
    expect(AnswerCredentialQuestionInput.parse({ questionId: 'q1', answer: 'Yes.' })).toEqual({ questionId: 'q1', answer: 'Yes.', share: false });
    expect(AnswerCredentialQuestionInput.parse({ questionId: 'q1', answer: 'Yes.', share: 'on' }).share).toBe(true);
    expect(AnswerCredentialQuestionInput.safeParse({ questionId: 'q1', answer: 'x'.repeat(4001) }).error?.issues[0].message).toBe('Use at most 4,000 characters.');
    expect(AnswerCredentialQuestionInput.safeParse({ questionId: 'q1', answer: '' }).error?.issues[0].message).toBe('Write your answer.');
    expect(AnswerCredentialQuestionInput.safeParse({ questionId: 'q1', answer: 'Yes.', share: 'yes' }).success).toBe(false);
  });

  // The boxes' maxLength counts a line break as one character; the browser sends it as CRLF (two).
  it('counts each line break once, as the box does, and keeps it as one \\n', () => {
    /** `n` characters as the box counts them: lines of one letter, the breaks sent as CRLF. */
    const typed = (n: number) => Array.from({ length: Math.ceil(n / 2) }, () => 'x').join('\r\n') + (n % 2 ? '' : '\r\n');
    expect(typed(5)).toBe('x\r\nx\r\nx');
    const question = typed(QUESTION_MAX - 1) + 'y';
    expect(question.length).toBeGreaterThan(QUESTION_MAX);
    const asked = AskCredentialQuestionInput.parse({ microCredentialId: 'm1', body: question });
    expect(asked.body).toHaveLength(QUESTION_MAX);
    expect(asked.body).not.toContain('\r');
    expect(asked.body.startsWith('x\nx\n')).toBe(true);
    expect(AskCredentialQuestionInput.safeParse({ microCredentialId: 'm1', body: typed(QUESTION_MAX) + 'y' }).error?.issues[0].message).toBe('Use at most 2,000 characters.');
    // A lone CR (an old Mac's line break) is one break too.
    expect(AskCredentialQuestionInput.parse({ microCredentialId: 'm1', body: 'Line one\rLine two' }).body).toBe('Line one\nLine two');

    const answer = typed(ANSWER_MAX - 1) + 'y';
    expect(answer.length).toBeGreaterThan(ANSWER_MAX);
    expect(AnswerCredentialQuestionInput.parse({ questionId: 'q1', answer }).answer).toHaveLength(ANSWER_MAX);
    expect(AnswerCredentialQuestionInput.safeParse({ questionId: 'q1', answer: typed(ANSWER_MAX) + 'y' }).error?.issues[0].message).toBe('Use at most 4,000 characters.');
    // Breaks alone are still nothing written.
    expect(AnswerCredentialQuestionInput.safeParse({ questionId: 'q1', answer: '\r\n\r\n' }).error?.issues[0].message).toBe('Write your answer.');
  });

  it('sharing says true or false, nothing else', () => {
    expect(ShareCredentialQuestionInput.parse({ questionId: 'q1', shared: 'true' }).shared).toBe(true);
    expect(ShareCredentialQuestionInput.parse({ questionId: 'q1', shared: 'false' }).shared).toBe(false);
    expect(ShareCredentialQuestionInput.safeParse({ questionId: 'q1', shared: '1' }).success).toBe(false);
  });

  it('the inbox query drops what it cannot use and shows the waiting questions by default', () => {
    expect(AdminQuestionsQuery.parse({})).toEqual({ issuer: undefined, status: 'waiting', cursor: undefined });
    expect(AdminQuestionsQuery.parse({ status: 'shared', issuer: 'o1' })).toMatchObject({ status: 'shared', issuer: 'o1' });
    expect(AdminQuestionsQuery.parse({ status: 'everything', issuer: ['a', 'b'], cursor: 'x'.repeat(500) })).toEqual({ issuer: undefined, status: 'waiting', cursor: undefined });
  });
});

describe('dates on the questions pages', () => {
  // 03:00 UTC on 5 March is still the evening of 4 March in Chicago.
  const at = new Date('2026-03-05T03:00:00Z');

  it('are the day in the viewer’s own time zone', () => {
    expect(questionDay(at, 'America/Chicago')).toBe('4 March 2026');
    expect(questionDay(at, 'Pacific/Auckland')).toBe('5 March 2026');
  });

  it('are the UTC day for an anonymous visitor, someone whose zone is not known, or a zone this runtime does not know', () => {
    for (const zone of [undefined, null, '', 'Mars/Olympus_Mons']) expect(questionDay(at, zone)).toBe('5 March 2026');
  });
});

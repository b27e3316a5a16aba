import { describe, expect, it } from 'vitest';
import { ALREADY_ASKED, askRefusal, NOT_RETURNED } from '@/lib/feedback-questions/policy';
import { AnswerFeedbackQuestionInput, AskAboutFeedbackInput } from '@/lib/feedback-questions/schemas';

describe('who may ask about feedback, and when', () => {
  it('only on a returned attempt, with no question still waiting for a reply', () => {
    expect(askRefusal({ status: 'RETURNED' }, [])).toBeNull();
    expect(askRefusal({ status: 'RETURNED' }, [{ answeredAt: new Date(), aboutSecondLook: false }])).toBeNull();
    expect(askRefusal({ status: 'RETURNED' }, [{ answeredAt: new Date(), aboutSecondLook: false }, { answeredAt: null, aboutSecondLook: false }])).toBe(ALREADY_ASKED);
    for (const status of ['DRAFT', 'SUBMITTED', 'PASSED'] as const) expect(askRefusal({ status }, [])).toBe(NOT_RETURNED);
  });
});

describe('question and reply lengths', () => {
  it('a question is 1 to 1,000 characters once trimmed', () => {
    expect(AskAboutFeedbackInput.safeParse({ attemptId: 'a1', body: '  Why?  ' })).toMatchObject({ success: true, data: { body: 'Why?' } });
    expect(AskAboutFeedbackInput.safeParse({ attemptId: 'a1', body: 'x'.repeat(1000) }).success).toBe(true);
    expect(AskAboutFeedbackInput.safeParse({ attemptId: 'a1', body: 'x'.repeat(1001) }).error?.issues[0].message).toBe('Use at most 1,000 characters.');
    expect(AskAboutFeedbackInput.safeParse({ attemptId: 'a1', body: '   ' }).error?.issues[0].message).toBe('Write your question.');
    expect(AskAboutFeedbackInput.safeParse({ attemptId: 'a1' }).success).toBe(false);
  });

  it('a reply is 1 to 2,000 characters once trimmed', () => {
    expect(AnswerFeedbackQuestionInput.safeParse({ questionId: 'q1', answer: 'x'.repeat(2000) }).success).toBe(true);
    expect(AnswerFeedbackQuestionInput.safeParse({ questionId: 'q1', answer: 'x'.repeat(2001) }).error?.issues[0].message).toBe('Use at most 2,000 characters.');
    expect(AnswerFeedbackQuestionInput.safeParse({ questionId: 'q1', answer: '' }).error?.issues[0].message).toBe('Write your reply.');
  });
});

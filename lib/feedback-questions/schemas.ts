import { z } from 'zod';
import { str } from '@/lib/zod-text';

export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 2000;

/** A teacher's question about the feedback on one of their returned attempts. */
export const AskAboutFeedbackInput = z.object({
  attemptId: str().min(1).max(40),
  body: str().trim().min(1, 'Write your question.').max(QUESTION_MAX, 'Use at most 1,000 characters.'),
});

/** An issuer admin's reply to a teacher's question. */
export const AnswerFeedbackQuestionInput = z.object({
  questionId: str().min(1).max(40),
  answer: str().trim().min(1, 'Write your reply.').max(ANSWER_MAX, 'Use at most 2,000 characters.'),
});

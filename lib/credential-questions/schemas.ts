import { z } from 'zod';
import { str } from '@/lib/zod-text';

// A teacher's question to the issuer about a micro-credential (what counts as evidence, whether a
// video from last year will do) and the issuer's answer. Safe on the client: the forms read the limits.

/** The database holds up to 4,000 characters ("CredentialQuestion_body_length"); the form asks for less. */
export const QUESTION_MAX = 2000;
export const ANSWER_MAX = 4000;

/** An id is a cuid (25 characters); 40 leaves room without letting anything long through. */
const id = () => str().trim().min(1, 'That question could not be found.').max(40, 'That question could not be found.');

const checkbox = z.enum(['on']).optional().transform((v) => v === 'on');

/** "Ask the issuer a question" on the micro-credential's questions page. */
export const AskCredentialQuestionInput = z.object({
  microCredentialId: str().trim().min(1).max(40),
  // Line breaks counted once each, as the box's counter counts them (str()).
  body: str().trim().min(1, 'Write your question.').max(QUESTION_MAX, 'Use at most 2,000 characters.'),
});

/** An issuer admin's answer; `share`: also show it on the public page at once (without any name). */
export const AnswerCredentialQuestionInput = z.object({
  questionId: id(),
  answer: str().trim().min(1, 'Write your answer.').max(ANSWER_MAX, 'Use at most 4,000 characters.'),
  share: checkbox,
});

/** Show an answered question on the public page, or stop showing it. */
export const ShareCredentialQuestionInput = z.object({
  questionId: id(),
  shared: z.enum(['true', 'false'], { message: 'Choose whether to share the question.' }).transform((v) => v === 'true'),
});

/** The teacher takes back a question nobody has answered. */
export const WithdrawCredentialQuestionInput = z.object({ questionId: id() });

/** The issuer's inbox: waiting for an answer (oldest first), answered, or shared on the public page. */
export const QUESTION_FILTERS = ['waiting', 'answered', 'shared'] as const;
export type QuestionFilter = (typeof QUESTION_FILTERS)[number];

const optionalId = str().trim().max(40).optional().catch(undefined).transform((v) => v || undefined);
const cursor = str().max(300).optional().catch(undefined).transform((v) => v || undefined);

/**
 * The query string of /admin/questions. Anything unusable (a repeated parameter arrives as an array,
 * a filter that is not one) is dropped rather than passed on: the page then shows its default list.
 */
export const AdminQuestionsQuery = z.object({
  issuer: optionalId,
  status: z.enum(QUESTION_FILTERS).optional().catch(undefined).transform((v) => v ?? 'waiting'),
  cursor,
});
export type AdminQuestionsQuery = z.infer<typeof AdminQuestionsQuery>;

/** The query string of /micro-credentials/{slug}/questions: one cursor per list (shared ones, the teacher's own). */
export const QuestionsPageQuery = z.object({
  cursor,
  mine: cursor,
});

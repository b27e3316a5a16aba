import type { PublishStatus } from '@/lib/generated/prisma/enums';

// Pure rules for teachers' questions to an issuer about a micro-credential (lib/credential-questions).

/** Questions one teacher may have waiting for an answer about one micro-credential at a time. */
export const MAX_OPEN_QUESTIONS = 3;

/** The same question sent again within this time (a double click, a second tab) is the same question. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

export const RETIRED_NO_WORK =
  'This micro-credential has been retired by its issuer and takes no new enrolments, so it takes no new questions. Teachers who are still working on it can ask.';
export const TOO_MANY_OPEN = `You have ${MAX_OPEN_QUESTIONS} questions about this micro-credential waiting for an answer. You can ask another once the issuer has answered one, or withdraw one you no longer need.`;
export const ALREADY_ANSWERED = 'Another admin has already answered this question. Reload the page to see their answer.';
export const OWN_QUESTION = 'This is your own question, so you cannot answer it. Another admin of the issuer answers it.';
export const NOT_ANSWERED = 'Only an answered question can be shared on the public page. Answer it first.';
export const WITHDRAWN = 'The teacher withdrew this question before it was answered. Reload the page.';
export const ANSWERED_STAYS = 'This question has been answered, so it stays on this page with its answer.';

/**
 * Why this person cannot ask about the micro-credential now, or null if they can. A published one
 * takes questions from anyone signed in; a retired one only from a teacher still working on it
 * (`hasWork`: enrolled, or an application of theirs), as it takes no new enrolments. Drafts have no
 * public page, so the caller treats them as missing. At most MAX_OPEN_QUESTIONS wait at once, so the
 * issuer's inbox is not flooded by one teacher; answered ones do not count.
 */
export function askRefusal(c: { status: PublishStatus; hasWork: boolean; openCount: number }): string | null {
  if (c.status === 'RETIRED' && !c.hasWork) return RETIRED_NO_WORK;
  if (c.openCount >= MAX_OPEN_QUESTIONS) return TOO_MANY_OPEN;
  return null;
}

/** The same words, ignoring runs of spaces and line breaks a second paste might change. */
function sameWords(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

/**
 * The question this one repeats, if the teacher sent the same words about the same credential within
 * DUPLICATE_WINDOW_MS (a double click, a form sent again from another tab): the caller returns it
 * instead of making a second one that would notify the issuer twice. Null: a new question.
 */
export function duplicateOf(recent: { id: string; body: string; createdAt: Date }[], body: string, now: Date): string | null {
  const since = now.getTime() - DUPLICATE_WINDOW_MS;
  return recent.find((q) => q.createdAt.getTime() >= since && sameWords(q.body, body))?.id ?? null;
}

/**
 * Why an admin of the issuer cannot answer this question now, or null. Their own question (an admin
 * may ask about their own issuer's credential, as a teacher) waits for another admin; an answered
 * one stays as it was first answered.
 */
export function answerRefusal(actorId: string, q: { userId: string; answeredAt: Date | null }): string | null {
  if (q.userId === actorId) return OWN_QUESTION;
  if (q.answeredAt) return ALREADY_ANSWERED;
  return null;
}

/** The teacher's questions page for a credential, where answers are read and new questions asked. */
export function questionsPath(slug: string): string {
  return `/micro-credentials/${slug}/questions`;
}

/**
 * Where "Ask the issuer a question" goes: the questions page's form when signed in; through sign-in
 * (and back) otherwise. The anonymous link is the same for every visitor, as the cached page needs.
 */
export function askHref(slug: string, signedIn: boolean): string {
  return signedIn ? `${questionsPath(slug)}#ask` : `/sign-in?callbackUrl=${encodeURIComponent(questionsPath(slug))}`;
}

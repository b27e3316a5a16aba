import type { AttemptStatus } from '@/lib/generated/prisma/enums';
import { RATING_WORDS, type Rating } from '@/lib/credential-feedback/schemas';

// Who may tell an issuer how a micro-credential went, and how the answers are put in words. Pure,
// so safe on the client and tested on its own.

/** The teacher's feedback page for a micro-credential. */
export const feedbackPath = (slug: string) => `/micro-credentials/${slug}/feedback`;

/**
 * Where a teacher stands with a micro-credential, for feedback:
 * - `decided`: a reviewer decided on some attempt of theirs (passed, or returned for revision: a
 *   final "not yet"), or they hold its badge. They went through it and may say how it was.
 * - `waiting`: work sent and not decided yet (in review, or back in review for a second look,
 *   whose decision is final: the returned decision it set aside no longer stands).
 * - `draft`: only a draft so far.
 * - `none`: nothing sent or started.
 */
export type FeedbackStanding = 'decided' | 'waiting' | 'draft' | 'none';

/** The standing from the statuses of the teacher's attempts (every cycle) and whether they hold a badge of it. */
export function feedbackStanding(attemptStatuses: readonly AttemptStatus[], holdsBadge: boolean): FeedbackStanding {
  if (holdsBadge || attemptStatuses.some((s) => s === 'PASSED' || s === 'RETURNED')) return 'decided';
  if (attemptStatuses.includes('SUBMITTED')) return 'waiting';
  if (attemptStatuses.includes('DRAFT')) return 'draft';
  return 'none';
}

const AFTER_DECISION = 'You can tell the issuer how this micro-credential went once a reviewer has made a decision on your work.';

/**
 * Why the teacher cannot give feedback yet, or null if they can. A teacher who already gave
 * feedback keeps it editable whatever happens since (`hasFeedback`): a second look puts their only
 * decided attempt back in review, but what they said about the credential still stands.
 */
export function feedbackRefusal(standing: FeedbackStanding, hasFeedback = false): string | null {
  if (standing === 'decided' || hasFeedback) return null;
  if (standing === 'waiting') return `${AFTER_DECISION} Your work is with the reviewers now, and we will tell you when they decide.`;
  if (standing === 'draft') return `${AFTER_DECISION} Your application is still a draft: send it for review first.`;
  return `${AFTER_DECISION} You have not sent any work for it yet.`;
}

/** "4 · Useful", as a rating is shown beside its number. */
export function ratingInWords(rating: number): string {
  const words = RATING_WORDS[rating as Rating];
  return words ? `${rating} · ${words}` : String(rating);
}

/**
 * Fewer ratings than this and the public page says nothing: with two or three, a colleague who
 * knows who took the credential could tell what each of them gave. Also how many new ratings it
 * takes before the public figures are worked out again (publicFiguresStep).
 */
export const SUMMARY_MIN_RATINGS = 5;

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A number of hours as people say it: "6", "6.5", "1,000". */
export function formatHours(hours: number): string {
  return oneDecimal.format(hours);
}

/** An average rating to one decimal ("4.4"; "4" rather than "4.0"). */
export function formatAverage(average: number): string {
  return oneDecimal.format(Math.round(average * 10) / 10);
}

/** A typical number of hours, rounded to the half hour: "about half an hour", "about 1 hour", "about 6.5 hours". */
export function aboutHours(hours: number): string {
  const r = Math.max(0.5, Math.round(hours * 2) / 2);
  if (r === 0.5) return 'about half an hour';
  return r === 1 ? 'about 1 hour' : `about ${formatHours(r)} hours`;
}

/** The public figures as stored (CredentialFeedbackPublic): `count` is how many ratings they were taken from when last taken, not how many there are now. */
export type PublicFeedbackSummary = { count: number; average: number; typicalHours: number | null };

/** The public page's line: "Teachers who went through it rate it 4.4 out of 5 (from 12 ratings; updated after every five new ones) · most took about 6 hours". */
export function feedbackSummarySentence(s: PublicFeedbackSummary): string {
  const rated = `Teachers who went through it rate it ${formatAverage(s.average)} out of 5 (from ${s.count.toLocaleString('en-GB')} ratings; updated after every five new ones)`;
  return s.typicalHours === null ? rated : `${rated} · most took ${aboutHours(s.typicalHours)}`;
}

/**
 * What a save or deletion does to the stored public figures (ADR 027), from the credential's
 * ratings as they are after it:
 * - `take`: work them out afresh from every current rating, once at least SUMMARY_MIN_RATINGS were
 *   saved since they were last taken (`newRatings`: created after the last taking, withdrawn figures
 *   included; with none ever taken, every rating). An edit keeps the rating's creation time, so it is never new.
 * - `drop`: fewer than SUMMARY_MIN_RATINGS ratings are left, so figures shown (`shown`) are withdrawn
 *   at once. The row stays with its takenAt: the next taking still waits for five ratings
 *   new since then. Were it deleted, the next taking would come at five in all, four of them the
 *   ratings whose sum the page had shown: whoever withdrew the fifth could then read the one new
 *   rating off the page.
 * - `keep`: anything else; the page shows what it showed. A deletion with 5 or more left, an edit,
 *   and the 1st to 4th new rating since the last taking all move nothing public, so none of them can
 *   be read off the page by watching it.
 */
export type PublicFiguresStep = 'take' | 'drop' | 'keep';
export function publicFiguresStep(o: { shown: boolean; ratings: number; newRatings: number }): PublicFiguresStep {
  if (o.ratings < SUMMARY_MIN_RATINGS) return o.shown ? 'drop' : 'keep';
  return o.newRatings >= SUMMARY_MIN_RATINGS ? 'take' : 'keep';
}

/**
 * The figures a taking stores, from every current rating of the credential: how many, their average,
 * and the median of the hours (`medianHours`, among those who gave hours) once at least
 * SUMMARY_MIN_RATINGS of them said how long it took (hours are optional). Null below
 * SUMMARY_MIN_RATINGS ratings (a taking never stores fewer; the table's CHECK agrees).
 */
export function takenFigures(a: { count: number; average: number | null; hoursCount: number; medianHours: number | null }): PublicFeedbackSummary | null {
  if (a.count < SUMMARY_MIN_RATINGS || a.average === null) return null;
  return { count: a.count, average: a.average, typicalHours: a.hoursCount >= SUMMARY_MIN_RATINGS ? a.medianHours : null };
}

/** Saves and deletions of feedback a teacher may make in FEEDBACK_WRITE_WINDOW_SECONDS. */
export const FEEDBACK_WRITES_PER_HOUR = 20;
export const FEEDBACK_WRITE_WINDOW_SECONDS = 60 * 60;

/**
 * Why a save or deletion was refused by the limit on feedback writes, and when to try again: "in a
 * minute", "in 25 minutes", "in about an hour". Says that nothing was saved (or deleted), so the
 * teacher does not think it went through.
 */
export function feedbackWriteLimitMessage(kind: 'save' | 'delete', retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const when = minutes >= 55 ? 'in about an hour' : minutes === 1 ? 'in a minute' : `in ${minutes} minutes`;
  const nothing = kind === 'save' ? 'Nothing was saved this time' : 'Nothing was deleted this time';
  return `You have saved or deleted your feedback many times in the last hour. ${nothing}: try again ${when}.`;
}

/**
 * How the hours teachers report compare with the PD hours the issuer states, in words for the
 * issuer: within a quarter either way reads as "about what you state".
 */
export function hoursComparison(typical: number, stated: number): 'longer' | 'shorter' | 'about' {
  if (!(stated > 0)) return 'about';
  if (typical > stated * 1.25) return 'longer';
  if (typical < stated * 0.75) return 'shorter';
  return 'about';
}

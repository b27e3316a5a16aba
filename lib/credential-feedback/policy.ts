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
 * knows who took the credential could tell what each of them gave. Also the size of the batches in
 * which later ratings join the public figures (publicRatingCount).
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

/** The public figures: `count` is how many ratings they are made from (publicRatingCount), not how many there are. */
export type PublicFeedbackSummary = { count: number; average: number; typicalHours: number | null };

/** The public page's line: "Teachers who went through it rate it 4.4 out of 5 (from 10 ratings, added five at a time) · most took about 6 hours". */
export function feedbackSummarySentence(s: PublicFeedbackSummary): string {
  const rated = `Teachers who went through it rate it ${formatAverage(s.average)} out of 5 (from ${s.count.toLocaleString('en-GB')} ratings, added five at a time)`;
  return s.typicalHours === null ? rated : `${rated} · most took ${aboutHours(s.typicalHours)}`;
}

/**
 * How many of a credential's `n` ratings the public figures are made from: whole batches of
 * SUMMARY_MIN_RATINGS, none below the first. Were every rating counted, anyone watching the page
 * between two ratings would see the count go up by one and the average move, and so read the new
 * rating to within half a point, and pin it on whoever they know just earned the badge. Counted in
 * batches, the figures move only when five more have come in, and show only what the five gave
 * together: 6 to 9 ratings show the first 5's figures, the 10th brings in the next 5 at once.
 */
export function publicRatingCount(n: number): number {
  if (!(n >= SUMMARY_MIN_RATINGS)) return 0;
  return n - (n % SUMMARY_MIN_RATINGS);
}

/** One rating as the public figures need it: its place in line (created, then id) and its answers. */
export type RatingForSummary = { id: string; createdAt: Date; rating: number; hoursSpent: number | null };

/** Oldest first; the id (unique) orders two saved in the same millisecond, so the line never reshuffles. */
const inLine = (a: RatingForSummary, b: RatingForSummary) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The middle value of sorted numbers, or the mean of the two middle ones (as Postgres's percentile_cont(0.5)). */
function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The public page's figures from every rating of one credential (in any order), or null while fewer
 * than SUMMARY_MIN_RATINGS: the average of the earliest publicRatingCount(n) ratings, oldest first by
 * when each was first saved (then by id), and the median of the hours among those same ratings once
 * SUMMARY_MIN_RATINGS of them said how long it took (hours are optional). Ratings beyond the last
 * whole batch wait, unseen, until the batch they are in is full.
 *
 * Each counted rating is taken as it is now: an edit keeps the rating's place in line, so changing
 * a counted rating moves the figures at once, and changing one still waiting changes nothing public.
 * A deletion takes the rating out of line: the next one waiting moves up into the counted ones, or,
 * with none waiting, the figures drop back a whole batch (ADR 027).
 */
export function publicFeedbackSummary(ratings: readonly RatingForSummary[]): PublicFeedbackSummary | null {
  const counted = [...ratings].sort(inLine).slice(0, publicRatingCount(ratings.length));
  if (counted.length === 0) return null;
  const average = counted.reduce((sum, r) => sum + r.rating, 0) / counted.length;
  const hours = counted.flatMap((r) => (r.hoursSpent === null ? [] : [r.hoursSpent])).sort((a, b) => a - b);
  return { count: counted.length, average, typicalHours: hours.length >= SUMMARY_MIN_RATINGS ? median(hours) : null };
}

/**
 * Whether the public page reads differently with `after` than with `before`: what it shows (the
 * rounded average, the count, hours to the half hour), not the exact figures, so a rating that moves
 * the average from 4.41 to 4.43 changes nothing a visitor could see.
 */
export function publicSummaryChanged(before: PublicFeedbackSummary | null, after: PublicFeedbackSummary | null): boolean {
  return (before && feedbackSummarySentence(before)) !== (after && feedbackSummarySentence(after));
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

// Pure helpers for the teacher's application page: what it counts and labels. Safe anywhere.
import { countPartFiles } from '@/lib/evidence/file-types';
import { passingRuleOf } from '@/lib/review/rubric';
import { carriedPartIds } from '@/lib/submissions/deciding-reviews';

type PartShape = { id: string; required: boolean; responseType: 'TEXT' | 'FILES' | 'TEXT_AND_FILES' | 'LINKS' };
type ResponseShape = { partId: string; wordCount: number; links: string[] };
type FileShape = { partId: string; status: string; declaredType: string; detectedType: string | null };

/**
 * Whether a part has what it asks for (an answer, a file, a link), as the page counts it. Captions
 * go with their video and do not count as a file, as on submit.
 */
export function partHasAnswer(part: PartShape, response: ResponseShape | undefined, files: FileShape[]): boolean {
  const uploaded = countPartFiles(files.filter((f) => f.partId === part.id && f.status === 'UPLOADED')).files;
  const words = response?.wordCount ?? 0;
  if (part.responseType === 'FILES') return uploaded > 0;
  if (part.responseType === 'TEXT_AND_FILES') return words > 0 && uploaded > 0;
  if (part.responseType === 'LINKS') return (response?.links.length ?? 0) > 0;
  return words > 0;
}

/** What happens to a part when the teacher starts a revision. */
export type RevisionFate = 'kept' | 'revise' | 'open';

type VersionRules = {
  passingRuleKind: 'ALL_AT_LEAST' | 'TOTAL_AT_LEAST';
  passingLevelRank: number | null;
  passingTotal: number | null;
  parts: { id: string }[];
  criteria: { id: string; partId: string | null }[];
  levels: { rank: number }[];
};
type DecidingReview = { scores: { criterionId: string; level: { rank: number } }[] };

/**
 * Per part, what "Start revision" will do with it, computed as startRevision does (the same
 * deciding reviews, rule and top level), so the page can say it before the click:
 * - `kept`: passed in every deciding review; carried over as it is and locked.
 * - `revise`: a reviewer scored one of its criteria below the passing level.
 * - `open`: not kept, yet nothing in it was below the passing level (under a points total only
 *   parts at the top level are kept; a part no criterion scores is never kept): it can be improved.
 */
export function revisionPlan(version: VersionRules, reviews: DecidingReview[]): Map<string, RevisionFate> {
  const scored = reviews.map((r) => ({ scores: r.scores.map((s) => ({ criterionId: s.criterionId, rank: s.level.rank })) }));
  const topRank = version.levels.length ? Math.max(...version.levels.map((l) => l.rank)) : undefined;
  const rule = passingRuleOf(version);
  const kept = carriedPartIds(rule, version.criteria, scored, topRank);
  const below = new Set<string>();
  for (const review of scored) {
    for (const c of version.criteria) {
      if (!c.partId) continue;
      const s = review.scores.find((x) => x.criterionId === c.id);
      if (!s || s.rank < rule.levelRank) below.add(c.partId);
    }
  }
  return new Map(version.parts.map((p) => [p.id, kept.has(p.id) ? 'kept' : below.has(p.id) ? 'revise' : 'open']));
}

/** The rubric criteria that score each part, in rubric order (a criterion may score no part). */
export function criteriaByPart<C extends { partId: string | null }>(criteria: C[]): Map<string, C[]> {
  const out = new Map<string, C[]>();
  for (const c of criteria) {
    if (!c.partId) continue;
    out.set(c.partId, [...(out.get(c.partId) ?? []), c]);
  }
  return out;
}

/** The line above "Submit for review": what submitting does to the evidence, and when the decision comes. */
export function submitNotice(decisionDays: number): string {
  return `After you submit, your evidence is locked. You can take it back to change it until a reviewer opens it; after that, only if the reviewers ask for a revision. Reviewers decide within ${decisionDays} business ${decisionDays === 1 ? 'day' : 'days'}, and we will notify you.`;
}

/**
 * What the notice on arrival after "Renew" says of the renewal it took the teacher to: a new one is
 * a draft, but one already under way (stopped, then picked up again this way) may be waiting for a
 * revision or be with reviewers. Null for an earned one: there is no renewal to speak of.
 */
export function renewalOpenedText(status: 'DRAFT' | 'SUBMITTED' | 'IN_REVIEW' | 'NEEDS_REVISION' | 'EARNED'): string | null {
  switch (status) {
    case 'DRAFT': return 'It is a draft on your dashboard. Answers save as you type, and nothing goes to reviewers until you submit it at the end of this page.';
    case 'NEEDS_REVISION': return 'A reviewer asked for changes to it. Read the feedback below, then start a revision.';
    case 'SUBMITTED': case 'IN_REVIEW': return 'It is with the reviewers. We will notify you when there is a decision.';
    case 'EARNED': return null;
  }
}

// The application page says, before "Start revision", which parts will be kept and which opened:
// its plan must be exactly what startRevision then does, under either passing rule.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '@/tests/factories';
import { saveResponse, startApplication, startRevision, submitAttempt } from '@/lib/submissions/mutations';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { revisionPlan, submitNotice } from '@/lib/submissions/application-view';
import { requiredPartsLine } from '@/components/evidence/progress-words';

beforeEach(resetDatabase);

const levels = ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'];
type Rule = { kind: 'ALL_AT_LEAST'; levelRank: number } | { kind: 'TOTAL_AT_LEAST'; levelRank: number; total: number };

async function makeWorld(passingRule: Rule) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { slaBusinessDays: 7 } });
  const { mc, version, admin } = await createPublishedCredential({
    issuerId: issuer.id,
    def: {
      parts: [
        { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT', wordLimit: 200 },
        { title: 'Reflection', prompt: 'What changed?', responseType: 'TEXT', wordLimit: 300 },
      ],
      rubric: {
        levels,
        criteria: [
          { title: 'Context', partIndex: 0, descriptors: ['Missing', 'Vague', 'Clear', 'Rich'] },
          { title: 'Reflection', partIndex: 1, descriptors: ['None', 'Surface', 'Thoughtful', 'Insightful'] },
        ],
        passingRule,
      },
    },
  });
  const reviewer = await createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id });
  const teacher = await createActor();
  // Optional, and scored by no criterion at all: publishing refuses that now (a part nobody
  // assesses), but versions published before the rule still have such parts.
  const { id: extra } = await db.submissionPart.create({ data: { versionId: version.id, sortOrder: 2, title: 'Anything else', prompt: 'Optional.', responseType: 'TEXT', required: false, allowedTypes: [] }, select: { id: true } });
  const [context, reflection] = version.parts.map((p) => p.id);
  return { mc, version, reviewer, teacher, context, reflection, extra };
}

type World = Awaited<ReturnType<typeof makeWorld>>;

async function submitAndReturn(w: World, ranks: [number, number]) {
  const { id: submissionId } = await startApplication({ actor: w.teacher, microCredentialId: w.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
  await saveResponse({ actor: w.teacher, attemptId: attempt.id, partId: w.context, text: 'Grade 7 science, 28 students.', links: [], revision: 0 });
  const drafting = await getApplication(w.teacher, w.mc.slug);
  // The optional part is not counted; one of the two required parts has an answer.
  expect(requiredPartsLine(drafting!.version.parts, drafting!.submission!.attempts[0].responses, drafting!.submission!.attempts[0].files)).toMatchObject({ done: 1, total: 2 });
  await saveResponse({ actor: w.teacher, attemptId: attempt.id, partId: w.reflection, text: 'Students rewrote their conclusions.', links: [], revision: 0 });
  await saveResponse({ actor: w.teacher, attemptId: attempt.id, partId: w.extra, text: 'A photo of the board would help.', links: [], revision: 0 });
  await submitAttempt({ actor: w.teacher, attemptId: attempt.id });
  const { reviewId } = await claimReview({ actor: w.reviewer, attemptId: attempt.id, kind: 'PRIMARY' });
  const review = await db.review.findUniqueOrThrow({ where: { id: reviewId } });
  const attemptVersion = (await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).version;
  const scores = w.version.criteria.map((c, i) => ({ criterionId: c.id, levelId: w.version.levels.find((l) => l.rank === ranks[i])!.id, feedback: 'Say more about what students did next.' }));
  const result = await submitReview({ actor: w.reviewer, reviewId, version: review.version, attemptVersion, scores, overallComment: 'Nearly there.' });
  expect(result.outcome).toBe('RETURNED');
  return submissionId;
}

async function keptAfterRevision(w: World, submissionId: string) {
  const { attemptId } = await startRevision({ actor: w.teacher, submissionId });
  const rows = await db.partResponse.findMany({ where: { attemptId }, select: { partId: true, carriedOver: true } });
  return new Set(rows.filter((r) => r.carriedOver).map((r) => r.partId));
}

describe('the revision plan shown before "Start revision"', () => {
  it('every criterion at the passing level: keeps what passed, asks to revise what did not', async () => {
    const w = await makeWorld({ kind: 'ALL_AT_LEAST', levelRank: 2 });
    const submissionId = await submitAndReturn(w, [2, 1]);
    const view = (await getApplication(w.teacher, w.mc.slug))!;
    expect(view.submission!.status).toBe('NEEDS_REVISION');
    const plan = revisionPlan(view.version, view.submission!.attempts[0].reviews);
    expect(Object.fromEntries(plan)).toEqual({ [w.context]: 'kept', [w.reflection]: 'revise', [w.extra]: 'open' });
    expect(await keptAfterRevision(w, submissionId)).toEqual(new Set([...plan].filter(([, f]) => f === 'kept').map(([id]) => id)));
  });

  it('a points total: keeps only parts at the top level, as startRevision does', async () => {
    const w = await makeWorld({ kind: 'TOTAL_AT_LEAST', levelRank: 1, total: 5 });
    const submissionId = await submitAndReturn(w, [3, 1]);
    const view = (await getApplication(w.teacher, w.mc.slug))!;
    const plan = revisionPlan(view.version, view.submission!.attempts[0].reviews);
    expect(Object.fromEntries(plan)).toEqual({ [w.context]: 'kept', [w.reflection]: 'open', [w.extra]: 'open' });
    expect(await keptAfterRevision(w, submissionId)).toEqual(new Set([w.context]));
  });

  it('gives the page the issuer’s decision time and the rubric in order', async () => {
    const w = await makeWorld({ kind: 'ALL_AT_LEAST', levelRank: 2 });
    await startApplication({ actor: w.teacher, microCredentialId: w.mc.id });
    const view = (await getApplication(w.teacher, w.mc.slug))!;
    expect(view.mc.issuer.slaBusinessDays).toBe(7);
    expect(submitNotice(view.mc.issuer.slaBusinessDays)).toContain('within 7 business days');
    expect(view.version.criteria.map((c) => [c.title, c.partId])).toEqual([['Context', w.context], ['Reflection', w.reflection]]);
    expect(view.version.criteria.map((c) => c.sortOrder)).toEqual([...view.version.criteria.map((c) => c.sortOrder)].sort((a, b) => a - b));
  });
});

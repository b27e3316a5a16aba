// Calibration gates live reviewing when the issuer asks for it, and agreement statistics come
// from real double-scored attempts.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential, qualify } from '@/tests/factories';
import { getCalibration, submitCalibration } from '@/lib/review/calibration';
import { listReviewQueue } from '@/lib/review/queries';
import { claimReview } from '@/lib/review/mutations';
import { getReviewQuality } from '@/lib/review/quality';
import { listReviewerCredentials } from '@/lib/review/context';
import { DomainError } from '@/lib/errors';

beforeEach(async () => {
  await resetDatabase();
});

async function world(calibrationRequired = true) {
  const issuer = await createOrg({ kind: 'ISSUER', data: { calibrationRequired, doubleScoreRate: 0 } });
  const { mc, admin, version } = await createPublishedCredential({ issuerId: issuer.id });
  // sampleDefinition has three criteria.
  const exemplars = await Promise.all(
    [
      { title: 'Sample A', expectedRanks: { '0': 2, '1': 3, '2': 1 } },
      { title: 'Sample B', expectedRanks: { '0': 1, '1': 1, '2': 2 } },
    ].map((e) => db.calibrationExemplar.create({ data: { microCredentialId: mc.id, title: e.title, responses: [{ partTitle: 'Context', text: 'Anonymised sample.' }], expectedRanks: e.expectedRanks } })),
  );
  const reviewer = await createActor({ roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  return { issuer, mc, admin, version, exemplars, reviewer };
}

async function submittedAttempt(mcId: string) {
  const teacher = await createActor();
  const mc = await db.microCredential.findUniqueOrThrow({ where: { id: mcId }, select: { currentVersionId: true } });
  const sub = await db.submission.create({ data: { userId: teacher.id, microCredentialId: mcId, versionId: mc.currentVersionId!, status: 'SUBMITTED', attempts: { create: { number: 1, status: 'SUBMITTED', submittedAt: new Date(), dueAt: new Date(Date.now() + 86_400_000 * 20) } } }, select: { attempts: { select: { id: true } } } });
  return sub.attempts[0].id;
}

describe('calibration', () => {
  it('blocks live review until the reviewer agrees with the exemplars on at least 75% of ratings', async () => {
    const w = await world();
    await qualify(w.reviewer.id, w.mc.id, w.admin.id);
    const attemptId = await submittedAttempt(w.mc.id);
    expect((await listReviewerCredentials(w.reviewer))[0].state).toBe('NEEDS_CALIBRATION');
    expect((await listReviewQueue({ actor: w.reviewer })).items).toHaveLength(0);
    const e = await claimReview({ actor: w.reviewer, attemptId }).catch((x: DomainError) => x);
    expect((e as DomainError).code).toBe('FORBIDDEN');

    const view = await getCalibration({ actor: w.reviewer, microCredentialId: w.mc.id });
    expect(view?.exemplars).toHaveLength(2);
    // The expected ranks never reach the page.
    expect(JSON.stringify(view)).not.toContain('expectedRanks');

    const [a, b] = w.exemplars;
    // 4 of 6 match (67%): not enough; the differences are reported by direction only, so the
    // next try cannot just copy the agreed levels.
    const fail = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [a.id]: { '0': 2, '1': 3, '2': 2 }, [b.id]: { '0': 1, '1': 2, '2': 2 } } });
    expect(fail.passed).toBe(false);
    expect(fail.matches).toBe(4);
    expect(fail.exemplars.flatMap((x) => x.differences.map((d) => `${x.title}:${d.criterionIndex}:${d.expected}->${d.given}`))).toEqual(['Sample A:2:null->Demonstrated', 'Sample B:1:null->Demonstrated']);
    // Neither the agreed level nor its direction: only where they differed.
    expect(JSON.stringify(fail)).not.toContain('Developing');
    expect(JSON.stringify(fail)).not.toMatch(/higher|lower/);
    expect((await db.reviewerQualification.findFirstOrThrow({ where: { userId: w.reviewer.id } })).calibratedAt).toBeNull();

    // 5 of 6 (83%): calibrated, and the queue opens.
    const pass = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [a.id]: { '0': 2, '1': 3, '2': 1 }, [b.id]: { '0': 1, '1': 2, '2': 2 } } });
    expect(pass.passed).toBe(true);
    expect(pass.agreement).toBeCloseTo(5 / 6);
    // Once calibrated, the agreed levels are shown to learn from.
    expect(pass.exemplars.flatMap((x) => x.differences.map((d) => `${x.title}:${d.criterionIndex}:${d.expected}->${d.given}`))).toEqual(['Sample B:1:Developing->Demonstrated']);
    expect((await db.reviewerQualification.findFirstOrThrow({ where: { userId: w.reviewer.id } })).calibratedAt).not.toBeNull();
    expect(await db.calibrationResult.count({ where: { reviewerId: w.reviewer.id } })).toBe(4);
    expect((await listReviewQueue({ actor: w.reviewer })).items.map((i) => i.attemptId)).toEqual([attemptId]);
    await claimReview({ actor: w.reviewer, attemptId });
  });

  it('allows three tries a day per credential, so the agreed levels cannot be found by guessing', async () => {
    const w = await world();
    await qualify(w.reviewer.id, w.mc.id, w.admin.id);
    const [a, b] = w.exemplars;
    const wrong = (n: number) => ({ [a.id]: { '0': 0, '1': 0, '2': n }, [b.id]: { '0': 3, '1': 3, '2': 3 } });
    // An unfinished form costs no try.
    await expect(submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [a.id]: { '0': 1 } } })).rejects.toMatchObject({ code: 'VALIDATION' });
    for (let i = 0; i < 3; i++) expect((await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: wrong(i) })).passed).toBe(false);
    const e = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: wrong(3) }).catch((x: DomainError) => x);
    expect(e).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again tomorrow/) });
    expect(await db.calibrationResult.count({ where: { reviewerId: w.reviewer.id } })).toBe(6);
  });

  it('answers a try sent again (its answer lost, or a double click) as that try, without counting another', async () => {
    const w = await world();
    await qualify(w.reviewer.id, w.mc.id, w.admin.id);
    const [a, b] = w.exemplars;
    const first = { [a.id]: { '0': 2, '1': 3, '2': 2 }, [b.id]: { '0': 1, '1': 2, '2': 2 } };
    const submit = (ranks: Record<string, Record<string, number>>, now?: Date) => submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks, now });
    const outcome = await submit(first);
    // Sent again, twice at once, with the keys in another order: the same outcome, nothing recorded, no try spent.
    const reordered = { [b.id]: { '2': 2, '1': 2, '0': 1 }, [a.id]: { '2': 2, '0': 2, '1': 3 } };
    const again = await Promise.all([submit(first), submit(reordered)]);
    expect(again).toEqual([outcome, outcome]);
    expect(await db.calibrationResult.count({ where: { reviewerId: w.reviewer.id } })).toBe(2);
    expect(await db.auditLog.count({ where: { action: 'review.calibrate', actorId: w.reviewer.id } })).toBe(1);
    // Two more tries with other choices are still allowed today; then the day's three are spent.
    await submit({ ...first, [a.id]: { '0': 0, '1': 0, '2': 0 } });
    await submit({ ...first, [a.id]: { '0': 1, '1': 1, '2': 1 } });
    expect(await db.calibrationResult.count({ where: { reviewerId: w.reviewer.id } })).toBe(6);
    await expect(submit({ ...first, [a.id]: { '0': 3, '1': 3, '2': 3 } })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // The same choices as an earlier try (not the last one) are a new try.
    await expect(submit(first)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('qualifies earners by their award, creating the qualification row when they calibrate', async () => {
    const w = await world();
    const statusList = await db.statusList.create({ data: { issuerId: w.issuer.id, purpose: 'revocation', bits: Buffer.alloc(16) } });
    await db.award.create({ data: { userId: w.reviewer.id, issuerId: w.issuer.id, microCredentialId: w.mc.id, title: 'Earned', pdHours: 10, recipientName: 'R', credential: {}, statusListId: statusList.id, statusListIndex: 1 } });
    expect((await listReviewerCredentials(w.reviewer))[0].state).toBe('NEEDS_CALIBRATION');
    const [a, b] = w.exemplars;
    const r = await submitCalibration({ actor: w.reviewer, microCredentialId: w.mc.id, ranks: { [a.id]: { '0': 2, '1': 3, '2': 1 }, [b.id]: { '0': 1, '1': 1, '2': 2 } } });
    expect(r.passed).toBe(true);
    const row = await db.reviewerQualification.findFirstOrThrow({ where: { userId: w.reviewer.id } });
    expect(row.grantedById).toBeNull();
    expect(row.calibratedAt).not.toBeNull();
    expect((await listReviewerCredentials(w.reviewer))[0].state).toBe('READY');
  });

  it('is not asked for when the issuer turns it off, and refuses unqualified reviewers', async () => {
    const w = await world(false);
    const stranger = await createActor({ roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    await expect(submitCalibration({ actor: stranger, microCredentialId: w.mc.id, ranks: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await qualify(w.reviewer.id, w.mc.id, w.admin.id);
    expect((await listReviewerCredentials(w.reviewer))[0].state).toBe('READY');
  });
});

describe('review quality', () => {
  it('computes agreement and kappa from PRIMARY/SECOND pairs, for issuer admins only', async () => {
    const w = await world(false);
    const other = await createActor({ name: 'Second Reviewer', roles: [{ role: 'REVIEWER', organizationId: w.issuer.id }] });
    const attemptId = await submittedAttempt(w.mc.id);
    const levels = w.version.levels;
    const crit = w.version.criteria;
    const mk = (reviewerId: string, kind: 'PRIMARY' | 'SECOND', ranks: number[]) =>
      db.review.create({
        data: {
          attemptId, reviewerId, kind, status: 'SUBMITTED', submittedAt: new Date(), claimExpiresAt: new Date(), decision: ranks.every((r) => r >= 2) ? 'PASS' : 'REVISE',
          scores: { create: crit.map((c, i) => ({ criterionId: c.id, levelId: levels[ranks[i]].id })) },
        },
      });
    await db.attempt.update({ where: { id: attemptId }, data: { doubleScore: true } });
    await mk(w.reviewer.id, 'PRIMARY', [2, 3, 1]);
    await mk(other.id, 'SECOND', [2, 3, 2]);
    const q = await getReviewQuality({ actor: w.admin, from: new Date(Date.now() - 86_400_000), to: new Date(Date.now() + 60_000) });
    expect(q.agreement.overall.pairs).toBe(3);
    expect(q.agreement.overall.exactAgreement).toBeCloseTo(2 / 3);
    expect(q.agreement.overall.decisionAgreement).toBe(0);
    // Pairs (2,2) (3,3) (1,2): po = 2/3; pe = P(1)·0 + (1/3)(2/3) + (1/3)(1/3) = 1/3 → kappa = (2/3 − 1/3)/(1 − 1/3) = 1/2.
    expect(q.agreement.overall.kappa).toBeCloseTo(1 / 2);
    // Each reviewer is compared with the other on the same ratings: both rows carry the same agreement.
    expect(q.agreement.byReviewer).toHaveLength(2);
    expect(q.agreement.byReviewer.map((r) => r.label)).toContain('Second Reviewer');
    for (const r of q.agreement.byReviewer) expect(r.exactAgreement).toBeCloseTo(2 / 3);
    expect(q.agreement.byCredential.map((r) => r.id)).toEqual([w.mc.id]);
    await expect(getReviewQuality({ actor: w.reviewer, from: new Date(0), to: new Date() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

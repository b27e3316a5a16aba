// Review quality over a large period: the figures rest on the NEWEST decisions and double-scored
// submissions (and say so when cut), every credential in them is named by its title however many the
// issuer has, and the service-level line is the one of the issuers in scope, or none when they differ.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '@/tests/setup/db';
import { createActor, createOrg, createPublishedCredential } from '@/tests/factories';
import { getReviewQuality } from '@/lib/review/quality';
import { businessDaysBetween } from '@/lib/review/sla';
import { weekStart } from '@/lib/review/stats';

beforeEach(async () => {
  await resetDatabase();
});

const DAY = 86_400_000;
type Credential = Awaited<ReturnType<typeof createPublishedCredential>>;

/** A teacher's attempt at `c`, submitted and decided (PASSED) at these dates. */
async function decidedAttempt(c: Credential, at: { submittedAt: Date; decidedAt: Date; dueAt?: Date | null; doubleScore?: boolean }) {
  const teacher = await createActor();
  const sub = await db.submission.create({
    data: {
      userId: teacher.id, microCredentialId: c.mc.id, versionId: c.version.id, status: 'SUBMITTED',
      attempts: { create: { number: 1, status: 'PASSED', submittedAt: at.submittedAt, decidedAt: at.decidedAt, dueAt: at.dueAt === undefined ? new Date(at.submittedAt.getTime() + 20 * DAY) : at.dueAt, doubleScore: at.doubleScore ?? false } },
    },
    select: { attempts: { select: { id: true } } },
  });
  return sub.attempts[0].id;
}

/** A first and a second review of the attempt, submitted at `at`, agreeing or not on the outcome. */
async function doubleScored(c: Credential, attemptId: string, reviewers: [Actor, Actor], at: Date, agree: boolean) {
  const ranks = [[2, 2, 2], agree ? [2, 3, 2] : [0, 0, 0]];
  for (const [i, kind] of (['PRIMARY', 'SECOND'] as const).entries()) {
    await db.review.create({
      data: {
        attemptId, reviewerId: reviewers[i].id, kind, status: 'SUBMITTED', submittedAt: at, claimExpiresAt: at, decision: ranks[i].every((r) => r >= 2) ? 'PASS' : 'REVISE',
        scores: { create: c.version.criteria.map((cr, k) => ({ criterionId: cr.id, levelId: c.version.levels[ranks[i][k]].id })) },
      },
    });
  }
}

describe('review quality over more decisions than it reads', () => {
  it('rests on the newest decisions and double-scored submissions, and says it was cut', async () => {
    const c = await createPublishedCredential();
    const reviewers: [Actor, Actor] = [await createActor({ name: 'Rae First' }), await createActor({ name: 'Finn Second' })];
    const now = Date.now();
    const decidedAt = [15, 8, 1].map((d) => new Date(now - d * DAY));
    for (const [i, at] of decidedAt.entries()) {
      const attemptId = await decidedAttempt(c, { submittedAt: new Date(at.getTime() - 2 * DAY), decidedAt: at, doubleScore: true });
      // Only the oldest pair disagrees: the newest two agree.
      await doubleScored(c, attemptId, reviewers, new Date(at.getTime() - DAY), i !== 0);
    }
    const period = { from: new Date(now - 30 * DAY), to: new Date(now) };

    const q = await getReviewQuality({ actor: c.admin, ...period, decisionSample: 2, agreementSample: 2 });
    expect(q.turnaround.overall.count).toBe(2);
    expect(q.turnaround.sampled).toBe(true);
    expect(q.turnaround.sample).toBe(2);
    const week = (d: Date) => weekStart(d).toISOString().slice(0, 10);
    // The chart runs to the newest week, and the oldest decision is the one left out.
    expect(q.turnaround.byWeek.map((w) => w.week)).toEqual([week(decidedAt[1]), week(decidedAt[2])]);
    expect(q.agreement.overall.attempts).toBe(2);
    expect(q.agreement.sampled).toBe(true);
    expect(q.agreement.overall.decisionAgreement).toBe(1);

    // A sample that holds the whole period is not marked as cut.
    const all = await getReviewQuality({ actor: c.admin, ...period, decisionSample: 3, agreementSample: 3 });
    expect(all.turnaround).toMatchObject({ sampled: false, overall: { count: 3 } });
    expect(all.turnaround.byWeek.map((w) => w.week)).toEqual(decidedAt.map(week));
    expect(all.agreement).toMatchObject({ sampled: false, overall: { attempts: 3 } });
    // The defaults are large enough for this period.
    const byDefault = await getReviewQuality({ actor: c.admin, ...period });
    expect(byDefault.turnaround).toMatchObject({ sampled: false, sample: 10_000, overall: { count: 3 } });
    expect(byDefault.agreement).toMatchObject({ sampled: false, sample: 2_000 });
  });
});

describe('the service-level line on review quality', () => {
  it('is the filtered credential’s issuer’s, or the one shared by the issuers in scope, and none when they differ', async () => {
    const fast = await createOrg({ kind: 'ISSUER', name: 'Fast Issuer', data: { slaBusinessDays: 5 } });
    const slow = await createOrg({ kind: 'ISSUER', name: 'Slow Issuer', data: { slaBusinessDays: 20 } });
    const both = await createActor({ name: 'Both Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: fast.id }, { role: 'ISSUER_ADMIN', organizationId: slow.id }] });
    // The fast issuer's credential comes first by address, where the line used to be taken from.
    const a = await createPublishedCredential({ issuerId: fast.id, admin: both, def: { slug: 'aaa-fast-credential', title: 'Fast credential' } });
    const b = await createPublishedCredential({ issuerId: slow.id, admin: both, def: { slug: 'bbb-slow-credential', title: 'Slow credential' } });
    // A decision of the slow issuer with no due date, 10 business days after submission: within its
    // own 20-day service level, not within the fast issuer's 5.
    const submittedAt = new Date('2026-01-05T10:00:00Z');
    const decidedAt = new Date('2026-01-19T10:00:00Z');
    expect(businessDaysBetween(submittedAt, decidedAt)).toBe(10);
    await decidedAttempt(b, { submittedAt, decidedAt, dueAt: null });
    const period = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z') };

    const mixed = await getReviewQuality({ actor: both, ...period });
    expect(mixed.turnaround.slaBusinessDays).toBeNull();
    expect(mixed.turnaround.overall).toMatchObject({ count: 1, withinSlaShare: 1 });
    expect((await getReviewQuality({ actor: both, ...period, microCredentialId: b.mc.id })).turnaround).toMatchObject({ slaBusinessDays: 20, overall: { withinSlaShare: 1 } });
    expect((await getReviewQuality({ actor: both, ...period, microCredentialId: a.mc.id })).turnaround).toMatchObject({ slaBusinessDays: 5, overall: { count: 0 } });

    // An admin of the slow issuer alone: its line.
    const slowAdmin = await createActor({ roles: [{ role: 'ISSUER_ADMIN', organizationId: slow.id }] });
    expect((await getReviewQuality({ actor: slowAdmin, ...period })).turnaround.slaBusinessDays).toBe(20);
    // A platform admin: the service level of the issuers whose decisions are charted.
    const platform = await createOrg({ kind: 'PLATFORM' });
    const pat = await createActor({ roles: [{ role: 'PLATFORM_ADMIN', organizationId: platform.id }] });
    expect((await getReviewQuality({ actor: pat, ...period })).turnaround.slaBusinessDays).toBe(20);
    await decidedAttempt(a, { submittedAt, decidedAt: new Date('2026-01-07T10:00:00Z') });
    expect((await getReviewQuality({ actor: pat, ...period })).turnaround.slaBusinessDays).toBeNull();

    // Two issuers with the same service level share one line.
    await db.organization.update({ where: { id: fast.id }, data: { slaBusinessDays: 20 } });
    expect((await getReviewQuality({ actor: both, ...period })).turnaround.slaBusinessDays).toBe(20);
  });
});

describe('credentials on review quality', () => {
  it('are named by their titles in the figures and kept in the list when filtered by, however many the issuer has', async () => {
    const late = await createPublishedCredential({ def: { slug: 'zzz-late-credential', title: 'Late credential' } });
    // 500 credentials of the same issuer ahead of it by address: it falls past the list's end.
    await db.microCredential.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({ issuerId: late.issuer.id, slug: `aaa-early-${String(i).padStart(3, '0')}`, topic: 'Assessment', subjects: [], gradeBands: [] })),
    });
    const now = Date.now();
    const attemptId = await decidedAttempt(late, { submittedAt: new Date(now - 3 * DAY), decidedAt: new Date(now - DAY), doubleScore: true });
    await doubleScored(late, attemptId, [await createActor(), await createActor()], new Date(now - 2 * DAY), true);
    const period = { from: new Date(now - 30 * DAY), to: new Date(now) };

    const q = await getReviewQuality({ actor: late.admin, ...period });
    expect(q.turnaround.byCredential.map((r) => [r.id, r.label])).toEqual([[late.mc.id, 'Late credential']]);
    expect(q.agreement.byCredential.map((r) => [r.id, r.label])).toEqual([[late.mc.id, 'Late credential']]);
    expect(q.credentials).toHaveLength(500);
    expect(q.credentials.map((c) => c.id)).not.toContain(late.mc.id);
    expect(q.credentialsCut).toBe(true);

    // Filtered by it: it is in the list (so the filter shows it selected), by its title.
    const filtered = await getReviewQuality({ actor: late.admin, ...period, microCredentialId: late.mc.id });
    expect(filtered.credentials.find((c) => c.id === late.mc.id)?.title).toBe('Late credential');
    expect(filtered.turnaround.byCredential.map((r) => r.label)).toEqual(['Late credential']);

    // A smaller list, the same names.
    const small = await getReviewQuality({ actor: late.admin, ...period, credentialLimit: 1 });
    expect(small.credentials.map((c) => c.title)).toEqual(['aaa-early-000']);
    expect(small).toMatchObject({ credentialsCut: true, credentialLimit: 1 });
    expect(small.turnaround.byCredential.map((r) => r.label)).toEqual(['Late credential']);
    // A list that holds every credential is not cut.
    expect((await getReviewQuality({ actor: late.admin, ...period, credentialLimit: 501 })).credentialsCut).toBe(false);
  });
});

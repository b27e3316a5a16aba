// The links that give a teacher their next step: "View badge" on the dashboard opens the badge
// itself, and a stack's page says what to do about each part not yet earned. Rendered from the real
// pages against Postgres; only who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { hrefOf } from '../setup/html';
import { createActor, createPublishedCredential } from '../factories';
import { createIssuerStack, publishStack } from '@/lib/authoring/stacks';
import { enrollInMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
// Sign-in itself (next-auth) does not load outside Next; the dashboard only references these actions.
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { default: StackPage } = await import('@/app/stacks/[slug]/page');
const { default: DashboardPage } = await import('@/app/dashboard/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** An EARNED submission and its award, as the awarding job leaves them. */
async function earn(teacher: Actor, mc: { id: string; issuerId: string; currentVersionId: string | null }, opts: { revoked?: boolean } = {}) {
  const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const index = await db.award.count({ where: { statusListId: list.id } });
  const submission = await db.submission.create({ data: { userId: teacher.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'EARNED' } });
  return db.award.create({
    data: {
      userId: teacher.id, issuerId: mc.issuerId, microCredentialId: mc.id, submissionId: submission.id, title: 'Badge', pdHours: new Prisma.Decimal(2),
      recipientName: teacher.name, credential: {}, statusListId: list.id, statusListIndex: index, revokedAt: opts.revoked ? new Date() : null,
    },
    select: { id: true },
  });
}


describe('the dashboard’s "View badge"', () => {
  it('opens the badge earned, and the list of badges when that badge no longer counts', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Socratic Seminars' } });
    const teacher = await createActor({ name: 'Maya Teacher', emailVerified: true });
    await db.enrollment.create({ data: { userId: teacher.id, microCredentialId: a.id } });
    const award = await earn(teacher, a);
    session.actor = teacher;

    const html = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    expect(hrefOf(html, 'View badge')).toBe(`/credentials/${award.id}`);
    // An earned card does not count resources studied (an empty bar would read as work left to do).
    expect(html).not.toContain('resources studied');

    // A revoked badge: the card stays under Earned; its link goes to the list, which says what happened.
    await db.award.update({ where: { id: award.id }, data: { revokedAt: new Date() } });
    await db.enrollment.create({ data: { userId: teacher.id, microCredentialId: b.id } });
    const other = await earn(teacher, b);
    const after = renderToStaticMarkup(await DashboardPage({ searchParams: Promise.resolve({}) }));
    const links = [...after.matchAll(/<a[^>]*href="([^"]+)"[^>]*>View badge/g)].map((m) => m[1]);
    expect(links.sort()).toEqual(['/badges', `/credentials/${other.id}`].sort());
  });
});

describe('a stack’s next steps', () => {
  it('links each part the signed-in teacher has not earned to its page, with what to do there', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Socratic Seminars' } });
    const { mc: c } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Wait Time' } });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'All three.', microCredentials: [a.slug, b.slug, c.slug] } });
    await publishStack({ actor: admin, stackId: stack.id });
    const teacher = await createActor();
    const award = await earn(teacher, a);
    await enrollInMicroCredential({ actor: teacher, microCredentialId: b.id });

    // Signed out: the parts are listed, with no personal next step.
    const anonymous = renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'assessment-stack' }) }));
    expect(anonymous).not.toContain('Enrol to start');
    expect(anonymous).not.toContain('Continue');

    session.actor = teacher;
    const html = renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'assessment-stack' }) }));
    expect(html).toContain('1 of 3 earned');
    expect(hrefOf(html, 'View your badge')).toBe(`/credentials/${award.id}`);
    expect(hrefOf(html, 'Continue')).toBe(`/micro-credentials/${b.slug}`);
    expect(html).toContain('Continue<span class="sr-only">: Socratic Seminars</span>');
    expect(hrefOf(html, 'Enrol to start')).toBe(`/micro-credentials/${c.slug}`);
    expect(html).toContain('Enrol to start<span class="sr-only">: Wait Time</span>');
    expect(html).toContain('· not started');

    // Sent for review: the step says so.
    await startApplication({ actor: teacher, microCredentialId: b.id });
    await db.submission.updateMany({ where: { userId: teacher.id, microCredentialId: b.id }, data: { status: 'SUBMITTED' } });
    const waiting = renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'assessment-stack' }) }));
    expect(hrefOf(waiting, 'See where it stands')).toBe(`/micro-credentials/${b.slug}`);
    expect(waiting).toContain('· waiting for review');
  });

  it('offers nothing to enrol in for a part that takes no new enrolments', async () => {
    const { issuer, admin, mc: a } = await createPublishedCredential({ def: { title: 'Exit Tickets' } });
    const { mc: b } = await createPublishedCredential({ issuerId: issuer.id, admin, def: { title: 'Socratic Seminars' } });
    const stack = await createIssuerStack({ actor: admin, issuerId: issuer.id, def: { slug: 'assessment-stack', title: 'Assessment stack', summary: 'Both.', microCredentials: [a.slug, b.slug] } });
    await publishStack({ actor: admin, stackId: stack.id });
    await db.microCredential.update({ where: { id: b.id }, data: { status: 'RETIRED' } });
    session.actor = await createActor();
    const html = renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'assessment-stack' }) }));
    expect(html).toContain('No longer offered');
    expect(html).not.toContain('Enrol to start<span class="sr-only">: Socratic Seminars');
    expect(hrefOf(html, 'Enrol to start')).toBe(`/micro-credentials/${a.slug}`);
  });
});

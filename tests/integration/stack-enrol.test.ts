// "Enrol in all parts" on a stack's page: the teacher is enrolled in each part they can still work
// on and have not earned (idempotent, picking up a part they stopped), in one audited transaction;
// the page offers it, or says there is nothing left to add. Against Postgres, through the real
// domain code, action and page; only who is signed in is set per test.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { errorOf, form } from '../setup/actions';
import { textOf } from '../setup/html';
import { createActor, createPublishedCredential, sampleDefinition } from '../factories';
import { createMicroCredential, createStack, retireMicroCredential } from '@/lib/authoring/mutations';
import { enrollInMicroCredential, enrollInStack, withdrawFromMicroCredential } from '@/lib/enrollment/mutations';
import { startApplication } from '@/lib/submissions/mutations';
import { listAuditLog } from '@/lib/audit/queries';
import { AuditFilterInput } from '@/lib/audit/schemas';

// requireActor as the real one refuses a signed-out caller: with the error a form can show.
vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  const { DomainError } = await import('@/lib/errors');
  return {
    ...stub,
    requireActor: async () => {
      if (!stub.session.actor) throw new DomainError('UNAUTHENTICATED', 'Your session has ended. Sign in again to continue.');
      return stub.session.actor;
    },
  };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { default: StackPage } = await import('@/app/stacks/[slug]/page');
const { enrollStackAction } = await import('@/app/stacks/[slug]/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const stackPage = async () => renderToStaticMarkup(await StackPage({ params: Promise.resolve({ slug: 'feedback-stack' }) }));

type Mc = { id: string; issuerId: string; currentVersionId: string | null };

/** An EARNED application and, unless `issuing`, its badge, as the awarding job leaves them. */
async function earn(teacher: Actor, mc: Mc, opts: { revoked?: boolean; suspended?: boolean; issuing?: boolean } = {}) {
  const submission = await db.submission.create({ data: { userId: teacher.id, microCredentialId: mc.id, versionId: mc.currentVersionId!, status: 'EARNED' } });
  if (opts.issuing) return;
  const list = (await db.statusList.findFirst({ where: { issuerId: mc.issuerId } })) ?? (await db.statusList.create({ data: { issuerId: mc.issuerId, purpose: 'revocation', bits: new Uint8Array(16) } }));
  const index = await db.award.count({ where: { statusListId: list.id } });
  await db.award.create({
    data: {
      userId: teacher.id, issuerId: mc.issuerId, microCredentialId: mc.id, submissionId: submission.id, title: 'Badge', pdHours: new Prisma.Decimal(2),
      recipientName: teacher.name, credential: {}, statusListId: list.id, statusListIndex: index,
      revokedAt: opts.revoked ? new Date() : null, suspendedAt: opts.suspended ? new Date() : null,
    },
  });
}

/** One issuer's published micro-credentials titled `titles`, and a teacher. */
async function world(titles: string[]) {
  const first = await createPublishedCredential({ def: { title: titles[0] } });
  const { issuer, admin } = first;
  const mcs = [first.mc];
  for (const title of titles.slice(1)) mcs.push((await createPublishedCredential({ issuerId: issuer.id, admin, def: { title } })).mc);
  const teacher = await createActor({ name: 'Maya Teacher' });
  return { issuer, admin, mcs, teacher };
}

const stackOf = (w: { issuer: { id: string }; admin: Actor }, slugs: string[], publish = true) =>
  createStack({ actor: w.admin, issuerId: w.issuer.id, publish, def: { slug: 'feedback-stack', title: 'Feedback Stack', summary: 'Every part.', microCredentials: slugs } });

const activeEnrolments = async (userId: string) =>
  (await db.enrollment.findMany({ where: { userId, withdrawnAt: null, microCredentialId: { not: null } }, select: { microCredentialId: true } })).map((e) => e.microCredentialId).sort();

describe('enrollInStack', () => {
  it('enrols in each part not earned, once, with one audit entry saying how many', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback', 'Wait Time', 'Cold Calling']);
    const [earned, open, enrolled, alsoOpen] = w.mcs;
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));
    await earn(w.teacher, earned);
    await enrollInMicroCredential({ actor: w.teacher, microCredentialId: enrolled.id });

    const r = await enrollInStack({ actor: w.teacher, stackId: stack.id });
    expect(r).toEqual({ slug: 'feedback-stack', added: [{ id: open.id, title: 'Peer Feedback' }, { id: alsoOpen.id, title: 'Cold Calling' }], alreadyEnrolled: 1 });
    // The earned part is left alone: nothing to do there.
    expect(await activeEnrolments(w.teacher.id)).toEqual([open.id, enrolled.id, alsoOpen.id].sort());

    const entries = await db.auditLog.findMany({ where: { action: 'enrollment.create', entityType: 'Stack' } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: w.teacher.id, entityId: stack.id, organizationId: w.issuer.id, data: { parts: 2 } });
    const log = await listAuditLog({ actor: w.admin, organizationId: w.issuer.id, filter: AuditFilterInput.parse({ group: 'applications' }) });
    expect(log.items.map((i) => i.description)).toContain('Enrolled in 2 parts of the stack “Feedback Stack”');

    // Again: nothing changes, nothing more is audited.
    const again = await enrollInStack({ actor: w.teacher, stackId: stack.id });
    expect(again).toEqual({ slug: 'feedback-stack', added: [], alreadyEnrolled: 3 });
    expect(await db.enrollment.count({ where: { userId: w.teacher.id } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: 'enrollment.create', entityType: 'Stack' } })).toBe(1);
  });

  it('enrols again in a part the teacher had stopped working on', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const [a] = w.mcs;
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));
    await enrollInStack({ actor: w.teacher, stackId: stack.id });
    const before = await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: w.teacher.id, microCredentialId: a.id } } });
    await withdrawFromMicroCredential({ actor: w.teacher, microCredentialId: a.id });

    const r = await enrollInStack({ actor: w.teacher, stackId: stack.id });
    expect(r.added).toEqual([{ id: a.id, title: 'Exit Tickets' }]);
    expect(r.alreadyEnrolled).toBe(1);
    const after = await db.enrollment.findUniqueOrThrow({ where: { userId_microCredentialId: { userId: w.teacher.id, microCredentialId: a.id } } });
    expect(after.id).toBe(before.id);
    expect(after.withdrawnAt).toBeNull();
  });

  it('skips every part already earned: badge held, on hold, revoked, or being issued', async () => {
    const w = await world(['Held', 'On Hold', 'Revoked', 'Issuing', 'Open']);
    const [held, onHold, revoked, issuing, open] = w.mcs;
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));
    await earn(w.teacher, held);
    await earn(w.teacher, onHold, { suspended: true });
    await earn(w.teacher, revoked, { revoked: true });
    await earn(w.teacher, issuing, { issuing: true });

    const r = await enrollInStack({ actor: w.teacher, stackId: stack.id });
    expect(r.added.map((p) => p.id)).toEqual([open.id]);
    expect(await activeEnrolments(w.teacher.id)).toEqual([open.id]);
  });

  it('takes a retired part only when the teacher had started it, and never a part not published', async () => {
    const w = await world(['Open', 'Retired Untouched', 'Retired Started']);
    const [open, untouched, started] = w.mcs;
    // Started, then stopped: workableBy keeps it open to them after it is retired.
    await enrollInMicroCredential({ actor: w.teacher, microCredentialId: started.id });
    await startApplication({ actor: w.teacher, microCredentialId: started.id });
    await withdrawFromMicroCredential({ actor: w.teacher, microCredentialId: started.id });
    for (const m of [untouched, started]) await retireMicroCredential({ actor: w.admin, microCredentialId: m.id });
    const draft = await createMicroCredential({ actor: w.admin, issuerId: w.issuer.id, def: sampleDefinition({ title: 'Never Published' }) });
    const draftSlug = (await db.microCredential.findUniqueOrThrow({ where: { id: draft.id }, select: { slug: true } })).slug;
    const stack = await stackOf(w, [open.slug, untouched.slug, started.slug, draftSlug]);

    const r = await enrollInStack({ actor: w.teacher, stackId: stack.id });
    expect(r.added.map((p) => p.id)).toEqual([open.id, started.id]);
    expect(await activeEnrolments(w.teacher.id)).toEqual([open.id, started.id].sort());
  });

  it('refuses a stack that is not published, and changes nothing', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const stack = await stackOf(w, w.mcs.map((m) => m.slug), false);
    expect((await errorOf(enrollInStack({ actor: w.teacher, stackId: stack.id }))).code).toBe('NOT_FOUND');
    expect((await errorOf(enrollInStack({ actor: w.teacher, stackId: 'no-such-stack' }))).code).toBe('NOT_FOUND');
    await db.stack.update({ where: { id: stack.id }, data: { status: 'RETIRED' } });
    expect((await errorOf(enrollInStack({ actor: w.teacher, stackId: stack.id }))).code).toBe('NOT_FOUND');
    expect(await db.enrollment.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'enrollment.create' } })).toBe(0);
  });
});

describe('enrollStackAction', () => {
  it('enrols the signed-in teacher and names what was added; refuses a signed-out visitor and bad input', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));

    expect(await enrollStackAction({ ok: true }, form({ stackId: stack.id }))).toEqual({ ok: false, formError: 'Your session has ended. Sign in again to continue.' });
    expect(await db.enrollment.count()).toBe(0);

    session.actor = w.teacher;
    expect(await enrollStackAction({ ok: true }, form({}))).toMatchObject({ ok: false, fieldErrors: { stackId: expect.any(Array) } });
    expect(await enrollStackAction({ ok: true }, form({ stackId: stack.id }))).toEqual({ ok: true, message: 'Added “Exit Tickets” and “Peer Feedback” to your dashboard.' });
    expect(await enrollStackAction({ ok: true }, form({ stackId: stack.id }))).toEqual({ ok: true, message: 'You were already enrolled in every part you have not earned.' });
    expect(await activeEnrolments(w.teacher.id)).toEqual(w.mcs.map((m) => m.id).sort());
  });
});

describe('the stack page', () => {
  it('asks an anonymous visitor to sign in, with nothing about anyone, whoever has enrolled', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));
    const before = await stackPage();
    expect(before).toContain('Create a free account to enrol');
    expect(before).toContain(`href="/sign-in?callbackUrl=${encodeURIComponent('/stacks/feedback-stack')}"`);
    expect(before).not.toContain('Enrol in all parts');
    expect(before).not.toContain('/dashboard');
    expect(before).not.toContain('earned');

    // The same page once a teacher has enrolled and earned: it is cached and shared (ADR 006).
    await enrollInStack({ actor: w.teacher, stackId: stack.id });
    await earn(w.teacher, w.mcs[0]);
    expect(await stackPage()).toBe(before);
  });

  it('offers a signed-in teacher "Enrol in all parts", then says they are enrolled, then that every part is earned', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const [a, b] = w.mcs;
    const stack = await stackOf(w, w.mcs.map((m) => m.slug));
    session.actor = w.teacher;

    const open = await stackPage();
    expect(open).toContain('Enrol in all parts');
    expect(open).toMatch(/aria-describedby="stack-enrol-help"/);
    expect(textOf(open)).toContain('Adds each part you have not earned yet to your dashboard.');
    expect(textOf(open)).toContain('10 PD hours · not started');
    expect(open).not.toContain('Create a free account');

    await earn(w.teacher, a);
    await enrollInStack({ actor: w.teacher, stackId: stack.id });
    const enrolled = await stackPage();
    expect(enrolled).not.toContain('Enrol in all parts');
    expect(textOf(enrolled)).toContain('You are enrolled in every part you have not earned yet. Go to your dashboard');
    expect(enrolled).toMatch(/<a[^>]*href="\/dashboard"[^>]*>Go to your dashboard<\/a>/);
    // Each part says where the teacher stands on it.
    expect(textOf(enrolled)).toMatch(/Exit Tickets .*· earned/);
    expect(textOf(enrolled)).toMatch(/Peer Feedback .*· enrolled/);

    await earn(w.teacher, b);
    const done = await stackPage();
    expect(done).not.toContain('Enrol in all parts');
    expect(done).not.toContain('You are enrolled in every part');
    expect(textOf(done)).toContain('You have earned every part of this stack.');
  });

  it('says when nothing is left to enrol in though not every part is earned', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    const [a, b] = w.mcs;
    await retireMicroCredential({ actor: w.admin, microCredentialId: b.id });
    await stackOf(w, [a.slug, b.slug]);
    await earn(w.teacher, a);
    session.actor = w.teacher;

    const html = await stackPage();
    expect(html).not.toContain('Enrol in all parts');
    expect(textOf(html)).toContain('There is no part left that you can enrol in.');
    expect(html).not.toContain('You have earned every part');
  });

  it('heads the list of parts and says the stack credential is awarded automatically', async () => {
    const w = await world(['Exit Tickets', 'Peer Feedback']);
    await stackOf(w, w.mcs.map((m) => m.slug));
    const plain = textOf(await stackPage());
    expect(plain).toContain('The 2 micro-credentials in this stack');
    expect(plain).toContain('Earn every one and the stack credential is awarded to you automatically');
  });
});

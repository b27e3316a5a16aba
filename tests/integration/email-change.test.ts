// Correcting a mistyped address before it is confirmed, against Postgres with the real job queue and
// outbox: the new address is stored unconfirmed and gets the link; links sent to the old one stop
// working; a taken address is refused as sign-up refuses it; a confirmed address is not changed here;
// changes are rate-limited.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { authenticate, signUp } from '@/lib/auth/accounts';
import { issueAccountToken, readAccountToken } from '@/lib/auth/account-tokens';
import { changeUnconfirmedEmail, confirmEmail, getVerificationLink, resendVerificationEmail } from '@/lib/auth/email-verification';
import { resetPassword, sendPasswordResetEmail } from '@/lib/auth/password-reset';
import { getAccount } from '@/lib/auth/profile';
import { loadActor } from '@/lib/auth/load-actor';
import { CONFIRMED_EMAIL_FIXED, ROLE_EMAIL_FIXED } from '@/lib/auth/schemas';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { createActor } from '../factories';

// Outside a request there is no session cookie or Next cache: who is signed in is set per test.
vi.mock('@/lib/auth/session', () => import('../setup/session-stub'));
vi.mock('@/lib/auth/config', () => ({ signOut: async () => undefined }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { changeEmailAction } = await import('@/app/account/actions');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

async function linkFromOutbox(to: string, path: 'verify-email' | 'reset-password'): Promise<string | undefined> {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirst({ where: { to, text: { contains: `/${path}/` } }, orderBy: { createdAt: 'desc' } });
  return mail?.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))?.[1];
}

async function mailsTo(to: string): Promise<number> {
  await runDueJobs(jobHandlers, 50);
  return db.emailMessage.count({ where: { to } });
}

const stored = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { email: true, emailVerified: true } });

describe('correcting an unconfirmed email address', () => {
  it('stores the new address unconfirmed, retires the old links, sends a link to the new one and records it', async () => {
    const user = await signUp({ name: 'Kofi Mensah', email: 'kofi@scool.test', password: 'a long enough password' });
    const oldLink = (await linkFromOutbox('kofi@scool.test', 'verify-email'))!;
    // Whoever reads the mistyped inbox could also have asked for a reset link: it confirms the address too.
    await sendPasswordResetEmail('kofi@scool.test');
    const oldReset = (await linkFromOutbox('kofi@scool.test', 'reset-password'))!;
    expect((await getVerificationLink({ token: oldLink, actor: null })).state).toBe('valid');

    session.actor = (await loadActor(user.id))!;
    const result = await changeEmailAction({ ok: true }, form({ email: '  Kofi@School.test ' }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining('kofi@school.test') });

    // Normalised as sign-up normalises it, and still unconfirmed.
    expect(await stored(user.id)).toEqual({ email: 'kofi@school.test', emailVerified: null });
    // The next request's actor (what every page shows) has the new address; the page's field too.
    expect((await loadActor(user.id))!.email).toBe('kofi@school.test');
    expect(await getAccount(user.id)).toMatchObject({ email: 'kofi@school.test', emailConfirmed: false });

    // Links to the old inbox no longer work.
    expect((await getVerificationLink({ token: oldLink, actor: null })).state).toBe('used');
    await expect(confirmEmail({ token: oldLink, actor: session.actor })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await readAccountToken(oldReset, 'PASSWORD_RESET')).state).toBe('used');
    await expect(resetPassword({ token: oldReset, password: 'taken over by a stranger' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await stored(user.id)).emailVerified).toBeNull();

    const audit = await db.auditLog.findMany({ where: { action: 'user.email_change', entityId: user.id }, select: { actorId: true, data: true } });
    expect(audit).toEqual([{ actorId: user.id, data: { linkSent: true } }]);

    // The new inbox gets a link, and it confirms the new address.
    const newLink = (await linkFromOutbox('kofi@school.test', 'verify-email'))!;
    expect(newLink).toBeTruthy();
    expect(await confirmEmail({ token: newLink, actor: session.actor })).toEqual({ email: 'kofi@school.test' });
    expect((await stored(user.id)).emailVerified).not.toBeNull();
    // The account signs in with the new address, not the old one.
    expect((await authenticate({ email: 'kofi@school.test', password: 'a long enough password' })).ok).toBe(true);
    expect((await authenticate({ email: 'kofi@scool.test', password: 'a long enough password' })).ok).toBe(false);
  });

  it('a link being issued for the old address while it changes never stays usable', async () => {
    for (let i = 0; i < 8; i++) {
      const user = await signUp({ name: `Race ${i}`, email: `race${i}@scool.test`, password: 'a long enough password' });
      // A reset or confirmation job that read the old address is issuing its link as the change lands.
      const [issued] = await Promise.all([
        issueAccountToken(user.id, i % 2 ? 'PASSWORD_RESET' : 'EMAIL_VERIFICATION', 60, new Date(), `race${i}@scool.test`),
        changeUnconfirmedEmail({ actor: (await loadActor(user.id))!, email: `race${i}@school.test` }),
      ]);
      // Either the change came first (nothing issued) or the link came first (and the change retired it).
      const usable = await db.accountToken.count({ where: { userId: user.id, usedAt: null } });
      expect(usable, `round ${i}: issued=${issued !== null}`).toBe(0);
    }
    // Issuing for an address the account no longer has gives nothing.
    const user = await db.user.findFirstOrThrow({ where: { email: 'race0@school.test' } });
    expect(await issueAccountToken(user.id, 'PASSWORD_RESET', 60, new Date(), 'race0@scool.test')).toBeNull();
  });

  it('refuses an address another account has, as sign-up does, and changes nothing', async () => {
    await createActor({ email: 'taken@school.test' });
    const user = await signUp({ name: 'Ama', email: 'ama@scool.test', password: 'a long enough password' });
    const oldLink = (await linkFromOutbox('ama@scool.test', 'verify-email'))!;
    const signUpRefusal = await signUp({ name: 'Someone', email: 'taken@school.test', password: 'a long enough password' }).catch((e: unknown) => e);
    expect(signUpRefusal).toMatchObject({ code: 'VALIDATION' });

    session.actor = (await loadActor(user.id))!;
    const result = await changeEmailAction({ ok: true }, form({ email: 'Taken@School.test' }));
    expect(result.ok).toBe(false);
    const fieldError = !result.ok ? result.fieldErrors?.email?.[0] : undefined;
    expect(fieldError).toMatch(/^An account with this email already exists\./);
    // No more said than sign-up says: that an account has it.
    expect((signUpRefusal as Error).message.startsWith('An account with this email already exists.')).toBe(true);

    expect(await stored(user.id)).toEqual({ email: 'ama@scool.test', emailVerified: null });
    expect((await getVerificationLink({ token: oldLink, actor: null })).state).toBe('valid');
    expect(await db.auditLog.count({ where: { action: 'user.email_change' } })).toBe(0);
    expect(await mailsTo('taken@school.test')).toBe(0);

    // A malformed address is a field error too, before anything is looked up.
    const malformed = await changeEmailAction({ ok: true }, form({ email: 'not an address' }));
    expect(malformed).toMatchObject({ ok: false, fieldErrors: { email: [expect.stringContaining('valid email')] } });
    expect((await stored(user.id)).email).toBe('ama@scool.test');
  });

  it('two accounts asking for one address at once: one gets it, the other a field error and no change', async () => {
    const a = await createActor({ email: 'a@scool.test', emailVerified: false });
    const b = await createActor({ email: 'b@scool.test', emailVerified: false });
    const outcomes = await Promise.allSettled([a, b].map((actor) => changeUnconfirmedEmail({ actor, email: 'same@school.test' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    expect(refused.reason).toMatchObject({ code: 'VALIDATION', fieldErrors: { email: [expect.stringMatching(/^An account with this email already exists\./)] } });
    const emails = [(await stored(a.id)).email, (await stored(b.id)).email].sort();
    expect(emails).toEqual([outcomes[0].status === 'fulfilled' ? 'b@scool.test' : 'a@scool.test', 'same@school.test'].sort());
    expect(await db.auditLog.count({ where: { action: 'user.email_change' } })).toBe(1);
  });

  it('does not let someone given a role (reviewer, admin, leader) move off the address it was given at, even unconfirmed', async () => {
    const issuer = await db.organization.create({ data: { slug: `issuer-${Date.now()}`, name: 'Issuer', kind: 'ISSUER' } });
    const reviewer = await createActor({ email: 'rae@lincoln.k12.test', emailVerified: false, roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    await expect(changeUnconfirmedEmail({ actor: reviewer, email: 'rae@elsewhere.test' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: ROLE_EMAIL_FIXED });
    expect((await stored(reviewer.id)).email).toBe('rae@lincoln.k12.test');
    expect(await db.auditLog.count({ where: { action: 'user.email_change' } })).toBe(0);
  });

  it('does not change a confirmed address', async () => {
    const teacher = await createActor({ email: 'lee@school.test' });
    await expect(changeUnconfirmedEmail({ actor: teacher, email: 'lee.new@school.test' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: CONFIRMED_EMAIL_FIXED });

    session.actor = teacher;
    const result = await changeEmailAction({ ok: true }, form({ email: 'lee.new@school.test' }));
    expect(result).toMatchObject({ ok: false, formError: CONFIRMED_EMAIL_FIXED });
    expect((await stored(teacher.id)).email).toBe('lee@school.test');
    expect(await getAccount(teacher.id)).toMatchObject({ emailConfirmed: true });
    expect(await db.auditLog.count({ where: { action: 'user.email_change' } })).toBe(0);
    expect(await mailsTo('lee.new@school.test')).toBe(0);
  });

  it('allows five changes a day; past the hourly send limit the address changes and the link waits', async () => {
    const teacher = await createActor({ email: 'sam@scool.test', emailVerified: false });
    // The same address again is no change and does not count.
    expect(await changeUnconfirmedEmail({ actor: teacher, email: 'SAM@scool.test' })).toEqual({ changed: false, email: 'sam@scool.test', linkSent: false });

    // Five links already went to the mistyped inbox this hour.
    for (let i = 0; i < 5; i++) await resendVerificationEmail({ actor: teacher });
    const oldLink = (await linkFromOutbox('sam@scool.test', 'verify-email'))!;
    const first = await changeUnconfirmedEmail({ actor: teacher, email: 'sam@school.test' });
    expect(first).toMatchObject({ changed: true, email: 'sam@school.test', linkSent: false, retryAfterSeconds: expect.any(Number) });
    expect((await stored(teacher.id)).email).toBe('sam@school.test');
    expect((await getVerificationLink({ token: oldLink, actor: null })).state).toBe('used');
    expect(await mailsTo('sam@school.test')).toBe(0);
    expect((await db.auditLog.findFirstOrThrow({ where: { action: 'user.email_change' }, select: { data: true } })).data).toEqual({ linkSent: false });

    for (const n of [2, 3, 4, 5]) await changeUnconfirmedEmail({ actor: teacher, email: `sam${n}@school.test` });
    await expect(changeUnconfirmedEmail({ actor: teacher, email: 'sam6@school.test' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect((await stored(teacher.id)).email).toBe('sam5@school.test');
    expect(await db.auditLog.count({ where: { action: 'user.email_change' } })).toBe(5);
  });
});

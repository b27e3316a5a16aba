// "Confirm your email address" against Postgres with the real job queue and outbox: sign-up sends
// a link; work goes to review only from confirmed addresses; links work once and expire; other
// proofs of the address (a reset link, a school sign-in) count; an unconfirmed account cannot be
// used to hijack the address's owner.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { signUp, upsertOidcUser, authenticate, providerVouchesForEmail } from '@/lib/auth/accounts';
import { confirmEmail, getVerificationLink, isEmailVerified, resendVerificationEmail, sendVerificationEmail, VERIFY_DAYS } from '@/lib/auth/email-verification';
import { resetPassword, sendPasswordResetEmail } from '@/lib/auth/password-reset';
import { loadActor } from '@/lib/auth/load-actor';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential } from '../factories';

beforeEach(resetDatabase);

async function linkFromOutbox(to: string, path: 'verify-email' | 'reset-password'): Promise<string | undefined> {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirst({ where: { to, text: { contains: `/${path}/` } }, orderBy: { createdAt: 'desc' } });
  return mail?.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]+)`))?.[1];
}

describe('email confirmation', () => {
  it('sign-up emails a link; submitting waits for it; the link confirms the address once', async () => {
    const user = await signUp({ name: 'Kofi Mensah', email: 'Kofi@School.test', password: 'a long enough password' });
    const teacher = (await loadActor(user.id))!;
    expect(await isEmailVerified(teacher.id)).toBe(false);
    const token = (await linkFromOutbox('kofi@school.test', 'verify-email'))!;
    expect((await getVerificationLink({ token, actor: null })).state).toBe('valid');

    const { mc } = await createPublishedCredential();
    const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    await expect(submitAttempt({ actor: teacher, attemptId: attempt.id })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('Confirm your email address') });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('DRAFT');

    // Signed in to the account (as right after sign-up): the link proves the inbox, the session the password.
    expect(await confirmEmail({ token, actor: teacher })).toEqual({ email: 'kofi@school.test' });
    expect(await isEmailVerified(teacher.id)).toBe(true);
    expect(await db.auditLog.count({ where: { action: 'user.email_verified', entityId: teacher.id } })).toBe(1);
    // Past the gate: now the incomplete parts are what stop it.
    await expect(submitAttempt({ actor: teacher, attemptId: attempt.id })).rejects.toMatchObject({ code: 'VALIDATION' });

    expect((await getVerificationLink({ token, actor: null })).state).toBe('used');
    await expect(confirmEmail({ token, actor: teacher })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    // Confirmed accounts get no more links.
    expect(await resendVerificationEmail({ actor: teacher })).toEqual({ alreadyConfirmed: true });
  });

  it('links expire after a week; a new one retires the old; resending is rate-limited; a reset link is no confirmation link', async () => {
    const teacher = await createActor({ email: 'ann@school.test', emailVerified: false });
    const sentAt = new Date();
    await sendVerificationEmail(teacher.id, sentAt);
    const first = (await linkFromOutbox('ann@school.test', 'verify-email'))!;
    const later = new Date(sentAt.getTime() + (VERIFY_DAYS * 24 + 1) * 3_600_000);
    expect((await getVerificationLink({ token: first, actor: null, now: later })).state).toBe('expired');
    await expect(confirmEmail({ token: first, actor: teacher, now: later })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('expired') });

    expect(await resendVerificationEmail({ actor: teacher })).toEqual({ alreadyConfirmed: false });
    const second = (await linkFromOutbox('ann@school.test', 'verify-email'))!;
    expect(second).not.toBe(first);
    expect((await getVerificationLink({ token: first, actor: null })).state).toBe('used');
    for (let i = 0; i < 4; i++) await resendVerificationEmail({ actor: teacher });
    await expect(resendVerificationEmail({ actor: teacher })).rejects.toMatchObject({ code: 'RATE_LIMITED' });

    await sendPasswordResetEmail('ann@school.test');
    const reset = (await linkFromOutbox('ann@school.test', 'reset-password'))!;
    expect((await getVerificationLink({ token: reset, actor: null })).state).toBe('unknown');
    await expect(confirmEmail({ token: reset, actor: teacher })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('a password-reset link proves the address too', async () => {
    const teacher = await createActor({ email: 'bulk@school.test', emailVerified: false });
    await sendPasswordResetEmail('bulk@school.test');
    const token = (await linkFromOutbox('bulk@school.test', 'reset-password'))!;
    await resetPassword({ token, password: 'a password of my own' });
    expect(await isEmailVerified(teacher.id)).toBe(true);
  });

  it('a school sign-in takes over an unconfirmed account with that address: its password is dropped and its sessions end', async () => {
    // Someone opened an account with the teacher's address before she ever signed in.
    const squatter = await signUp({ name: 'Not Maya', email: 'maya@school.test', password: 'the squatter password' });
    const before = await db.user.findUniqueOrThrow({ where: { id: squatter.id }, select: { sessionVersion: true } });
    const owner = await upsertOidcUser({ provider: 'google', providerAccountId: 'g-123', email: 'maya@school.test', name: 'Maya Okafor' });
    expect(owner.id).toBe(squatter.id);
    const after = await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { passwordHash: true, emailVerified: true, sessionVersion: true } });
    expect(after.passwordHash).toBeNull();
    expect(after.emailVerified).not.toBeNull();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect((await authenticate({ email: 'maya@school.test', password: 'the squatter password' })).ok).toBe(false);

    // A confirmed account keeps its password when the owner links their school sign-in.
    await createActor({ email: 'lee@school.test', password: 'lee has a password' });
    await upsertOidcUser({ provider: 'google', providerAccountId: 'g-456', email: 'lee@school.test', name: 'Lee' });
    expect((await authenticate({ email: 'lee@school.test', password: 'lee has a password' })).ok).toBe(true);
  });

  it('an address the provider does not vouch for opens no account, existing or new', async () => {
    // A Microsoft tenant's administrator can give any user any `email`: without xms_edov it proves nothing.
    expect(providerVouchesForEmail('microsoft-entra-id', { email: 'admin@school.test' })).toBe(false);
    expect(providerVouchesForEmail('microsoft-entra-id', { email: 'admin@school.test', email_verified: true })).toBe(false);
    expect(providerVouchesForEmail('microsoft-entra-id', { email: 'admin@school.test', xms_edov: true })).toBe(true);
    expect(providerVouchesForEmail('google', { email_verified: true })).toBe(true);
    expect(providerVouchesForEmail('google', {})).toBe(false);

    const admin = await createActor({ email: 'head@school.test', password: 'head has a password' });
    await expect(upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-1', email: 'head@school.test', name: 'Mallory', emailVouched: false })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.account.count({ where: { userId: admin.id } })).toBe(0);
    expect((await authenticate({ email: 'head@school.test', password: 'head has a password' })).ok).toBe(true);

    // Not even a new one: its link would outlive the real owner confirming the address another way.
    await expect(upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-2', email: 'new.person@school.test', name: 'New Person', emailVouched: false })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.user.count({ where: { email: 'new.person@school.test' } })).toBe(0);
    // A sign-in linked while vouched keeps working by its link (no email matching involved).
    const fresh = await upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-3', email: 'vouched@school.test', name: 'Vee', emailVouched: true });
    expect((await upsertOidcUser({ provider: 'microsoft-entra-id', providerAccountId: 'm-3', email: 'changed@school.test', name: 'Vee', emailVouched: false })).id).toBe(fresh.id);
  });
});

// "Forgot your password?" and "Change password" against Postgres, with the real job queue and
// outbox: links work once and expire, requests do not reveal who has an account, a new password
// ends every session, and everything is rate-limited and audit-logged.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { authenticate } from '@/lib/auth/accounts';
import { changePassword, requestPasswordReset, resetPassword, RESET_MINUTES, ResetPasswordInput, sendPasswordResetEmail } from '@/lib/auth/password-reset';
import { readAccountToken } from '@/lib/auth/account-tokens';
import { jobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/queue';
import { resetDatabase } from '../setup/db';
import { createActor } from '../factories';

beforeEach(resetDatabase);

const OLD = 'the old password, long enough';
const NEW = 'a brand new password, long enough';

/** Runs the queued jobs and returns the token from the newest reset email to `to`, if any. */
async function tokenFromOutbox(to: string): Promise<string | undefined> {
  await runDueJobs(jobHandlers, 50);
  const mail = await db.emailMessage.findFirst({ where: { to, subject: 'Reset your Microcred password' }, orderBy: { createdAt: 'desc' } });
  return mail?.text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
}

describe('forgot password', () => {
  it('emails a link that sets a new password once, signs the account out everywhere and says so', async () => {
    const teacher = await createActor({ email: 'maya@school.test', password: OLD });
    const before = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { sessionVersion: true } });
    await requestPasswordReset({ email: ' Maya@School.test ', ip: '203.0.113.5' });
    const token = (await tokenFromOutbox('maya@school.test'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a hash is stored.
    expect(JSON.stringify(await db.accountToken.findMany())).not.toContain(token);
    expect((await readAccountToken(token, 'PASSWORD_RESET')).state).toBe('valid');

    expect(await resetPassword({ token, password: NEW })).toEqual({ email: 'maya@school.test' });
    expect((await authenticate({ email: 'maya@school.test', password: NEW })).ok).toBe(true);
    expect((await authenticate({ email: 'maya@school.test', password: OLD })).ok).toBe(false);
    const after = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await db.auditLog.count({ where: { action: 'user.password_reset', entityId: teacher.id } })).toBe(1);
    expect(await db.notification.findMany({ where: { userId: teacher.id, kind: 'account.password_changed' }, select: { body: true } })).toEqual([
      { body: 'Every session of your account has been signed out. Sign in again with your new password. If this was not you, reset your password now and tell your administrator.' },
    ]);

    // Once only.
    expect((await readAccountToken(token, 'PASSWORD_RESET')).state).toBe('used');
    await expect(resetPassword({ token, password: 'yet another long password' })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('already been used') });
    expect((await authenticate({ email: 'maya@school.test', password: NEW })).ok).toBe(true);
  });

  it('answers the same for an address without an account, and sends nothing', async () => {
    await createActor({ email: 'known@school.test', password: OLD });
    await expect(requestPasswordReset({ email: 'nobody@school.test' })).resolves.toBeUndefined();
    await expect(requestPasswordReset({ email: 'known@school.test' })).resolves.toBeUndefined();
    // The request did the same work for both: one queued job each, nothing else yet.
    expect(await db.job.count({ where: { type: 'auth.password-reset' } })).toBe(2);
    expect(await db.accountToken.count()).toBe(0);
    await runDueJobs(jobHandlers, 50);
    expect(await db.emailMessage.count({ where: { to: 'nobody@school.test' } })).toBe(0);
    expect(await db.emailMessage.count({ where: { to: 'known@school.test' } })).toBe(1);
  });

  it('expires after an hour; a newer link retires the older; unknown and disabled accounts get nothing', async () => {
    const teacher = await createActor({ email: 'ann@school.test', password: OLD });
    const sentAt = new Date();
    await sendPasswordResetEmail('ann@school.test', sentAt);
    const first = (await tokenFromOutbox('ann@school.test'))!;
    const later = new Date(sentAt.getTime() + (RESET_MINUTES + 1) * 60_000);
    expect((await readAccountToken(first, 'PASSWORD_RESET', later)).state).toBe('expired');
    await expect(resetPassword({ token: first, password: NEW, now: later })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('expired') });

    await sendPasswordResetEmail('ann@school.test');
    const second = (await tokenFromOutbox('ann@school.test'))!;
    expect(second).not.toBe(first);
    expect((await readAccountToken(first, 'PASSWORD_RESET')).state).toBe('used');
    expect((await readAccountToken('not-a-real-token', 'PASSWORD_RESET')).state).toBe('unknown');
    await expect(resetPassword({ token: 'not-a-real-token', password: NEW })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('not valid') });

    await db.user.update({ where: { id: teacher.id }, data: { disabledAt: new Date() } });
    await expect(resetPassword({ token: second, password: NEW })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await sendPasswordResetEmail('ann@school.test');
    expect(await db.accountToken.count({ where: { purpose: 'PASSWORD_RESET', usedAt: null } })).toBe(1);
  });

  it('two submits of one link (double click, two tabs): exactly one sets the password', async () => {
    await createActor({ email: 'lee@school.test', password: OLD });
    await sendPasswordResetEmail('lee@school.test');
    const token = (await tokenFromOutbox('lee@school.test'))!;
    const results = await Promise.allSettled([resetPassword({ token, password: NEW }), resetPassword({ token, password: 'the other tab, long enough' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.auditLog.count({ where: { action: 'user.password_reset' } })).toBe(1);
  });

  it('is rate-limited per address and per network', async () => {
    for (let i = 0; i < 5; i++) await requestPasswordReset({ email: 'spam@school.test', ip: '198.51.100.1' });
    await expect(requestPasswordReset({ email: 'spam@school.test', ip: '198.51.100.2' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    for (let i = 0; i < 25; i++) await requestPasswordReset({ email: `other-${i}@school.test`, ip: '198.51.100.1' });
    await expect(requestPasswordReset({ email: 'fresh@school.test', ip: '198.51.100.1' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('checks the new password and its confirmation', () => {
    expect(ResetPasswordInput.safeParse({ token: 't', password: 'short', confirm: 'short' }).success).toBe(false);
    const mismatch = ResetPasswordInput.safeParse({ token: 't', password: NEW, confirm: `${NEW}!` });
    expect(mismatch.success ? [] : mismatch.error.issues.map((i) => i.path.join('.'))).toEqual(['confirm']);
  });
});

describe('change password', () => {
  it('needs the current password, then changes it and ends every session', async () => {
    const teacher = await createActor({ email: 'kim@school.test', password: OLD });
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { sessionVersion: true } });
    await expect(changePassword({ actor: teacher, current: 'not my password', password: NEW })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { current: [expect.any(String)] } });
    await expect(changePassword({ actor: teacher, current: OLD, password: OLD })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { password: [expect.any(String)] } });
    await changePassword({ actor: teacher, current: OLD, password: NEW });
    expect((await authenticate({ email: 'kim@school.test', password: NEW })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: teacher.id } })).sessionVersion).toBe(sessionVersion + 1);
    expect(await db.auditLog.count({ where: { action: 'user.password_change', entityId: teacher.id } })).toBe(1);
    // The notice says the session that made the change was signed out too (it was: sessionVersion).
    expect(await db.notification.findMany({ where: { userId: teacher.id, kind: 'account.password_changed' }, select: { body: true } })).toEqual([
      { body: 'Every session of your account has been signed out, including the one you used to change it. Sign in again with your new password. If this was not you, reset your password now and tell your administrator.' },
    ]);
  });

  it('stops guessing after eight wrong passwords, and explains accounts without one', async () => {
    const teacher = await createActor({ password: OLD });
    for (let i = 0; i < 8; i++) await expect(changePassword({ actor: teacher, current: `guess ${i}`, password: NEW })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(changePassword({ actor: teacher, current: 'guess 9', password: NEW })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const oidcOnly = await createActor();
    await expect(changePassword({ actor: oidcOnly, current: 'anything', password: NEW })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('past the limit refuses the right current password too, so a stolen session cannot guess its way to the account', async () => {
    const teacher = await createActor({ email: 'ines@school.test', password: OLD });
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, select: { sessionVersion: true } });
    for (let i = 0; i < 8; i++) await expect(changePassword({ actor: teacher, current: `guess ${i}`, password: NEW })).rejects.toMatchObject({ code: 'VALIDATION' });
    // The ninth try is the right password: refused all the same, and nothing changes.
    await expect(changePassword({ actor: teacher, current: OLD, password: NEW })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect((await authenticate({ email: 'ines@school.test', password: OLD })).ok).toBe(true);
    expect((await db.user.findUniqueOrThrow({ where: { id: teacher.id } })).sessionVersion).toBe(sessionVersion);
    expect(await db.auditLog.count({ where: { action: 'user.password_change', entityId: teacher.id } })).toBe(0);
    // Refused tries are not counted: once the window has passed, the person is not locked out for longer.
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: `password-change:${teacher.id}` } })).count).toBe(8);
  });

  it('a right password gives its try back: seven wrong ones and a right one leave room for more', async () => {
    const teacher = await createActor({ password: OLD });
    for (let i = 0; i < 7; i++) await expect(changePassword({ actor: teacher, current: `guess ${i}`, password: NEW })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Right, but the new one is the same: refused for that reason only, and not counted.
    await expect(changePassword({ actor: teacher, current: OLD, password: OLD })).rejects.toMatchObject({ code: 'VALIDATION', fieldErrors: { password: [expect.any(String)] } });
    await changePassword({ actor: teacher, current: OLD, password: NEW });
    expect(await db.rateLimit.count({ where: { key: `password-change:${teacher.id}` } })).toBe(0);
  });
});

// Password-reset and confirmation emails through a mail server that fails and recovers: a few quick
// tries only, and a retry sends nothing once the person has asked again (their newer email's link
// keeps working) or used a link since. Against Postgres and the real job queue, with a small SMTP
// server on loopback standing in for the mail relay (docs/decisions/004, addendum of 26 Nov 2026).
import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetDatabase } from '../setup/db';
import { speakSmtp, startLoopbackSmtpRelay } from '../setup/smtp-relay';

/** How the relay answers: take every message, refuse every connection, or take a message and then report an error. */
type RelayMode = 'accept' | 'refuse' | 'accept-then-fail';
let mode: RelayMode = 'accept';
/** What reached the relay, as the recipient's mailbox would hold it. */
const delivered: { to: string; body: string }[] = [];
function serve(socket: net.Socket) {
  if (mode === 'refuse') {
    socket.end('421 mail.test Service not available, try again later\r\n');
    return;
  }
  speakSmtp(socket, (message) => {
    delivered.push(message);
    return mode === 'accept-then-fail' ? '451 4.3.0 Local error in processing' : '250 2.0.0 Queued';
  });
}

startLoopbackSmtpRelay(serve);

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(async () => {
  await resetDatabase();
  delivered.length = 0;
  mode = 'accept';
});

const PASSWORD = 'the old password, long enough';
const libs = async () => ({
  db: (await import('@/lib/db')).db,
  queue: await import('@/lib/jobs/queue'),
  jobHandlers: (await import('@/lib/jobs/handlers')).jobHandlers,
  reset: await import('@/lib/auth/password-reset'),
  accountTokens: await import('@/lib/auth/account-tokens'),
  verify: await import('@/lib/auth/email-verification'),
  factories: await import('../factories'),
});

/** The links in the emails that reached `to`, oldest first (quoted-printable soft breaks undone). */
const linksTo = (to: string, path: 'reset-password' | 'verify-email') =>
  delivered.filter((m) => m.to === to).flatMap((m) => new RegExp(`/${path}/([A-Za-z0-9_-]{16,})`).exec(m.body.replace(/=\r\n/g, ''))?.[1] ?? []);

describe('a reset or confirmation email while the mail server fails', () => {
  it('a superseded reset link’s email is not sent on retry: the newer email’s link keeps working', async () => {
    const { db, queue, jobHandlers, reset, accountTokens, factories } = await libs();
    await factories.createActor({ email: 'ann@school.test', password: PASSWORD });

    // The first request's email fails (the relay refuses).
    mode = 'refuse';
    await reset.requestPasswordReset({ email: 'ann@school.test' });
    expect(await queue.runDueJobs(jobHandlers)).toBe(1);
    const first = await db.job.findFirstOrThrow({ where: { type: 'auth.password-reset' }, select: { id: true, attempts: true, maxAttempts: true, completedAt: true, lastError: true } });
    expect(first).toMatchObject({ attempts: 1, maxAttempts: 3, completedAt: null, lastError: expect.stringMatching(/421|not available/i) });

    // The relay is back; Ann asks again and gets that email (the first request's retry is not due yet).
    mode = 'accept';
    await reset.requestPasswordReset({ email: 'ann@school.test' });
    expect(await queue.runDueJobs(jobHandlers)).toBe(1);
    const [newer] = linksTo('ann@school.test', 'reset-password');
    expect(delivered).toHaveLength(1);
    expect(newer).toBeTruthy();
    expect((await accountTokens.readAccountToken(newer!, 'PASSWORD_RESET')).state).toBe('valid');
    const tokens = await db.accountToken.count();

    // The first request's retry comes round: it sends nothing and makes no link, and is done.
    await db.job.update({ where: { id: first.id }, data: { runAt: new Date() } });
    expect(await queue.runDueJobs(jobHandlers)).toBe(1);
    expect(delivered).toHaveLength(1);
    expect(await db.accountToken.count()).toBe(tokens);
    expect(await db.job.findUniqueOrThrow({ where: { id: first.id }, select: { completedAt: true } })).toMatchObject({ completedAt: expect.any(Date) });
    expect((await accountTokens.readAccountToken(newer!, 'PASSWORD_RESET')).state).toBe('valid');
    await expect(reset.resetPassword({ token: newer!, password: 'a brand new password, long enough' })).resolves.toMatchObject({ email: 'ann@school.test' });
  });

  it('a retry of a job whose own send failed still sends, with a working link; three tries within a few minutes', async () => {
    const { db, queue, jobHandlers, reset, accountTokens, factories } = await libs();
    await factories.createActor({ email: 'bo@school.test', password: PASSWORD });
    mode = 'refuse';
    await reset.requestPasswordReset({ email: 'bo@school.test' });
    const started = Date.now();
    await queue.runDueJobs(jobHandlers);
    const afterFirst = await db.job.findFirstOrThrow({ select: { id: true, runAt: true } });
    // Retried 30 s later, then 2 minutes after that.
    expect(afterFirst.runAt.getTime() - started).toBeGreaterThan(20_000);
    expect(afterFirst.runAt.getTime() - started).toBeLessThan(40_000);
    await db.job.update({ where: { id: afterFirst.id }, data: { runAt: new Date() } });
    const second = Date.now();
    await queue.runDueJobs(jobHandlers);
    const afterSecond = await db.job.findUniqueOrThrow({ where: { id: afterFirst.id }, select: { runAt: true, attempts: true } });
    expect(afterSecond.attempts).toBe(2);
    expect(afterSecond.runAt.getTime() - second).toBeLessThan(3 * 60_000);

    // The relay is back for the third (last) try: it sends, and its link works.
    mode = 'accept';
    await db.job.update({ where: { id: afterFirst.id }, data: { runAt: new Date() } });
    await queue.runDueJobs(jobHandlers);
    const links = linksTo('bo@school.test', 'reset-password');
    expect(links).toHaveLength(1);
    expect((await accountTokens.readAccountToken(links[0]!, 'PASSWORD_RESET')).state).toBe('valid');

    // Had it failed again, the queue would have given up: three tries in all.
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    mode = 'refuse';
    await reset.requestPasswordReset({ email: 'bo@school.test' });
    for (let i = 0; i < 4; i++) {
      await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
      await queue.runDueJobs(jobHandlers);
    }
    expect(await db.job.findFirstOrThrow({ where: { completedAt: null }, select: { attempts: true, maxAttempts: true } })).toEqual({ attempts: 3, maxAttempts: 3 });
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/gave up on auth\.password-reset job .* after 3 attempts/));
  });

  it('sends nothing on retry once the link an earlier try did deliver has been used', async () => {
    const { db, queue, jobHandlers, reset, factories } = await libs();
    await factories.createActor({ email: 'cy@school.test', password: PASSWORD });
    // The relay takes the email, then reports an error: the job fails, but the email arrived.
    mode = 'accept-then-fail';
    await reset.requestPasswordReset({ email: 'cy@school.test' });
    await queue.runDueJobs(jobHandlers);
    const job = await db.job.findFirstOrThrow({ select: { id: true, completedAt: true, attempts: true } });
    expect(job).toMatchObject({ completedAt: null, attempts: 1 });
    const [link] = linksTo('cy@school.test', 'reset-password');
    await reset.resetPassword({ token: link!, password: 'a brand new password, long enough' });

    // The retry does not ask Cy to reset the password they have just set (they get the notice that
    // their password changed, which carries no link).
    mode = 'accept';
    await db.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    await queue.runDueJobs(jobHandlers);
    expect(linksTo('cy@school.test', 'reset-password')).toHaveLength(1);
    expect(delivered.map((m) => m.to)).toEqual(['cy@school.test', 'cy@school.test']);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { completedAt: true } })).toMatchObject({ completedAt: expect.any(Date) });
  });

  it('two confirmation requests at once (a double click): one email, whose link works', async () => {
    const { db, queue, jobHandlers, verify, factories } = await libs();
    const teacher = await factories.createActor({ email: 'dee@school.test', password: PASSWORD, emailVerified: false });
    await verify.queueVerificationEmail(teacher.id);
    await verify.queueVerificationEmail(teacher.id);
    expect(await db.job.findMany({ where: { type: 'auth.verify-email' }, select: { maxAttempts: true } })).toEqual([{ maxAttempts: 3 }, { maxAttempts: 3 }]);
    expect(await queue.runDueJobs(jobHandlers)).toBe(2);
    const links = linksTo('dee@school.test', 'verify-email');
    expect(links).toHaveLength(1);
    expect((await verify.getVerificationLink({ token: links[0]!, actor: null })).state).toBe('valid');
    expect(await db.job.count({ where: { completedAt: null } })).toBe(0);
  });
});

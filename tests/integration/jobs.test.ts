import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { CRASHED_LAST_ATTEMPT, DURABLE_MAX_ATTEMPTS, claimJobs, enqueueJob, ensurePeriodicJob, releaseJobs, runDueJobs, tidyJobs } from '@/lib/jobs/queue';

beforeEach(resetDatabase);
afterEach(() => {
  vi.restoreAllMocks();
});

/** Makes every unfinished job due now (instead of waiting out its backoff). */
const makeDue = () => db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });

describe('job queue', () => {
  it('hands each job to exactly one of several concurrent workers', async () => {
    for (let i = 0; i < 20; i++) await enqueueJob({ type: 't', payload: { i } });
    const [a, b, c] = await Promise.all([claimJobs(10), claimJobs(10), claimJobs(10)]);
    const ids = [...a, ...b, ...c].map((j) => j.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('retries a failing job later with backoff and records the error', async () => {
    await enqueueJob({ type: 'flaky', payload: {} });
    let calls = 0;
    await runDueJobs({ flaky: async () => { calls++; throw new Error('SMTP down'); } });
    const job = await db.job.findFirstOrThrow();
    expect(calls).toBe(1);
    expect(job.completedAt).toBeNull();
    expect(job.lastError).toBe('SMTP down');
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing runs.
    expect(await runDueJobs({ flaky: async () => { calls++; } })).toBe(0);
    await db.job.update({ where: { id: job.id }, data: { runAt: new Date() } });
    await runDueJobs({ flaky: async () => { calls++; } });
    expect((await db.job.findFirstOrThrow()).completedAt).not.toBeNull();
  });

  it('keeps a single pending run of a periodic job across servers', async () => {
    const results = await Promise.all([ensurePeriodicJob('p', 60), ensurePeriodicJob('p', 60), ensurePeriodicJob('p', 60)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.job.count({ where: { type: 'p' } })).toBe(1);
  });

  it('sends notification emails through the outbox', async () => {
    const { notify } = await import('@/lib/notifications/notify');
    const { jobHandlers } = await import('@/lib/jobs/handlers');
    const user = await db.user.create({ data: { email: 'n@school.test', name: 'Nia' } });
    await notify({ userId: user.id, kind: 'x', title: 'Your proposal was approved', href: '/dashboard' });
    await runDueJobs(jobHandlers);
    const mail = await db.emailMessage.findFirstOrThrow();
    expect(mail.to).toBe('n@school.test');
    expect(mail.subject).toBe('Your proposal was approved');
    expect(mail.text).toContain('http://127.0.0.1:3100/dashboard');
    // A one-click link to stop them (lib/email/unsubscribe.ts), and the account setting.
    expect(mail.text).toMatch(/To stop these emails: http:\/\/127\.0\.0\.1:3100\/unsubscribe\/[A-Za-z0-9_-]+\/confirm\n/);
    expect(mail.text).toContain('Or untick "Email me about my work" at http://127.0.0.1:3100/account.');
  });

  it('with notification emails turned off, only notices about the account and credentials are emailed; the app still shows all', async () => {
    const { notify } = await import('@/lib/notifications/notify');
    const { jobHandlers } = await import('@/lib/jobs/handlers');
    const { updateProfile } = await import('@/lib/auth/profile');
    const { loadActor } = await import('@/lib/auth/load-actor');
    const user = await db.user.create({ data: { email: 'quiet@school.test', name: 'Quinn' } });
    await updateProfile({ actor: (await loadActor(user.id))!, input: { name: 'Quinn', publicName: null, handle: null, portfolioPublic: false, emailNotifications: false } });
    await notify({ userId: user.id, kind: 'review.returned', title: 'Your application needs revision', href: '/dashboard' });
    await notify({ userId: user.id, kind: 'account.password_changed', title: 'Your password was changed', href: '/account', essential: true });
    await runDueJobs(jobHandlers);
    expect((await db.emailMessage.findMany({ select: { subject: true, text: true } }))).toEqual([
      { subject: 'Your password was changed', text: expect.stringContaining('We always email notices about your account’s security and your badges’ status.') },
    ]);
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(2);
  });

  it('a periodic job that fails every attempt is given up as failed and does not block the next run', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = { p: async () => { throw new Error('storage is down'); } };
    expect(await ensurePeriodicJob('p', 60)).toBe(true);
    for (let i = 0; i < 3; i++) {
      await makeDue();
      expect(await runDueJobs(failing)).toBe(1);
    }
    // Given up: kept with its error, and said so in the log.
    const given = await db.job.findFirstOrThrow({ where: { type: 'p' } });
    expect(given).toMatchObject({ attempts: 3, maxAttempts: 3, completedAt: null, lockedBy: null, lastError: 'storage is down' });
    await makeDue();
    expect(await runDueJobs(failing)).toBe(0);
    // Like a completed run, a given-up one spaces the next by the interval...
    expect(await ensurePeriodicJob('p', 60)).toBe(false);
    await db.job.update({ where: { id: given.id }, data: { runAt: new Date(Date.now() - 61_000) } });
    // ...and after it, the periodic job runs again (once the cause is gone, it works).
    expect(await ensurePeriodicJob('p', 60)).toBe(true);
    let ran = 0;
    expect(await runDueJobs({ p: async () => { ran++; } })).toBe(1);
    expect(ran).toBe(1);
    expect(await db.job.count({ where: { type: 'p', completedAt: { not: null } } })).toBe(1);
    expect(await db.job.count({ where: { type: 'p', completedAt: null, lastError: 'storage is down' } })).toBe(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/gave up on p job .* after 3 attempts: storage is down/));
  });

  it('a periodic run in progress on its last attempt still counts as pending', async () => {
    expect(await ensurePeriodicJob('p', 60)).toBe(true);
    await db.job.updateMany({ where: { type: 'p' }, data: { attempts: 2 } });
    await runDueJobs({ p: async () => {
      // While the last attempt runs, another server checks the schedule.
      expect(await ensurePeriodicJob('p', 60)).toBe(false);
    } });
    expect(await db.job.count({ where: { type: 'p' } })).toBe(1);
  });

  it('a batch whose lock ran out meanwhile neither runs a job another worker took over nor clobbers its lock', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await enqueueJob({ type: 'slow', payload: {}, runAt: new Date(Date.now() - 2_000) });
    await enqueueJob({ type: 'next', payload: {}, runAt: new Date(Date.now() - 1_000) });
    let other: Awaited<ReturnType<typeof claimJobs>> = [];
    let nextRuns = 0;
    expect(await runDueJobs({
      // A stalled SMTP server: by the time this returns, the batch's lock has run out and another
      // server has claimed what was left of the batch.
      slow: async () => {
        await db.job.updateMany({ data: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
        other = await claimJobs(10);
      },
      next: async () => { nextRuns++; },
    })).toBe(2);
    expect(other).toHaveLength(2);
    expect(nextRuns).toBe(0);
    // Both jobs still belong to the other worker, which will finish (or retry) them.
    for (const j of other) {
      expect(await db.job.findUniqueOrThrow({ where: { id: j.id }, select: { completedAt: true, lockedBy: true } })).toEqual({ completedAt: null, lockedBy: j.lockedBy });
    }
  });

  it('a batch whose lock ran out but that nobody took over still runs all its jobs', async () => {
    await enqueueJob({ type: 'slow', payload: {}, runAt: new Date(Date.now() - 2_000) });
    await enqueueJob({ type: 'next', payload: {}, runAt: new Date(Date.now() - 1_000) });
    let nextRuns = 0;
    await runDueJobs({
      slow: async () => { await db.job.updateMany({ data: { lockedAt: new Date(Date.now() - 10 * 60_000) } }); },
      next: async () => { nextRuns++; },
    });
    expect(nextRuns).toBe(1);
    expect(await db.job.count({ where: { completedAt: { not: null } } })).toBe(2);
  });

  it('work that must happen eventually (deleting a closed account’s evidence, issuing an award, a notification’s email) retries for about a day, at most an hour apart', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await enqueueJob({ type: 'storage.delete-objects', payload: { keys: ['evidence/x'] } });
    await enqueueJob({ type: 'award.issue', payload: { submissionId: 'x' } });
    await enqueueJob({ type: 'email.notification', payload: {} });
    await enqueueJob({ type: 'auth.password-reset', payload: { email: 'x@school.test' } });
    const smtpDown = async () => { throw new Error('SMTP down'); };
    const failing = { 'storage.delete-objects': async () => { throw new Error('S3 unavailable'); }, 'award.issue': async () => { throw new Error('signing failed'); }, 'email.notification': smtpDown, 'auth.password-reset': smtpDown };
    let scheduled = 0;
    for (let attempt = 1; ; attempt++) {
      await makeDue();
      const started = Date.now();
      if (!(await runDueJobs(failing))) break;
      const next = await db.job.findFirstOrThrow({ where: { type: 'storage.delete-objects' }, select: { runAt: true, attempts: true, completedAt: true, lastError: true } });
      expect(next).toMatchObject({ attempts: attempt, completedAt: null, lastError: 'S3 unavailable' });
      const wait = next.runAt.getTime() - started;
      if (attempt < 30) {
        expect(wait).toBeGreaterThan(20_000);
        expect(wait).toBeLessThanOrEqual(60 * 60_000 + 5_000);
        scheduled += wait;
      }
      expect(attempt).toBeLessThanOrEqual(30);
    }
    // Retried over more than a day before being given up, with the last error kept and logged.
    expect(scheduled).toBeGreaterThan(24 * 60 * 60_000);
    // A password-reset link is only worth something while the person waits for it: three attempts
    // within about three minutes (lib/jobs/link-emails.ts).
    expect(await db.job.findMany({ orderBy: { type: 'asc' }, select: { type: true, attempts: true, completedAt: true, lastError: true } })).toEqual([
      { type: 'auth.password-reset', attempts: 3, completedAt: null, lastError: 'SMTP down' },
      { type: 'award.issue', attempts: 30, completedAt: null, lastError: 'signing failed' },
      { type: 'email.notification', attempts: 30, completedAt: null, lastError: 'SMTP down' },
      { type: 'storage.delete-objects', attempts: 30, completedAt: null, lastError: 'S3 unavailable' },
    ]);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/gave up on storage\.delete-objects job .* after 30 attempts: S3 unavailable/));
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/gave up on email\.notification job .* after 30 attempts: SMTP down/));
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/gave up on auth\.password-reset job .* after 3 attempts: SMTP down/));
  });

  it('a notice’s email, essential or not, outlasts a long mail outage; the emails with a link keep the short retries', async () => {
    const { notify, notifyMany } = await import('@/lib/notifications/notify');
    const { jobHandlers } = await import('@/lib/jobs/handlers');
    const { requestPasswordReset } = await import('@/lib/auth/password-reset');
    const { queueVerificationEmail } = await import('@/lib/auth/email-verification');
    const { INVITATION_EMAIL_JOB } = await import('@/lib/people/bulk-invite');
    const { maxAttemptsFor } = await import('@/lib/jobs/queue');
    const disabled = await db.user.create({ data: { email: 'dana@school.test', name: 'Dana' } });
    const news = await db.user.create({ data: { email: 'ned@school.test', name: 'Ned' } });
    const leaving = await db.user.create({ data: { email: 'lee@school.test', name: 'Lee' } });
    await notify({ userId: disabled.id, kind: 'account', title: 'Your Microcred account was disabled', essential: true });
    await notify({ userId: leaving.id, kind: 'review.returned', title: 'Your application needs revision', href: '/dashboard' });
    await db.$transaction((tx) => notifyMany([{ userId: news.id, emailNotifications: true }], { kind: 'district.recommendation', title: 'Your district recommends a badge' }, tx));
    const notices = await db.job.findMany({ where: { type: 'email.notification' }, select: { maxAttempts: true } });
    expect(notices.map((j) => j.maxAttempts)).toEqual([DURABLE_MAX_ATTEMPTS, DURABLE_MAX_ATTEMPTS, DURABLE_MAX_ATTEMPTS]);

    // The mail server was down for the first five attempts (about 40 minutes, when they used to be
    // given up): the notices still go out once it is back.
    await db.job.updateMany({ data: { attempts: 5, lastError: 'SMTP 421: service not available', runAt: new Date() } });
    // Meanwhile one person deleted their account: their notice goes to nobody.
    await db.user.delete({ where: { id: leaving.id } });
    expect(await runDueJobs(jobHandlers)).toBe(3);
    expect((await db.emailMessage.findMany({ orderBy: { to: 'asc' }, select: { to: true, subject: true } }))).toEqual([
      { to: 'dana@school.test', subject: 'Your Microcred account was disabled' },
      { to: 'ned@school.test', subject: 'Your district recommends a badge' },
    ]);
    expect(await db.job.count({ where: { completedAt: null } })).toBe(0);

    // The emails whose link the person is waiting for at the screen: three tries. A district's file
    // invitations keep the default (their job checks the invitation is still open and not resent).
    await requestPasswordReset({ email: 'ned@school.test' });
    await queueVerificationEmail(news.id);
    expect((await db.job.findMany({ where: { completedAt: null }, select: { maxAttempts: true } })).map((j) => j.maxAttempts)).toEqual([3, 3]);
    expect(maxAttemptsFor(INVITATION_EMAIL_JOB)).toBe(5);
  });

  it('handing claimed jobs back touches only those the claim still holds', async () => {
    await enqueueJob({ type: 'mine', payload: {} });
    await enqueueJob({ type: 'taken-over', payload: {} });
    const claimed = await claimJobs(10);
    // The lock on one ran out and another worker claimed it since.
    await db.job.updateMany({ where: { type: 'taken-over' }, data: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
    const [theirs] = await claimJobs(10);
    expect(theirs.type).toBe('taken-over');
    expect(await releaseJobs(claimed)).toBe(1);
    expect(await db.job.findMany({ orderBy: { type: 'asc' }, select: { type: true, attempts: true, lockedAt: true, lockedBy: true } })).toEqual([
      { type: 'mine', attempts: 0, lockedAt: null, lockedBy: null },
      { type: 'taken-over', attempts: 2, lockedAt: expect.any(Date), lockedBy: theirs.lockedBy },
    ]);
  });

  it('tidying marks a job whose last attempt never finished as given up, and deletes old finished jobs in batches and emails older than 30 days', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const day = 24 * 60 * 60_000;
    const ago = (ms: number) => new Date(Date.now() - ms);
    // The worker died during the last attempt: locked, attempts used up, no error recorded.
    const crashed = await db.job.create({ data: { type: 'email.notification', payload: {}, attempts: 5, maxAttempts: 5, lockedAt: ago(10 * 60_000), lockedBy: 'dead-worker', lastError: 'SMTP down' } });
    // Still running its last attempt (a fresh lock): left alone.
    const running = await db.job.create({ data: { type: 'email.notification', payload: {}, attempts: 5, maxAttempts: 5, lockedAt: ago(60_000), lockedBy: 'live-worker' } });
    // A job with attempts left whose worker died: the next claim retries it, tidying leaves it.
    const retryable = await db.job.create({ data: { type: 't', payload: {}, attempts: 1, maxAttempts: 5, lockedAt: ago(10 * 60_000), lockedBy: 'dead-worker' } });
    // Finished long ago, finished lately, given up long ago, given up lately.
    await db.job.createMany({ data: Array.from({ length: 5_003 }, () => ({ type: 'old', payload: {}, attempts: 1, completedAt: ago(15 * day) })) });
    const recent = await db.job.create({ data: { type: 'recent', payload: {}, attempts: 1, completedAt: ago(13 * day) } });
    await db.job.create({ data: { type: 'old-given-up', payload: {}, attempts: 5, maxAttempts: 5, lastError: 'x', runAt: ago(91 * day) } });
    const givenUpLately = await db.job.create({ data: { type: 'given-up', payload: {}, attempts: 5, maxAttempts: 5, lastError: 'x', runAt: ago(30 * day) } });
    // The emails' copies (they name teachers' files, quote issuers' reasons) go after 30 days,
    // whether sent, kept in the outbox (no SMTP) or failed: nothing retries them by then.
    await db.emailMessage.createMany({
      data: [
        { to: 'a@school.test', subject: 'Old, sent', text: 'x', sentAt: ago(31 * day), createdAt: ago(31 * day) },
        { to: 'b@school.test', subject: 'Old, kept in the outbox', text: 'x', createdAt: ago(45 * day) },
        { to: 'c@school.test', subject: 'Old, failed', text: 'x', error: 'SMTP down', createdAt: ago(31 * day) },
        { to: 'd@school.test', subject: 'Recent', text: 'x', sentAt: ago(29 * day), createdAt: ago(29 * day) },
        { to: 'e@school.test', subject: 'Today', text: 'x' },
      ],
    });

    expect(await tidyJobs()).toEqual({ markedCrashed: 1, deleted: 5_004, emailsDeleted: 3 });
    expect((await db.emailMessage.findMany({ select: { subject: true }, orderBy: { createdAt: 'asc' } })).map((m) => m.subject)).toEqual(['Recent', 'Today']);

    const left = await db.job.findMany({ orderBy: { createdAt: 'asc' } });
    expect(left.map((j) => j.id).sort()).toEqual([crashed.id, running.id, retryable.id, recent.id, givenUpLately.id].sort());
    const marked = left.find((j) => j.id === crashed.id)!;
    expect(marked).toMatchObject({ lockedAt: null, lockedBy: null, completedAt: null, lastError: `${CRASHED_LAST_ATTEMPT}\nThe attempt before: SMTP down` });
    expect(left.find((j) => j.id === running.id)).toMatchObject({ lockedBy: 'live-worker', lastError: null });
    expect(left.find((j) => j.id === retryable.id)).toMatchObject({ lockedBy: 'dead-worker' });
    // Given up now, so a periodic job of its type is no longer blocked, and nothing claims it.
    expect(await claimJobs(10)).toEqual([expect.objectContaining({ id: retryable.id })]);
    // Runs as a periodic job.
    const { periodicJobs, jobHandlers } = await import('@/lib/jobs/handlers');
    expect(periodicJobs.map((p) => p.type)).toContain('jobs.tidy');
    await expect(jobHandlers['jobs.tidy']({})).resolves.toBeUndefined();
  });
});

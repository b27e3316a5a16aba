import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { claimJobs, enqueueJob, ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';

beforeEach(resetDatabase);

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
    expect(mail.text).toContain('To stop these emails, untick "Email me about my work" at http://127.0.0.1:3100/account');
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
});

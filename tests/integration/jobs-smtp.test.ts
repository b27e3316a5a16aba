// A stalled SMTP server: the email job fails in seconds (and is retried later) instead of holding
// the worker for the ten minutes nodemailer waits by default, past the job queue's lock. The relay's
// address carries a 2-second socket timeout, as an operator's SMTP_URL may: the app keeps it and
// adds the others (the second test); without any, the app's own 30 seconds apply, which the second
// test checks are added, so the suite does not wait them out.
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { startLoopbackSmtpRelay } from '../setup/smtp-relay';

// Greets, then never answers again (a relay that hangs mid-conversation).
startLoopbackSmtpRelay((socket) => socket.write('220 stalled.test ESMTP\r\n'), '?socketTimeout=2000');

beforeEach(resetDatabase);

describe('sending email through a stalled SMTP server', () => {
  it('gives up at the socket timeout, records the error on the outbox copy, and leaves the job to retry', async () => {
    const { db } = await import('@/lib/db');
    const { enqueueJob, runDueJobs } = await import('@/lib/jobs/queue');
    const { jobHandlers } = await import('@/lib/jobs/handlers');
    const user = await db.user.create({ data: { email: 'stall@school.test', name: 'Sam' } });
    await enqueueJob({ type: 'email.notification', payload: { userId: user.id, title: 'Your badge was issued', body: '', href: null, essential: true } });
    const started = Date.now();
    expect(await runDueJobs(jobHandlers)).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    const mail = await db.emailMessage.findFirstOrThrow({ select: { sentAt: true, error: true } });
    expect(mail.sentAt).toBeNull();
    expect(mail.error).toMatch(/timeout/i);
    const job = await db.job.findFirstOrThrow({ select: { completedAt: true, lockedBy: true, lastError: true, runAt: true } });
    expect(job).toMatchObject({ completedAt: null, lockedBy: null, lastError: expect.stringMatching(/timeout/i) });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
  }, 60_000);

  it('an operator’s own timeouts in SMTP_URL are kept', async () => {
    const { smtpUrlWithTimeouts } = await import('@/lib/email/send');
    expect(smtpUrlWithTimeouts('smtp://u:p%40ss@mail.test:587?socketTimeout=5000#x')).toBe('smtp://u:p%40ss@mail.test:587?socketTimeout=5000&connectionTimeout=10000&greetingTimeout=15000#x');
    expect(smtpUrlWithTimeouts('smtps://mail.test')).toBe('smtps://mail.test?connectionTimeout=10000&greetingTimeout=15000&socketTimeout=30000');
  });
});

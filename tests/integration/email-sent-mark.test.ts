// Once the mail relay has taken an email, marking the outbox copy as sent may fail (the database
// went away for a moment): the email job must still count as done, or its retry sends the person
// the same email again. Against Postgres, the real job queue and a small SMTP server on loopback.
import type net from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../setup/db';
import { speakSmtp, startLoopbackSmtpRelay } from '../setup/smtp-relay';

/** What reached the relay. */
const delivered: string[] = [];
/** Runs when a message has been received, before the relay says it was accepted. */
let onMessage: () => Promise<void> = async () => undefined;

function serve(socket: net.Socket) {
  speakSmtp(socket, async ({ to }) => {
    delivered.push(to);
    await onMessage();
    return '250 2.0.0 Queued';
  });
}

startLoopbackSmtpRelay(serve);

beforeEach(async () => {
  await resetDatabase();
  delivered.length = 0;
  onMessage = async () => undefined;
});

describe('an email the relay accepted', () => {
  it('is sent once even when marking its outbox copy as sent fails: the job is done, not retried', async () => {
    const { db } = await import('@/lib/db');
    const { enqueueJob, runDueJobs } = await import('@/lib/jobs/queue');
    const { jobHandlers } = await import('@/lib/jobs/handlers');
    const user = await db.user.create({ data: { email: 'once@school.test', name: 'Sam' } });
    // The outbox copy is gone by the time the relay answers, so updating its sentAt fails.
    onMessage = async () => {
      await db.emailMessage.deleteMany({});
    };
    await enqueueJob({ type: 'email.notification', payload: { userId: user.id, title: 'Your badge was issued', body: '', href: null, essential: true } });
    expect(await runDueJobs(jobHandlers)).toBe(1);
    expect(delivered).toEqual(['once@school.test']);
    const job = await db.job.findFirstOrThrow({ select: { completedAt: true, lastError: true } });
    expect(job.completedAt).not.toBeNull();
    expect(job.lastError).toBeNull();
  });

  it('is marked as sent on its outbox copy when nothing fails', async () => {
    const { db } = await import('@/lib/db');
    const { sendEmail } = await import('@/lib/email/send');
    await sendEmail({ to: 'sam@school.test', subject: 'Hello', text: 'Hi.' });
    expect(delivered).toEqual(['sam@school.test']);
    const copy = await db.emailMessage.findFirstOrThrow({ select: { sentAt: true, error: true } });
    expect(copy.sentAt).not.toBeNull();
    expect(copy.error).toBeNull();
  });
});

// A teacher deleting their own account (lib/auth/delete-account.ts): proof, what goes (rows and
// evidence objects in a real S3 server), and who must ask an administrator instead. Real Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, presignUploadParts, requestUpload } from '@/lib/evidence/uploads';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { getCredentialDocument } from '@/lib/awards/queries';
import { headObject } from '@/lib/storage/s3';
import { DeleteAccountInput, deleteOwnAccount, REVIEWED_BEFORE } from '@/lib/auth/delete-account';
import { getAccount } from '@/lib/auth/profile';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { recordCopies } from '../setup/storage-down';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';

beforeEach(resetDatabase);

const input = (o: { password?: string; email?: string }) => DeleteAccountInput.parse({ ...o, understood: 'on' });

async function teacherWithWork() {
  const cred = await createPublishedCredential({
    def: {
      parts: [{ title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf'], maxFileBytes: 1024 * 1024, maxFiles: 2 }],
      rubric: { levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'], criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 } },
    },
  });
  const teacher = await createActor({ password: 'correct horse battery' });
  const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: cred.version.parts[0].id, fileName: 'work.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
  if (t.mode !== 'single') throw new Error('expected a single upload');
  await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } });
  await completeUpload({ actor: teacher, fileId: t.fileId });
  const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId }, select: { storageKey: true } });
  const other = await createPublishedCredential({ issuerId: cred.issuer.id, admin: cred.admin });
  const earned = await startApplication({ actor: teacher, microCredentialId: other.mc.id });
  await db.submission.update({ where: { id: earned.id }, data: { status: 'EARNED' } });
  const { awardId } = await issueAwardForSubmission(earned.id);
  return { teacher, storageKey, awardId };
}

describe('deleting one’s own account', () => {
  it('needs the password and a ticked box; then the account, work, badges and evidence objects go', async () => {
    const w = await teacherWithWork();
    expect(await headObject(w.storageKey)).not.toBeNull();
    expect(DeleteAccountInput.safeParse({ password: 'correct horse battery' }).success).toBe(false);
    await expect(deleteOwnAccount({ actor: w.teacher, input: input({ password: 'wrong password' }) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.user.count({ where: { id: w.teacher.id } })).toBe(1);
    // The badge's credential.json has been served (and kept by this server)...
    expect(await getCredentialDocument(w.awardId)).toContain(w.awardId);

    expect(await deleteOwnAccount({ actor: w.teacher, input: input({ password: 'correct horse battery' }) })).toEqual({ awards: 1, evidenceObjects: 1 });
    expect(await db.user.count({ where: { id: w.teacher.id } })).toBe(0);
    expect(await db.submission.count({ where: { userId: w.teacher.id } })).toBe(0);
    expect(await db.award.count({ where: { id: w.awardId } })).toBe(0);
    // ...and stops answering at once, not when the kept copy runs out.
    expect(await getCredentialDocument(w.awardId)).toBeNull();
    expect(await db.evidenceFile.count({ where: { ownerId: w.teacher.id } })).toBe(0);
    // The audit log says an account was deleted, not whose it was.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'user.delete' }, select: { actorId: true, entityId: true, data: true } });
    expect(entry).toEqual({ actorId: null, entityId: w.teacher.id, data: { awards: 1, evidenceObjects: 1 } });
    // The evidence objects are deleted from storage by the queue.
    expect(await db.job.count({ where: { type: 'storage.delete-objects' } })).toBe(1);
    await runDueJobs(jobHandlers);
    expect(await headObject(w.storageKey)).toBeNull();
  });

  it('a credential.json another server deleted (no notice reaches this one) stops answering here within the page cache’s 30 s', async () => {
    const w = await teacherWithWork();
    expect(await getCredentialDocument(w.awardId)).toContain(w.awardId);
    // The deletion as another server commits it: the row goes, and this server's copy is not cleared.
    await db.award.delete({ where: { id: w.awardId } });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 29_000 });
    try {
      expect(await getCredentialDocument(w.awardId)).toContain(w.awardId);
      vi.setSystemTime(Date.now() + 2_000);
      expect(await getCredentialDocument(w.awardId)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('an unfinished large upload (classroom video) is aborted in storage too, not left behind as orphaned parts', async () => {
    const cred = await createPublishedCredential({
      def: {
        parts: [{ title: 'Lesson video', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['video'], maxFileBytes: 3 * 1024 ** 3, maxFiles: 1 }],
        rubric: { levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'], criteria: [{ title: 'Video', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 } },
      },
    });
    const teacher = await createActor({ password: 'correct horse battery' });
    const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: cred.version.parts[0].id, fileName: 'lesson.mp4', contentType: 'video/mp4', size: 70 * 1024 * 1024 });
    if (t.mode !== 'multipart') throw new Error('expected a multipart upload');
    const [first] = await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [1] });
    expect((await fetch(first.url, { method: 'PUT', body: Buffer.alloc(t.partSize) })).status).toBe(200);
    const { storageKey, multipartUploadId } = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId }, select: { storageKey: true, multipartUploadId: true } });

    await deleteOwnAccount({ actor: teacher, input: input({ password: 'correct horse battery' }) });
    // The queued job carries the upload to abort (deleting the key alone leaves uploaded parts), and
    // completes. The embedded S3 server has no abort (405), which the job must not retry forever;
    // real S3, MinIO and R2 drop the parts on it.
    const job = await db.job.findFirstOrThrow({ where: { type: 'storage.delete-objects' } });
    expect(job.payload).toMatchObject({ keys: [storageKey], uploads: [{ key: storageKey, uploadId: multipartUploadId }] });
    await runDueJobs(jobHandlers);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id }, select: { completedAt: true, lastError: true } })).toMatchObject({ completedAt: expect.any(Date), lastError: null });
  });

  it('an account with history in the audit log can go: the entries stay, without who acted', async () => {
    const { signUp } = await import('@/lib/auth/accounts');
    const user = await signUp({ name: 'Hal', email: 'hal@school.test', password: 'correct horse battery' });
    const { loadActor } = await import('@/lib/auth/load-actor');
    const entries = await db.auditLog.count({ where: { actorId: user.id } });
    expect(entries).toBeGreaterThan(0);
    await deleteOwnAccount({ actor: (await loadActor(user.id))!, input: input({ password: 'correct horse battery' }) });
    expect(await db.auditLog.count({ where: { entityId: user.id, action: 'user.sign_up', actorId: null } })).toBe(1);
  });

  it('a school sign-in account (no password) types its email address instead', async () => {
    const teacher = await createActor({ email: 'oidc.teacher@school.test' });
    await db.user.update({ where: { id: teacher.id }, data: { passwordHash: null } });
    await expect(deleteOwnAccount({ actor: teacher, input: input({ email: 'someone.else@school.test' }) })).rejects.toMatchObject({ code: 'VALIDATION' });
    await deleteOwnAccount({ actor: teacher, input: input({ email: 'OIDC.Teacher@School.test' }) });
    expect(await db.user.count({ where: { id: teacher.id } })).toBe(0);
  });

  it('staff accounts, and anyone who has scored work, ask an administrator instead', async () => {
    const issuer = await createOrg({ kind: 'ISSUER' });
    const reviewer = await createActor({ password: 'correct horse battery', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
    await expect(deleteOwnAccount({ actor: reviewer, input: input({ password: 'correct horse battery' }) })).rejects.toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('Ask an administrator') });
    const district = await createOrg({ kind: 'DISTRICT' });
    const teacherInDistrict = await createActor({ password: 'correct horse battery', districtId: district.id, roles: [{ role: 'TEACHER', organizationId: district.id }] });
    await deleteOwnAccount({ actor: teacherInDistrict, input: input({ password: 'correct horse battery' }) });
    expect(await db.user.count({ where: { id: { in: [reviewer.id, teacherInDistrict.id] } } })).toBe(1);
  });

  it('a former reviewer (role since removed) who scored work is told why and whom to ask, and the account page knows', async () => {
    const w = await teacherWithWork();
    const attempt = await db.attempt.findFirstOrThrow({ where: { submission: { userId: w.teacher.id } } });
    const former = await createActor({ password: 'correct horse battery' });
    await db.review.create({ data: { attemptId: attempt.id, reviewerId: former.id, status: 'SUBMITTED', submittedAt: new Date(), claimExpiresAt: new Date() } });
    expect((await getAccount(former.id))?.hasReviewed).toBe(true);
    expect((await getAccount(w.teacher.id))?.hasReviewed).toBe(false);
    await expect(deleteOwnAccount({ actor: former, input: input({ password: 'correct horse battery' }) })).rejects.toMatchObject({ code: 'INVALID_STATE', message: REVIEWED_BEFORE });
    expect(REVIEWED_BEFORE).not.toMatch(/role/);
  });

  // An upload being finished while the account is deleted: the checked copy it accepts must be the
  // key the deletion's job removes. Another request holds a lock a moment (`hold`), so the calls
  // queue in a known order: finishing the upload first (stopped at `hold`), then the deletion.
  async function deleteWhileFinishing(hold: string, params: (f: { fileId: string; attemptId: string; partId: string }) => unknown[]) {
    const cred = await createPublishedCredential({
      def: {
        parts: [{ title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf'], maxFileBytes: 1024 * 1024, maxFiles: 2 }],
        rubric: { levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'], criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 } },
      },
    });
    const teacher = await createActor({ password: 'correct horse battery' });
    const sub = await startApplication({ actor: teacher, microCredentialId: cred.mc.id });
    const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    const partId = cred.version.parts[0].id;
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId, fileName: 'work.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } });

    const copies = recordCopies();
    const held = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await held.connect();
    try {
      await held.query('BEGIN');
      await held.query(hold, params({ fileId: t.fileId, attemptId: attempt.id, partId }));
      const complete = watch(completeUpload({ actor: teacher, fileId: t.fileId }));
      await untilWaitingOnLocksOr(1, () => (complete.settled ? 1 : 0), 'finishing the upload never queued');
      const deletion = watch(deleteOwnAccount({ actor: teacher, input: input({ password: 'correct horse battery' }) }));
      await untilWaitingOnLocksOr(2, () => (complete.settled ? 1 : 0) + (deletion.settled ? 1 : 0), 'the deletion never queued');
      await held.query('COMMIT');
      expect(await complete.outcome).toEqual({ ok: true, value: { status: 'UPLOADED' } });
      expect(await deletion.outcome).toEqual({ ok: true, value: { awards: 0, evidenceObjects: 1 } });
    } finally {
      copies.stop();
      await held.end();
    }
    expect(await db.user.count({ where: { id: teacher.id } })).toBe(0);
    const [copy] = copies.keys;
    expect(copy).toMatch(/^evidence\//);
    const job = await db.job.findFirstOrThrow({ where: { type: 'storage.delete-objects' } });
    expect(job.payload).toMatchObject({ keys: [copy] });
    await runDueJobs(jobHandlers);
    expect(await headObject(copy)).toBeNull();
  }

  it('while an upload is being accepted: the checked copy it accepts is deleted too, not the upload it replaced', async () => {
    // Finishing has reached the file's row (about to move it to its copy) when the deletion comes.
    await deleteWhileFinishing('SELECT 1 FROM "EvidenceFile" WHERE "id" = $1 FOR SHARE', (f) => [f.fileId]);
  });

  it('while an upload is about to be accepted: the deletion waits for it (no deadlock) and deletes the copy it accepted', async () => {
    // Finishing holds the attempt and waits for its turn in the part (the lock two uploads to one
    // part queue on), not yet at the file's row, when the deletion comes.
    await deleteWhileFinishing('SELECT pg_advisory_xact_lock(hashtext($1))', (f) => [`upload:${f.attemptId}:${f.partId}`]);
  });

  it('the emails written to the account go with it (any case of the address); other people’s stay', async () => {
    const teacher = await createActor({ email: 'rosa.teacher@school.test', password: 'correct horse battery' });
    await createActor({ email: 'sam.teacher@school.test' });
    const removed = 'Your School removed “Jane_Smith_class_video.mp4”. Their reason: “a pupil is identifiable”.';
    await db.emailMessage.createMany({
      data: [
        { to: 'rosa.teacher@school.test', subject: 'A file was removed from your application', text: removed },
        { to: 'sam.teacher@school.test', subject: 'Your badge', text: 'Well done.' },
        // Only the whole address: not one that merely contains it.
        { to: 'not.rosa.teacher@school.test', subject: 'Hello', text: 'Hi.' },
      ],
    });
    // Written to the address as it was typed (a reset asked for in capitals): kept under the address as the account holds it.
    const { sendEmail } = await import('@/lib/email/send');
    await sendEmail({ to: ' Rosa.Teacher@School.test', subject: 'Reset your Microcred password', text: 'Choose a new one here.' });
    expect(await db.emailMessage.count({ where: { to: 'rosa.teacher@school.test' } })).toBe(2);
    await deleteOwnAccount({ actor: teacher, input: input({ password: 'correct horse battery' }) });
    expect((await db.emailMessage.findMany({ select: { to: true }, orderBy: { to: 'asc' } })).map((m) => m.to)).toEqual(['not.rosa.teacher@school.test', 'sam.teacher@school.test']);
    // Whoever signs up with the address next finds no trace of those emails in the outbox.
    const { listOutbox } = await import('@/lib/email/queries');
    expect(await listOutbox({ to: 'rosa.teacher@school.test' })).toEqual([]);
  });
});


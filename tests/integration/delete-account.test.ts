// A teacher deleting their own account (lib/auth/delete-account.ts): proof, what goes (rows and
// evidence objects in a real S3 server), and who must ask an administrator instead. Real Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createOrg, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, requestUpload } from '@/lib/evidence/uploads';
import { issueAwardForSubmission } from '@/lib/awards/issue';
import { headObject } from '@/lib/storage/s3';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';

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

    expect(await deleteOwnAccount({ actor: w.teacher, input: input({ password: 'correct horse battery' }) })).toEqual({ awards: 1, evidenceObjects: 1 });
    expect(await db.user.count({ where: { id: w.teacher.id } })).toBe(0);
    expect(await db.submission.count({ where: { userId: w.teacher.id } })).toBe(0);
    expect(await db.award.count({ where: { id: w.awardId } })).toBe(0);
    expect(await db.evidenceFile.count({ where: { ownerId: w.teacher.id } })).toBe(0);
    // The audit log says an account was deleted, not whose it was.
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'user.delete' }, select: { actorId: true, entityId: true, data: true } });
    expect(entry).toEqual({ actorId: null, entityId: w.teacher.id, data: { awards: 1, evidenceObjects: 1 } });
    // The evidence objects are deleted from storage by the queue.
    expect(await db.job.count({ where: { type: 'storage.delete-objects' } })).toBe(1);
    await runDueJobs(jobHandlers);
    expect(await headObject(w.storageKey)).toBeNull();
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
});

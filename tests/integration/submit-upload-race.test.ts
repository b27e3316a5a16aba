// submitAttempt against an upload started at the same moment (lib/evidence/uploads.ts requestUpload):
// the "nothing still uploading" check must hold for what is in the database when the attempt is
// marked submitted, not for what was there when submitAttempt first looked.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { holdAttempt, untilWaitingOnLocksOr } from '../setup/row-locks';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { requestUpload } from '@/lib/evidence/uploads';

beforeEach(resetDatabase);

/** A draft with every part answered: it would submit. */
async function readyDraft() {
  const { mc, version } = await createPublishedCredential();
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  const [context, files, reflection] = version.parts;
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context.', links: [], revision: 0 });
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Reflection.', links: [], revision: 0 });
  await uploadPdf(teacher, attempt.id, files.id);
  return { teacher, attempt, files };
}

describe('submitting while an upload starts', () => {
  it('refuses to submit when an upload row is committed after submitAttempt first read the files', async () => {
    const { teacher, attempt, files } = await readyDraft();
    // requestUpload's insert, caught in flight: the PENDING row exists but is not committed yet, so
    // submitAttempt's first read cannot see it. It commits only once submitAttempt is past that read.
    const uploader = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await uploader.connect();
    try {
      await uploader.query('BEGIN');
      await uploader.query(
        `INSERT INTO "EvidenceFile" ("id", "attemptId", "partId", "ownerId", "storageKey", "fileName", "declaredType", "sizeBytes", "status")
         VALUES ($1, $2, $3, $4, $5, 'late.pdf', 'application/pdf', 100, 'PENDING')`,
        [randomUUID(), attempt.id, files.id, teacher.id, `uploads/${randomUUID()}`],
      );
      let settled = false;
      const submitting = submitAttempt({ actor: teacher, attemptId: attempt.id }).then(
        (r) => ({ ok: true as const, r }),
        (e) => ({ ok: false as const, e }),
      ).finally(() => { settled = true; });
      // Until submitAttempt waits for the upload's lock on the attempt (or, unfixed, has finished).
      await untilWaitingOnLocksOr(1, () => Number(settled), 'submitAttempt neither finished nor waited for the upload');
      await uploader.query('COMMIT');
      const outcome = await submitting;
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.e).toMatchObject({ code: 'VALIDATION' });
      const messages = Object.values((outcome.e as { fieldErrors: Record<string, string[]> }).fieldErrors).flat().join(' ');
      expect(messages).toContain('is still uploading');
    } finally {
      await uploader.end();
    }
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('DRAFT');
    expect((await db.submission.findFirstOrThrow({ where: { attempts: { some: { id: attempt.id } } } })).status).toBe('DRAFT');
  });

  it('refuses an upload requested after the submission committed', async () => {
    const { teacher, attempt, files } = await readyDraft();
    expect((await submitAttempt({ actor: teacher, attemptId: attempt.id })).alreadySubmitted).toBe(false);
    await expect(
      requestUpload({ actor: teacher, attemptId: attempt.id, partId: files.id, fileName: 'late.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'PENDING' } })).toBe(0);
  });

  it('an upload that checked the attempt just before a submit committed adds no file to the sent work', async () => {
    const { teacher, attempt, files } = await readyDraft();
    // The submit, caught in flight: it holds the attempt and has marked it sent, not yet committed.
    const submitter = await holdAttempt(attempt.id);
    try {
      await submitter.query(`UPDATE "Attempt" SET "status" = 'SUBMITTED' WHERE "id" = $1`, [attempt.id]);
      let settled = false;
      const uploading = requestUpload({ actor: teacher, attemptId: attempt.id, partId: files.id, fileName: 'late.pdf', contentType: 'application/pdf', size: 100 })
        .then((r) => ({ ok: true as const, r }), (e) => ({ ok: false as const, e }))
        .finally(() => { settled = true; });
      await untilWaitingOnLocksOr(1, () => Number(settled), 'requestUpload neither finished nor waited for the submit');
      await submitter.commit();
      const outcome = await uploading;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.e).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('no more files') });
    } finally {
      await submitter.release();
    }
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, fileName: 'late.pdf' } })).toBe(0);
  });
});

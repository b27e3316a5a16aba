// An autosave (another open tab) against a submit at the same moment: sent work never changes
// (ADR 001). saveResponse writes under a share lock on the attempt, so a submit holding the
// attempt either commits first (and the save is refused) or waits for the save and checks it.
// Made deterministic with transactions held open on a second connection.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { holdAttempt, untilWaitingOnLocksOr, watch, type Watched } from '../setup/row-locks';
import { createActor, createPublishedCredential } from '../factories';
import { uploadPdf } from '../factories/evidence';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { removeFile } from '@/lib/evidence/uploads';

beforeEach(resetDatabase);

async function draft() {
  const { mc, version } = await createPublishedCredential();
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  const [context, files, reflection] = version.parts;
  return { teacher, attempt, context, files, reflection };
}

const answers = (attemptId: string) =>
  db.partResponse.findMany({ where: { attemptId }, orderBy: { partId: 'asc' }, select: { partId: true, text: true, revision: true } });

describe('an autosave while the attempt is being sent', () => {
  it('waits for a submit that holds the attempt, then is refused: the sent answers stay as they were checked', async () => {
    const { teacher, attempt, context, reflection } = await draft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context as sent.', links: [], revision: 0 });
    const before = await answers(attempt.id);

    // The submit, caught in flight: it holds the attempt and has marked it sent, not yet committed.
    const submitter = await holdAttempt(attempt.id);
    try {
      await submitter.query(`UPDATE "Attempt" SET "status" = 'SUBMITTED', "submittedAt" = now() WHERE "id" = $1`, [attempt.id]);
      // Another tab saves an answer it had (an edit), and a first answer to a part still empty.
      const edit = watch(saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Changed after sending.', links: ['https://example.org/late'], revision: 1 }));
      const first = watch(saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Written after sending.', links: [], revision: 0 }));
      await untilWaitingOnLocksOr(2, () => Number(edit.settled) + Number(first.settled), 'the saves neither finished nor waited for the submit');
      await submitter.commit();
      for (const save of [edit, first]) {
        const outcome = await save.outcome;
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'INVALID_STATE', message: 'This attempt has been submitted and can no longer change.' });
      }
    } finally {
      await submitter.release();
    }
    expect(await answers(attempt.id)).toEqual(before);
  });

  it('a file removed in another tab while the submit holds the attempt stays in the sent work', async () => {
    const { teacher, attempt, files } = await draft();
    await uploadPdf(teacher, attempt.id, files.id);
    const file = await db.evidenceFile.findFirstOrThrow({ where: { attemptId: attempt.id }, select: { id: true, storageKey: true } });

    const submitter = await holdAttempt(attempt.id);
    try {
      await submitter.query(`UPDATE "Attempt" SET "status" = 'SUBMITTED', "submittedAt" = now() WHERE "id" = $1`, [attempt.id]);
      const remove = watch(removeFile({ actor: teacher, fileId: file.id }));
      await untilWaitingOnLocksOr(1, () => Number(remove.settled), 'the removal neither finished nor waited for the submit');
      await submitter.commit();
      const outcome = await remove.outcome;
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('has been submitted') });
    } finally {
      await submitter.release();
    }
    expect(await db.evidenceFile.findUnique({ where: { id: file.id }, select: { status: true } })).toEqual({ status: 'UPLOADED' });
  });

  it('with the real submit: a save arriving while the submit waits for the attempt is refused once the submit commits', async () => {
    const { teacher, attempt, context, files, reflection } = await draft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context.', links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Reflection.', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, files.id);
    const before = await answers(attempt.id);

    // Something else holds the attempt (say, an upload finishing): submitAttempt queues for its row
    // lock first, and the save after it, in that order.
    let submit!: Watched<Awaited<ReturnType<typeof submitAttempt>>>;
    let save!: Watched<Awaited<ReturnType<typeof saveResponse>>>;
    const holder = await holdAttempt(attempt.id);
    try {
      submit = watch(submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true }));
      await untilWaitingOnLocksOr(1, () => Number(submit.settled), 'submitAttempt neither finished nor waited for the attempt');
      // Emptied in another tab: this would make the reflection incomplete, had it been let in.
      save = watch(saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: '', links: [], revision: 1 }));
      await untilWaitingOnLocksOr(2, () => Number(submit.settled) + Number(save.settled), 'the save neither finished nor waited for the attempt');
      await holder.commit();
    } finally {
      await holder.release();
    }
    const submitted = await submit.outcome;
    expect(submitted).toMatchObject({ ok: true, value: { alreadySubmitted: false } });
    const saved = await save.outcome;
    expect(saved.ok).toBe(false);
    if (!saved.ok) expect(saved.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('has been submitted') });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('SUBMITTED');
    expect(await answers(attempt.id)).toEqual(before);
  });

  it('a save that holds the attempt first is waited for, and the submit checks what it saved', async () => {
    const { teacher, attempt, context, files, reflection } = await draft();
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'Context.', links: [], revision: 0 });
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: 'Reflection.', links: [], revision: 0 });
    await uploadPdf(teacher, attempt.id, files.id);

    // A holder keeps the attempt so the save and the submit queue in a known order: save first.
    let submit!: Watched<Awaited<ReturnType<typeof submitAttempt>>>;
    let save!: Watched<Awaited<ReturnType<typeof saveResponse>>>;
    const holder = await holdAttempt(attempt.id);
    try {
      save = watch(saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection.id, text: '', links: [], revision: 1 }));
      await untilWaitingOnLocksOr(1, () => Number(save.settled), 'the save neither finished nor waited for the attempt');
      submit = watch(submitAttempt({ actor: teacher, attemptId: attempt.id, attested: true }));
      await untilWaitingOnLocksOr(2, () => Number(save.settled) + Number(submit.settled), 'submitAttempt neither finished nor waited for the attempt');
      await holder.commit();
    } finally {
      await holder.release();
    }
    expect(await save.outcome).toMatchObject({ ok: true, value: { revision: 2 } });
    // The emptied reflection is what the submit checked: it is refused, and the attempt stays a draft.
    const submitted = await submit.outcome;
    expect(submitted.ok).toBe(false);
    if (!submitted.ok) expect(submitted.error).toMatchObject({ code: 'VALIDATION' });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('DRAFT');
  });
});

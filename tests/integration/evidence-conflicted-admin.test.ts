// An issuer admin with a conflict of interest with the teacher (a colleague at the teacher's school)
// decides nothing about the work: no reviewer chosen, no second look, no ruling on concerns, no reply
// to the teacher's questions. They read none of its evidence either: the signed file link
// (getEvidenceUrl, app/files/[id]) answers them as for a file that does not exist, and the
// application record leaves out the answers and files and says why. Another admin of the issuer
// without a conflict reads all of it; an admin who applies reads their own. Real Postgres and a real
// S3-compatible server holding the file.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { textJoined } from '../setup/html';
import { observable, openPrivateFile } from '../setup/private-file-route';
import { createPublishedCredential, SAMPLE_PDF } from '../factories';
import { makeConflictedAdminWorld } from '../factories/review-world';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, getEvidenceUrl, requestUpload } from '@/lib/evidence/uploads';
import { evidenceWithheldNotice, getSubmissionRecord } from '@/lib/submissions/admin-record';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { GET: FileRoute } = await import('@/app/files/[id]/route');
const { default: SubmissionRecordPage } = await import('@/app/admin/submissions/[id]/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const TAB = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ANSWER = 'My Grade 7 class at Lincoln wrote exit tickets on fractions.';
const FILE_NAME = 'Tess_exit_tickets.pdf';

/**
 * The conflicted-admin world (Cal: an admin of the issuer at Tess's school; Ada: an admin who
 * applies; the issuer's first admin, at no school) and a credential of the same issuer with a file
 * part, which Tess, and Ada too, answer (a PDF uploaded to real storage) and send.
 */
async function world() {
  const w = await makeConflictedAdminWorld({ doubleScoreRate: 0 });
  const { mc, version } = await createPublishedCredential({ issuerId: w.issuer.id, admin: w.admin });
  const send = async (teacher: Actor) => {
    const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
    const { id: attemptId } = await db.attempt.findFirstOrThrow({ where: { submissionId, status: 'DRAFT' }, select: { id: true } });
    let fileId = '';
    for (const p of version.parts) {
      if (p.responseType === 'TEXT') {
        await saveResponse({ actor: teacher, attemptId, partId: p.id, text: ANSWER, links: [], revision: 0 });
        continue;
      }
      const t = await requestUpload({ actor: teacher, attemptId, partId: p.id, fileName: FILE_NAME, contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
      if (t.mode !== 'single') throw new Error('expected a single upload');
      expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(SAMPLE_PDF), headers: { 'content-type': t.contentType } })).ok).toBe(true);
      await completeUpload({ actor: teacher, fileId: t.fileId });
      fileId = t.fileId;
    }
    await submitAttempt({ actor: teacher, attemptId, attested: true });
    return { submissionId, attemptId, fileId };
  };
  return { ...w, tessWork: await send(w.tess), adaWork: await send(w.ada) };
}

async function pageFor(actor: Actor, submissionId: string) {
  session.actor = actor;
  const html = renderToStaticMarkup(await SubmissionRecordPage({ params: Promise.resolve({ id: submissionId }) }));
  return { html, text: textJoined(html) };
}

describe('a teacher’s evidence, to an issuer admin at the teacher’s school', () => {
  it('is not signed for: the link answers as for a file that does not exist; another admin still gets it', async () => {
    const w = await world();
    await expect(getEvidenceUrl({ actor: w.cal, fileId: w.tessWork.fileId, inline: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getEvidenceUrl({ actor: w.cal, fileId: w.tessWork.fileId, inline: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The other admins of the issuer (no school; another admin who is also a teacher) are not her colleagues.
    for (const admin of [w.admin, w.ada, w.sam]) expect(await getEvidenceUrl({ actor: admin, fileId: w.tessWork.fileId, inline: false })).toMatch(/^https?:\/\//);
    // Her own file, to Tess; and Cal's conflict is with Tess, not with Ada.
    expect(await getEvidenceUrl({ actor: w.tess, fileId: w.tessWork.fileId, inline: false })).toMatch(/^https?:\/\//);
    expect(await getEvidenceUrl({ actor: w.cal, fileId: w.adaWork.fileId, inline: false })).toMatch(/^https?:\/\//);

    // Through the route a browser follows: exactly what a missing file gets, and no signed URL.
    for (const accept of [TAB, undefined]) {
      const refused = await observable(await openPrivateFile(FileRoute, w.cal, `/files/${w.tessWork.fileId}`, accept));
      const missing = await observable(await openPrivateFile(FileRoute, w.cal, '/files/cnosuchfile0000000000000', accept));
      expect(refused.status).toBe(404);
      expect(refused).toEqual(missing);
      expect(refused.body).not.toContain(FILE_NAME);
    }
    const allowed = await openPrivateFile(FileRoute, w.admin, `/files/${w.tessWork.fileId}`, TAB);
    expect(allowed.status).toBe(302);
    const file = await fetch(new URL(allowed.headers.get('location')!));
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
  });

  it('is left out of the application record, which says why; another admin, and an admin reading their own, see it all', async () => {
    const w = await world();
    const withheld = evidenceWithheldNotice('SAME_SCHOOL');
    expect(withheld).toBe('You cannot read this teacher’s answers and files: the conflict-of-interest rules would stop you from reviewing their work (you and they are, or lately were, at the same school). Another admin of the issuer can read them.');

    const cal = (await getSubmissionRecord({ actor: w.cal, submissionId: w.tessWork.submissionId }))!;
    expect(cal.evidenceWithheld).toBe(withheld);
    expect(cal.attempts.map((a) => [a.responses, a.files])).toEqual([[[], []]]);
    expect(JSON.stringify(cal)).not.toContain(ANSWER);
    expect(JSON.stringify(cal)).not.toContain(FILE_NAME);
    // The rest of the record is theirs to read: they are still an admin of the issuer.
    expect(cal.attempts[0].status).toBe('SUBMITTED');

    const free = (await getSubmissionRecord({ actor: w.admin, submissionId: w.tessWork.submissionId }))!;
    expect(free.evidenceWithheld).toBeNull();
    expect(free.attempts[0].responses.map((r) => r.text)).toEqual([ANSWER, ANSWER]);
    expect(free.attempts[0].files.map((f) => f.id)).toEqual([w.tessWork.fileId]);

    // Ada's own application: her own work, which she always reads.
    const own = (await getSubmissionRecord({ actor: w.ada, submissionId: w.adaWork.submissionId }))!;
    expect(own.evidenceWithheld).toBeNull();
    expect(own.attempts[0].files.map((f) => f.id)).toEqual([w.adaWork.fileId]);

    // The page says so where the evidence would be, and shows none of it.
    const page = await pageFor(w.cal, w.tessWork.submissionId);
    expect(page.text).toContain(withheld);
    expect(page.text).not.toContain(ANSWER);
    expect(page.html).not.toContain(FILE_NAME);
    expect(page.html).not.toContain(`/files/${w.tessWork.fileId}`);
    const freePage = await pageFor(w.admin, w.tessWork.submissionId);
    expect(freePage.text).toContain(ANSWER);
    expect(freePage.html).toContain(`/files/${w.tessWork.fileId}`);
    expect(freePage.text).not.toContain(withheld);
  });
});

// An evidence file's name is the teacher's, but what it is is checked: a name that hides its real
// extension behind a right-to-left override, or carries a line break, is stored without those
// characters; a name whose extension is not of the type the file is declared as is refused when the
// upload is asked for; and a file is served (to the teacher, and to reviewers and the issuer's
// admins where review is not blind) under a name whose extension is that of the type it is served
// as, so text named "plan.js" is saved as "plan.js.txt" and never opens as a script.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, getEvidenceUrl, requestUpload } from '@/lib/evidence/uploads';
import { claimReview } from '@/lib/review/mutations';

vi.mock('@/lib/auth/session', async () => {
  const stub = await import('../setup/session-stub');
  return { ...stub, requireRole: stub.requireActor };
});
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { requestUploadAction } = await import('@/app/apply/[slug]/actions');

const PLAN_TEXT = new TextEncoder().encode('Week 3 plan\nMonday: fractions on a number line.\n');
const SCRIPT_TEXT = new TextEncoder().encode('new ActiveXObject("WScript.Shell").Run("calc");\n');
const CSV_TEXT = new TextEncoder().encode('student,score\nA,3\nB,4\n');

const def = {
  parts: [
    { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT' as const },
    { title: 'Plans', prompt: 'Upload your plans.', responseType: 'FILES' as const, allowedTypes: ['document' as const, 'pdf' as const, 'spreadsheet' as const], maxFileBytes: 1024 * 1024, maxFiles: 5 },
  ],
  rubric: {
    levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
    criteria: [
      { title: 'Context', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] },
      { title: 'Plans', partIndex: 1, descriptors: ['a', 'b', 'c', 'd'] },
    ],
    passingRule: { kind: 'ALL_AT_LEAST' as const, levelRank: 2 },
  },
};

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

/** A teacher's draft at an issuer that does not review blind (reviewers see the teacher's own names). */
async function draft() {
  const issuer = await createOrg({ kind: 'ISSUER', data: { blindReview: false } });
  const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def });
  const teacher = await createActor({ name: 'Tess Teacher' });
  const { id: submissionId } = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId }, select: { id: true } });
  const [context, plans] = version.parts;
  await saveResponse({ actor: teacher, attemptId: attempt.id, partId: context.id, text: 'A mixed Grade 7 group.', links: [], revision: 0 });
  return { issuer, mc, admin, teacher, attemptId: attempt.id, partId: plans.id };
}
type Draft = Awaited<ReturnType<typeof draft>>;

/** The browser's PUT and "done" for a ticket. */
async function finish(actor: Actor, ticket: Awaited<ReturnType<typeof requestUpload>>, body: Uint8Array) {
  if (ticket.mode !== 'single') throw new Error('expected a single upload');
  expect((await fetch(ticket.url, { method: 'PUT', body: Buffer.from(body), headers: { 'content-type': ticket.contentType } })).ok).toBe(true);
  await completeUpload({ actor, fileId: ticket.fileId });
  return ticket.fileId;
}

/** Asked for through the server action, as the page (or anyone calling it directly) does. */
async function viaAction(w: Draft, fileName: string, contentType: string, body: Uint8Array) {
  session.actor = w.teacher;
  const r = await requestUploadAction({ attemptId: w.attemptId, partId: w.partId, fileName, contentType, size: body.byteLength });
  session.actor = null;
  if (!r.ok) throw new Error(`refused: ${r.formError}`);
  return finish(w.teacher, r.data, body);
}

/** The Content-Disposition a signed URL tells storage to answer with. */
async function signedName(actor: Actor, fileId: string, inline = false) {
  const url = new URL(await getEvidenceUrl({ actor, fileId, inline }));
  return url.searchParams.get('response-content-disposition');
}
const disposition = (name: string, kind: 'inline' | 'attachment' = 'attachment') => `${kind}; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Submitted, and claimed by a qualified reviewer of the issuer. */
async function underReview(w: Draft) {
  await submitAttempt({ actor: w.teacher, attemptId: w.attemptId });
  const reviewer = await createQualifiedReviewer({ name: 'Rita Reviewer', issuerId: w.issuer.id, microCredentialIds: w.mc.id, grantedById: w.admin.id });
  await claimReview({ actor: reviewer, attemptId: w.attemptId });
  return reviewer;
}

describe('evidence file names', () => {
  it('are stored without control or format characters, and served so', async () => {
    const w = await draft();
    const id = await viaAction(w, 'Week 3\u202E plan\r\n.txt', 'text/plain', PLAN_TEXT);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id }, select: { fileName: true, status: true, detectedType: true } });
    expect(row).toEqual({ fileName: 'Week 3 plan.txt', status: 'UPLOADED', detectedType: 'text/plain' });
    expect(await signedName(w.teacher, id)).toBe(disposition('Week 3 plan.txt'));
  });

  it('whose extension is not of the type declared are refused when the upload is asked for', async () => {
    const w = await draft();
    session.actor = w.teacher;
    const accepted = 'Accepted: Document (Word, ODT, text); PDF; Spreadsheet (Excel, ODS, CSV).';
    for (const [fileName, shown] of [['plan.js', 'plan.js'], ['notes\u202Etxt.bat', 'notestxt.bat'], ['photo.png', 'photo.png']] as const) {
      const r = await requestUploadAction({ attemptId: w.attemptId, partId: w.partId, fileName, contentType: fileName === 'photo.png' ? 'application/pdf' : 'text/plain', size: 100 });
      expect(r).toMatchObject({ ok: false, formError: `“${shown}” is not an accepted type for this part. ${accepted}`, code: 'VALIDATION' });
    }
    session.actor = null;
    expect(await db.evidenceFile.count()).toBe(0);
  });

  it('are served with an extension of the type the file is served as, to the teacher and to reviewers and admins of a non-blind issuer', async () => {
    const w = await draft();
    // Stored before names were checked (or written by anything but requestUpload): text named as a
    // script, and a batch file disguised as text by a right-to-left override.
    const script = await finish(w.teacher, await requestUpload({ actor: w.teacher, attemptId: w.attemptId, partId: w.partId, fileName: 'plan.txt', contentType: 'text/plain', size: SCRIPT_TEXT.byteLength }), SCRIPT_TEXT);
    const disguised = await finish(w.teacher, await requestUpload({ actor: w.teacher, attemptId: w.attemptId, partId: w.partId, fileName: 'notes.txt', contentType: 'text/plain', size: PLAN_TEXT.byteLength }), PLAN_TEXT);
    await db.evidenceFile.update({ where: { id: script }, data: { fileName: 'plan.js' } });
    await db.evidenceFile.update({ where: { id: disguised }, data: { fileName: 'notes\u202Etxt.bat' } });
    // A CSV is served as plain text, and keeps its own name: .csv is what it was declared and checked as.
    const csv = await viaAction(w, 'scores.csv', 'text/csv', CSV_TEXT);
    const served = { [script]: 'plan.js.txt', [disguised]: 'notestxt.bat.txt', [csv]: 'scores.csv' };

    for (const [id, name] of Object.entries(served)) expect(await signedName(w.teacher, id)).toBe(disposition(name));
    const reviewer = await underReview(w);
    for (const [id, name] of Object.entries(served)) {
      expect(await signedName(reviewer, id)).toBe(disposition(name));
      expect(await signedName(reviewer, id, true)).toBe(disposition(name, 'inline'));
      expect(await signedName(w.admin, id)).toBe(disposition(name));
    }
    // What storage answers with: the file as text, under the corrected name.
    const res = await fetch(await getEvidenceUrl({ actor: reviewer, fileId: script, inline: false }));
    expect(res.ok).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe(disposition('plan.js.txt'));
  });
});

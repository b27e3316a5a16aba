// Certificates of completion on a teacher's other professional learning (ADR 027's addendum): the
// browser PUTs the file straight to storage, the server copies it to a key no upload URL was signed
// for and checks the copy (size, and what its bytes are), one certificate per entry (a new one
// replaces the old), private: opened through a five-minute signed URL by the teacher and their
// district's leaders only. Every object no row holds is deleted (reject, replace, remove, entry or
// account deleted, stale upload). Real Postgres and a real S3-compatible server.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { observable, openPrivateFile } from '../setup/private-file-route';
import { errorOf, form } from '../setup/actions';
import { textOf } from '../setup/html';
import { recordCopies, withPauseAfter, withStorageDown } from '../setup/storage-down';
import { createActor, createOrg, SAMPLE_PDF, SAMPLE_PNG } from '../factories';
import { externalLearningFields } from '@/lib/external-learning/schemas';
import { addExternalLearning, deleteExternalLearning } from '@/lib/external-learning/mutations';
import {
  cancelCertificateUpload, CERTIFICATE_STORAGE_DOWN, completeCertificateUpload, getCertificateUrl, removeCertificate, requestCertificateUpload, STALE_CERTIFICATE_HOURS, sweepStaleCertificateUploads,
} from '@/lib/external-learning/certificates';
import { CERTIFICATE_MAX_BYTES } from '@/lib/external-learning/certificate-files';
import { DeleteAccountInput, deleteOwnAccount } from '@/lib/auth/delete-account';
import { getObjectBytes, headObject } from '@/lib/storage/s3';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';

vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));
vi.mock('@/app/actions', () => ({ signOutAction: async () => undefined, resendVerificationAction: async () => ({ ok: true }) }));

const { GET: CertificateRoute } = await import('@/app/other-learning/certificates/[id]/route');
const actions = await import('@/app/badges/other-learning/actions');
const { default: OtherLearningPage } = await import('@/app/badges/other-learning/page');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
});

const TAB = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const HTML_AS_PDF = new TextEncoder().encode('<!doctype html><html><body><script>alert(1)</script>Certificate</body></html>');
const entryInput = (title: string) => externalLearningFields('2026-11-24').parse({ title, provider: 'Wisconsin DPI', completedOn: '2026-03-14', pdHours: '6' });

async function world() {
  const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
  const otherDistrict = await createOrg({ kind: 'DISTRICT', name: 'Elsewhere' });
  const school = await createOrg({ kind: 'SCHOOL', name: 'Cushing Elementary', parentId: district.id });
  const issuer = await createOrg({ kind: 'ISSUER', name: 'Issuer' });
  const ann = await createActor({ name: 'Ann Avery', password: 'correct horse battery', districtId: district.id, schoolId: school.id });
  const bo = await createActor({ name: 'Bo Brown', districtId: district.id, schoolId: school.id });
  const leader = await createActor({ name: 'Lee Leader', roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
  const principal = await createActor({ name: 'Pat Principal', roles: [{ role: 'SCHOOL_LEADER', organizationId: school.id }] });
  const otherLeader = await createActor({ name: 'Olga Other', roles: [{ role: 'DISTRICT_LEADER', organizationId: otherDistrict.id }] });
  const reviewer = await createActor({ name: 'Rita Reviewer', roles: [{ role: 'REVIEWER', organizationId: issuer.id }] });
  const issuerAdmin = await createActor({ name: 'Ida Admin', roles: [{ role: 'ISSUER_ADMIN', organizationId: issuer.id }] });
  const { entry } = await addExternalLearning({ actor: ann, input: entryInput('Wisconsin Reading Summit') });
  return { district, school, ann, bo, leader, principal, otherLeader, reviewer, issuerAdmin, entryId: entry.id };
}

type World = Awaited<ReturnType<typeof world>>;

const put = (url: string, body: Uint8Array, contentType: string) => fetch(url, { method: 'PUT', body: Buffer.from(body), headers: { 'content-type': contentType } });

/** Step 1 and the browser's PUT: the pending row and its upload key. */
async function sent(actor: Actor, learningId: string, fileName: string, body: Uint8Array, contentType: string) {
  const t = await requestCertificateUpload({ actor, learningId, fileName, contentType, size: body.byteLength });
  expect((await put(t.url, body, t.contentType)).status).toBe(200);
  const { uploadKey } = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: t.certificateId }, select: { uploadKey: true } });
  return { certificateId: t.certificateId, uploadKey };
}

/** A certificate attached: its id and its checked copy's key. */
async function attached(actor: Actor, learningId: string, fileName = 'certificate.pdf', body: Uint8Array = SAMPLE_PDF, contentType = 'application/pdf') {
  const { certificateId, uploadKey } = await sent(actor, learningId, fileName, body, contentType);
  await completeCertificateUpload({ actor, certificateId });
  const row = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: certificateId } });
  return { certificateId, uploadKey, key: row.storageKey! };
}

const deleteJobs = () => db.job.findMany({ where: { type: 'storage.delete-objects', completedAt: null }, select: { payload: true } });
async function runAllJobsLater() {
  await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
  await runDueJobs(jobHandlers, 50);
}

describe('attaching a certificate', () => {
  it('uploads a PDF straight to storage, then keeps a checked copy under certificates/', async () => {
    const w = await world();
    const t = await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'Summit certificate.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    const pending = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: t.certificateId } });
    expect(pending).toMatchObject({ status: 'PENDING', userId: w.ann.id, learningId: w.entryId, storageKey: null, fileName: 'Summit certificate.pdf', sizeBytes: SAMPLE_PDF.byteLength });
    // Random key: nothing about the teacher or the file.
    expect(pending.uploadKey).toMatch(/^uploads\/[0-9a-f]{32}$/);
    expect(t.contentType).toBe('application/pdf');
    expect((await put(t.url, SAMPLE_PDF, t.contentType)).status).toBe(200);

    const done = await completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId });
    expect(done).toEqual({ id: t.certificateId, fileName: 'Summit certificate.pdf', contentType: 'application/pdf', sizeBytes: SAMPLE_PDF.byteLength });
    const row = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: t.certificateId } });
    expect(row.status).toBe('UPLOADED');
    expect(row.storageKey).toMatch(/^certificates\/[0-9a-f]{32}$/);
    expect(Buffer.from(await getObjectBytes(row.storageKey!)).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    // The upload object is not kept.
    expect(await headObject(pending.uploadKey)).toBeNull();

    // Finishing twice (a retry after a lost answer) answers the same: one certificate.
    expect(await completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId })).toEqual(done);
    expect(await db.externalLearningCertificate.count()).toBe(1);
  });

  it('takes a PNG, typed by its name when the browser gives no type, recorded as what its bytes are', async () => {
    const w = await world();
    const t = await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'scan.png', contentType: '', size: SAMPLE_PNG.byteLength });
    expect(t.contentType).toBe('image/png');
    expect((await put(t.url, SAMPLE_PNG, t.contentType)).status).toBe(200);
    await completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId });
    const row = await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: t.certificateId } });
    expect(row).toMatchObject({ status: 'UPLOADED', contentType: 'image/png' });
    expect(await headObject(row.storageKey!)).toMatchObject({ size: SAMPLE_PNG.byteLength });
  });

  it('two finishes at once attach it once', async () => {
    const w = await world();
    const { certificateId } = await sent(w.ann, w.entryId, 'c.pdf', SAMPLE_PDF, 'application/pdf');
    const copies = recordCopies();
    // The second finishes whole while the first is between its copy and its check: they overlap.
    let b: Awaited<ReturnType<typeof completeCertificateUpload>> | undefined;
    const a = await withPauseAfter('CopyObjectCommand', async () => {
      b = await completeCertificateUpload({ actor: w.ann, certificateId });
    }, () => completeCertificateUpload({ actor: w.ann, certificateId }));
    copies.stop();
    expect(copies.keys).toHaveLength(2);
    expect(a).toEqual(b);
    const rows = await db.externalLearningCertificate.findMany();
    expect(rows.map((r) => r.status)).toEqual(['UPLOADED']);
    // Only the copy on record is kept; a copy the losing call made is deleted.
    for (const key of copies.keys.filter((k) => k !== rows[0].storageKey)) expect(await headObject(key)).toBeNull();
    expect(await headObject(rows[0].storageKey!)).not.toBeNull();
  });

  it('refuses a “.pdf” whose bytes are a web page, says why, and deletes both objects', async () => {
    const w = await world();
    const { certificateId, uploadKey } = await sent(w.ann, w.entryId, 'certificate.pdf', HTML_AS_PDF, 'application/pdf');
    const copies = recordCopies();
    const e = await errorOf(completeCertificateUpload({ actor: w.ann, certificateId }));
    copies.stop();
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('“certificate.pdf” does not look like a PDF or an image inside: it may be damaged, or another kind of file renamed. Save or export the certificate again as a PDF, or a PNG, JPEG or WebP image, and attach that.');
    expect(await db.externalLearningCertificate.count()).toBe(0);
    await runAllJobsLater();
    expect(copies.keys).toHaveLength(1);
    expect(copies.keys[0]).toMatch(/^certificates\//);
    expect(await headObject(copies.keys[0])).toBeNull();
    expect(await headObject(uploadKey)).toBeNull();
    expect(await deleteJobs()).toEqual([]);
    // The action says the same to the teacher, with no Retry (the file itself is wrong).
    session.actor = w.ann;
    const again = await sent(w.ann, w.entryId, 'certificate.pdf', HTML_AS_PDF, 'application/pdf');
    expect(await actions.completeCertificateUploadAction({ certificateId: again.certificateId })).toEqual({ ok: false, formError: e.message, retry: false });
  });

  it('refuses a file over 10 MB, or of another type, before anything is uploaded', async () => {
    const w = await world();
    const big = await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'scan.jpg', contentType: 'image/jpeg', size: 12 * 1024 * 1024 }));
    expect(big.code).toBe('VALIDATION');
    expect(big.message).toBe('“scan.jpg” is 12 MB; a certificate can be up to 10 MB. Save it at a lower resolution, or as a PDF, and attach that.');
    expect((await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'scan.jpg', contentType: 'image/jpeg', size: CERTIFICATE_MAX_BYTES + 1 }))).message).toContain('is just over 10 MB');
    for (const [fileName, contentType] of [['setup.exe', 'application/x-msdownload'], ['cert.html', 'text/html'], ['anim.gif', 'image/gif'], ['cert.docx', '']]) {
      const wrong = await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName, contentType, size: 1000 }));
      expect(wrong.code).toBe('VALIDATION');
      expect(wrong.message).toBe(`“${fileName}” is not a PDF or an image this site keeps. Attach a PDF, or a PNG, JPEG or WebP image.`);
    }
    expect((await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'empty.pdf', contentType: 'application/pdf', size: 0 }))).code).toBe('VALIDATION');
    expect(await db.externalLearningCertificate.count()).toBe(0);
    // Exactly 10 MB is allowed.
    await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'scan.pdf', contentType: 'application/pdf', size: CERTIFICATE_MAX_BYTES });
    // The database refuses a bigger row whatever the code says.
    await expect(db.externalLearningCertificate.create({ data: { learningId: w.entryId, userId: w.ann.id, uploadKey: 'uploads/x', fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: CERTIFICATE_MAX_BYTES + 1 } })).rejects.toThrow();
  });

  it('storage refuses more bytes than the URL was signed for, and a file smaller than announced is refused', async () => {
    const w = await world();
    const t = await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    const longer = new Uint8Array(SAMPLE_PDF.byteLength + 64);
    longer.set(SAMPLE_PDF);
    expect((await put(t.url, longer, t.contentType)).ok).toBe(false);
    expect((await put(t.url, SAMPLE_PDF, 'text/html')).ok).toBe(false);
    expect((await put(t.url, SAMPLE_PDF.subarray(0, 100), t.contentType)).ok).toBe(false);
    // Nothing arrived: the upload stays open, and says so.
    const e = await errorOf(completeCertificateUpload({ actor: w.ann, certificateId: t.certificateId }));
    expect(e.message).toBe('The file did not reach storage. Check your connection and retry the upload.');
    expect(await db.externalLearningCertificate.count({ where: { status: 'PENDING' } })).toBe(1);
  });

  it('holds a few uploads under way per entry at once', async () => {
    const w = await world();
    for (let i = 0; i < 3; i++) await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 });
    const e = await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 }));
    expect(e.message).toBe('3 uploads to this entry are already under way. Wait for them to finish, or try again in half an hour.');
  });

  it('a cancelled upload gives its place up at once, and its object goes; someone else’s cannot be cancelled', async () => {
    const w = await world();
    const first = await sent(w.ann, w.entryId, 'wrong.pdf', SAMPLE_PDF, 'application/pdf');
    for (let i = 0; i < 2; i++) await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 });
    expect((await errorOf(requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 }))).code).toBe('VALIDATION');

    expect((await errorOf(cancelCertificateUpload({ actor: w.bo, certificateId: first.certificateId }))).code).toBe('NOT_FOUND');
    expect(await db.externalLearningCertificate.count({ where: { id: first.certificateId } })).toBe(1);
    await cancelCertificateUpload({ actor: w.ann, certificateId: first.certificateId });
    expect(await db.externalLearningCertificate.count({ where: { id: first.certificateId } })).toBe(0);
    await runAllJobsLater();
    expect(await headObject(first.uploadKey)).toBeNull();
    // Its place is free again; cancelling twice (a second tab) is done.
    await requestCertificateUpload({ actor: w.ann, learningId: w.entryId, fileName: 'right.pdf', contentType: 'application/pdf', size: 100 });
    await expect(cancelCertificateUpload({ actor: w.ann, certificateId: first.certificateId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancelling one already attached changes nothing: the certificate stays on file', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    await cancelCertificateUpload({ actor: w.ann, certificateId: c.certificateId });
    expect((await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: c.certificateId } })).status).toBe('UPLOADED');
    await runAllJobsLater();
    expect(await headObject(c.key)).not.toBeNull();
  });

  it('is refused on someone else’s entry, as an entry that does not exist', async () => {
    const w = await world();
    const e = await errorOf(requestCertificateUpload({ actor: w.bo, learningId: w.entryId, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('That entry could not be found: it may have been deleted already. Reload the page to see your list.');
    const { certificateId } = await sent(w.ann, w.entryId, 'c.pdf', SAMPLE_PDF, 'application/pdf');
    expect((await errorOf(completeCertificateUpload({ actor: w.bo, certificateId }))).code).toBe('NOT_FOUND');
    expect((await errorOf(removeCertificate({ actor: w.bo, learningId: w.entryId }))).code).toBe('NOT_FOUND');
    expect(await db.externalLearningCertificate.count({ where: { status: 'PENDING' } })).toBe(1);
  });

  it('storage down: says so plainly, changes nothing, and finishing later works', async () => {
    const w = await world();
    const { certificateId } = await sent(w.ann, w.entryId, 'c.pdf', SAMPLE_PDF, 'application/pdf');
    const e = await withStorageDown(() => errorOf(completeCertificateUpload({ actor: w.ann, certificateId })));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.message).toBe(CERTIFICATE_STORAGE_DOWN);
    expect((await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: certificateId } })).status).toBe('PENDING');
    expect(await db.externalLearning.findUniqueOrThrow({ where: { id: w.entryId }, select: { title: true } })).toEqual({ title: 'Wisconsin Reading Summit' });
    // The action offers Retry for it.
    session.actor = w.ann;
    expect(await withStorageDown(() => actions.completeCertificateUploadAction({ certificateId }))).toEqual({ ok: false, formError: CERTIFICATE_STORAGE_DOWN, retry: true });
    await completeCertificateUpload({ actor: w.ann, certificateId });
    expect((await db.externalLearningCertificate.findUniqueOrThrow({ where: { id: certificateId } })).status).toBe('UPLOADED');
  });

  // Every way a pending upload goes, while its check is under way: the entry deleted, Remove, the
  // account deleted, the sweep.
  it.each([
    ['its entry deleted', (w: World) => deleteExternalLearning({ actor: w.ann, id: w.entryId })],
    ['removed', (w: World) => removeCertificate({ actor: w.ann, learningId: w.entryId })],
    ['the account deleted', (w: World) => deleteOwnAccount({ actor: w.ann, input: DeleteAccountInput.parse({ password: 'correct horse battery', understood: 'on' }) }).then(() => undefined)],
    ['swept as stale', async () => {
      await db.externalLearningCertificate.updateMany({ data: { createdAt: new Date(Date.now() - (STALE_CERTIFICATE_HOURS + 1) * 3_600_000) } });
      await sweepStaleCertificateUploads();
    }],
  ] as const)('%s while its certificate is checked: “not found”, and nothing stays in storage', async (_what, meanwhile) => {
    const w = await world();
    const { certificateId, uploadKey } = await sent(w.ann, w.entryId, 'c.pdf', SAMPLE_PDF, 'application/pdf');
    const copies = recordCopies();
    const e = await withPauseAfter('CopyObjectCommand', () => meanwhile(w), () => errorOf(completeCertificateUpload({ actor: w.ann, certificateId })));
    copies.stop();
    expect(e.code).toBe('NOT_FOUND');
    await runAllJobsLater();
    expect(copies.keys).toHaveLength(1);
    expect(await headObject(copies.keys[0])).toBeNull();
    expect(await headObject(uploadKey)).toBeNull();
    expect(await db.externalLearningCertificate.count()).toBe(0);
  });
});

describe('one certificate per entry', () => {
  it('a new one replaces the old, whose object is deleted', async () => {
    const w = await world();
    const first = await attached(w.ann, w.entryId, 'first.pdf');
    const second = await attached(w.ann, w.entryId, 'second.png', SAMPLE_PNG, 'image/png');
    const rows = await db.externalLearningCertificate.findMany({ select: { id: true, status: true, fileName: true } });
    expect(rows).toEqual([{ id: second.certificateId, status: 'UPLOADED', fileName: 'second.png' }]);
    expect(await headObject(first.key)).toBeNull();
    expect(await headObject(second.key)).not.toBeNull();
    expect(await deleteJobs()).toEqual([]);
    // The database holds to it too.
    await expect(db.externalLearningCertificate.create({ data: { learningId: w.entryId, userId: w.ann.id, uploadKey: 'uploads/y', storageKey: 'certificates/y', status: 'UPLOADED', fileName: 'y.pdf', contentType: 'application/pdf', sizeBytes: 10 } })).rejects.toThrow();
  });

  it('“Remove” deletes it and its object; removing when there is none is done', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    session.actor = w.ann;
    expect(await actions.removeCertificateAction({ ok: true }, form({ learningId: w.entryId }))).toEqual({ ok: true, message: 'Removed. The entry has no certificate now.' });
    expect(await db.externalLearningCertificate.count()).toBe(0);
    expect(await headObject(c.key)).toBeNull();
    expect(await actions.removeCertificateAction({ ok: true }, form({ learningId: w.entryId }))).toMatchObject({ ok: true });
    // Removed while storage is down: the rows go, and a queued job deletes the object later.
    const d = await attached(w.ann, w.entryId);
    await withStorageDown(() => removeCertificate({ actor: w.ann, learningId: w.entryId }));
    expect(await db.externalLearningCertificate.count()).toBe(0);
    expect(await headObject(d.key)).not.toBeNull();
    await runAllJobsLater();
    expect(await headObject(d.key)).toBeNull();
  });
});

describe('what goes with the entry or the account', () => {
  it('deleting the entry queues its certificate’s objects in the same transaction', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    const pending = await sent(w.ann, w.entryId, 'next.pdf', SAMPLE_PDF, 'application/pdf');
    await withStorageDown(() => deleteExternalLearning({ actor: w.ann, id: w.entryId }));
    expect(await db.externalLearningCertificate.count()).toBe(0);
    const jobs = await deleteJobs();
    expect(jobs).toHaveLength(1);
    expect((jobs[0].payload as { keys: string[] }).keys.sort()).toEqual([c.uploadKey, c.key, pending.uploadKey].sort());
    await runAllJobsLater();
    for (const key of [c.key, pending.uploadKey]) expect(await headObject(key)).toBeNull();
  });

  it('deleting the account queues every certificate object with its evidence', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    const { entry: second } = await addExternalLearning({ actor: w.ann, input: entryInput('Math Circle') });
    const pending = await sent(w.ann, second.id, 'scan.png', SAMPLE_PNG, 'image/png');
    const bos = await addExternalLearning({ actor: w.bo, input: entryInput('Bo’s workshop') });
    const bosCertificate = await attached(w.bo, bos.entry.id);
    await deleteOwnAccount({ actor: w.ann, input: DeleteAccountInput.parse({ password: 'correct horse battery', understood: 'on' }) });
    const keys = (await deleteJobs()).flatMap((j) => (j.payload as { keys: string[] }).keys);
    expect(keys).toEqual(expect.arrayContaining([c.key, pending.uploadKey]));
    expect(keys).not.toContain(bosCertificate.key);
    await runAllJobsLater();
    expect(await headObject(c.key)).toBeNull();
    expect(await headObject(pending.uploadKey)).toBeNull();
    expect(await headObject(bosCertificate.key)).not.toBeNull();
    expect(await db.externalLearningCertificate.count({ where: { userId: w.ann.id } })).toBe(0);
  });

  it('an upload never finished is swept after a day, row and object', async () => {
    const w = await world();
    const stale = await sent(w.ann, w.entryId, 'old.pdf', SAMPLE_PDF, 'application/pdf');
    const fresh = await sent(w.ann, w.entryId, 'new.pdf', SAMPLE_PDF, 'application/pdf');
    const kept = await attached(w.ann, w.entryId);
    const dayAgo = new Date(Date.now() - (STALE_CERTIFICATE_HOURS + 1) * 3_600_000);
    await db.externalLearningCertificate.updateMany({ where: { id: { in: [stale.certificateId, kept.certificateId] } }, data: { createdAt: dayAgo } });
    // The hourly sweep handler runs it beside the evidence sweep.
    await jobHandlers['evidence.sweep-stale-uploads']({});
    expect(await db.externalLearningCertificate.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true } })).toEqual(expect.arrayContaining([{ id: fresh.certificateId }, { id: kept.certificateId }]));
    expect(await db.externalLearningCertificate.count()).toBe(2);
    expect(await headObject(stale.uploadKey)).toBeNull();
    expect(await headObject(fresh.uploadKey)).not.toBeNull();
    expect(await headObject(kept.key)).not.toBeNull();
    expect(await sweepStaleCertificateUploads()).toBe(0);
  });
});

describe('who opens a certificate', () => {
  it('the teacher and their district’s leaders get a signed URL that serves the file; nobody else', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId, 'Summit certificate.pdf');
    for (const actor of [w.ann, w.leader]) {
      const url = await getCertificateUrl({ actor, certificateId: c.certificateId, inline: true });
      expect(url).toContain(c.key);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('private, no-store, max-age=0');
      expect(res.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('Summit certificate.pdf')}`);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    }
    for (const actor of [w.bo, w.principal, w.otherLeader, w.reviewer, w.issuerAdmin]) {
      const e = await errorOf(getCertificateUrl({ actor, certificateId: c.certificateId, inline: false }));
      expect(e.code).toBe('NOT_FOUND');
    }
    // A PNG named as a web page is served as a PNG, under a name a saved copy opens as one.
    const { entry: second } = await addExternalLearning({ actor: w.ann, input: entryInput('Coaching institute') });
    const png = await attached(w.ann, second.id, 'certificate.html', SAMPLE_PNG, 'image/png');
    const saved = await fetch(await getCertificateUrl({ actor: w.leader, certificateId: png.certificateId, inline: false }));
    expect(saved.headers.get('content-type')).toBe('image/png');
    expect(saved.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('certificate.html.png')}`);
    // A hostile name (quotes, a semicolon, a line break, a header of its own) stays one encoded parameter.
    const { entry: third } = await addExternalLearning({ actor: w.ann, input: entryInput('Reading institute') });
    const hostile = await attached(w.ann, third.id, 'evil";\r\nSet-Cookie: x=1; é.pdf');
    const served = await fetch(await getCertificateUrl({ actor: w.ann, certificateId: hostile.certificateId, inline: true }));
    expect(served.status).toBe(200);
    expect(served.headers.get('set-cookie')).toBeNull();
    expect(served.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('evil";\r\nSet-Cookie: x=1; é.pdf')}`);
    // A leader of the district the teacher has left: no longer.
    await db.user.update({ where: { id: w.ann.id }, data: { districtId: null, schoolId: null } });
    expect((await errorOf(getCertificateUrl({ actor: w.leader, certificateId: c.certificateId, inline: false }))).code).toBe('NOT_FOUND');
    expect(await getCertificateUrl({ actor: w.ann, certificateId: c.certificateId, inline: false })).toContain(c.key);
  });

  it('an upload not finished opens for nobody', async () => {
    const w = await world();
    const { certificateId } = await sent(w.ann, w.entryId, 'c.pdf', SAMPLE_PDF, 'application/pdf');
    expect((await errorOf(getCertificateUrl({ actor: w.ann, certificateId, inline: false }))).code).toBe('NOT_FOUND');
  });
});

describe('the certificate route', () => {
  const open = (actor: Actor | null, path: string, accept?: string) => openPrivateFile(CertificateRoute, actor, path, accept);

  it('signed out: a tab is sent to sign in and back; anything else gets 401', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    const path = `/other-learning/certificates/${c.certificateId}?inline=1`;
    const tab = await open(null, path, TAB);
    expect(tab.status).toBe(307);
    expect(tab.headers.get('location')).toBe(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    expect(tab.headers.get('cache-control')).toBe('no-store');
    const script = await open(null, path);
    expect(script.status).toBe(401);
  });

  it('someone else’s certificate answers exactly as a missing one; the owner and the district leader are redirected, never cached', async () => {
    const w = await world();
    const c = await attached(w.ann, w.entryId);
    for (const accept of [TAB, undefined]) {
      const theirs = await observable(await open(w.principal, `/other-learning/certificates/${c.certificateId}`, accept));
      const missing = await observable(await open(w.principal, '/other-learning/certificates/cnosuchcertificate000000', accept));
      expect(theirs.status).toBe(404);
      expect(theirs).toEqual(missing);
      const bosMissing = await observable(await open(w.bo, '/other-learning/certificates/cnosuchcertificate000000', accept));
      expect(await observable(await open(w.bo, `/other-learning/certificates/${c.certificateId}`, accept))).toEqual(bosMissing);
    }
    for (const actor of [w.ann, w.leader]) {
      const res = await open(actor, `/other-learning/certificates/${c.certificateId}?inline=1`, TAB);
      expect(res.status).toBe(302);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const location = res.headers.get('location')!;
      expect(location).toContain(c.key);
      expect(location).toContain(encodeURIComponent('inline;'));
    }
  });
});

describe('the teacher’s list', () => {
  const page = async (actor: Actor) => {
    session.actor = actor;
    return renderToStaticMarkup(await OtherLearningPage({ searchParams: Promise.resolve({}) }));
  };

  it('offers to attach a certificate, then shows the one on file with View, Replace and Remove', async () => {
    const w = await world();
    const before = await page(w.ann);
    expect(textOf(before)).toContain('No certificate attached. Attach a certificate of “Wisconsin Reading Summit” (PDF or image, up to 10 MB)');
    expect(before).toContain('accept="application/pdf,.pdf,image/png,.png,image/jpeg,.jpg,.jpeg,image/webp,.webp"');
    expect(before).toContain('role="status" aria-live="polite"');
    expect(textOf(before)).not.toContain('Remove…');

    const c = await attached(w.ann, w.entryId, 'Summit certificate.pdf');
    const after = await page(w.ann);
    const text = textOf(after);
    expect(text).toContain(`Certificate: Summit certificate.pdf , ${SAMPLE_PDF.byteLength} B View the certificate of “Wisconsin Reading Summit” (opens in a new tab)`);
    expect(after).toContain(`href="/other-learning/certificates/${c.certificateId}?inline=1"`);
    expect(text).toContain('Replace the certificate of “Wisconsin Reading Summit” (PDF or image, up to 10 MB)');
    expect(text).toContain('Remove… the certificate “Summit certificate.pdf”');
    expect(text).toContain('Remove “Summit certificate.pdf”? It is deleted, and your district’s leaders can no longer open it.');
    // Never the storage address, on the page or anywhere in its markup.
    expect(after).not.toContain(c.key);
    // Another teacher's list shows none of it.
    expect(await page(w.bo)).not.toContain(c.certificateId);
  });
});


import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, SAMPLE_PDF, SAMPLE_PNG } from '../factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, getCaptionsText, getEvidenceUrl, presignUploadParts, removeFile, requestUpload, sweepStaleUploads } from '@/lib/evidence/uploads';
import { copyObject, getObjectBytes, headObject, putObject } from '@/lib/storage/s3';

beforeEach(resetDatabase);

async function draft(maxFileBytes = 10 * 1024 * 1024) {
  const { mc, version, issuer, admin } = await createPublishedCredential({
    def: {
      parts: [
        { title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf', 'image', 'video'], maxFileBytes, maxFiles: 2 },
        { title: 'Reflection', prompt: 'Reflect.', responseType: 'TEXT' },
      ],
      rubric: {
        levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
        criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }, { title: 'Reflection', partIndex: 1, descriptors: ['a', 'b', 'c', 'd'] }],
        passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 },
      },
    },
  });
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  return { mc, version, issuer, admin, teacher, attempt, part: version.parts[0] };
}

async function put(url: string, body: Uint8Array, contentType?: string) {
  return fetch(url, { method: 'PUT', body: Buffer.from(body), headers: contentType ? { 'content-type': contentType } : {} });
}

describe('evidence uploads', () => {
  it('uploads straight to S3 with a presigned URL, then verifies size and content', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'Lesson plan.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    expect(t.mode).toBe('single');
    if (t.mode !== 'single') return;
    const file = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    // Keys reveal nothing about the teacher or the file.
    expect(file.storageKey).toMatch(/^uploads\/[0-9a-f]{32}$/);
    expect(file.storageKey).not.toContain(teacher.email);
    expect((await put(t.url, SAMPLE_PDF, t.contentType)).status).toBe(200);
    await completeUpload({ actor: teacher, fileId: t.fileId });
    const done = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(done.status).toBe('UPLOADED');
    expect(done.detectedType).toBe('application/pdf');
    // The checked copy lives under a key no upload URL was signed for; the upload object is gone.
    expect(done.storageKey).toMatch(/^evidence\/[0-9a-f]{32}$/);
    expect(await headObject(file.storageKey)).toBeNull();
    expect(Buffer.from(await getObjectBytes(done.storageKey)).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    // Safe to call twice (a retry after a dropped response).
    await completeUpload({ actor: teacher, fileId: t.fileId });
  });

  it('bytes sent to the upload URL after the check change nothing reviewers see', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'Lesson plan.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    await put(t.url, SAMPLE_PDF, t.contentType);
    await completeUpload({ actor: teacher, fileId: t.fileId });
    // The upload URL is still within its lifetime: same size, other bytes.
    const swapped = new Uint8Array(SAMPLE_PDF.byteLength).fill(0x41);
    expect((await put(t.url, swapped, t.contentType)).status).toBe(200);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(Buffer.from(await getObjectBytes(row.storageKey)).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    // And what a viewer is sent signs that same key.
    expect(await getEvidenceUrl({ actor: teacher, fileId: t.fileId, inline: true })).toContain(row.storageKey);
  });

  it('refuses types and sizes outside the artifact spec before anything is uploaded', async () => {
    const { teacher, attempt, part } = await draft(1024 * 1024);
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'setup.exe', contentType: 'application/x-msdownload', size: 1000 })).rejects.toThrow(/not an accepted type/);
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'big.pdf', contentType: 'application/pdf', size: 5 * 1024 * 1024 })).rejects.toThrow(/accepts files up to 1\.0 MB/);
    expect(await db.evidenceFile.count()).toBe(0);
  });

  it('rejects a renamed file whose bytes do not match its type, and deletes the object', async () => {
    const { teacher, attempt, part } = await draft();
    const fake = new TextEncoder().encode('MZ\x90\x00 this is really a program, not a PDF');
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'homework.pdf', contentType: 'application/pdf', size: fake.byteLength });
    if (t.mode !== 'single') throw new Error();
    await put(t.url, fake, t.contentType);
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow(/does not look like a pdf/);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row.status).toBe('REJECTED');
    expect(await headObject(row.storageKey)).toBeNull();
  });

  it('rejects an upload cut short (size differs from what was announced)', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'photo.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength + 500 });
    if (t.mode !== 'single') throw new Error();
    // S3 itself refuses a body whose length differs from the signed Content-Length on real AWS; the
    // embedded server may accept it, so the server-side size check is what protects us.
    await put(t.url, SAMPLE_PNG, t.contentType).catch(() => undefined);
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow(/cut off|did not reach storage/);
  });

  it('says clearly when nothing reached storage (dropped connection), and retry works', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'a.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow(/did not reach storage/);
    if (t.mode !== 'single') throw new Error();
    await put(t.url, SAMPLE_PDF, t.contentType);
    await completeUpload({ actor: teacher, fileId: t.fileId });
    expect((await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } })).status).toBe('UPLOADED');
  });

  it('supports multipart uploads for large files (classroom video)', async () => {
    const { teacher, attempt, part } = await draft(3 * 1024 ** 3);
    const size = 70 * 1024 * 1024;
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'lesson.mp4', contentType: 'video/mp4', size });
    expect(t.mode).toBe('multipart');
    if (t.mode !== 'multipart') return;
    expect(t.partCount).toBe(Math.ceil(size / t.partSize));
    const body = new Uint8Array(size);
    body.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]); // ....ftypisom
    const urls = await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: Array.from({ length: t.partCount }, (_, i) => i + 1) });
    // Each part's URL takes exactly that part's length: more (or less) is refused by storage.
    expect((await put(urls[urls.length - 1].url, new Uint8Array(t.partSize))).status).toBe(403);
    expect((await put(urls[0].url, new Uint8Array(t.partSize + 1))).status).toBe(403);
    const parts = [];
    for (const u of urls) {
      const chunk = body.subarray((u.partNumber - 1) * t.partSize, Math.min(u.partNumber * t.partSize, size));
      const res = await put(u.url, chunk);
      expect(res.status).toBe(200);
      parts.push({ partNumber: u.partNumber, etag: res.headers.get('etag')! });
    }
    await completeUpload({ actor: teacher, fileId: t.fileId, parts });
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row.status).toBe('UPLOADED');
    expect(row.detectedType).toBe('video/mp4');
  });

  it('holds the file count when uploads to one part start at the same moment', async () => {
    const { teacher, attempt, part } = await draft();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: `p${i}.pdf`, contentType: 'application/pdf', size: 100 })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual(Array(3).fill('This part takes at most 2 files. Remove one first.'));
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, partId: part.id } })).toBe(2);
  });

  it('enforces the file count and lets the teacher cancel or remove a file', async () => {
    const { teacher, attempt, part } = await draft();
    const a = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'a.pdf', contentType: 'application/pdf', size: 100 });
    await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'b.pdf', contentType: 'application/pdf', size: 100 });
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 })).rejects.toThrow(/at most 2 files/);
    await removeFile({ actor: teacher, fileId: a.fileId });
    await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'c.pdf', contentType: 'application/pdf', size: 100 });
  });

  it('gives short-lived signed URLs only to people allowed to see the evidence', async () => {
    const { teacher, attempt, part, admin } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'a.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error();
    await put(t.url, SAMPLE_PDF, t.contentType);
    await completeUpload({ actor: teacher, fileId: t.fileId });

    const own = await getEvidenceUrl({ actor: teacher, fileId: t.fileId, inline: true });
    expect(own).toMatch(/X-Amz-Expires=300/);
    const fetched = await fetch(own);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(SAMPLE_PDF);

    // The issuing organisation's admins see it only once submitted: a draft is the teacher's alone.
    await expect(getEvidenceUrl({ actor: admin, fileId: t.fileId, inline: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.attempt.update({ where: { id: attempt.id }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
    expect(await getEvidenceUrl({ actor: admin, fileId: t.fileId, inline: false })).toContain('attachment');
    const otherTeacher = await createActor();
    await expect(getEvidenceUrl({ actor: otherTeacher, fileId: t.fileId, inline: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const otherIssuer = await createPublishedCredential();
    await expect(getEvidenceUrl({ actor: otherIssuer.admin, fileId: t.fileId, inline: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Another teacher cannot touch the upload either.
    await expect(completeUpload({ actor: otherTeacher, fileId: t.fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(removeFile({ actor: otherTeacher, fileId: t.fileId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

const SAMPLE_MP4 = Uint8Array.from([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypisom'), 0, 0, 2, 0, ...new TextEncoder().encode('isomiso2'), ...new Uint8Array(64)]);
const SAMPLE_VTT = new TextEncoder().encode('\uFEFFWEBVTT\n\n00:00.000 --> 00:04.000\nGood morning, everyone. Let’s start with the exit tickets.\n');

describe('captions for video evidence', () => {
  async function upload(actor: Parameters<typeof requestUpload>[0]['actor'], attemptId: string, partId: string, fileName: string, contentType: string, body: Uint8Array) {
    const t = await requestUpload({ actor, attemptId, partId, fileName, contentType, size: body.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    expect((await put(t.url, body, t.contentType)).status).toBe(200);
    await completeUpload({ actor, fileId: t.fileId });
    return t.fileId;
  }

  it('a part that takes video takes one WebVTT captions file per video, outside its file count, readable by whoever may see the video', async () => {
    const { teacher, attempt, part, admin, version } = await draft();
    // Captions need a video to belong to.
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'lesson.vtt', contentType: 'text/vtt', size: SAMPLE_VTT.byteLength })).rejects.toThrow(/Add the video first/);
    await upload(teacher, attempt.id, part.id, 'lesson.mp4', 'video/mp4', SAMPLE_MP4);
    await upload(teacher, attempt.id, part.id, 'plan.pdf', 'application/pdf', SAMPLE_PDF);
    // The part's two files are used up, yet the video's captions still go in (the browser may send no type).
    const captions = await upload(teacher, attempt.id, part.id, 'lesson.vtt', '', SAMPLE_VTT);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: captions } });
    expect(row).toMatchObject({ status: 'UPLOADED', declaredType: 'text/vtt', detectedType: 'text/vtt' });
    // One per video.
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'again.vtt', contentType: 'text/vtt', size: SAMPLE_VTT.byteLength })).rejects.toThrow(/one captions file/);
    // And small.
    await removeFile({ actor: teacher, fileId: captions });
    await expect(requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'big.vtt', contentType: 'text/vtt', size: 2 * 1024 * 1024 })).rejects.toThrow(/captions files up to 1\.0 MB/);
    const again = await upload(teacher, attempt.id, part.id, 'lesson.vtt', 'text/vtt', SAMPLE_VTT);

    // Served as text to the owner (the byte-order mark dropped), and to nobody else while a draft.
    expect(await getCaptionsText({ actor: teacher, fileId: again })).toMatch(/^WEBVTT\n\n00:00\.000 --> 00:04\.000\nGood morning/);
    await expect(getCaptionsText({ actor: admin, fileId: again })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getCaptionsText({ actor: await createActor(), fileId: again })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Two files and a captions file in a part of two files: it can be sent.
    const reflection = (await db.submissionPart.findFirstOrThrow({ where: { versionId: version.id, title: 'Reflection' } })).id;
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: reflection, text: 'They used the feedback.', links: [], revision: 0 });
    await submitAttempt({ actor: teacher, attemptId: attempt.id });
    expect((await db.attempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe('SUBMITTED');
    expect(await getCaptionsText({ actor: admin, fileId: again })).toContain('exit tickets');
    // Only captions files are read out this way.
    const pdf = await db.evidenceFile.findFirstOrThrow({ where: { fileName: 'plan.pdf' } });
    await expect(getCaptionsText({ actor: teacher, fileId: pdf.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses captions in a part without video, and a .vtt that is not captions inside', async () => {
    const { teacher, attempt, part } = await draft();
    await upload(teacher, attempt.id, part.id, 'lesson.mp4', 'video/mp4', SAMPLE_MP4);
    await expect(upload(teacher, attempt.id, part.id, 'lesson.vtt', 'text/vtt', new TextEncoder().encode('just some notes\n'))).rejects.toThrow(/does not look like a captions file/);
    const pdfOnly = await createPublishedCredential({
      def: { parts: [{ title: 'Plan', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf'], maxFileBytes: 1024 * 1024, maxFiles: 2 }], rubric: { levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'], criteria: [{ title: 'Plan', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 } } },
    });
    const sub = await startApplication({ actor: teacher, microCredentialId: pdfOnly.mc.id });
    const other = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
    await expect(requestUpload({ actor: teacher, attemptId: other.id, partId: pdfOnly.version.parts[0].id, fileName: 'lesson.vtt', contentType: 'text/vtt', size: SAMPLE_VTT.byteLength })).rejects.toThrow(/not an accepted type/);
  });
});

describe('server-side copies', () => {
  it('copies a big object part by part, byte for byte', async () => {
    // 12 MB in 5 MiB parts (S3's smallest part) takes the multipart path evidence video takes past 512 MiB.
    const bytes = new Uint8Array(12 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;
    await putObject('uploads/copy-test', bytes, 'video/mp4');
    await copyObject('uploads/copy-test', 'evidence/copy-test', bytes.byteLength, 'video/mp4', 5 * 1024 * 1024);
    expect(Buffer.from(await getObjectBytes('evidence/copy-test')).equals(Buffer.from(bytes))).toBe(true);
    expect(await headObject('evidence/copy-test')).toMatchObject({ size: bytes.byteLength, contentType: 'video/mp4' });
  });
});

describe('stale uploads', () => {
  it('gives up uploads never finished after a day: marked with a plain reason, parts aborted, objects deleted', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'Lesson plan.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    await put(t.url, SAMPLE_PDF, t.contentType);
    const fresh = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'Second.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    const tomorrow = new Date(row.createdAt.getTime() + 25 * 3_600_000);
    await db.evidenceFile.update({ where: { id: fresh.fileId }, data: { createdAt: new Date(tomorrow.getTime() - 3_600_000) } });
    expect(await sweepStaleUploads(tomorrow)).toBe(1);
    const swept = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(swept).toMatchObject({ status: 'REJECTED', rejectedReason: expect.stringMatching(/did not finish/) });
    expect(await headObject(row.storageKey)).toBeNull();
    // Within the day: left alone. Finishing a swept upload says why it failed and what to do (its
    // stored reason), not that the file was "rejected", which would blame its content.
    expect((await db.evidenceFile.findUniqueOrThrow({ where: { id: fresh.fileId } })).status).toBe('PENDING');
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow('This upload did not finish. Remove it and upload the file again.');
    await expect(presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [1] })).rejects.toThrow('This upload did not finish. Remove it and upload the file again.');
  });
});

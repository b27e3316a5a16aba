// Finishing an upload is asked for twice whenever the browser loses the server's answer (it asks
// again: file-uploader.tsx). Both calls must say the file is in, and the file must really be in:
// a second call told "some parts did not arrive" leads the teacher to Retry, which removes the
// file the first call accepted. Against the real S3-compatible server and Postgres.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, presignUploadParts, requestUpload } from '@/lib/evidence/uploads';
import { completeMultipart, getObjectBytes, headObject } from '@/lib/storage/s3';

beforeEach(resetDatabase);

async function draft() {
  const { mc, version } = await createPublishedCredential({
    def: {
      parts: [{ title: 'Classroom video', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf', 'video'], maxFileBytes: 1024 ** 3, maxFiles: 2 }],
      rubric: {
        levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
        criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }],
        passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 },
      },
    },
  });
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  return { teacher, attempt, part: version.parts[0] };
}

const put = (url: string, body: Uint8Array, contentType?: string) => fetch(url, { method: 'PUT', body: Buffer.from(body), headers: contentType ? { 'content-type': contentType } : {} });

/** A 17 MB "video" sent in its two parts (16 MiB and the rest), not yet completed. */
async function sentMultipart(ctx: Awaited<ReturnType<typeof draft>>) {
  const size = 17 * 1024 * 1024;
  const body = new Uint8Array(size);
  body.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]); // ....ftypisom
  body[size - 1] = 7;
  const t = await requestUpload({ actor: ctx.teacher, attemptId: ctx.attempt.id, partId: ctx.part.id, fileName: 'lesson.mp4', contentType: 'video/mp4', size });
  if (t.mode !== 'multipart') throw new Error('expected a multipart upload');
  const urls = await presignUploadParts({ actor: ctx.teacher, fileId: t.fileId, partNumbers: Array.from({ length: t.partCount }, (_, i) => i + 1) });
  const parts = [];
  for (const u of urls) {
    const res = await put(u.url, body.subarray((u.partNumber - 1) * t.partSize, Math.min(u.partNumber * t.partSize, size)));
    expect(res.status).toBe(200);
    parts.push({ partNumber: u.partNumber, etag: res.headers.get('etag')! });
  }
  return { fileId: t.fileId, parts, body };
}

describe('finishing an upload asked for twice', () => {
  it('a multipart upload the first call already completed in storage is accepted by the second, not called incomplete', async () => {
    const ctx = await draft();
    const { fileId, parts, body } = await sentMultipart(ctx);
    const before = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    // The first call got as far as completing the upload in storage, then its answer was lost.
    await completeMultipart(before.storageKey, before.multipartUploadId!, parts);

    await expect(completeUpload({ actor: ctx.teacher, fileId, parts })).resolves.toEqual({ status: 'UPLOADED' });
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row).toMatchObject({ status: 'UPLOADED', multipartUploadId: null, detectedType: 'video/mp4' });
    expect(row.storageKey).not.toBe(before.storageKey);
    expect(Buffer.from(await getObjectBytes(row.storageKey)).equals(Buffer.from(body))).toBe(true);
    // The upload object was copied to the file's own key and went.
    expect(await headObject(before.storageKey)).toBeNull();
    // A third ask, later, gets the same answer.
    await expect(completeUpload({ actor: ctx.teacher, fileId, parts })).resolves.toEqual({ status: 'UPLOADED' });
  });

  it('two calls at the same moment both say the file is in, and it reads back whole', async () => {
    const ctx = await draft();
    for (let round = 0; round < 3; round++) {
      const t = await requestUpload({ actor: ctx.teacher, attemptId: ctx.attempt.id, partId: ctx.part.id, fileName: `plan-${round}.pdf`, contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
      if (t.mode !== 'single') throw new Error('expected a single upload');
      expect((await put(t.url, SAMPLE_PDF, t.contentType)).status).toBe(200);
      const answers = await Promise.allSettled([completeUpload({ actor: ctx.teacher, fileId: t.fileId }), completeUpload({ actor: ctx.teacher, fileId: t.fileId })]);
      expect(answers).toEqual([{ status: 'fulfilled', value: { status: 'UPLOADED' } }, { status: 'fulfilled', value: { status: 'UPLOADED' } }]);
      const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
      expect(row.status).toBe('UPLOADED');
      expect(Buffer.from(await getObjectBytes(row.storageKey)).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
      // Room for the next round: the part takes two files.
      await db.evidenceFile.delete({ where: { id: t.fileId } });
    }
  });

  it('two calls at the same moment on a multipart upload both say the file is in', async () => {
    const ctx = await draft();
    const { fileId, parts, body } = await sentMultipart(ctx);
    const answers = await Promise.allSettled([completeUpload({ actor: ctx.teacher, fileId, parts }), completeUpload({ actor: ctx.teacher, fileId, parts })]);
    expect(answers).toEqual([{ status: 'fulfilled', value: { status: 'UPLOADED' } }, { status: 'fulfilled', value: { status: 'UPLOADED' } }]);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(Buffer.from(await getObjectBytes(row.storageKey)).equals(Buffer.from(body))).toBe(true);
  });
});

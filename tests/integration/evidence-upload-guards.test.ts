import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, presignUploadParts, requestUpload, SENT_WHILE_UPLOADING } from '@/lib/evidence/uploads';
import { headObject, s3 } from '@/lib/storage/s3';
import { UploadPartCommand } from '@aws-sdk/client-s3';
import { env } from '@/lib/env';
import type { FileKind } from '@/lib/evidence/file-types';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

async function draft(allowedTypes: FileKind[] = ['pdf', 'video'], maxFileBytes = 3 * 1024 ** 3) {
  const { version } = await createPublishedCredential({
    def: {
      parts: [
        { title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes, maxFileBytes, maxFiles: 3 },
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
  const mc = await db.microCredential.findFirstOrThrow({ where: { currentVersionId: version.id }, select: { id: true } });
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  return { teacher, attempt, part: version.parts[0] };
}

async function put(url: string, body: Uint8Array, contentType?: string) {
  return fetch(url, { method: 'PUT', body: Buffer.from(body), headers: contentType ? { 'content-type': contentType } : {} });
}

/** What submitAttempt leaves behind when it commits between requestUpload's check and its insert. */
async function submitMeanwhile(attemptId: string) {
  await db.attempt.update({ where: { id: attemptId }, data: { status: 'SUBMITTED', submittedAt: new Date() } });
}

const MP4_HEAD = [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]; // ....ftypisom
const VIDEO_SIZE = 70 * 1024 * 1024;

async function startVideo(teacher: Actor, attemptId: string, partId: string, size = VIDEO_SIZE) {
  const t = await requestUpload({ actor: teacher, attemptId, partId, fileName: 'lesson.mp4', contentType: 'video/mp4', size });
  if (t.mode !== 'multipart') throw new Error('expected a multipart upload');
  return t;
}

/** Sends parts of a video (MP4 bytes) and returns their etags; `sizes` overrides a part's length. */
async function sendParts(teacher: Actor, t: { fileId: string; partSize: number }, numbers: number[], size = VIDEO_SIZE, sizes: Record<number, number> = {}) {
  const urls = await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: numbers });
  const parts: { partNumber: number; etag: string }[] = [];
  for (const u of urls) {
    const start = (u.partNumber - 1) * t.partSize;
    const chunk = new Uint8Array(sizes[u.partNumber] ?? Math.min(t.partSize, size - start));
    if (u.partNumber === 1) chunk.set(MP4_HEAD);
    const res = await put(u.url, chunk);
    expect(res.status).toBe(200);
    parts.push({ partNumber: u.partNumber, etag: res.headers.get('etag')! });
  }
  return parts;
}

describe('a file finishing after the application was sent', () => {
  it('is not added to the submitted attempt: clear message, row rejected, object deleted', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'late.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    expect((await put(t.url, SAMPLE_PDF, t.contentType)).status).toBe(200);
    const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    await submitMeanwhile(attempt.id);

    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toMatchObject({ code: 'INVALID_STATE', message: SENT_WHILE_UPLOADING });
    expect(SENT_WHILE_UPLOADING).toBe('This application was sent while the file was uploading; the file was not added.');
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row).toMatchObject({ status: 'REJECTED', rejectedReason: SENT_WHILE_UPLOADING, storageKey });
    expect(await headObject(storageKey)).toBeNull();
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'UPLOADED' } })).toBe(0);
    // A retry after a dropped response gets the same answer, not a second try.
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow(SENT_WHILE_UPLOADING);
  });

  it('a multipart upload gets no more part URLs and cannot be completed', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await startVideo(teacher, attempt.id, part.id);
    const parts = await sendParts(teacher, t, [1, 2, 3, 4, 5]);
    await submitMeanwhile(attempt.id);

    await expect(presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [1] })).rejects.toMatchObject({ code: 'INVALID_STATE', message: SENT_WHILE_UPLOADING });
    await expect(completeUpload({ actor: teacher, fileId: t.fileId, parts })).rejects.toThrow(SENT_WHILE_UPLOADING);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row).toMatchObject({ status: 'REJECTED', multipartUploadId: null });
    expect(await headObject(row.storageKey)).toBeNull();
  });
});

describe('multipart uploads are bounded by the announced size', () => {
  it('signs only the part numbers the announced size needs', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await startVideo(teacher, attempt.id, part.id);
    expect(t.partCount).toBe(5);
    await expect(presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [6] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [4, 5, 10_000] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [5, 1] })).map((u) => u.partNumber)).toEqual([5, 1]);
  });

  it('refuses an over-sized part at once, and (should storage let one through) the object at completion', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await startVideo(teacher, attempt.id, part.id);
    // The last part is 6 MiB; its URL is signed for exactly that, so a full 16 MiB one is refused.
    const [last] = await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [5] });
    expect((await put(last.url, new Uint8Array(t.partSize))).status).toBe(403);
    // A storage that did not hold the signed length: the 16 MiB part sent with storage's own
    // credentials makes the object 80 MiB instead of 70, which completion refuses.
    const parts = await sendParts(teacher, t, [1, 2, 3, 4]);
    const pending = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    const sent = await s3().send(new UploadPartCommand({ Bucket: env().S3_BUCKET, Key: pending.storageKey, UploadId: pending.multipartUploadId!, PartNumber: 5, Body: Buffer.alloc(t.partSize) }));
    parts.push({ partNumber: 5, etag: sent.ETag! });
    await expect(completeUpload({ actor: teacher, fileId: t.fileId, parts })).rejects.toThrow(/80 MB but 70 MB was announced/);
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row.status).toBe('REJECTED');
    expect(await headObject(row.storageKey)).toBeNull();
  });

  it('keeps an upload open when parts are missing, so the browser can send the rest and finish', async () => {
    const { teacher, attempt, part } = await draft();
    const t = await startVideo(teacher, attempt.id, part.id);
    const first = await sendParts(teacher, t, [1, 2, 3, 4]);
    await expect(completeUpload({ actor: teacher, fileId: t.fileId, parts: first })).rejects.toThrow(/some parts are missing/);
    expect((await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } })).status).toBe('PENDING');
    // Resumed: only the missing part is signed and sent.
    const rest = await sendParts(teacher, t, [5]);
    await completeUpload({ actor: teacher, fileId: t.fileId, parts: [...first, ...rest] });
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } });
    expect(row).toMatchObject({ status: 'UPLOADED', detectedType: 'video/mp4', sizeBytes: BigInt(VIDEO_SIZE) });
  });
});

describe('audio in a video container', () => {
  const webm = () => {
    const b = new Uint8Array(2048);
    b.set([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01]); // EBML header
    b.set([...'webm'].map((c) => c.charCodeAt(0)), 24);
    return b;
  };
  const m4a = () => {
    const b = new Uint8Array(2048);
    b.set([0, 0, 0, 0x1c, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]); // ....ftypmp42
    return b;
  };

  it.each([
    { fileName: 'interview.webm', contentType: 'audio/webm;codecs=opus', bytes: webm(), recorded: 'audio/webm' },
    { fileName: 'interview.m4a', contentType: 'audio/x-m4a', bytes: m4a(), recorded: 'audio/mp4' },
    { fileName: 'interview.m4a', contentType: '', bytes: m4a(), recorded: 'audio/mp4' },
  ])('accepts $fileName declared as "$contentType" as audio', async ({ fileName, contentType, bytes, recorded }) => {
    const { teacher, attempt, part } = await draft(['audio'], 10 * 1024 * 1024);
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName, contentType, size: bytes.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    expect((await put(t.url, bytes, t.contentType)).status).toBe(200);
    await completeUpload({ actor: teacher, fileId: t.fileId });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } })).toMatchObject({ status: 'UPLOADED', detectedType: recorded });
  });

  it('still refuses something else declared as audio, saying so in plain English', async () => {
    const { teacher, attempt, part } = await draft(['audio'], 10 * 1024 * 1024);
    const t = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'interview.m4a', contentType: 'audio/mp4', size: SAMPLE_PDF.byteLength });
    if (t.mode !== 'single') throw new Error('expected a single upload');
    await put(t.url, SAMPLE_PDF, t.contentType);
    await expect(completeUpload({ actor: teacher, fileId: t.fileId })).rejects.toThrow('“interview.m4a” does not look like an audio file inside.');
  });
});

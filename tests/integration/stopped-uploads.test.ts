// An upload whose page was closed (or whose connection dropped) must not keep the teacher from
// choosing the file again; if it finishes after all, it must not take its part past the limit.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { completeUpload, presignUploadParts, removeFile, requestUpload } from '@/lib/evidence/uploads';
import { headObject, MULTIPART_THRESHOLD, PART_SIZE } from '@/lib/storage/s3';
import { STOPPED_UPLOAD_MINUTES } from '@/lib/evidence/file-types';
import type { Actor } from '@/lib/auth/actor';

beforeEach(resetDatabase);

async function draft(maxFiles = 1) {
  const { version } = await createPublishedCredential({
    def: {
      parts: [{ title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf', 'video'], maxFileBytes: 100 * 1024 * 1024, maxFiles }],
      rubric: {
        levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'],
        criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }],
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

/** Starts a PDF upload and sends its bytes, without completing it (as a tab closed right after). */
async function sentPdf(teacher: Actor, attemptId: string, partId: string, fileName: string) {
  const t = await requestUpload({ actor: teacher, attemptId, partId, fileName, contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
  if (t.mode !== 'single') throw new Error('expected a single upload');
  expect((await put(t.url, SAMPLE_PDF, t.contentType)).status).toBe(200);
  return t;
}

/** As if the upload had started `minutes` ago. */
async function startedAgo(fileId: string, minutes: number) {
  await db.evidenceFile.update({ where: { id: fileId }, data: { createdAt: new Date(Date.now() - minutes * 60_000) } });
}

const FULL = 'This part takes at most 1 file. Remove one first.';

describe('an upload that stopped', () => {
  it('holds its place for a while, then no longer keeps the teacher from choosing the file again', async () => {
    const { teacher, attempt, part } = await draft();
    const stopped = await sentPdf(teacher, attempt.id, part.id, 'plan.pdf');
    const again = () => requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'plan.pdf', contentType: 'application/pdf', size: SAMPLE_PDF.byteLength });
    // Still on its way, as far as the server knows: it holds the part's only place.
    await expect(again()).rejects.toThrow(FULL);
    await startedAgo(stopped.fileId, STOPPED_UPLOAD_MINUTES - 1);
    await expect(again()).rejects.toThrow(FULL);
    // Past the mark it counts as stopped: the part takes the file again.
    await startedAgo(stopped.fileId, STOPPED_UPLOAD_MINUTES + 1);
    const fresh = await again();
    expect(fresh.mode).toBe('single');
    // The new upload holds the place now, the stopped one still does not.
    await expect(again()).rejects.toThrow(FULL);
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'PENDING' } })).toBe(2);
  });

  it('at submit, a stopped upload is named as stopped (remove it and choose the file again), one still running as still running', async () => {
    const { teacher, attempt, part } = await draft();
    const stopped = await sentPdf(teacher, attempt.id, part.id, 'plan.pdf');
    const problem = async () => {
      const e = await submitAttempt({ actor: teacher, attemptId: attempt.id }).catch((x: unknown) => x);
      return JSON.stringify((e as { fieldErrors?: unknown }).fieldErrors ?? e);
    };
    expect(await problem()).not.toContain('stopped before it finished');
    await startedAgo(stopped.fileId, STOPPED_UPLOAD_MINUTES + 1);
    expect(await problem()).toContain('stopped before it finished');
  });

  it('finishing late, is refused when another file took its place (and cleaned away)', async () => {
    const { teacher, attempt, part } = await draft();
    const stopped = await sentPdf(teacher, attempt.id, part.id, 'first try.pdf');
    await startedAgo(stopped.fileId, STOPPED_UPLOAD_MINUTES + 5);
    const second = await sentPdf(teacher, attempt.id, part.id, 'second try.pdf');
    // The second is still on its way: its place is held, so the first cannot take it from it.
    const refusal = /was not added: this part already has the one file it takes/;
    await expect(completeUpload({ actor: teacher, fileId: stopped.fileId })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(refusal) });
    const row = await db.evidenceFile.findUniqueOrThrow({ where: { id: stopped.fileId } });
    expect(row).toMatchObject({ status: 'REJECTED', rejectedReason: expect.stringMatching(refusal) });
    expect(await headObject(row.storageKey)).toBeNull();
    // The one that took its place finishes as usual; a retry of the late one gets no further.
    await completeUpload({ actor: teacher, fileId: second.fileId });
    await expect(completeUpload({ actor: teacher, fileId: stopped.fileId })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.evidenceFile.findMany({ where: { attemptId: attempt.id, status: 'UPLOADED' }, select: { id: true } })).toEqual([{ id: second.fileId }]);
  });

  it('finishing late after the other file was uploaded is refused too', async () => {
    const { teacher, attempt, part } = await draft();
    const stopped = await sentPdf(teacher, attempt.id, part.id, 'first try.pdf');
    await startedAgo(stopped.fileId, STOPPED_UPLOAD_MINUTES + 5);
    const second = await sentPdf(teacher, attempt.id, part.id, 'second try.pdf');
    await completeUpload({ actor: teacher, fileId: second.fileId });
    await expect(completeUpload({ actor: teacher, fileId: stopped.fileId })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'UPLOADED' } })).toBe(1);
  });

  it('finishing late with its place still free, is accepted', async () => {
    const { teacher, attempt, part } = await draft();
    const slow = await sentPdf(teacher, attempt.id, part.id, 'slow.pdf');
    await startedAgo(slow.fileId, STOPPED_UPLOAD_MINUTES + 5);
    await completeUpload({ actor: teacher, fileId: slow.fileId });
    expect((await db.evidenceFile.findUniqueOrThrow({ where: { id: slow.fileId } })).status).toBe('UPLOADED');
  });

  it('two stopped uploads finishing at once cannot both take the last place', async () => {
    const { teacher, attempt, part } = await draft();
    const a = await sentPdf(teacher, attempt.id, part.id, 'a.pdf');
    await startedAgo(a.fileId, STOPPED_UPLOAD_MINUTES + 5);
    const b = await sentPdf(teacher, attempt.id, part.id, 'b.pdf');
    await startedAgo(b.fileId, STOPPED_UPLOAD_MINUTES + 5);
    const results = await Promise.allSettled([completeUpload({ actor: teacher, fileId: a.fileId }), completeUpload({ actor: teacher, fileId: b.fileId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'UPLOADED' } })).toBe(1);
    expect(await db.evidenceFile.count({ where: { attemptId: attempt.id, status: 'REJECTED' } })).toBe(1);
  });
});

describe('which files go up in parts', () => {
  it('sends files above 16 MiB in parts, so a dropped connection costs one part, not the file', async () => {
    const { teacher, attempt, part } = await draft(3);
    expect(MULTIPART_THRESHOLD).toBe(16 * 1024 * 1024);
    const request = (size: number) => requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'lesson.mp4', contentType: 'video/mp4', size });
    expect((await request(16 * 1024 * 1024)).mode).toBe('single');
    const t = await request(16 * 1024 * 1024 + 1);
    expect(t).toMatchObject({ mode: 'multipart', partSize: PART_SIZE, partCount: 2 });
    if (t.mode !== 'multipart') return;

    // It goes through end to end, the short last part included.
    const size = 16 * 1024 * 1024 + 1;
    const body = new Uint8Array(size);
    body.set([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]); // ....ftypisom
    const urls = await presignUploadParts({ actor: teacher, fileId: t.fileId, partNumbers: [1, 2] });
    const parts = [];
    for (const u of urls) {
      const res = await put(u.url, body.subarray((u.partNumber - 1) * t.partSize, Math.min(u.partNumber * t.partSize, size)));
      expect(res.status).toBe(200);
      parts.push({ partNumber: u.partNumber, etag: res.headers.get('etag')! });
    }
    await completeUpload({ actor: teacher, fileId: t.fileId, parts });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId } })).toMatchObject({ status: 'UPLOADED', detectedType: 'video/mp4', sizeBytes: BigInt(size) });
  });
});

describe('a file the checks refused', () => {
  it('keeps the attempt from being sent, by name, until it is removed', async () => {
    const { teacher, attempt, part } = await draft(2);
    const good = await sentPdf(teacher, attempt.id, part.id, 'plan.pdf');
    await completeUpload({ actor: teacher, fileId: good.fileId });
    // Text renamed to .pdf: refused when the upload completes, and still listed on the page.
    const fake = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: part.id, fileName: 'fake.pdf', contentType: 'application/pdf', size: 20 });
    if (fake.mode !== 'single') throw new Error('expected a single upload');
    expect((await put(fake.url, new TextEncoder().encode('just some plain text'), fake.contentType)).status).toBe(200);
    await expect(completeUpload({ actor: teacher, fileId: fake.fileId })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: fake.fileId }, select: { status: true } })).toEqual({ status: 'REJECTED' });

    await expect(submitAttempt({ actor: teacher, attemptId: attempt.id })).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { [`part.${part.id}.files`]: [expect.stringMatching(/“fake\.pdf” in “Student work” was refused and would not be sent\. Remove it/)] },
    });
    expect(await db.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { status: true } })).toEqual({ status: 'DRAFT' });

    await removeFile({ actor: teacher, fileId: fake.fileId });
    expect(await submitAttempt({ actor: teacher, attemptId: attempt.id })).toMatchObject({ alreadySubmitted: false });
  });
});

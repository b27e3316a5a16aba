// A teacher's evidence (classroom video, pupils' work) must not stay in storage once no row holds
// it: removed while storage is down, removed in one tab while another tab finishes the upload, or
// a checked copy left between the copy and its acceptance. And a file opened through its signed
// URL is never kept in a cache. Against the real S3-compatible server and Postgres.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { resetDatabase } from '../setup/db';
import { createActor, createPublishedCredential, SAMPLE_PDF } from '../factories';
import { startApplication } from '@/lib/submissions/mutations';
import { completeUpload, getEvidenceUrl, removeFile, requestUpload } from '@/lib/evidence/uploads';
import { headObject, s3 } from '@/lib/storage/s3';
import { runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers } from '@/lib/jobs/handlers';
import { recordCopies, withPauseAfter, withStorageDown, withStorageDownAfter } from '../setup/storage-down';
import { untilWaitingOnLocksOr, watch } from '../setup/row-locks';

beforeEach(resetDatabase);

async function draft() {
  const { mc, version } = await createPublishedCredential({
    def: {
      parts: [{ title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf'], maxFileBytes: 1024 * 1024, maxFiles: 2 }],
      rubric: { levels: ['Not yet', 'Developing', 'Demonstrated', 'Exemplary'], criteria: [{ title: 'Work', partIndex: 0, descriptors: ['a', 'b', 'c', 'd'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 2 } },
    },
  });
  const teacher = await createActor();
  const sub = await startApplication({ actor: teacher, microCredentialId: mc.id });
  const attempt = await db.attempt.findFirstOrThrow({ where: { submissionId: sub.id } });
  return { teacher, attempt, part: version.parts[0] };
}
type Draft = Awaited<ReturnType<typeof draft>>;

/** A file sent to its upload URL, not yet finished: its row and its upload key. */
async function sent(d: Draft, body: Uint8Array = SAMPLE_PDF) {
  const t = await requestUpload({ actor: d.teacher, attemptId: d.attempt.id, partId: d.part.id, fileName: 'pupils-work.pdf', contentType: 'application/pdf', size: body.byteLength });
  if (t.mode !== 'single') throw new Error('expected a single upload');
  expect((await fetch(t.url, { method: 'PUT', body: Buffer.from(body), headers: { 'content-type': t.contentType } })).status).toBe(200);
  const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: t.fileId }, select: { storageKey: true } });
  return { fileId: t.fileId, uploadKey: storageKey };
}

/** A file uploaded and accepted: its row and its checked copy's key. */
async function uploaded(d: Draft) {
  const { fileId } = await sent(d);
  await completeUpload({ actor: d.teacher, fileId });
  const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { storageKey: true } });
  expect(storageKey).toMatch(/^evidence\//);
  return { fileId, key: storageKey };
}

const deleteJobs = () => db.job.findMany({ where: { type: 'storage.delete-objects', completedAt: null }, select: { id: true, payload: true, runAt: true } });

/** Time passes: jobs queued to run later are due now, and the worker runs them. */
async function runAllJobsLater() {
  await db.job.updateMany({ where: { completedAt: null }, data: { runAt: new Date() } });
  await runDueJobs(jobHandlers, 50);
}

describe('removing a file', () => {
  it('while storage is down: the file goes at once, and a queued job deletes the object once storage answers', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = await draft();
    const { fileId, key } = await uploaded(d);

    await withStorageDown(() => removeFile({ actor: d.teacher, fileId }));
    expect(await db.evidenceFile.count({ where: { id: fileId } })).toBe(0);
    expect(await headObject(key)).not.toBeNull();
    expect((await deleteJobs()).map((j) => j.payload)).toEqual([{ keys: [key], uploads: [] }]);

    // Storage back: the worker deletes it.
    await runDueJobs(jobHandlers);
    expect(await headObject(key)).toBeNull();
    expect(await deleteJobs()).toEqual([]);
  });

  it('while storage answers: the object is deleted at once and no job is left behind', async () => {
    const d = await draft();
    const { fileId, key } = await uploaded(d);
    await removeFile({ actor: d.teacher, fileId });
    expect(await headObject(key)).toBeNull();
    expect(await db.job.count({ where: { type: 'storage.delete-objects' } })).toBe(0);
  });

  it('in one tab while another tab finishes the upload: the checked copy the other tab kept is deleted too', async () => {
    const d = await draft();
    const { fileId, uploadKey } = await sent(d);
    const copies = recordCopies();
    // Another request holds the file's row for a moment, so the two calls queue in a known order:
    // finishing (already past the copy, about to accept it), then removing.
    const held = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await held.connect();
    try {
      await held.query('BEGIN');
      await held.query('SELECT 1 FROM "EvidenceFile" WHERE "id" = $1 FOR SHARE', [fileId]);
      const complete = watch(completeUpload({ actor: d.teacher, fileId }));
      await untilWaitingOnLocksOr(1, () => (complete.settled ? 1 : 0), 'finishing the upload never queued');
      const remove = watch(removeFile({ actor: d.teacher, fileId }));
      await untilWaitingOnLocksOr(2, () => (complete.settled ? 1 : 0) + (remove.settled ? 1 : 0), 'removing the file never queued');
      await held.query('COMMIT');
      expect(await complete.outcome).toEqual({ ok: true, value: { status: 'UPLOADED' } });
      expect(await remove.outcome).toMatchObject({ ok: true });
    } finally {
      copies.stop();
      await held.end();
    }
    expect(copies.keys).toHaveLength(1);
    const [copy] = copies.keys;
    expect(await db.evidenceFile.count({ where: { id: fileId } })).toBe(0);
    // The accepted copy went with the row (it is what reviewers would have opened), and the upload.
    expect(await headObject(copy)).toBeNull();
    expect(await headObject(uploadKey)).toBeNull();
    expect(await db.job.count({ where: { type: 'storage.delete-objects' } })).toBe(0);
  });
});

describe('the checked copy finishing an upload makes', () => {
  it('is deleted by a queued job when storage fails between the copy and its acceptance (as when the server stops there)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = await draft();
    const { fileId } = await sent(d);
    const copies = recordCopies();
    try {
      await expect(withStorageDownAfter('CopyObjectCommand', () => completeUpload({ actor: d.teacher, fileId }))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      copies.stop();
    }
    const [copy] = copies.keys;
    expect(copy).toMatch(/^evidence\//);
    // On no row: the file is still pending, with its upload key.
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { status: true, storageKey: true } })).toMatchObject({ status: 'PENDING', storageKey: expect.stringMatching(/^uploads\//) });
    expect(await headObject(copy)).not.toBeNull();
    // Queued before the copy was made, to run once any check would long be over.
    const [job] = await deleteJobs();
    expect(job.payload).toEqual({ keys: [copy], uploads: [] });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);

    await runAllJobsLater();
    expect(await headObject(copy)).toBeNull();
    // The teacher finishes the upload again: a new copy, accepted, and nothing queued to delete it.
    await expect(completeUpload({ actor: d.teacher, fileId })).resolves.toEqual({ status: 'UPLOADED' });
    const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { storageKey: true } });
    expect(await headObject(storageKey)).not.toBeNull();
    expect(await deleteJobs()).toEqual([]);
  });

  it('of a refused file is deleted by the queued job when storage fails before it could be deleted', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const d = await draft();
    // Called a PDF, but not one inside: refused once its copy is checked.
    const { fileId, uploadKey } = await sent(d, new TextEncoder().encode('just some text, not a PDF at all'));
    const copies = recordCopies();
    try {
      // Storage goes down right after the copy's first bytes are read for the check.
      await expect(withStorageDownAfter('GetObjectCommand', () => completeUpload({ actor: d.teacher, fileId }))).rejects.toMatchObject({ code: 'VALIDATION' });
    } finally {
      copies.stop();
    }
    const [copy] = copies.keys;
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { status: true } })).toEqual({ status: 'REJECTED' });
    expect(await headObject(copy)).not.toBeNull();
    expect(await headObject(uploadKey)).not.toBeNull();

    await runAllJobsLater();
    expect(await headObject(copy)).toBeNull();
    expect(await headObject(uploadKey)).toBeNull();
    expect(await deleteJobs()).toEqual([]);
  });

  it('is never accepted once its queued deletion has run: the file stays pending and finishing again works', async () => {
    const d = await draft();
    const { fileId } = await sent(d);
    // The check took so long that the copy's queued deletion came due and ran, just before the
    // acceptance (the copy's first bytes had been read and found fine).
    const refused = withPauseAfter('GetObjectCommand', runAllJobsLater, () => completeUpload({ actor: d.teacher, fileId }));
    await expect(refused).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'Checking the file took too long. Try the upload again.' });
    // Not accepted with a key whose object the job deleted.
    expect(await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { status: true } })).toEqual({ status: 'PENDING' });

    await expect(completeUpload({ actor: d.teacher, fileId })).resolves.toEqual({ status: 'UPLOADED' });
    const { storageKey } = await db.evidenceFile.findUniqueOrThrow({ where: { id: fileId }, select: { storageKey: true } });
    expect(await headObject(storageKey)).not.toBeNull();
  });
});

describe('opening a file', () => {
  it('through its signed URL is never cached: the URL signs the response’s Cache-Control, and the stored copy carries one', async () => {
    const d = await draft();
    const { fileId, key } = await uploaded(d);
    const stored = await s3().send(new HeadObjectCommand({ Bucket: env().S3_BUCKET, Key: key }));
    expect(stored.CacheControl).toBe('private, no-store');
    for (const inline of [true, false]) {
      const url = new URL(await getEvidenceUrl({ actor: d.teacher, fileId, inline }));
      expect(url.searchParams.get('response-cache-control')).toBe('private, no-store, max-age=0');
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store, max-age=0');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(SAMPLE_PDF))).toBe(true);
    }
  });
});

// Faults: file storage going away in the middle of an upload, Postgres restarting under load, and a
// short mixed load. This file runs against its own throwaway Postgres cluster and its own S3 server
// (both started here, so they can be stopped), not the shared test database: `lib/env` caches the
// configuration on first use, so the variables are switched in beforeAll before anything reads them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOnlyDefinition } from '../factories/definitions';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { DomainError, isDomainError } from '@/lib/errors';
import { toActionError } from '@/lib/action-result';
import { createActor, createOrg, createPublishedCredential, createQualifiedReviewer, SAMPLE_PNG } from '@/tests/factories';
import { saveResponse, startApplication, submitAttempt } from '@/lib/submissions/mutations';
import { getApplication } from '@/lib/submissions/queries';
import { completeUpload, removeFile, requestUpload } from '@/lib/evidence/uploads';
import { claimReview, submitReview } from '@/lib/review/mutations';
import { listReviewQueue } from '@/lib/review/queries';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { notify } from '@/lib/notifications/notify';
import { deployMigrations } from '../../scripts/db/migrate-engine';
import { MIGRATIONS_DIR } from '../../scripts/embedded/migrations';
import { startEmbeddedS3, type EmbeddedS3 } from '../../scripts/embedded/s3';
import { getEphemeralPort } from '../../scripts/embedded/ports';
import { startThrowawayPostgres, throwawayPostgresAvailable, type ThrowawayPostgres } from '@/tests/setup/fault-pg';

const available = throwawayPostgresAvailable();
let pg: ThrowawayPostgres;
let s3: EmbeddedS3 | undefined;
let s3Port: number;
let s3Dir: string;

async function startS3() {
  s3 = await startEmbeddedS3({ dataDir: s3Dir, port: s3Port });
}
async function stopS3() {
  await s3?.stop();
  s3 = undefined;
}

beforeAll(async () => {
  if (!available) return;
  pg = await startThrowawayPostgres();
  await deployMigrations({ databaseUrl: pg.url, migrationsDir: MIGRATIONS_DIR, urlLabel: 'fault DATABASE_URL' });
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-fault-s3-'));
  s3Port = await getEphemeralPort();
  await startS3();
  // Before anything calls env(): this file's domain code talks to the cluster and S3 started here.
  Object.assign(process.env, { DATABASE_URL: pg.url, DATABASE_POOL_MAX: '5', ...s3!.env });
}, 90_000);

afterAll(async () => {
  if (!available) return;
  await db.$disconnect().catch(() => undefined);
  await stopS3();
  await pg?.destroy();
  if (s3Dir) fs.rmSync(s3Dir, { recursive: true, force: true });
}, 60_000);

const textOnly = textOnlyDefinition({ context: 500, reflection: 500 });

async function draftFor(teacher: Actor, microCredentialId: string) {
  const { id } = await startApplication({ actor: teacher, microCredentialId });
  return db.attempt.findFirstOrThrow({ where: { submissionId: id, status: 'DRAFT' }, select: { id: true } });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`HANG: ${what} did not settle within ${ms} ms`)), ms))]);
}

const LEAKY = /ECONNREFUSED|socket|ETIMEDOUT|\$metadata|Error:|at .*\(|127\.0\.0\.1|getaddrinfo/;

describe.skipIf(!available)('file storage unavailable during an upload', () => {
  it('the teacher gets a clear message, keeps the draft, can remove the pending file, and retry works once storage is back', async () => {
    const { mc, version } = await createPublishedCredential({
      def: {
        parts: [
          { title: 'Context', prompt: 'Describe your class.', responseType: 'TEXT' },
          { title: 'Student work', prompt: 'Upload it.', responseType: 'FILES', allowedTypes: ['pdf', 'image', 'video'], maxFileBytes: 1024 ** 3, maxFiles: 3 },
        ],
        rubric: { levels: ['No', 'Yes'], criteria: [{ title: 'Work', partIndex: 1, descriptors: ['a', 'b'] }], passingRule: { kind: 'ALL_AT_LEAST', levelRank: 1 } },
      },
    });
    const teacher = await createActor();
    const attempt = await draftFor(teacher, mc.id);
    const [textPart, filePart] = version.parts;
    await saveResponse({ actor: teacher, attemptId: attempt.id, partId: textPart.id, text: 'My answer, typed before the outage.', links: [], revision: 0 });

    // A single upload ticket is issued while storage is up; the bytes arrive; then storage goes away.
    const ticket = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: filePart.id, fileName: 'work.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength });
    if (ticket.mode !== 'single') throw new Error('expected a single upload');
    expect((await fetch(ticket.url, { method: 'PUT', body: Buffer.from(SAMPLE_PNG), headers: { 'content-type': ticket.contentType } })).status).toBe(200);
    await stopS3();

    const outage: unknown[] = [];
    const started = Date.now();
    // Confirming the upload, and starting a big (multipart) upload, both need storage.
    outage.push(await withTimeout(completeUpload({ actor: teacher, fileId: ticket.fileId }).then(() => null, (e: unknown) => e), 20_000, 'completeUpload'));
    outage.push(await withTimeout(requestUpload({ actor: teacher, attemptId: attempt.id, partId: filePart.id, fileName: 'lesson.mp4', contentType: 'video/mp4', size: 200 * 1024 * 1024 }).then(() => null, (e: unknown) => e), 20_000, 'requestUpload'));
    expect(Date.now() - started, 'storage errors must come back quickly').toBeLessThan(20_000);
    for (const e of outage) {
      expect(e, 'the call should fail while storage is down').not.toBeNull();
      expect(isDomainError(e), `raw storage error reached the teacher: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`).toBe(true);
      // UNAVAILABLE, not a refusal: the uploader offers Retry for it (canRetryUpload).
      expect((e as DomainError).code).toBe('UNAVAILABLE');
      const result = toActionError(e);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.formError).toMatch(/storage is not reachable/i);
        expect(result.formError).toMatch(/answers are saved/i);
        expect(result.formError).not.toMatch(LEAKY);
      }
    }

    // The draft text is intact; no multipart row was half-created; the pending file is still pending.
    const text = await db.partResponse.findUniqueOrThrow({ where: { attemptId_partId: { attemptId: attempt.id, partId: textPart.id } } });
    expect(text.text).toBe('My answer, typed before the outage.');
    const files = await db.evidenceFile.findMany({ where: { attemptId: attempt.id }, select: { id: true, status: true } });
    expect(files).toEqual([{ id: ticket.fileId, status: 'PENDING' }]);

    // A second pending upload can be cancelled even while storage is down.
    const other = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: filePart.id, fileName: 'other.png', contentType: 'image/png', size: SAMPLE_PNG.byteLength });
    await withTimeout(removeFile({ actor: teacher, fileId: other.fileId }), 20_000, 'removeFile');
    expect(await db.evidenceFile.count({ where: { id: other.fileId } })).toBe(0);

    // Storage is back: retrying the same upload completes it, and a big upload can start.
    await startS3();
    await completeUpload({ actor: teacher, fileId: ticket.fileId });
    expect((await db.evidenceFile.findUniqueOrThrow({ where: { id: ticket.fileId } })).status).toBe('UPLOADED');
    const big = await requestUpload({ actor: teacher, attemptId: attempt.id, partId: filePart.id, fileName: 'lesson.mp4', contentType: 'video/mp4', size: 200 * 1024 * 1024 });
    expect(big.mode).toBe('multipart');
    await removeFile({ actor: teacher, fileId: big.fileId });
  }, 60_000);
});

describe.skipIf(!available)('Postgres restarted under load', () => {
  it('fails cleanly while down, recovers by itself, and loses no acknowledged write', async () => {
    const { mc, version } = await createPublishedCredential({ def: textOnly });
    const teacher = await createActor();
    const attempt = await draftFor(teacher, mc.id);
    const part = version.parts[0].id;

    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);

    let revision = 0;
    let lastAck: { revision: number; text: string } | null = null;
    const acknowledgedNotes: string[] = [];
    const failures: { at: number; message: string }[] = [];
    let hangs = 0;
    let phase: 'up' | 'down' | 'restarted' = 'up';
    let okAfterRestart = 0;
    let firstOkAfterRestartMs: number | null = null;
    let restartedAt = 0;

    // Runs until `until`, and past it (by at most 20 s) until the app has recovered from the
    // restart: a slow stop or start must not leave too little time after it.
    const recovered = () => phase === 'restarted' && okAfterRestart > 5;
    const loop = async (until: number) => {
      for (let i = 0; Date.now() < until || (!recovered() && Date.now() < until + 20_000); i++) {
        const text = `autosave ${i} at ${Date.now()}`;
        try {
          const r = await withTimeout(saveResponse({ actor: teacher, attemptId: attempt.id, partId: part, text, links: [], revision }), 8_000, 'saveResponse');
          revision = r.revision;
          lastAck = { revision: r.revision, text };
          const note = `note-${i}`;
          await withTimeout(notify({ userId: teacher.id, kind: 'fault.test', title: note }), 8_000, 'notify');
          acknowledgedNotes.push(note);
          if (phase === 'restarted') {
            okAfterRestart++;
            firstOkAfterRestartMs ??= Date.now() - restartedAt;
          }
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (message.startsWith('HANG')) hangs++;
          failures.push({ at: Date.now(), message: message.split('\n').slice(-1)[0].slice(0, 160) });
          // Like the browser after a failed save: learn the stored revision once the database answers.
          if (isDomainError(e) && e.code === 'CONFLICT') {
            const row = await db.partResponse.findUnique({ where: { attemptId_partId: { attemptId: attempt.id, partId: part } }, select: { revision: true } }).catch(() => null);
            if (row) revision = row.revision;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    const end = Date.now() + 14_000;
    const running = loop(end);
    await new Promise((r) => setTimeout(r, 2_500));
    phase = 'down';
    await pg.stop();
    const downAt = Date.now();
    await new Promise((r) => setTimeout(r, 3_000));
    await pg.start();
    restartedAt = Date.now();
    phase = 'restarted';
    await running;
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);

    const failuresWhileDown = failures.filter((f) => f.at >= downAt && f.at < restartedAt + 1_000);
    console.log(`[faults] postgres restart: ${acknowledgedNotes.length} acknowledged rounds, ${failures.length} failed calls (${failuresWhileDown.length} while down), first success ${firstOkAfterRestartMs} ms after restart`);
    expect(hangs, 'a call hung instead of failing').toBe(0);
    expect(unhandled.map(String), 'an error escaped as an unhandled rejection/exception').toEqual([]);
    expect(failuresWhileDown.length, 'calls while the database was down should fail').toBeGreaterThan(0);
    expect(okAfterRestart, 'the app did not recover after the restart').toBeGreaterThan(5);
    expect(firstOkAfterRestartMs!).toBeLessThan(6_000);

    // Every acknowledged write is there.
    const row = await db.partResponse.findUniqueOrThrow({ where: { attemptId_partId: { attemptId: attempt.id, partId: part } }, select: { revision: true, text: true } });
    const ack = lastAck as { revision: number; text: string } | null;
    expect(ack).not.toBeNull();
    expect(row.revision).toBeGreaterThanOrEqual(ack!.revision);
    if (row.revision === ack!.revision) expect(row.text).toBe(ack!.text);
    const stored = new Set((await db.notification.findMany({ where: { userId: teacher.id, kind: 'fault.test' }, select: { title: true } })).map((n) => n.title));
    expect(acknowledgedNotes.filter((n) => !stored.has(n)), 'acknowledged writes missing after the restart').toEqual([]);
  }, 60_000);
});

describe.skipIf(!available)('mixed load', () => {
  it('browsing, autosave, submissions and scoring together for a few seconds: no errors, no lost writes', async () => {
    const issuer = await createOrg({ kind: 'ISSUER', data: { doubleScoreRate: 0 } });
    const { mc, version, admin } = await createPublishedCredential({ issuerId: issuer.id, def: textOnly });
    const reviewers = await Promise.all([0, 1].map(() => createQualifiedReviewer({ issuerId: issuer.id, microCredentialIds: mc.id, grantedById: admin.id })));
    const teachers = await Promise.all(Array.from({ length: 6 }, () => createActor()));
    const drafts = new Map<string, string>();
    for (const t of teachers) drafts.set(t.id, (await draftFor(t, mc.id)).id);

    const errors: string[] = [];
    const lastAck = new Map<string, { partId: string; text: string; revision: number }[]>();
    const submitted = new Set<string>();
    const decided = new Set<string>();
    // Browsing and autosaving run for a fixed time; the submitting teachers always reach their
    // submit, and reviewers go on until every submission is decided (so a slow machine makes the
    // test slower, not wrong), within a hard limit.
    const until = Date.now() + 6_000;
    const hardStop = Date.now() + 40_000;
    const record = (where: string) => (e: unknown) => {
      // Two reviewers racing for one attempt is expected to end in CONFLICT for the loser.
      if (isDomainError(e) && e.code === 'CONFLICT' && where === 'claim') return;
      errors.push(`${where}: ${e instanceof DomainError ? `${e.code} ${e.message}` : e instanceof Error ? e.message.split('\n').slice(-1)[0] : String(e)}`);
    };

    const teacherLoop = async (t: Actor) => {
      const attemptId = drafts.get(t.id)!;
      const revisions = new Map(version.parts.map((p) => [p.id, 0]));
      // Half of the teachers submit after a few rounds; the rest keep autosaving.
      const submits = teachers.indexOf(t) % 2 === 0;
      for (let i = 0; submits ? Date.now() < hardStop : Date.now() < until; i++) {
        for (const p of version.parts) {
          const text = `${t.id} part ${p.id} round ${i}: students revised their drafts after feedback.`;
          await saveResponse({ actor: t, attemptId, partId: p.id, text, links: [], revision: revisions.get(p.id)! })
            .then((r) => {
              revisions.set(p.id, r.revision);
              lastAck.set(t.id, [...(lastAck.get(t.id) ?? []).filter((x) => x.partId !== p.id), { partId: p.id, text, revision: r.revision }]);
            })
            .catch(record('autosave'));
        }
        await getApplication(t, mc.slug).catch(record('getApplication'));
        if (i === 5 && submits) {
          await submitAttempt({ actor: t, attemptId }).then(() => submitted.add(attemptId)).catch(record('submit'));
          return;
        }
      }
    };
    const browseLoop = async () => {
      while (Date.now() < until) {
        await searchCatalog(CatalogSearchInput.parse({ q: 'feedback' })).catch(record('search'));
        await searchCatalog(CatalogSearchInput.parse({})).catch(record('browse'));
      }
    };
    const reviewLoop = async (r: Actor) => {
      while (Date.now() < until || (decided.size < 3 && Date.now() < hardStop)) {
        const queue = await listReviewQueue({ actor: r }).catch((e) => (record('queue')(e), null));
        const item = queue?.items[0];
        if (!item) {
          await new Promise((res) => setTimeout(res, 50));
          continue;
        }
        const claim = await claimReview({ actor: r, attemptId: item.attemptId }).catch((e) => (record('claim')(e), null));
        if (!claim) continue;
        const a = await db.attempt.findUniqueOrThrow({ where: { id: item.attemptId }, select: { version: true } });
        await submitReview({
          actor: r, reviewId: claim.reviewId, version: 0, attemptVersion: a.version, overallComment: 'Thanks.',
          scores: version.criteria.map((c) => ({ criterionId: c.id, levelId: version.levels[3].id, feedback: 'Good.' })),
        })
          .then(() => decided.add(item.attemptId))
          .catch(record('score'));
      }
    };

    await Promise.all([...teachers.map(teacherLoop), browseLoop(), browseLoop(), ...reviewers.map(reviewLoop)]);

    expect(errors, 'errors under mixed load').toEqual([]);
    // No lost writes: each part holds the last acknowledged autosave.
    for (const [userId, acks] of lastAck) {
      const attemptId = drafts.get(userId)!;
      for (const ack of acks) {
        const row = await db.partResponse.findUniqueOrThrow({ where: { attemptId_partId: { attemptId, partId: ack.partId } }, select: { text: true, revision: true } });
        expect(row).toEqual({ text: ack.text, revision: ack.revision });
      }
    }
    expect(submitted.size).toBe(3);
    // Every submission was scored exactly once and earned an award.
    for (const attemptId of decided) {
      expect(await db.review.count({ where: { attemptId, status: 'SUBMITTED' } })).toBe(1);
      expect((await db.attempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe('PASSED');
    }
    expect(decided.size).toBe(3);
    expect(await db.award.count({ where: { microCredentialId: mc.id } })).toBe(decided.size);
  }, 90_000);
});

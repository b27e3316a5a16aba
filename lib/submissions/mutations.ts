import 'server-only';
import { workableBy } from '@/lib/enrollment/workable';
import { randomInt } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { currentSubmission } from '@/lib/submissions/current';
import { conflict, invalidState, isDomainError, isUniqueViolation, notFound, validation } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { countWords } from '@/lib/submissions/words';
import { findIncompleteParts, type PartAnswer, type PartSpec } from '@/lib/submissions/completeness';
import { countPartFiles, isStoppedUpload } from '@/lib/evidence/file-types';
import { needsProposal } from '@/lib/proposals/queries';
import { isEmailVerified } from '@/lib/auth/email-verification';
import { addBusinessDays } from '@/lib/review/sla';
import { passingRuleOf } from '@/lib/review/rubric';
import { carriedPartIds, decidingReviews } from '@/lib/submissions/deciding-reviews';
import { CARRIED_PART, isPartCarriedOver } from '@/lib/submissions/carried';
import { lockDraftAttempt } from '@/lib/submissions/draft-lock';
import { closedCredential, pickUpMicroCredential } from '@/lib/enrollment/mutations';
import { recordTeacherWork } from '@/lib/submissions/stalled-reminders';

/**
 * Creates the teacher's application (bound to the current version) and its first draft attempt,
 * once. On a level they had stopped, starting or continuing the application picks the level (and
 * its track) up again, as "Pick up where you left off" does (pickUpMicroCredential, audited), in
 * the same transaction: the teacher never works on a draft of a level they are not enrolled in.
 * A retired credential still lets them back to work they kept (workableBy), never to a new one.
 * `pickedUp`: an application they had kept when they stopped is theirs again.
 */
export async function startApplication(opts: { actor: Actor; microCredentialId: string }): Promise<{ id: string; pickedUp: boolean }> {
  const userId = opts.actor.id;
  const mc = await db.microCredential.findFirst({
    where: { id: opts.microCredentialId, currentVersionId: { not: null }, ...workableBy(userId) },
    select: { id: true, issuerId: true, currentVersionId: true },
  });
  if (!mc?.currentVersionId) throw await closedCredential(opts.microCredentialId);
  const [existing, enrollment] = await Promise.all([
    db.submission.findFirst({ ...currentSubmission(userId, mc.id), select: { id: true } }),
    db.enrollment.findUnique({ where: { userId_microCredentialId: { userId, microCredentialId: mc.id } }, select: { withdrawnAt: true } }),
  ]);
  if (existing) {
    // Enrolled already (a second tab, a double click): nothing to write.
    if (enrollment && !enrollment.withdrawnAt) return { id: existing.id, pickedUp: false };
    // Two tabs at once both get here: the second waits for the first's enrolment and changes nothing.
    await db.$transaction((tx) => pickUpMicroCredential(tx, { userId, mc }));
    return { id: existing.id, pickedUp: Boolean(enrollment?.withdrawnAt) };
  }
  try {
    return await db.$transaction(async (tx) => {
      await pickUpMicroCredential(tx, { userId, mc });
      // openApplication enrols too, for renewals; here it finds the teacher enrolled already.
      const created = await openApplication(tx, { userId, microCredentialId: mc.id, versionId: mc.currentVersionId!, cycle: 1 });
      return { id: created.id, pickedUp: false };
    });
  } catch (e) {
    // Two tabs starting at once: the unique (user, credential) constraint lets one win; use it.
    const again = await db.submission.findFirst({ ...currentSubmission(userId, mc.id), select: { id: true } });
    if (again) return { id: again.id, pickedUp: false };
    throw e;
  }
}

/**
 * A new application (cycle 1, or a renewal's next cycle) with its first draft attempt, bound to
 * `versionId`; the teacher is enrolled (again) so it shows on their dashboard.
 */
export async function openApplication(tx: Tx, o: { userId: string; microCredentialId: string; versionId: string; cycle: number }) {
  await enrolAgain(tx, o.userId, o.microCredentialId);
  return tx.submission.create({
    data: { userId: o.userId, microCredentialId: o.microCredentialId, versionId: o.versionId, cycle: o.cycle, attempts: { create: { number: 1 } } },
    select: { id: true },
  });
}

/**
 * Enrols the teacher, or enrols them again if they had stopped working on the credential (sending
 * or renewing from a tab left open), exactly as "Pick up where you left off" does: through
 * pickUpMicroCredential, so its track is followed again and picking a stopped level up is in the
 * audit log (once: nothing is recorded when they were enrolled already). Lock order, the same on
 * every path that both enrols and writes an application: whatever the caller holds on the attempt
 * (submitAttempt's FOR UPDATE) first, then the track enrolments and the level's enrolment (taken
 * here, in pickUpMicroCredential's and withdrawFromMicroCredential's order), then the Submission
 * row, which the callers write after this (submitAttempt, openApplication, startRevision).
 */
export async function enrolAgain(tx: Tx, userId: string, microCredentialId: string) {
  const mc = await tx.microCredential.findUniqueOrThrow({ where: { id: microCredentialId }, select: { id: true, issuerId: true } });
  return pickUpMicroCredential(tx, { userId, mc });
}

async function loadOwnDraftAttempt(actor: Actor, attemptId: string) {
  const attempt = await db.attempt.findUnique({
    where: { id: attemptId },
    select: { id: true, status: true, submission: { select: { id: true, userId: true, versionId: true, microCredentialId: true } } },
  });
  // Someone else's attempt looks exactly like a missing one.
  if (!attempt || attempt.submission.userId !== actor.id) throw notFound('That application');
  return attempt;
}

const SUBMITTED_NO_CHANGE = 'This attempt has been submitted and can no longer change.';
const CHANGED_ELSEWHERE = 'This answer changed in another window. Reload to see the latest version; copy your text first.';

/**
 * Autosave of one part. Rejects stale revisions so two tabs never silently overwrite each other.
 * The write happens under a share lock on the attempt row: a submit (which locks the row FOR
 * UPDATE) either commits first, and the save finds the attempt sent and is refused, or waits for
 * the save and checks the saved text. Sent work never changes (ADR 001). A save is work on the
 * draft (recordTeacherWork, first: it may take the row's update lock).
 */
export async function saveResponse(opts: { actor: Actor; attemptId: string; partId: string; text: string; links: string[]; revision: number }) {
  const attempt = await loadOwnDraftAttempt(opts.actor, opts.attemptId);
  // Checked here for a quick answer, and again below under the lock (what counts is that one).
  if (attempt.status !== 'DRAFT') throw invalidState(SUBMITTED_NO_CHANGE);
  const part = await db.submissionPart.findFirst({ where: { id: opts.partId, versionId: attempt.submission.versionId }, select: { id: true } });
  if (!part) throw notFound('That part');
  const wordCount = countWords(opts.text);
  // Read before the lock, which is held only for the write: which parts are carried over is fixed
  // when the attempt is made, and the write itself is guarded (the revision, the unique index).
  const existing = await db.partResponse.findUnique({
    where: { attemptId_partId: { attemptId: attempt.id, partId: part.id } },
    select: { id: true, revision: true, carriedOver: true },
  });
  if (existing?.carriedOver) throw invalidState(CARRIED_PART);
  if (!existing) {
    if (await isPartCarriedOver(attempt.id, part.id)) throw invalidState(CARRIED_PART);
    if (opts.revision !== 0) throw conflict(CHANGED_ELSEWHERE);
    try {
      return await db.$transaction(async (tx) => {
        await recordTeacherWork(tx, { attemptId: attempt.id });
        if (!(await lockDraftAttempt(tx, attempt.id))) throw invalidState(SUBMITTED_NO_CHANGE);
        const created = await tx.partResponse.create({
          data: { attemptId: attempt.id, partId: part.id, text: opts.text, links: opts.links, wordCount, revision: 1 },
          select: { revision: true, updatedAt: true },
        });
        return { ...created, wordCount };
      });
    } catch (e) {
      // A first save from another tab got there first (the unique attempt-and-part index).
      if (isUniqueViolation(e)) throw conflict(CHANGED_ELSEWHERE);
      throw e;
    }
  }
  return db.$transaction(async (tx) => {
    await recordTeacherWork(tx, { attemptId: attempt.id });
    if (!(await lockDraftAttempt(tx, attempt.id))) throw invalidState(SUBMITTED_NO_CHANGE);
    const updated = await tx.partResponse.updateMany({
      where: { id: existing.id, revision: opts.revision },
      data: { text: opts.text, links: opts.links, wordCount, revision: { increment: 1 } },
    });
    if (updated.count !== 1) throw conflict(CHANGED_ELSEWHERE);
    return { revision: opts.revision + 1, updatedAt: new Date(), wordCount };
  });
}

type SubmitContent = { responses: { partId: string; text: string; links: string[]; carriedOver: boolean }[]; files: { partId: string; status: string; fileName: string; declaredType: string; detectedType: string | null; createdAt: Date }[] };

/** What stops these answers and files from being sent, as a VALIDATION error keyed `part.<id>.answer` or `part.<id>.files`. */
function assertReadyToSubmit(parts: PartSpec[], content: SubmitContent, now = new Date()) {
  const answers = new Map<string, PartAnswer>();
  for (const p of parts) {
    const r = content.responses.find((x) => x.partId === p.id);
    const files = content.files.filter((f) => f.partId === p.id);
    // Captions go with their video and do not count towards the part's number of files.
    const uploaded = countPartFiles(files.filter((f) => f.status === 'UPLOADED'));
    answers.set(p.id, {
      text: r?.text ?? '',
      links: r?.links ?? [],
      uploadedFiles: uploaded.files,
      videoFiles: uploaded.videos,
      captionFiles: uploaded.captions,
      pendingFiles: files.filter((f) => f.status === 'PENDING').length,
      // An upload that stopped (tab closed, connection lost) is told apart from one still running.
      stoppedFiles: files.filter((f) => isStoppedUpload(f, now)).length,
      rejectedFiles: files.filter((f) => f.status === 'REJECTED').map((f) => f.fileName),
      carried: r?.carriedOver ?? false,
    });
  }
  const problems = findIncompleteParts(parts, answers);
  if (problems.size) {
    throw validation('Some parts are not ready yet.', Object.fromEntries([...problems].map(([k, v]) => [`part.${k}`, v])));
  }
}

/** What submitAttempt reads of an attempt to judge whether its parts are ready. */
const SUBMIT_CONTENT = { responses: { select: { partId: true, text: true, links: true, carriedOver: true } }, files: { select: { partId: true, status: true, fileName: true, declaredType: true, detectedType: true, createdAt: true } } } as const;
const PART_SPEC_SELECT = { id: true, title: true, responseType: true, required: true, wordLimit: true, maxFiles: true } as const;

/**
 * The parts of the actor's draft that are not ready to send, as submitAttempt would refuse them (its
 * field errors, keyed `part.<id>`): empty when every part is ready, or when the attempt is not the
 * actor's draft (submitting says why then). For the submit form to say at once everything that
 * stops a submission, when the confirmation box was not ticked as well.
 */
export async function partsNotReady(opts: { actor: Actor; attemptId: string; now?: Date }): Promise<Record<string, string[]>> {
  const attempt = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: { status: true, submission: { select: { userId: true, version: { select: { parts: { select: PART_SPEC_SELECT } } } } }, ...SUBMIT_CONTENT },
  });
  if (!attempt || attempt.submission.userId !== opts.actor.id || attempt.status !== 'DRAFT') return {};
  try {
    assertReadyToSubmit(attempt.submission.version.parts, attempt, opts.now);
    return {};
  } catch (e) {
    if (isDomainError(e) && e.code === 'VALIDATION') return e.fieldErrors ?? {};
    throw e;
  }
}

/**
 * Submits a draft attempt once. A double click or a retry after a dropped connection finds the
 * attempt already submitted and returns the same result instead of a second submission.
 * `attested`: the teacher ticked that the evidence is from their own teaching and that students who
 * can be recognised have permission (the submit action requires it); its time is kept on the attempt.
 */
export async function submitAttempt(opts: { actor: Actor; attemptId: string; publicSummary?: string; attested?: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const content = SUBMIT_CONTENT;
  const attempt = await db.attempt.findUnique({
    where: { id: opts.attemptId },
    select: {
      id: true, status: true, number: true,
      submission: {
        select: {
          id: true, userId: true, microCredentialId: true,
          microCredential: { select: { issuerId: true, issuer: { select: { slaBusinessDays: true, doubleScoreRate: true } } } },
          version: { select: { parts: { select: PART_SPEC_SELECT } } },
        },
      },
      ...content,
    },
  });
  if (!attempt || attempt.submission.userId !== opts.actor.id) throw notFound('That application');
  if (attempt.status !== 'DRAFT') return { submissionId: attempt.submission.id, alreadySubmitted: true };
  if (!(await isEmailVerified(opts.actor.id))) {
    throw invalidState('Confirm your email address before you submit: use the link we emailed you, or send a new one from your dashboard. Your work is saved.');
  }
  if (await needsProposal(opts.actor, attempt.submission.microCredentialId)) {
    throw invalidState('Your district needs to approve your proposal before you can submit.');
  }
  const parts = attempt.submission.version.parts;
  // Checked here for a quick answer, and again below under the lock (what counts is that one).
  assertReadyToSubmit(parts, attempt);
  const issuer = attempt.submission.microCredential.issuer;
  // Sampled for double scoring at the issuer's rate.
  const doubleScore = randomInt(0, 1_000_000) < Math.round(issuer.doubleScoreRate * 1_000_000);
  const result = await db.$transaction(async (tx) => {
    // FOR UPDATE conflicts with the key-share lock an evidence file insert takes on its attempt, so
    // an upload started meanwhile is either committed (and read just below, blocking the
    // submission) or waits for this transaction. A double click waits here and finds it submitted.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT "status"::text AS "status" FROM "Attempt" WHERE "id" = ${attempt.id} FOR UPDATE`;
    if (locked?.status !== 'DRAFT') return { alreadySubmitted: true };
    // Sending is work on it: a draft passed over by the stalled-work reminders while the teacher had
    // stopped is not left marked so, should they take it back to edit.
    await recordTeacherWork(tx, { attemptId: attempt.id }, now);
    const current = await tx.attempt.findUniqueOrThrow({ where: { id: attempt.id }, select: content });
    assertReadyToSubmit(parts, current);
    const updated = await tx.attempt.updateMany({
      where: { id: attempt.id, status: 'DRAFT' },
      data: { status: 'SUBMITTED', submittedAt: now, dueAt: addBusinessDays(now, issuer.slaBusinessDays), doubleScore, attestedAt: opts.attested ? now : null, version: { increment: 1 } },
    });
    if (updated.count !== 1) return { alreadySubmitted: true };
    // Work sent to reviewers is work the teacher is doing: if they had stopped (an open tab, a
    // bookmark), they are enrolled again, so the dashboard shows it and its decision.
    await enrolAgain(tx, opts.actor.id, attempt.submission.microCredentialId);
    await tx.submission.update({
      where: { id: attempt.submission.id },
      data: { status: 'SUBMITTED', lastSubmittedAt: now, ...(opts.publicSummary !== undefined ? { publicSummary: opts.publicSummary || null } : {}) },
    });
    await recordAudit(
      { actorId: opts.actor.id, action: 'submission.submit', entityType: 'Attempt', entityId: attempt.id, organizationId: attempt.submission.microCredential.issuerId, data: { number: attempt.number, attestedAt: opts.attested ? now.toISOString() : null } },
      tx,
    );
    return { alreadySubmitted: false };
  });
  return { submissionId: attempt.submission.id, ...result };
}

const NOT_WAITING_FOR_REVISION = 'This application is not waiting for a revision.';
export const SECOND_LOOK_UNDER_WAY = 'An independent reviewer is taking a second look at your attempt, so there is nothing to revise yet. If they return it, you can revise then.';

/**
 * After "needs revision": opens the next attempt. Parts that passed are carried over read-only
 * (text and files), the rest start from the previous answer so nothing has to be retyped. The
 * button is not offered while the teacher has stopped working on the credential, but a tab left
 * open can still send it: starting (or having started) the revision picks the level and its track
 * up again (enrolAgain, audited), in the same transaction, so no one revises a level they are not
 * enrolled in.
 */
export async function startRevision(opts: { actor: Actor; submissionId: string }) {
  const submission = await db.submission.findUnique({
    where: { id: opts.submissionId },
    select: {
      id: true, userId: true, status: true, microCredentialId: true,
      version: { select: { passingRuleKind: true, passingLevelRank: true, passingTotal: true, criteria: { select: { id: true, partId: true } }, levels: { orderBy: { rank: 'desc' }, take: 1, select: { rank: true } } } },
      attempts: {
        orderBy: { number: 'desc' },
        take: 1,
        select: {
          id: true, number: true, status: true, secondLookRequestedAt: true,
          responses: { select: { partId: true, text: true, links: true, wordCount: true } },
          reviews: { where: { status: 'SUBMITTED' }, select: { kind: true, submittedAt: true, scores: { select: { criterionId: true, level: { select: { rank: true } } } } } },
        },
      },
    },
  });
  if (!submission || submission.userId !== opts.actor.id) throw notFound('That application');
  const last = submission.attempts[0];
  if (submission.status === 'DRAFT' && last?.status === 'DRAFT') {
    // Started already (a double click, a second tab): nothing to write, unless they stopped since,
    // when the revision they started is theirs again, as pressing the button asks.
    const enrollment = await db.enrollment.findUnique({ where: { userId_microCredentialId: { userId: opts.actor.id, microCredentialId: submission.microCredentialId } }, select: { withdrawnAt: true } });
    if (!enrollment || enrollment.withdrawnAt) await db.$transaction((tx) => enrolAgain(tx, opts.actor.id, submission.microCredentialId));
    return { attemptId: last.id };
  }
  if (last?.status === 'SUBMITTED' && last.secondLookRequestedAt) throw invalidState(SECOND_LOOK_UNDER_WAY);
  if (submission.status !== 'NEEDS_REVISION' || !last || last.status !== 'RETURNED') throw invalidState(NOT_WAITING_FOR_REVISION);
  const rule = passingRuleOf(submission.version);
  // Double scored: both reviewers returned it and the teacher reads both, so a part is kept only if
  // it passed in each of them (or in the adjudication, which alone is the decision).
  const reviews = decidingReviews(last.reviews).map((r) => ({ scores: r.scores.map((s) => ({ criterionId: s.criterionId, rank: s.level.rank })) }));
  const passed = carriedPartIds(rule, submission.version.criteria, reviews, submission.version.levels[0]?.rank);
  try {
    return await db.$transaction(async (tx) => {
      // The enrolments before the Submission row, in the order submitAttempt takes them (enrolAgain).
      // Refused below, the transaction rolls back: a refused revision picks nothing up.
      await enrolAgain(tx, opts.actor.id, submission.microCredentialId);
      // Guarded: an issuer admin asking for a second look at the same moment also moves the
      // application out of NEEDS_REVISION (lib/review/second-look.ts); only one of the two wins.
      const moved = await tx.submission.updateMany({ where: { id: submission.id, status: 'NEEDS_REVISION' }, data: { status: 'DRAFT' } });
      if (moved.count !== 1) throw invalidState(NOT_WAITING_FOR_REVISION);
      const next = await tx.attempt.create({ data: { submissionId: submission.id, number: last.number + 1 }, select: { id: true } });
      for (const r of last.responses) {
        await tx.partResponse.create({
          data: { attemptId: next.id, partId: r.partId, text: r.text, links: r.links, wordCount: r.wordCount, carriedOver: passed.has(r.partId), revision: 1 },
        });
      }
      // Every kept part gets a response row marked as carried over, also a files-only part (which
      // otherwise has none): the row is what locks the part for autosave, uploads and the pages.
      for (const partId of passed) {
        if (last.responses.some((r) => r.partId === partId)) continue;
        await tx.partResponse.create({ data: { attemptId: next.id, partId, carriedOver: true, revision: 1 } });
      }
      // The files are read here, under a share lock, not before the transaction: an issuer admin
      // removing one of them at this moment (lib/evidence/concerns.ts) either commits first, and the
      // read below skips it, or waits for this commit and then removes the copy made here too.
      await tx.$queryRaw`SELECT 1 FROM "EvidenceFile" WHERE "attemptId" = ${last.id} FOR SHARE`;
      const files = await tx.evidenceFile.findMany({
        where: { attemptId: last.id, status: 'UPLOADED' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { partId: true, ownerId: true, storageKey: true, fileName: true, declaredType: true, detectedType: true, sizeBytes: true, verifiedAt: true },
      });
      for (const f of files) {
        await tx.evidenceFile.create({ data: { attemptId: next.id, ...f, status: 'UPLOADED', carriedOver: passed.has(f.partId) } });
      }
      await recordAudit({ actorId: opts.actor.id, action: 'submission.revise', entityType: 'Attempt', entityId: next.id, data: { number: last.number + 1 } }, tx);
      return { attemptId: next.id };
    });
  } catch (e) {
    // A second click raced us to (submission, number): the attempt exists; use it.
    const existing = await db.attempt.findUnique({ where: { submissionId_number: { submissionId: submission.id, number: last.number + 1 } }, select: { id: true } });
    if (existing) return { attemptId: existing.id };
    throw e;
  }
}

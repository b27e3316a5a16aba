import 'server-only';
import { db, type Tx } from '@/lib/db';
import { conflict, forbidden, invalidState, notFound, rateLimited } from '@/lib/errors';
import { hitRateLimit, releaseRateLimit } from '@/lib/rate-limit';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit/log';
import { noticesAbout, notify, type NotificationSubject } from '@/lib/notifications/notify';
import { changePublicPages } from '@/lib/http/page-cache-sync';
import { ALREADY_ANSWERED, ANSWERED_STAYS, answerRefusal, askRefusal, duplicateOf, DUPLICATE_WINDOW_MS, NOT_ANSWERED, questionsPath, WITHDRAWN } from '@/lib/credential-questions/policy';
import { hasWorkOn } from '@/lib/credential-questions/queries';

// A teacher asks an issuer about a micro-credential before (or while) applying; the issuer's admins
// answer, and may show the answer on the credential's public page. The issuer never learns who asked:
// not from the inbox, the notices, nor the audit log (its admins may score this teacher's work under
// blind review). Reviewers see none of it.

/**
 * Questions a teacher may ask a day across all credentials (each one tells the issuer's admins). A
 * question withdrawn the same day gives its place back (withdrawCredentialQuestion): the withdraw
 * form says the teacher can ask again at any time.
 */
export const QUESTIONS_PER_DAY = 10;
/**
 * Questions sent a day, withdrawn ones included: never given back, so asking and withdrawing in a
 * loop cannot email the issuer's admins without end. Far above what rewording a question needs.
 */
export const QUESTIONS_SENT_PER_DAY = 30;
const DAY_SECONDS = 24 * 60 * 60;
const rateKey = (userId: string) => `credential-question:user:${userId}`;
const sentKey = (userId: string) => `credential-question-sent:user:${userId}`;

/** The admin's notice links here: the one question, wherever it falls in the inbox's pages. */
export const adminQuestionPath = (questionId: string) => `/admin/questions/${questionId}`;

const QUESTION_NOTICE = 'credential.question';
const questionSubject = (questionId: string): NotificationSubject => ({ type: 'CredentialQuestion', id: questionId });

type AskContext = { id: string; slug: string; status: 'DRAFT' | 'PUBLISHED' | 'RETIRED'; issuerId: string; title: string };

async function loadAskable(microCredentialId: string): Promise<AskContext> {
  const mc = await db.microCredential.findFirst({
    // A draft has no public page: it looks missing, as it does on /micro-credentials/{slug}.
    where: { id: microCredentialId, status: { in: ['PUBLISHED', 'RETIRED'] }, currentVersionId: { not: null } },
    select: { id: true, slug: true, status: true, issuerId: true, currentVersion: { select: { title: true } } },
  });
  if (!mc) throw notFound('That micro-credential');
  return { id: mc.id, slug: mc.slug, status: mc.status, issuerId: mc.issuerId, title: mc.currentVersion?.title ?? mc.slug };
}

/** The teacher's questions about the credential that could make this one a repeat (the newest few, within the window). */
function recentQuestions(client: Tx | typeof db, userId: string, microCredentialId: string, now: Date) {
  return client.credentialQuestion.findMany({
    where: { userId, microCredentialId, createdAt: { gte: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
    orderBy: { createdAt: 'desc' },
    take: 20,
    select: { id: true, body: true, createdAt: true },
  });
}

const openCount = (client: Tx | typeof db, userId: string, microCredentialId: string) => client.credentialQuestion.count({ where: { userId, microCredentialId, answeredAt: null } });

/**
 * Tells the issuer's enabled admins (at most 50) that a question waits, without naming the teacher
 * or quoting the question (teachers may name students, and email is less private). Not the asker,
 * when they are an admin of the issuer themselves.
 */
async function tellIssuerAdmins(tx: Tx, opts: { issuerId: string; askerId: string; questionId: string; title: string }) {
  const admins = await tx.user.findMany({
    where: { disabledAt: null, id: { not: opts.askerId }, memberships: { some: { organizationId: opts.issuerId, role: 'ISSUER_ADMIN' } } },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: 50,
  });
  for (const a of admins) {
    await notify(
      {
        userId: a.id,
        kind: QUESTION_NOTICE,
        title: `A teacher asks about “${opts.title}”`,
        body: 'Read the question and answer it in your questions inbox. The teacher is not named.',
        href: adminQuestionPath(opts.questionId),
        subject: questionSubject(opts.questionId),
      },
      tx,
    );
  }
}

/**
 * Anyone signed in asks the issuer about a published micro-credential (a retired one only while they
 * are still working on it: askRefusal). A few may wait at once (MAX_OPEN_QUESTIONS) and a few a day
 * (QUESTIONS_PER_DAY). The same words sent again within a few minutes (a double click, a second tab)
 * return the question already made (`repeated`), which tells nobody a second time: the check and the
 * insert run under a lock per teacher and credential, so two submits at once make one question.
 */
export async function askCredentialQuestion(opts: { actor: Actor; microCredentialId: string; body: string; now?: Date }): Promise<{ questionId: string; slug: string; repeated: boolean }> {
  const now = opts.now ?? new Date();
  const userId = opts.actor.id;
  const mc = await loadAskable(opts.microCredentialId);
  // Before anything counts against the daily limit: a repeat, or a refusal, takes nothing from it.
  const earlier = duplicateOf(await recentQuestions(db, userId, mc.id, now), opts.body, now);
  if (earlier) return { questionId: earlier, slug: mc.slug, repeated: true };
  const refusal = askRefusal({ status: mc.status, hasWork: mc.status === 'RETIRED' ? await hasWorkOn(userId, mc.id) : true, openCount: await openCount(db, userId, mc.id) });
  if (refusal) throw invalidState(refusal);
  const limit = await hitRateLimit(rateKey(userId), QUESTIONS_PER_DAY, DAY_SECONDS);
  if (!limit.allowed) throw rateLimited('You have asked several questions today. Try again tomorrow.');
  const sent = await hitRateLimit(sentKey(userId), QUESTIONS_SENT_PER_DAY, DAY_SECONDS);
  if (!sent.allowed) {
    // Nothing asked, so the daily place is given back; the cap's own hit stays, as the daily limit's does.
    await releaseRateLimit(rateKey(userId));
    throw rateLimited('You have asked and withdrawn many questions today. Try again tomorrow.');
  }
  let made = false;
  try {
    const result = await db.$transaction(async (tx) => {
      // One ask at a time per teacher and credential: the checks below see any question made meanwhile.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`credential-question:${userId}:${mc.id}`}))`;
      const again = duplicateOf(await recentQuestions(tx, userId, mc.id, now), opts.body, now);
      if (again) return { questionId: again, slug: mc.slug, repeated: true };
      const stillOpen = askRefusal({ status: mc.status, hasWork: true, openCount: await openCount(tx, userId, mc.id) });
      if (stillOpen) throw invalidState(stillOpen);
      const q = await tx.credentialQuestion.create({ data: { microCredentialId: mc.id, userId, body: opts.body, createdAt: now }, select: { id: true } });
      // Not the issuer's log (organizationId null): its admins would read the teacher's name beside it.
      await recordAudit({ actorId: userId, action: 'credential.question-ask', entityType: 'MicroCredential', entityId: mc.id, organizationId: null, data: { questionId: q.id } }, tx);
      await tellIssuerAdmins(tx, { issuerId: mc.issuerId, askerId: userId, questionId: q.id, title: mc.title });
      return { questionId: q.id, slug: mc.slug, repeated: false };
    });
    made = !result.repeated;
    return result;
  } finally {
    // Nothing was asked (a repeat found under the lock, a refusal, a fault): the hits are given back.
    if (!made) await Promise.all([releaseRateLimit(rateKey(userId)), releaseRateLimit(sentKey(userId))]);
  }
}

/** The question with what answering, sharing and the notices need; null when it is gone. */
async function loadForIssuer(questionId: string) {
  return db.credentialQuestion.findUnique({
    where: { id: questionId },
    select: {
      id: true, userId: true, answeredAt: true, sharedAt: true, microCredentialId: true,
      microCredential: { select: { slug: true, issuerId: true, currentVersion: { select: { title: true } } } },
    },
  });
}

/**
 * An admin of the credential's issuer (or a platform admin, who acts for every issuer) answers a
 * teacher's question; the teacher is told and reads it on the credential's questions page. Answered
 * once: two admins answering at once, the first wins and the other is told (the update holds only
 * while the question is unanswered). `share`: also shown on the public page at once, without any name.
 */
export async function answerCredentialQuestion(opts: { actor: Actor; questionId: string; answer: string; share?: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const q = await loadForIssuer(opts.questionId);
  // Another issuer's question looks exactly like a missing one.
  if (!q || !isIssuerAdmin(opts.actor, q.microCredential.issuerId)) throw notFound('That question');
  const refusal = answerRefusal(opts.actor.id, q);
  if (refusal) throw q.answeredAt ? conflict(refusal) : forbidden(refusal);
  const title = q.microCredential.currentVersion?.title ?? q.microCredential.slug;
  const work = async (tx: Tx) => {
    const u = await tx.credentialQuestion.updateMany({
      where: { id: q.id, answeredAt: null },
      data: { answer: opts.answer, answeredById: opts.actor.id, answeredAt: now, ...(opts.share ? { sharedAt: now } : {}) },
    });
    if (u.count !== 1) {
      const gone = !(await tx.credentialQuestion.findUnique({ where: { id: q.id }, select: { id: true } }));
      throw conflict(gone ? WITHDRAWN : ALREADY_ANSWERED);
    }
    await recordAudit({ actorId: opts.actor.id, action: 'credential.question-answer', entityType: 'MicroCredential', entityId: q.microCredentialId, organizationId: q.microCredential.issuerId, data: { questionId: q.id, shared: Boolean(opts.share) } }, tx);
    await notify(
      {
        userId: q.userId,
        kind: 'credential.answer',
        title: `Your question about “${title}” has an answer`,
        body: opts.share
          ? 'Read it on the micro-credential’s questions page. The issuer also shows it on the public page, without your name.'
          : 'Read it on the micro-credential’s questions page.',
        href: `${questionsPath(q.microCredential.slug)}#question-${q.id}`,
      },
      tx,
    );
  };
  // Shared at once: the public page changes, so every server drops its cached copy (ADR 006).
  if (opts.share) await changePublicPages(work);
  else await db.$transaction(work);
  return { questionId: q.id, slug: q.microCredential.slug, shared: Boolean(opts.share) };
}

/**
 * An admin of the issuer shows an answered question (and its answer) on the credential's public
 * page, without any name, or stops showing it. Only once answered. Setting it to what it already is
 * changes nothing (`changed` false): a second tab, a double click. A change drops every server's
 * cached copy of the public page, as when an issuer edits anything else on it (changePublicPages). The
 * teacher is told when their words go on the public page.
 */
export async function setCredentialQuestionShared(opts: { actor: Actor; questionId: string; shared: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const q = await loadForIssuer(opts.questionId);
  if (!q || !isIssuerAdmin(opts.actor, q.microCredential.issuerId)) throw notFound('That question');
  if (!q.answeredAt) throw invalidState(NOT_ANSWERED);
  // Already as asked (a second tab, a double click): nothing to write, and no reason to make every
  // server drop its cached public pages.
  if (Boolean(q.sharedAt) === opts.shared) return { questionId: q.id, slug: q.microCredential.slug, shared: opts.shared, changed: false };
  const title = q.microCredential.currentVersion?.title ?? q.microCredential.slug;
  const changed = await changePublicPages(async (tx) => {
    const u = await tx.credentialQuestion.updateMany({
      where: { id: q.id, answeredAt: { not: null }, sharedAt: opts.shared ? null : { not: null } },
      data: { sharedAt: opts.shared ? now : null },
    });
    if (u.count !== 1) return false;
    await recordAudit({ actorId: opts.actor.id, action: opts.shared ? 'credential.question-share' : 'credential.question-unshare', entityType: 'MicroCredential', entityId: q.microCredentialId, organizationId: q.microCredential.issuerId, data: { questionId: q.id } }, tx);
    if (opts.shared) {
      await notify(
        {
          userId: q.userId,
          kind: 'credential.answer-shared',
          title: `Your question about “${title}” is shown on its public page`,
          body: 'The issuer shares it with its answer to help other teachers. Your name is not shown.',
          href: `${questionsPath(q.microCredential.slug)}#question-${q.id}`,
        },
        tx,
      );
    }
    return true;
    // Another tab got there first (nothing updated): nothing to announce.
  }, { changed: (c) => c });
  return { questionId: q.id, slug: q.microCredential.slug, shared: opts.shared, changed };
}

/**
 * The teacher takes back a question of theirs nobody has answered yet (asked in error, or no longer
 * needed). Anyone else's looks missing; an answered one stays. The issuer's notices about it
 * go too, so no admin opens a question that is gone, and with them the emails of those notices not
 * sent yet (the email job sends nothing once its notice is gone: lib/jobs/handlers.ts).
 */
export async function withdrawCredentialQuestion(opts: { actor: Actor; questionId: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const q = await db.credentialQuestion.findUnique({ where: { id: opts.questionId }, select: { id: true, userId: true, createdAt: true, answeredAt: true, microCredentialId: true, microCredential: { select: { slug: true, issuerId: true } } } });
  if (!q || q.userId !== opts.actor.id) throw notFound('That question');
  if (q.answeredAt) throw invalidState(ANSWERED_STAYS);
  await db.$transaction(async (tx) => {
    // Only while unanswered: an answer that lands first keeps the question.
    const d = await tx.credentialQuestion.deleteMany({ where: { id: q.id, userId: opts.actor.id, answeredAt: null } });
    if (d.count !== 1) throw invalidState(ANSWERED_STAYS);
    // By the question (the notice's subject): every admin told, one removed since included.
    await tx.notification.deleteMany({ where: { ...noticesAbout(questionSubject(q.id)), kind: QUESTION_NOTICE } });
    // Notices made before they named their subject, found as then: by the issuer's admins (the index
    // on userId, not a scan of every notice) and the link, which names the question as surely.
    const admins = await tx.membership.findMany({ where: { organizationId: q.microCredential.issuerId, role: 'ISSUER_ADMIN' }, select: { userId: true } });
    if (admins.length) await tx.notification.deleteMany({ where: { userId: { in: admins.map((a) => a.userId) }, subjectType: null, kind: QUESTION_NOTICE, href: adminQuestionPath(q.id) } });
    await recordAudit({ actorId: opts.actor.id, action: 'credential.question-withdraw', entityType: 'MicroCredential', entityId: q.microCredentialId, organizationId: null, data: { questionId: q.id } }, tx);
  });
  // "You can ask again at any time": the question's place in the daily limit is given back, if it was
  // asked within the day (an older one's has lapsed with its day). QUESTIONS_SENT_PER_DAY keeps its hit.
  if (now.getTime() - q.createdAt.getTime() < DAY_SECONDS * 1000) await releaseRateLimit(rateKey(opts.actor.id));
  return { questionId: q.id, slug: q.microCredential.slug };
}

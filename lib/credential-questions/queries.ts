import 'server-only';
import { db } from '@/lib/db';
import { isIssuerAdmin, isPlatformAdmin, orgIdsWithRole, type Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { PublishStatus } from '@/lib/generated/prisma/enums';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import { askRefusal } from '@/lib/credential-questions/policy';
import type { QuestionFilter } from '@/lib/credential-questions/schemas';

// Reading teachers' questions about micro-credentials. Three audiences, three shapes:
// - everyone (the public page, the questions page): shared answered questions, the words only;
// - the teacher: their own questions, with answers;
// - the issuer's admins: the questions about their credentials, never the asker's name, email or
//   id (the asker may be a teacher whose work they score blind); `yours` says only whether the
//   admin asked it themselves (they cannot answer their own).

export const SHARED_PAGE_SIZE = 20;
export const OWN_PAGE_SIZE = 20;
export const INBOX_PAGE_SIZE = 20;

type Cursor = { t: string; id: string };
const isCursor = (v: Record<string, unknown>): v is Cursor => isCursorTime(v.t) && isCursorId(v.id);

/** Rows after the cursor's (time, id), in the list's order: `desc` newest first, else oldest first. */
function after(field: 'createdAt' | 'answeredAt' | 'sharedAt', cursor: Cursor | null, desc: boolean): Prisma.CredentialQuestionWhereInput {
  if (!cursor) return {};
  const t = new Date(cursor.t);
  const cmp = desc ? 'lt' : 'gt';
  return { OR: [{ [field]: { [cmp]: t } }, { [field]: t, id: { [cmp]: cursor.id } }] };
}

/** The page's rows and the cursor of the next page (null on the last). */
function paged<T extends { id: string }>(rows: T[], take: number, timeOf: (r: T) => Date | null) {
  const items = rows.slice(0, take);
  const last = items[items.length - 1];
  const t = last ? timeOf(last) : null;
  return { items, nextCursor: rows.length > take && last && t ? encodeCursor({ t: t.toISOString(), id: last.id }) : null };
}

/**
 * The answered questions the issuer shares on a micro-credential's public page, most recently shared
 * first: the question and answer only, nothing about who asked or answered, so the anonymous cached
 * copy of the page holds nothing personal. For a credential with a public page (the caller's
 * getMicroCredentialPage). `take` rows and whether there are more (`nextCursor`).
 */
export async function listSharedQuestions(opts: { microCredentialId: string; take?: number; cursor?: string }) {
  const take = opts.take ?? SHARED_PAGE_SIZE;
  const cursor = decodeCursor(opts.cursor, isCursor);
  const rows = await db.credentialQuestion.findMany({
    // Served by the index on (microCredentialId, sharedAt).
    where: { microCredentialId: opts.microCredentialId, sharedAt: { not: null }, answeredAt: { not: null }, ...after('sharedAt', cursor, true) },
    orderBy: [{ sharedAt: 'desc' }, { id: 'desc' }],
    take: take + 1,
    select: { id: true, body: true, answer: true, answeredAt: true, sharedAt: true },
  });
  return paged(rows, take, (r) => r.sharedAt);
}

/** The signed-in person's own questions about the credential, newest first, with any answers. */
export async function listOwnQuestions(opts: { actor: Actor; microCredentialId: string; cursor?: string }) {
  const cursor = decodeCursor(opts.cursor, isCursor);
  const rows = await db.credentialQuestion.findMany({
    // Served by the index on (userId, createdAt desc).
    where: { userId: opts.actor.id, microCredentialId: opts.microCredentialId, ...after('createdAt', cursor, true) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: OWN_PAGE_SIZE + 1,
    select: { id: true, body: true, createdAt: true, answer: true, answeredAt: true, sharedAt: true },
  });
  return paged(rows, OWN_PAGE_SIZE, (r) => r.createdAt);
}

/**
 * How many of the person's questions about the credential are answered and how many wait, for the
 * application page's link. By the credential's slug (unique), so the page reads it alongside the
 * application itself rather than after it.
 */
export async function countOwnQuestions(actor: Actor, slug: string): Promise<{ answered: number; waiting: number }> {
  const about = { userId: actor.id, microCredential: { slug } } satisfies Prisma.CredentialQuestionWhereInput;
  const [answered, waiting] = await Promise.all([
    db.credentialQuestion.count({ where: { ...about, answeredAt: { not: null } } }),
    db.credentialQuestion.count({ where: { ...about, answeredAt: null } }),
  ]);
  return { answered, waiting };
}

/**
 * Whether the person is still working on (or went through) the credential: an enrolment they kept, or
 * an application. askRefusal's `hasWork`, for a retired credential: the one rule both the questions
 * page (getAskState) and askCredentialQuestion read, so the page never offers what the ask refuses.
 */
export async function hasWorkOn(userId: string, microCredentialId: string): Promise<boolean> {
  const [enrolment, submission] = await Promise.all([
    db.enrollment.findFirst({ where: { userId, microCredentialId, withdrawnAt: null }, select: { id: true } }),
    db.submission.findFirst({ where: { userId, microCredentialId }, select: { id: true } }),
  ]);
  return Boolean(enrolment || submission);
}

/**
 * Whether the person may ask about the credential now (askCredentialQuestion's own rule, askRefusal),
 * and why not: a retired credential they are not working on, or too many questions waiting.
 */
export async function getAskState(actor: Actor, mc: { id: string; status: PublishStatus }): Promise<{ refusal: string | null; waiting: number }> {
  const [waiting, hasWork] = await Promise.all([
    db.credentialQuestion.count({ where: { userId: actor.id, microCredentialId: mc.id, answeredAt: null } }),
    mc.status === 'RETIRED' ? hasWorkOn(actor.id, mc.id) : true,
  ]);
  return { refusal: askRefusal({ status: mc.status, hasWork, openCount: waiting }), waiting };
}

// `userId` is read only to say whether the admin asked it (forIssuer); it never leaves this module.
const issuerSelect = {
  id: true, body: true, createdAt: true, answer: true, answeredAt: true, sharedAt: true, userId: true,
  answeredBy: { select: { name: true } },
  microCredential: { select: { id: true, slug: true, status: true, issuerId: true, issuer: { select: { name: true } }, currentVersion: { select: { title: true } } } },
} satisfies Prisma.CredentialQuestionSelect;

type IssuerRow = Prisma.CredentialQuestionGetPayload<{ select: typeof issuerSelect }>;

/** A question as the issuer's admins see it: no asker's name, email or id; `yours` when the admin asked it. */
export type IssuerQuestion = {
  id: string;
  body: string;
  askedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  sharedAt: Date | null;
  yours: boolean;
  credential: { id: string; slug: string; title: string; status: PublishStatus; issuerName: string };
};

function forIssuer(actor: Actor, q: IssuerRow): IssuerQuestion {
  return {
    id: q.id,
    body: q.body,
    askedAt: q.createdAt,
    answer: q.answer,
    answeredAt: q.answeredAt,
    answeredBy: q.answeredBy?.name ?? null,
    sharedAt: q.sharedAt,
    yours: q.userId === actor.id,
    credential: { id: q.microCredential.id, slug: q.microCredential.slug, title: q.microCredential.currentVersion?.title ?? q.microCredential.slug, status: q.microCredential.status, issuerName: q.microCredential.issuer.name },
  };
}

const ORDER: Record<QuestionFilter, { field: 'createdAt' | 'answeredAt' | 'sharedAt'; desc: boolean }> = {
  // The oldest waiting question is answered first; answered and shared ones, the latest first.
  waiting: { field: 'createdAt', desc: false },
  answered: { field: 'answeredAt', desc: true },
  shared: { field: 'sharedAt', desc: true },
};

const FILTER: Record<QuestionFilter, Prisma.CredentialQuestionWhereInput> = {
  waiting: { answeredAt: null },
  answered: { answeredAt: { not: null } },
  shared: { answeredAt: { not: null }, sharedAt: { not: null } },
};

/**
 * The issuer inbox (/admin/questions): questions about the credentials of `issuerIds` (the page's
 * resolveIssuerScope: issuers the actor administers), waiting ones oldest first, answered or shared
 * ones latest first, a page at a time. An issuer the actor does not administer is left out.
 */
export async function listIssuerQuestions(opts: { actor: Actor; issuerIds: string[]; status: QuestionFilter; cursor?: string }) {
  const issuerIds = opts.issuerIds.filter((id) => isIssuerAdmin(opts.actor, id));
  if (!issuerIds.length) return { items: [] as IssuerQuestion[], nextCursor: null };
  const { field, desc } = ORDER[opts.status];
  const cursor = decodeCursor(opts.cursor, isCursor);
  const dir = desc ? 'desc' : 'asc';
  const rows = await db.credentialQuestion.findMany({
    where: { AND: [FILTER[opts.status], { microCredential: { issuerId: { in: issuerIds } } }, after(field, cursor, desc)] },
    orderBy: [{ [field]: dir }, { id: dir }],
    take: INBOX_PAGE_SIZE + 1,
    select: issuerSelect,
  });
  const page = paged(rows, INBOX_PAGE_SIZE, (r) => r[field]);
  return { items: page.items.map((q) => forIssuer(opts.actor, q)), nextCursor: page.nextCursor };
}

/** One question for an admin of its credential's issuer (a notice's link); null for anyone else or once withdrawn. */
export async function getIssuerQuestion(opts: { actor: Actor; questionId: string }): Promise<IssuerQuestion | null> {
  if (opts.questionId.length > 40) return null;
  const q = await db.credentialQuestion.findUnique({ where: { id: opts.questionId }, select: issuerSelect });
  if (!q || !isIssuerAdmin(opts.actor, q.microCredential.issuerId)) return null;
  return forIssuer(opts.actor, q);
}

/**
 * Questions about the actor's issuers' micro-credentials waiting for an answer, for the admin home:
 * those this admin may answer (not their own, which another admin answers).
 */
export async function countUnansweredCredentialQuestions(actor: Actor): Promise<number> {
  const issuer = isPlatformAdmin(actor) ? {} : { issuerId: { in: orgIdsWithRole(actor, 'ISSUER_ADMIN') } };
  return db.credentialQuestion.count({ where: { answeredAt: null, userId: { not: actor.id }, microCredential: issuer } });
}

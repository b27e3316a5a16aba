import 'server-only';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import { Prisma } from '@/lib/generated/prisma/client';
import type { AttemptStatus, SubmissionStatus } from '@/lib/generated/prisma/enums';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import { forbidden, notFound } from '@/lib/errors';
import { listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { decodeCursor, encodeCursor, isCursorId, isCursorTime } from '@/lib/catalog/cursor';
import { blindlyScoredSubmissionIds } from '@/lib/review/blind-scoring';
import { APPLICATION_STATUS_FILTERS, type ApplicationStatusFilter } from '@/lib/submissions/admin-list-schemas';

// An issuer's applications, for its admins to find one a teacher writes about ("my work was
// returned unfairly") without a badge or a review to start from, and open its record
// (lib/submissions/admin-record.ts), where they can answer a question or ask for a second look.
// Only applications sent at least once: a draft never sent is the teacher's alone, as on the record.

export const APPLICATIONS_PAGE_SIZE = 25;

type Cursor = { t: string; id: string };
// A date Postgres can hold and an id of ours: a hand-edited link starts at the first page, never an error.
const isCursor = (v: Record<string, unknown>): v is Cursor => isCursorTime(v.t) && isCursorId(v.id);

/** ILIKE pattern for "contains `q`": its own %, _ and \ match themselves. */
const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The issuer of a micro-credential, when the actor administers it; else null (another issuer's
 * looks like none). Lets a link name a credential without its issuer.
 */
export async function findCredentialIssuer(opts: { actor: Actor; microCredentialId: string }): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(opts.microCredentialId)) return null;
  const mc = await db.microCredential.findUnique({ where: { id: opts.microCredentialId }, select: { issuerId: true } });
  return mc && isIssuerAdmin(opts.actor, mc.issuerId) ? mc.issuerId : null;
}

export type ApplicationRow = {
  id: string;
  status: SubmissionStatus;
  teacher: { name: string; email: string | null };
  /** Who the teacher is is hidden: the viewer is scoring this work under blind review. */
  teacherHidden: boolean;
  /** The title of the version the teacher applied under. */
  title: string;
  /** 1 for the first application, more for a renewal. */
  cycle: number;
  latestAttempt: { number: number; status: AttemptStatus } | null;
  lastSubmittedAt: Date;
  /** When the latest sent attempt was decided; null while it waits (also while a second look is under way). */
  decidedAt: Date | null;
  secondLookUnderWay: boolean;
  /** A teacher's question about the feedback waits for a reply. */
  unansweredQuestion: boolean;
};

/**
 * One page of the issuer's sent applications, most recently sent first (keyset on lastSubmittedAt,
 * id), optionally by part of the teacher's name or email, where they stand, or one of the issuer's
 * micro-credentials (another's is refused as not found). Only the issuer's admins (and platform
 * admins) may list them. Also the issuer's micro-credentials, for the filter.
 */
export async function listIssuerApplications(opts: {
  actor: Actor;
  issuerId: string;
  q?: string;
  status?: ApplicationStatusFilter;
  microCredentialId?: string;
  cursor?: string;
}): Promise<{ items: ApplicationRow[]; nextCursor: string | null; credentials: { id: string; title: string }[] }> {
  if (!isIssuerAdmin(opts.actor, opts.issuerId)) throw forbidden('You do not administer that issuer.');
  const [credentials, issuer] = await Promise.all([
    listIssuerCredentialOptions(opts.actor, [opts.issuerId]),
    db.organization.findUnique({ where: { id: opts.issuerId }, select: { blindReview: true } }),
  ]);
  if (opts.microCredentialId && !credentials.some((c) => c.id === opts.microCredentialId)) throw notFound('That micro-credential');
  // A credential never published (still a draft: publishing is one way) has never had an application.
  const applicable = credentials.filter((c) => c.status !== 'DRAFT');
  const options = credentials
    .filter((c) => c.status !== 'DRAFT' || c.id === opts.microCredentialId)
    .map((c) => ({ id: c.id, title: c.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  const credentialIds = opts.microCredentialId ? [opts.microCredentialId] : applicable.map((c) => c.id);
  if (!credentialIds.length) return { items: [], nextCursor: null, credentials: options };

  const hidden = issuer?.blindReview ? await blindlyScoredSubmissionIds(opts.actor) : [];
  const cursor = decodeCursor(opts.cursor, isCursor);
  const q = searchText(opts.q).slice(0, 100);
  const statuses = opts.status ? APPLICATION_STATUS_FILTERS[opts.status] : null;
  const conditions: Prisma.Sql[] = [
    ...(statuses ? [Prisma.sql`AND s."status" = ANY(${[...statuses]}::"SubmissionStatus"[])`] : []),
    ...(cursor ? [Prisma.sql`AND (s."lastSubmittedAt", s."id") < (${new Date(cursor.t)}, ${cursor.id})`] : []),
    ...(q
      ? [
          // Evaluated per application by the user's primary key, never as a scan of every user.
          Prisma.sql`AND (SELECT u."name" ILIKE ${containsPattern(q)} OR u."email" ILIKE ${containsPattern(q)} FROM "User" u WHERE u."id" = s."userId")`,
          // A teacher hidden from this admin (blind review) is not found by name either: a match
          // would tell who they are.
          ...(hidden.length ? [Prisma.sql`AND s."id" <> ALL(${hidden}::text[])`] : []),
        ]
      : []),
  ];
  // Each credential's newest first, read in order from the index on (microCredentialId,
  // lastSubmittedAt DESC, id DESC), then merged: at most a page and one more per credential.
  const page = await db.$queryRaw<{ id: string; lastSubmittedAt: Date }[]>`
    SELECT x."id", x."lastSubmittedAt"
    FROM unnest(${credentialIds}::text[]) AS c("id")
    CROSS JOIN LATERAL (
      SELECT s."id", s."lastSubmittedAt" FROM "Submission" s
      WHERE s."microCredentialId" = c."id" AND s."lastSubmittedAt" IS NOT NULL
        ${conditions.length ? Prisma.join(conditions, ' ') : Prisma.empty}
      ORDER BY s."lastSubmittedAt" DESC, s."id" DESC
      LIMIT ${APPLICATIONS_PAGE_SIZE + 1}
    ) x
    ORDER BY x."lastSubmittedAt" DESC, x."id" DESC
    LIMIT ${APPLICATIONS_PAGE_SIZE + 1}`;
  const shown = page.slice(0, APPLICATIONS_PAGE_SIZE);
  const last = shown[shown.length - 1];
  const nextCursor = page.length > APPLICATIONS_PAGE_SIZE && last ? encodeCursor({ t: last.lastSubmittedAt.toISOString(), id: last.id }) : null;
  if (!shown.length) return { items: [], nextCursor: null, credentials: options };

  const rows = await db.submission.findMany({
    where: { id: { in: shown.map((r) => r.id) } },
    select: {
      id: true, status: true, cycle: true, lastSubmittedAt: true,
      user: { select: { name: true, email: true } },
      version: { select: { title: true } },
      attempts: {
        orderBy: { number: 'desc' },
        select: {
          number: true, status: true, decidedAt: true, secondLookRequestedAt: true,
          feedbackQuestions: { where: { answeredAt: null }, take: 1, select: { id: true } },
        },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hiddenSet = new Set(hidden);
  const items = shown.flatMap((p): ApplicationRow[] => {
    const s = byId.get(p.id);
    if (!s || !s.lastSubmittedAt) return [];
    const latest = s.attempts[0] ?? null;
    // A revision the teacher has started is not sent: the decision shown is the one before it.
    const latestSent = s.attempts.find((a) => a.status !== 'DRAFT') ?? null;
    const teacherHidden = hiddenSet.has(s.id);
    return [{
      id: s.id,
      status: s.status,
      teacher: teacherHidden ? { name: 'The teacher', email: null } : { name: s.user.name, email: s.user.email },
      teacherHidden,
      title: s.version.title,
      cycle: s.cycle,
      latestAttempt: latest ? { number: latest.number, status: latest.status } : null,
      lastSubmittedAt: s.lastSubmittedAt,
      decidedAt: latestSent?.decidedAt ?? null,
      secondLookUnderWay: Boolean(latest && latest.status === 'SUBMITTED' && latest.secondLookRequestedAt),
      unansweredQuestion: s.attempts.some((a) => a.feedbackQuestions.length > 0),
    }];
  });
  return { items, nextCursor, credentials: options };
}

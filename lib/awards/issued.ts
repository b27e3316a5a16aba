import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { searchText } from '@/lib/search-text';
import { env } from '@/lib/env';
import { forbidden } from '@/lib/errors';
import { isIssuerAdmin, type Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import { awardCursorAfter, decodeAwardCursor } from '@/lib/awards/cursor';
import { toCsv } from '@/lib/csv';
import { dayAfter, utcDay } from '@/lib/dates';
import { awardState, type AwardState } from '@/lib/reporting/teacher-record';

// The badges an issuer has issued: who earned what, and where each stands. The issuer's admins
// find a badge here to suspend or revoke it (on its page), and export the list. An admin of several
// issuers sees them together or one at a time.

export const ISSUED_PAGE_SIZE = 50;
/** The CSV holds at most this many rows, newest first; the page says when a filter would help. */
export const ISSUED_EXPORT_MAX = 50_000;

export const ISSUED_STATUSES = ['valid', 'expiring', 'expired', 'suspended', 'revoked'] as const;
export type IssuedStatus = (typeof ISSUED_STATUSES)[number];

export const IssuedFilterInput = z.object({
  q: z.string().overwrite(searchText).max(100).optional().catch(undefined),
  status: z.enum(ISSUED_STATUSES).optional().catch(undefined),
  credential: z.string().max(40).optional().catch(undefined),
  /** Issued on or after this day (UTC), and on or before `to` (inclusive): e.g. a quarter's badges. */
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  cursor: z.string().max(300).optional().catch(undefined),
});
export type IssuedFilter = z.infer<typeof IssuedFilterInput>;

const EXPIRING_DAYS = 90;

function whereFor(issuerIds: string[], f: IssuedFilter, now: Date): Prisma.AwardWhereInput {
  const soon = new Date(now.getTime() + EXPIRING_DAYS * 86_400_000);
  const status: Record<IssuedStatus, Prisma.AwardWhereInput> = {
    valid: { revokedAt: null, suspendedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] },
    expiring: { revokedAt: null, suspendedAt: null, validUntil: { gt: now, lte: soon } },
    // Suspension shows first (as awardState decides), so a suspended badge past its end date is not also 'expired'.
    expired: { revokedAt: null, suspendedAt: null, validUntil: { lte: now } },
    suspended: { revokedAt: null, suspendedAt: { not: null } },
    revoked: { revokedAt: { not: null } },
  };
  const q = searchText(f.q);
  const from = utcDay(f.from);
  const last = utcDay(f.to);
  return {
    issuerId: { in: issuerIds },
    ...(f.credential ? { OR: [{ microCredentialId: f.credential }, { stackId: f.credential }] } : {}),
    AND: [
      f.status ? status[f.status] : {},
      from ? { issuedAt: { gte: from } } : {},
      last ? { issuedAt: { lt: dayAfter(last) } } : {},
      q ? { OR: [{ title: { contains: q, mode: 'insensitive' } }, { recipientName: { contains: q, mode: 'insensitive' } }, { user: { email: { contains: q, mode: 'insensitive' } } }] } : {},
    ],
  };
}

const select = {
  id: true, title: true, level: true, pdHours: true, recipientName: true, issuedAt: true, validUntil: true, revokedAt: true, suspendedAt: true, stackId: true, submissionId: true,
  user: { select: { email: true } },
  issuer: { select: { name: true } },
} satisfies Prisma.AwardSelect;

function assertAdmin(actor: Actor, issuerIds: string[]) {
  if (!issuerIds.length || issuerIds.some((id) => !isIssuerAdmin(actor, id))) throw forbidden('You do not administer that issuer.');
}

export type IssuedRow = { id: string; title: string; issuer: string; level: number | null; stack: boolean; submissionId: string | null; pdHours: number; recipient: string; email: string; issuedAt: Date; validUntil: Date | null; state: AwardState };

function toRow(a: Prisma.AwardGetPayload<{ select: typeof select }>, now: Date): IssuedRow {
  return {
    id: a.id, title: a.title, issuer: a.issuer.name, level: a.level, stack: Boolean(a.stackId), submissionId: a.submissionId, pdHours: Number(a.pdHours), recipient: a.recipientName, email: a.user.email,
    issuedAt: a.issuedAt, validUntil: a.validUntil, state: awardState(a, now),
  };
}

/** One page of the badges of these issuers (the actor must administer each), newest first (keyset on issuedAt, id), and how many match. */
export async function listIssuedAwards(opts: { actor: Actor; issuerIds: string[]; filter: IssuedFilter; now?: Date }) {
  assertAdmin(opts.actor, opts.issuerIds);
  const now = opts.now ?? new Date();
  const where = whereFor(opts.issuerIds, opts.filter, now);
  const cursor = decodeAwardCursor(opts.filter.cursor);
  const after: Prisma.AwardWhereInput = cursor
    ? { OR: [{ issuedAt: { lt: new Date(cursor.t) } }, { issuedAt: new Date(cursor.t), id: { lt: cursor.id } }] }
    : {};
  const [rows, total] = await Promise.all([
    db.award.findMany({ where: { AND: [where, after] }, orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], take: ISSUED_PAGE_SIZE + 1, select }),
    db.award.count({ where }),
  ]);
  const page = rows.slice(0, ISSUED_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    total,
    items: page.map((a) => toRow(a, now)),
    nextCursor: rows.length > ISSUED_PAGE_SIZE && last ? awardCursorAfter(last) : null,
  };
}

const STATE_LABEL: Record<AwardState, string> = { valid: 'Valid', expired: 'Expired', suspended: 'Suspended', revoked: 'Revoked' };
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** The same list as CSV (every page, up to ISSUED_EXPORT_MAX rows), with each badge's public address. */
export async function issuedAwardsCsv(opts: { actor: Actor; issuerIds: string[]; filter: IssuedFilter; now?: Date }) {
  assertAdmin(opts.actor, opts.issuerIds);
  const now = opts.now ?? new Date();
  const rows = await db.award.findMany({
    where: whereFor(opts.issuerIds, { ...opts.filter, cursor: undefined }, now),
    orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }],
    take: ISSUED_EXPORT_MAX,
    select,
  });
  const base = env().APP_URL;
  return toCsv(
    ['Recipient', 'Email', 'Credential', 'Issuer', 'Kind', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status', 'Verify at'],
    rows.map((a) => toRow(a, now)).map((r) => [
      r.recipient, r.email, r.title, r.issuer, r.stack ? 'Stack' : 'Micro-credential', r.level ?? '', r.pdHours, day(r.issuedAt), day(r.validUntil), STATE_LABEL[r.state], new URL(`/credentials/${r.id}`, base).toString(),
    ]),
  );
}

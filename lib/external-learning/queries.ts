// Reading a teacher's other professional learning (ExternalLearning): their own list, the totals My
// badges shows, the rows their PD transcript and downloads print, and what their district's leaders
// read on the teacher record. Every read names the teacher in its `where`, on the (userId,
// completedOn) index; a list never goes past EXTERNAL_LEARNING_MAX_ENTRIES rows.
import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { decodeCursor, encodeCursor } from '@/lib/catalog/cursor';
import { dayLabel, utcDay } from '@/lib/dates';
import { EntryId, EXTERNAL_LEARNING_MAX_ENTRIES } from '@/lib/external-learning/schemas';

/** Entries per page of /badges/other-learning. */
export const EXTERNAL_LEARNING_PAGE_SIZE = 25;

export type ExternalLearningEntry = {
  id: string;
  title: string;
  provider: string;
  /** Midnight UTC of the day it was completed (a calendar day). */
  completedOn: Date;
  pdHours: number;
  /** A link to a record of completion (https), or null. */
  url: string | null;
  note: string | null;
  /** The certificate of completion on file (lib/external-learning/certificates.ts), or null. Never a URL: it opens through its private route. */
  certificate: EntryCertificate | null;
  /** When it was last saved: the edit form sends it back (a save on top of a newer one is refused). */
  updatedAt: Date;
};

/** A certificate on file, as its entry shows it: the type is the one its bytes showed. */
export type EntryCertificate = { id: string; fileName: string; contentType: string; sizeBytes: number };

/** The entry's certificate on file: at most one is UPLOADED (the partial unique index). */
const CERTIFICATE_ON_FILE = { where: { status: 'UPLOADED' }, take: 1, select: { id: true, fileName: true, contentType: true, sizeBytes: true } } as const;

export const ENTRY_FIELDS = { id: true, title: true, provider: true, completedOn: true, pdHours: true, url: true, note: true, updatedAt: true, certificates: CERTIFICATE_ON_FILE } as const;

type EntryRow = { id: string; title: string; provider: string; completedOn: Date; pdHours: { toString(): string } | number; url: string | null; note: string | null; updatedAt: Date; certificates: EntryCertificate[] };

export const entryOf = ({ certificates, ...r }: EntryRow): ExternalLearningEntry => ({ ...r, pdHours: Number(r.pdHours), certificate: certificates[0] ?? null });

/** PD hours, to one decimal as the record's other totals are (a float sum of 0.1s would show 0.30000000000000004). */
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Hours of a list of entries, to one decimal. */
export const hoursOfEntries = (rows: { pdHours: number }[]) => round1(rows.reduce((s, r) => s + r.pdHours, 0));

// ───────────────────────────── The teacher's own list ─────────────────────────────

// Keyset on (completedOn, id), newest first: `d`, the day as YYYY-MM-DD, and `id` of the last entry
// shown. Only a real day and an id of our shape pass; anything else would reach the database as a
// value it refuses, a server error for a bad link.
const EntryCursor = z.object({ d: z.string().refine((d) => utcDay(d) !== null), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
type EntryCursor = z.infer<typeof EntryCursor>;
const isEntryCursor = (v: Record<string, unknown>): v is EntryCursor => EntryCursor.safeParse(v).success;

/** The cursor in the list's link, or null for one that is not ours (the first page then shows). */
export const decodeEntryCursor = (cursor: string | undefined) => decodeCursor(cursor, isEntryCursor);

/**
 * The query string of /badges/other-learning: `cursor`, kept only when it is one of ours; `saved`,
 * the entry an edit just saved (editExternalLearningAction), kept only when it has an id's shape.
 * Neither is ever a reason to fail: a bad one is dropped.
 */
export const ExternalLearningListInput = z.object({
  cursor: z.string().max(300).optional().catch(undefined).transform((c) => (decodeEntryCursor(c) ? c : undefined)),
  saved: EntryId.optional().catch(undefined),
});

/**
 * A page of the signed-in teacher's own entries, most recently completed first (ties: the later
 * entry first). Only their rows: the `where` names them, whatever the cursor says.
 */
export async function listOwnExternalLearning(opts: { actor: Pick<Actor, 'id'>; cursor?: string }) {
  const cursor = decodeEntryCursor(opts.cursor);
  const after = cursor ? utcDay(cursor.d)! : null;
  const rows = await db.externalLearning.findMany({
    where: { userId: opts.actor.id, ...(cursor && after ? { OR: [{ completedOn: { lt: after } }, { completedOn: after, id: { lt: cursor.id } }] } : {}) },
    orderBy: [{ completedOn: 'desc' }, { id: 'desc' }],
    take: EXTERNAL_LEARNING_PAGE_SIZE + 1,
    select: ENTRY_FIELDS,
  });
  const items = rows.slice(0, EXTERNAL_LEARNING_PAGE_SIZE).map(entryOf);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > EXTERNAL_LEARNING_PAGE_SIZE && last ? encodeCursor({ d: dayLabel(last.completedOn), id: last.id }) : null,
    continued: Boolean(cursor),
  };
}

/** One of the signed-in teacher's own entries, or null when it is not theirs or no longer exists (the list's "Saved" notice names it). */
export async function getOwnExternalLearningEntry(opts: { actor: Pick<Actor, 'id'>; id: string }): Promise<ExternalLearningEntry | null> {
  const row = await db.externalLearning.findFirst({ where: { id: opts.id, userId: opts.actor.id }, select: ENTRY_FIELDS });
  return row ? entryOf(row) : null;
}

/**
 * The `cursor` of the page of the teacher's own list that holds `entry`, as listOwnExternalLearning
 * pages it (undefined: the first page). An edit can move an entry (a new completion day) to
 * another page: the list is shown again at the page it is now on. The entries ahead of it are
 * counted on the (userId, completedOn) index; the page before it ends at a known offset, under
 * EXTERNAL_LEARNING_MAX_ENTRIES.
 */
export async function ownEntryPageCursor(opts: { actor: Pick<Actor, 'id'>; entry: { id: string; completedOn: Date } }): Promise<string | undefined> {
  const userId = opts.actor.id;
  const { id, completedOn } = opts.entry;
  const ahead = await db.externalLearning.count({ where: { userId, OR: [{ completedOn: { gt: completedOn } }, { completedOn, id: { gt: id } }] } });
  const page = Math.floor(ahead / EXTERNAL_LEARNING_PAGE_SIZE);
  if (page === 0) return undefined;
  const before = await db.externalLearning.findFirst({
    where: { userId },
    orderBy: [{ completedOn: 'desc' }, { id: 'desc' }],
    skip: page * EXTERNAL_LEARNING_PAGE_SIZE - 1,
    select: { id: true, completedOn: true },
  });
  return before ? encodeCursor({ d: dayLabel(before.completedOn), id: before.id }) : undefined;
}

export type ExternalLearningTotals = { entries: number; hours: number };

/** How many entries the signed-in teacher has and their hours, counted in the database (My badges, the list's header). */
export async function getOwnExternalLearningTotals(opts: { actor: Pick<Actor, 'id'> }): Promise<ExternalLearningTotals> {
  return totalsOf(opts.actor.id);
}

async function totalsOf(userId: string, completedOn?: { gte?: Date; lt?: Date }): Promise<ExternalLearningTotals> {
  const agg = await db.externalLearning.aggregate({ where: { userId, ...(completedOn ? { completedOn } : {}) }, _count: { _all: true }, _sum: { pdHours: true } });
  return { entries: agg._count._all, hours: round1(Number(agg._sum.pdHours ?? 0)) };
}

// ───────────────────────────── Transcript and downloads ─────────────────────────────

export type SelfReportedSection = { rows: ExternalLearningEntry[]; totalHours: number };

/**
 * The signed-in teacher's entries completed in a period (the PD transcript's: `from` included,
 * `to` exclusive, whole UTC days; null: unbounded), oldest first as the transcript lists badges,
 * with their own total. Every one fits: an account keeps at most EXTERNAL_LEARNING_MAX_ENTRIES.
 */
export async function listOwnExternalLearningInPeriod(opts: { actor: Pick<Actor, 'id'>; from: Date | null; to: Date | null }): Promise<SelfReportedSection> {
  const completedOn = { ...(opts.from ? { gte: opts.from } : {}), ...(opts.to ? { lt: opts.to } : {}) };
  const rows = await db.externalLearning.findMany({
    where: { userId: opts.actor.id, ...(opts.from || opts.to ? { completedOn } : {}) },
    orderBy: [{ completedOn: 'asc' }, { id: 'asc' }],
    take: EXTERNAL_LEARNING_MAX_ENTRIES,
    select: ENTRY_FIELDS,
  });
  const entries = rows.map(entryOf);
  return { rows: entries, totalHours: hoursOfEntries(entries) };
}

/** Every entry of the signed-in teacher, most recently completed first (the CSV and JSON downloads). */
export async function listOwnExternalLearningForExport(opts: { actor: Pick<Actor, 'id'> }): Promise<SelfReportedSection> {
  const rows = await db.externalLearning.findMany({
    where: { userId: opts.actor.id },
    orderBy: [{ completedOn: 'desc' }, { id: 'desc' }],
    take: EXTERNAL_LEARNING_MAX_ENTRIES,
    select: ENTRY_FIELDS,
  });
  const entries = rows.map(entryOf);
  return { rows: entries, totalHours: hoursOfEntries(entries) };
}

// ───────────────────────────── A leader's copy ─────────────────────────────

/** Entries listed on a teacher's record (/district/teachers/[id]): the most recent this many. */
export const RECORD_ENTRIES_LIMIT = 100;

/**
 * An entry as a leader reads it on the teacher record. A school leader's copy has no `url`,
 * `note` or `certificate` (null): see `externalLearningOnRecord`.
 */
export type RecordEntry = Omit<ExternalLearningEntry, 'updatedAt'>;

/**
 * A teacher's entries for the teacher record their district's leaders and their school's principal
 * read (getDistrictTeacherRecord, which has already decided that `reader` may read this teacher;
 * nothing else may call this). The most recent RECORD_ENTRIES_LIMIT, with the count and hours of
 * all of them. A principal's copy (`reader` 'school') leaves out the link, the note and the
 * certificate (ADR 027's addendum: it opens for the district's leaders only), removed
 * here rather than hidden on the page (ADR 016: a principal follows their school's learning; the
 * teacher's records of completion and own remarks go to the district office that verifies
 * records, as evidence stays between the teacher and those who decide on it).
 */
export async function externalLearningOnRecord(opts: { userId: string; reader: 'district' | 'school' }) {
  const full = opts.reader === 'district';
  const [rows, totals] = await Promise.all([
    db.externalLearning.findMany({
      where: { userId: opts.userId },
      orderBy: [{ completedOn: 'desc' }, { id: 'desc' }],
      take: RECORD_ENTRIES_LIMIT,
      // A principal's copy does not even read the certificate (its id would open nothing for them,
      // but it is the teacher's record of completion, which goes to the district office only).
      select: { id: true, title: true, provider: true, completedOn: true, pdHours: true, url: true, note: true, ...(full ? { certificates: CERTIFICATE_ON_FILE } : {}) },
    }),
    totalsOf(opts.userId),
  ]);
  const items: RecordEntry[] = rows.map((r) => ({
    id: r.id, title: r.title, provider: r.provider, completedOn: r.completedOn, pdHours: Number(r.pdHours),
    url: full ? r.url : null,
    note: full ? r.note : null,
    certificate: full && 'certificates' in r ? ((r.certificates as EntryCertificate[])[0] ?? null) : null,
  }));
  return { ...totals, items, withLinksAndNotes: opts.reader === 'district' };
}

/**
 * Hours of a teacher's entries completed in [from, to) (a licence-renewal cycle), for a record whose
 * reader has already been authorised (getDistrictTeacherRecord). Said beside the renewal count,
 * never added to it.
 */
export async function externalLearningHoursBetween(opts: { userId: string; from: Date; to: Date }): Promise<ExternalLearningTotals> {
  return totalsOf(opts.userId, { gte: opts.from, lt: opts.to });
}

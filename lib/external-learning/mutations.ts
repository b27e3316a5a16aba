// A teacher adds, changes and deletes their own other professional learning. Every write names the
// teacher in its `where` (or sets them as the row's owner), so nobody can read or change another's
// entry: an id of someone else's entry is answered as one that does not exist. Not audited, like the
// teacher's other notes about themselves (their licence details, what their portfolio shows): no
// organisation decides anything on them.
import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Actor } from '@/lib/auth/actor';
import { conflict, DomainError } from '@/lib/errors';
import { figure } from '@/lib/plural';
import { ENTRY_NOT_FOUND, ENTRY_OUT_OF_DATE, EXTERNAL_LEARNING_MAX_ENTRIES, type ExternalLearningFields } from '@/lib/external-learning/schemas';
import { ENTRY_FIELDS, entryOf, type ExternalLearningEntry } from '@/lib/external-learning/queries';
import { queueCertificatesOfEntry } from '@/lib/external-learning/certificates';
import { deleteQueuedObjects } from '@/lib/storage/deletion';

/** An identical entry added within this long is the same submission sent twice (a double click, a resent form). */
export const DUPLICATE_WINDOW_MS = 60_000;

export const ENTRIES_FULL = `You have ${figure(EXTERNAL_LEARNING_MAX_ENTRIES)} entries, the most one account can keep. Delete entries you no longer need to add more.`;

const entryNotFound = () => new DomainError('NOT_FOUND', ENTRY_NOT_FOUND);

/** The columns an entry's fields are saved to. */
const columnsOf = (input: ExternalLearningFields) => ({
  title: input.title,
  provider: input.provider,
  completedOn: input.completedOn,
  pdHours: new Prisma.Decimal(input.pdHours),
  url: input.url,
  note: input.note,
});

/** Whether a saved entry holds exactly these fields. */
const sameFields = (row: ExternalLearningEntry, input: ExternalLearningFields) =>
  row.title === input.title && row.provider === input.provider && row.completedOn.getTime() === input.completedOn.getTime()
  && row.pdHours === input.pdHours && row.url === input.url && row.note === input.note;

/**
 * Adds an entry to the signed-in teacher's own list. The same form sent twice (a double click, a
 * page resent after a slow answer) adds it once: an identical entry added in the last minute is
 * answered as the one added (`created: false`). Two different entries a minute apart, or the same
 * one later (a workshop that ran twice), are both kept. Under an advisory lock on the teacher, so
 * two requests at once cannot both miss the other, nor both take the last place under the cap.
 */
export async function addExternalLearning(opts: { actor: Pick<Actor, 'id'>; input: ExternalLearningFields; now?: Date }): Promise<{ entry: ExternalLearningEntry; created: boolean }> {
  const now = opts.now ?? new Date();
  const userId = opts.actor.id;
  const columns = columnsOf(opts.input);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`external-learning:${userId}`}))`;
    const same = await tx.externalLearning.findFirst({
      where: { userId, ...columns, createdAt: { gte: new Date(now.getTime() - DUPLICATE_WINDOW_MS) } },
      orderBy: { createdAt: 'desc' },
      select: ENTRY_FIELDS,
    });
    if (same) return { entry: entryOf(same), created: false };
    const count = await tx.externalLearning.count({ where: { userId } });
    if (count >= EXTERNAL_LEARNING_MAX_ENTRIES) throw conflict(ENTRIES_FULL);
    const row = await tx.externalLearning.create({ data: { userId, ...columns, createdAt: now, updatedAt: now }, select: ENTRY_FIELDS });
    return { entry: entryOf(row), created: true };
  });
}

/**
 * Changes one of the signed-in teacher's own entries, as the form showed it (`seenAt`, the entry's
 * updatedAt then): a change saved since, in another tab, is not overwritten blind. The same change
 * sent twice is answered as saved (the entry already holds it). Someone else's entry, or one
 * deleted since, is "not found".
 */
export async function editExternalLearning(opts: { actor: Pick<Actor, 'id'>; id: string; seenAt: Date; input: ExternalLearningFields; now?: Date }): Promise<ExternalLearningEntry> {
  const userId = opts.actor.id;
  const now = opts.now ?? new Date();
  const changed = await db.externalLearning.updateMany({ where: { id: opts.id, userId, updatedAt: opts.seenAt }, data: { ...columnsOf(opts.input), updatedAt: now } });
  const row = await db.externalLearning.findFirst({ where: { id: opts.id, userId }, select: ENTRY_FIELDS });
  if (!row) throw entryNotFound();
  const entry = entryOf(row);
  if (changed.count === 1 || sameFields(entry, opts.input)) return entry;
  throw conflict(ENTRY_OUT_OF_DATE);
}

/**
 * Deletes one of the signed-in teacher's own entries; someone else's, or one already deleted, is
 * "not found". Its certificate's objects are queued for deletion in the same transaction (the rows
 * would cascade, and nothing would be left to find the objects by), with the entry locked first,
 * as a certificate being accepted locks it: that one commits first (and its copy is queued here)
 * or finds the entry gone.
 */
export async function deleteExternalLearning(opts: { actor: Pick<Actor, 'id'>; id: string }): Promise<void> {
  const queued = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "ExternalLearning" WHERE "id" = ${opts.id} AND "userId" = ${opts.actor.id} FOR UPDATE`;
    if (locked.length !== 1) throw entryNotFound();
    const certificates = await queueCertificatesOfEntry(tx, opts.id);
    await tx.externalLearning.delete({ where: { id: opts.id } });
    return certificates;
  });
  await deleteQueuedObjects(queued, 'deleting an entry with a certificate');
}

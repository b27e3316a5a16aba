import 'server-only';
import { db, type Tx } from '@/lib/db';
import { enqueueJob } from '@/lib/jobs/queue';
import { abortMultipartOrThrow, deleteObjectOrThrow } from '@/lib/storage/s3';

/** The job that deletes objects (and aborts unfinished multipart uploads) until storage answers. */
export const DELETE_OBJECTS_JOB = 'storage.delete-objects';

export type StoredObjects = { keys: string[]; uploads: { key: string; uploadId: string }[] };
export type QueuedDeletion = StoredObjects & { jobId: string };

/**
 * Queues a job that deletes these objects, in the caller's transaction: the objects then go even if
 * storage is down, or this server stops, right after the rows that held them are gone. Deleting a
 * missing object succeeds, so the job may run after the objects were deleted at once. `runAt` later
 * than now: a safety net taken out before an object exists (lib/evidence/uploads.ts, the checked
 * copy), dropped when the object is kept. Null when there is nothing to delete.
 */
export async function queueObjectDeletion(objects: StoredObjects, opts: { tx?: Tx; runAt?: Date } = {}): Promise<QueuedDeletion | null> {
  const keys = [...new Set(objects.keys)];
  const uploads = objects.uploads;
  if (!keys.length && !uploads.length) return null;
  const jobId = await enqueueJob({ type: DELETE_OBJECTS_JOB, payload: { keys, uploads }, runAt: opts.runAt }, opts.tx);
  return { keys, uploads, jobId };
}

/**
 * After the transaction that queued the deletion has committed: deletes the objects now, and the
 * queued job only once every one is deleted. When storage cannot be reached, the job stays and
 * deletes them once it answers. Never throws (what the caller did stands); says whether all went.
 */
export async function deleteQueuedObjects(queued: QueuedDeletion | null, what: string): Promise<boolean> {
  if (!queued) return true;
  try {
    for (const u of queued.uploads) await abortMultipartOrThrow(u.key, u.uploadId);
    for (const key of queued.keys) await deleteObjectOrThrow(key);
  } catch (e) {
    console.warn(`[storage] ${what}: storage call failed, the queued job will delete the objects:`, e instanceof Error ? e.message : e);
    return false;
  }
  // A worker that has already taken the job is left to finish it (it deletes nothing still there).
  await db.job.deleteMany({ where: { id: queued.jobId, lockedAt: null, completedAt: null } }).catch(() => undefined);
  return true;
}

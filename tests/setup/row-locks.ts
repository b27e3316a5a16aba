// Races made deterministic: a transaction held open on a second connection (another request caught
// in flight), and waiting until the call under test queues behind it.
import pg from 'pg';
import { db } from '@/lib/db';

export type HeldAttempt = {
  /** Runs a statement inside the held transaction (the other request's own steps). */
  query: (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
  /** Commits the held transaction: whatever waited for the attempt goes on. */
  commit: () => Promise<void>;
  /** Closes the connection, rolling back what was not committed. Call it in a `finally`. */
  release: () => Promise<void>;
};

/** Holds the attempt row (SELECT … FOR UPDATE) in a transaction on a connection of its own. */
export async function holdAttempt(attemptId: string): Promise<HeldAttempt> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT 1 FROM "Attempt" WHERE "id" = $1 FOR UPDATE`, [attemptId]);
  } catch (e) {
    await client.end();
    throw e;
  }
  return {
    query: (text, values) => client.query(text, values),
    commit: async () => {
      await client.query('COMMIT');
    },
    release: () => client.end(),
  };
}

/**
 * Waits until `count` calls are accounted for: waiting on a lock (statements of this database that
 * wait on one), or `settled()` of them (finished without waiting). Asked outside the held
 * transaction: inside one, pg_stat_activity is a snapshot.
 */
export async function untilWaitingOnLocksOr(count: number, settled: () => number, timeoutMessage: string) {
  for (let i = 0; settled() < count; i++) {
    const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (n + settled() >= count) return;
    if (i > 250) throw new Error(timeoutMessage);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A promise's outcome as a value, and whether it has settled yet. */
export type Watched<T> = { settled: boolean; outcome: Promise<{ ok: true; value: T } | { ok: false; error: unknown }> };
export function watch<T>(p: Promise<T>): Watched<T> {
  const w: Watched<T> = { settled: false, outcome: Promise.resolve({ ok: false, error: null }) };
  w.outcome = p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })).finally(() => { w.settled = true; });
  return w;
}

import pg from 'pg';

let pool: pg.Pool | undefined;
let resetSql: string | undefined;

function getPool() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('resetDatabase() needs DATABASE_URL (set by tests/setup/integration-worker.ts)');
  // allowExitOnIdle: the worker can exit without anyone closing this pool.
  pool ??= new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return pool;
}

/**
 * Empties every application table in the current schema (keeps `_prisma_migrations`) and restarts
 * their sequences. Call it in `beforeEach` of integration tests.
 *
 * DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE of some fifty tables swaps every
 * table's files (0.3-0.5 s each time here, over a thousand tests), where deleting the rows takes a
 * few milliseconds. In one transaction with triggers off (`session_replication_role = replica`, as
 * the superuser the tests connect as), so foreign keys need no order and the audit log's
 * append-only trigger lets the test database be emptied; SET LOCAL ends with the transaction.
 */
export async function resetDatabase(): Promise<void> {
  const db = getPool();
  if (resetSql === undefined) {
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name
         FROM pg_tables
        WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    );
    const { rows: sequences } = await db.query<{ name: string }>(
      `SELECT format('%I.%I', sequence_schema, sequence_name) AS name
         FROM information_schema.sequences
        WHERE sequence_schema = current_schema()`,
    );
    resetSql = tables.length
      ? [
          'BEGIN',
          'SET LOCAL session_replication_role = replica',
          ...tables.map((t) => `DELETE FROM ${t.name}`),
          ...sequences.map((s) => `ALTER SEQUENCE ${s.name} RESTART`),
          'COMMIT',
        ].join(';\n')
      : '';
  }
  if (!resetSql) return;
  try {
    await db.query(resetSql);
  } catch (error) {
    // Leave the pooled connection usable for the next test (an aborted transaction refuses all).
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

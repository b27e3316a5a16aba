import pg from 'pg';

let pool: pg.Pool | undefined;
let truncateSql: string | undefined;

function getPool() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('resetDatabase() needs DATABASE_URL (set by tests/setup/integration-worker.ts)');
  // allowExitOnIdle: the worker can exit without anyone closing this pool.
  pool ??= new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return pool;
}

/**
 * Empties every application table in the current schema (keeps `_prisma_migrations`) and restarts
 * identity sequences. Call it in `beforeEach` of integration tests.
 */
export async function resetDatabase(): Promise<void> {
  const db = getPool();
  if (truncateSql === undefined) {
    const { rows } = await db.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name
         FROM pg_tables
        WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    );
    truncateSql = rows.length ? `TRUNCATE TABLE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE` : '';
  }
  if (truncateSql) await db.query(truncateSql);
}

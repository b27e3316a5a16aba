import pg from 'pg';

/** Admin connection for integration tests: a real Postgres the tests may create databases on. */
export const TEST_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// Several test runs may share one Postgres (parallel checkouts, a developer and CI): every run's
// databases carry the run's process id, and a run drops what dead runs left behind.
export const RUN_ID = String(process.pid);
export const TEMPLATE_DATABASE = `microcred_tpl_${RUN_ID}`;
export const workerDatabase = (runId: string, poolId: string) => `microcred_test_${runId}_${poolId}`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops template and worker databases whose run has ended. */
export async function dropStaleRunDatabases(client: pg.Client) {
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^microcred_(tpl|test)_[0-9]+'`);
  for (const { datname } of rows) {
    const pid = Number(/^microcred_(?:tpl|test)_(\d+)/.exec(datname)![1]);
    if (pid === process.pid || alive(pid)) continue;
    await client.query(`ALTER DATABASE ${quoteIdent(datname)} WITH IS_TEMPLATE false`).catch(() => undefined);
    await dropDatabase(client, datname).catch(() => undefined);
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Integration tests need a Postgres at TEST_DATABASE_URL (${adminUrl}): ${reason}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(client: pg.Client, database: string) {
  // WITH (FORCE) ends leftover sessions (e.g. from an interrupted run); Postgres 13+.
  await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
}

/** CREATE DATABASE ... TEMPLATE, retried while a concurrent copy briefly holds the template. */
export async function createDatabaseFromTemplate(client: pg.Client, database: string, template: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)} TEMPLATE ${quoteIdent(template)}`);
      // A test database is thrown away after the run: its commits need not wait for the disk. Every
      // test writes many small transactions, and on a slow disk the flush is most of their time.
      await client.query(`ALTER DATABASE ${quoteIdent(database)} SET synchronous_commit = off`);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006'; // object_in_use
      if (!busy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

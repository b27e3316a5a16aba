// The embedded Postgres `npm run dev` starts (scripts/embedded/postgres.ts: PGlite behind
// pglite-socket). Its connections share one backend, and pglite-socket interleaved the messages of
// concurrent extended-protocol queries (Parse/Bind/Execute/Sync) from different connections: one
// query bound another's statement ("bind message supplies 2 parameters, but prepared statement
// requires 1") or, worse, returned its rows. The first catalogue page of a fresh `npm run dev` failed
// that way. patches/@electric-sql+pglite-socket+*.patch keeps a connection's batch together until
// its Sync; this checks it under the same kind of load the app puts on it (a pool of 4).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/embedded/postgres';

let server: EmbeddedPostgres;
let dir: string;
let pool: pg.Pool;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-pg-'));
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
  pool = new pg.Pool({ connectionString: server.url, max: 4 });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded Postgres under concurrent queries', () => {
  it('answers each parameterised query with its own statement and rows, from several connections at once', async () => {
    const wrong: string[] = [];
    const one = async (i: number) => {
      // Two shapes of statement, so a query bound to the other's would fail or answer wrongly.
      if (i % 2) {
        const r = await pool.query<{ v: number; t: string }>('SELECT $1::int + 1 AS v, repeat($2::text, 2) AS t', [i, 'ab']);
        if (r.rows.length !== 1 || r.rows[0].v !== i + 1 || r.rows[0].t !== 'abab') wrong.push(`#${i}: ${JSON.stringify(r.rows)}`);
      } else {
        const r = await pool.query<{ v: string }>('SELECT $1::text AS v', [`q${i}`]);
        if (r.rows.length !== 1 || r.rows[0].v !== `q${i}`) wrong.push(`#${i}: ${JSON.stringify(r.rows)}`);
      }
    };
    const results = [];
    for (let round = 0; round < 15; round++) results.push(...(await Promise.allSettled(Array.from({ length: 40 }, (_, k) => one(round * 40 + k)))));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(wrong).toEqual([]);
  }, 60_000);

  it('keeps a transaction on one connection while others query around it', async () => {
    await pool.query('CREATE TABLE IF NOT EXISTS t (n int)');
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const others = Promise.all(Array.from({ length: 20 }, (_, k) => pool.query('SELECT $1::int AS v', [k])));
      await c.query('INSERT INTO t (n) VALUES ($1)', [7]);
      await c.query('COMMIT');
      expect((await others).map((r) => r.rows[0].v)).toEqual(Array.from({ length: 20 }, (_, k) => k));
    } finally {
      c.release();
    }
    expect((await pool.query('SELECT n FROM t')).rows).toEqual([{ n: 7 }]);
  }, 60_000);
});

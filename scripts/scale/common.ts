// Shared by the scale scripts (seed-scale, bench, explain): where the scale database lives, the
// fixed secrets it was seeded with, and the demo logins the bench signs in as.
import pg from 'pg';

export const DEFAULT_SCALE_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/microcred_scale';

/** Written as the database comment by seed-scale: marks a database the scale scripts may wipe. */
export const SCALE_MARKER = 'microcred-scale-dataset';

// The scale database is a throwaway benchmark fixture: fixed secrets let the seed (which creates
// the issuer keys and signs a few hundred credentials) and the bench server agree without a file.
// Never use these anywhere else.
export const SCALE_AUTH_SECRET = 'scale-bench-auth-secret-not-for-production-0001';
export const SCALE_CREDENTIAL_KEY_SECRET = 'scale-bench-credential-key-secret-not-for-production';
export const SCALE_APP_URL = 'http://127.0.0.1:3300';

export const SCALE_PASSWORD = 'microcred-scale';
export const SCALE_TEACHER_EMAIL = 'scale-teacher@scale.test';
export const SCALE_REVIEWER_EMAIL = 'scale-reviewer@scale.test';

/** `--database-url`, else SCALE_DATABASE_URL, else DATABASE_URL, else the dedicated default. */
export function resolveScaleDatabaseUrl(flag?: string): { url: string; source: string } {
  if (flag) return { url: flag, source: '--database-url' };
  if (process.env.SCALE_DATABASE_URL) return { url: process.env.SCALE_DATABASE_URL, source: 'SCALE_DATABASE_URL' };
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'DATABASE_URL' };
  return { url: DEFAULT_SCALE_DATABASE_URL, source: 'default' };
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Tiny flag parser: `--name value`, `--name=value`, `--flag`. */
export function parseFlags(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      out.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      out.set(arg.slice(2), argv[++i]);
    } else {
      out.set(arg.slice(2), true);
    }
  }
  return out;
}

export function numberFlag(flags: Map<string, string | true>, name: string, fallback: number): number {
  const v = flags.get(name);
  if (v === undefined || v === true) return fallback;
  const n = Number(String(v).replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number (got "${v}")`);
  return n;
}

/** Whether the scale marker is on the database. */
export async function isScaleDatabase(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ d: string | null }>(`SELECT shobj_description(oid, 'pg_database') AS d FROM pg_database WHERE datname = current_database()`);
    return rows[0]?.d === SCALE_MARKER;
  } finally {
    await client.end();
  }
}

export const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const fmtInt = (n: number) => n.toLocaleString('en-US');

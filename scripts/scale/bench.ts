// `npm run bench [-- --duration 12 --connections 50 --only catalog,dashboard --strict]`
//
// Load-tests the production build against the scale database (`npm run seed:scale` first, and
// `npm run build`: this script builds nothing). Starts the app server (scripts/server.ts, what
// `npm start` runs) on a free loopback port with an
// embedded S3 in a temp folder, signs in as the scale demo users by minting Auth.js session cookies,
// warms up, then runs autocannon against each path in turn, prints a table, checks the targets and
// writes bench/results/<timestamp>.json. Exit code 0 unless --strict and a target fails.
//
// Client and server share the machine's cores: the numbers are a floor for a dedicated server.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { startEmbeddedS3, type EmbeddedS3 } from '../embedded/s3';
import { getEphemeralPort } from '../embedded/ports';
import { spawnAppServer } from '../embedded/launch';
import { workerCount } from '../workers';
import { cpuDelta, cpuSnapshot, load, percentile, processTree, waitForServer } from './http-load';
import {
  SCALE_AUTH_SECRET, SCALE_CREDENTIAL_KEY_SECRET, SCALE_REVIEWER_EMAIL, SCALE_TEACHER_EMAIL,
  fmtInt, isScaleDatabase, numberFlag, parseFlags, redact, resolveScaleDatabaseUrl,
} from './common';
import { OBJECTS, QUALIFIERS, TOPICS } from './words';

const HELP = `Usage: npm run bench -- [options]
  --database-url URL   scale database (default: SCALE_DATABASE_URL, DATABASE_URL, else .../microcred_scale)
  --duration S         seconds per path (default 12)
  --warmup S           seconds of warm-up per path (default 3)
  --connections N      concurrent connections (default 50)
  --pool N             DATABASE_POOL_MAX for the server (default: the app's default)
  --workers N          worker processes (WEB_CONCURRENCY; default: one per core, as npm start)
  --only a,b           run only these scenarios (static,catalog,catalog-browse,credential-page,catalog-signed-in,credential-page-signed-in,dashboard,dashboard-heavy,review,review-heavy,credential-json)
  --strict             exit 1 when a target fails`;

const P95_TARGET_MS = 100;
const SHARE_OF_CEILING = 0.3;
const CREDENTIAL_JSON_RPS = 1000;

type Scenario = {
  key: string;
  label: string;
  paths: string[];
  /** Session cookies, cycled per request alongside the paths. */
  cookies?: string[];
  dynamic: boolean;
  minRps?: number;
  /** Expected status; anything else is reported as an error. */
  expect?: number;
};

type Measured = {
  key: string;
  label: string;
  example: string;
  variants: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerReq: number;
  /** CPU time per request of the Next server process tree and of its Postgres backends (Linux only). */
  serverCpuMs: number | null;
  dbCpuMs: number | null;
  checks: { target: string; pass: boolean }[];
};

const log = (msg: string) => console.log(`[bench] ${msg}`);

async function probe(base: string, s: Scenario): Promise<{ status: number; bytes: number }> {
  const res = await fetch(`${base}${s.paths[0]}`, { redirect: 'manual', headers: s.cookies ? { cookie: s.cookies[0] } : {} });
  const body = await res.arrayBuffer();
  return { status: res.status, bytes: body.byteLength };
}

async function sessionCookie(client: pg.Client, email: string): Promise<{ cookie: string; userId: string }> {
  const { rows } = await client.query<{ id: string; name: string; sessionVersion: number }>(`SELECT id, name, "sessionVersion" FROM "User" WHERE email = $1`, [email]);
  if (!rows.length) throw new Error(`${email} is missing: is this a scale database (npm run seed:scale)?`);
  const u = rows[0];
  // Exactly what the jwt callback stores after a credentials sign-in (lib/auth/config.ts).
  const token = await encode({ token: { sub: u.id, sv: u.sessionVersion, name: u.name, email }, secret: SCALE_AUTH_SECRET, salt: 'authjs.session-token', maxAge: 60 * 60 * 24 });
  return { cookie: `authjs.session-token=${token}`, userId: u.id };
}

async function sessionCookies(client: pg.Client, sql: string): Promise<string[]> {
  const { rows } = await client.query<{ email: string }>(sql);
  const out: string[] = [];
  for (const r of rows) out.push((await sessionCookie(client, r.email)).cookie);
  return out;
}

/** Postgres backend pids serving the scale database (for the CPU split; the bench's own client excluded). */
async function backendPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/** Waits (up to 90 s) until no query of the scale database is running. */
async function drain(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (let i = 0; i < 360; i++) {
      const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`);
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await c.end();
  }
}

/** The static ceiling: the force-static /robots.txt route when the build has it, else a static asset. */
function staticCeilingPath(): { path: string; what: string } {
  const manifest = JSON.parse(fs.readFileSync('.next/app-path-routes-manifest.json', 'utf8')) as Record<string, string>;
  if (Object.values(manifest).includes('/robots.txt')) return { path: '/robots.txt', what: 'app/(static)/robots.txt (force-static route, prerendered at build)' };
  const cssDir = '.next/static/css';
  const chunksDir = '.next/static/chunks';
  const dir = fs.existsSync(cssDir) ? cssDir : chunksDir;
  const file = fs.readdirSync(dir).filter((f) => /\.(css|js)$/.test(f)).sort()[0];
  return { path: `/_next/static/${path.basename(dir)}/${file}`, what: `a build asset (this build has no /robots.txt route; rebuild to use it)` };
}

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  if (!fs.existsSync('.next/BUILD_ID')) {
    console.error('[bench] no production build in .next: run `npm run build` first (the bench builds nothing itself).');
    return 1;
  }
  const duration = numberFlag(flags, 'duration', 12);
  const warmup = numberFlag(flags, 'warmup', 3);
  const connections = numberFlag(flags, 'connections', 50);
  const only = typeof flags.get('only') === 'string' ? new Set(String(flags.get('only')).split(',')) : null;
  const { url: databaseUrl, source } = resolveScaleDatabaseUrl(typeof flags.get('database-url') === 'string' ? String(flags.get('database-url')) : undefined);
  log(`database ${redact(databaseUrl)} (from ${source})`);
  if (!(await isScaleDatabase(databaseUrl))) {
    console.error('[bench] that database has no scale marker: run `npm run seed:scale` (or pass --database-url) first.');
    return 1;
  }

  // Inputs: the scale demo users and realistic variety for each path.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const teacher = await sessionCookie(db, SCALE_TEACHER_EMAIL);
  const reviewer = await sessionCookie(db, SCALE_REVIEWER_EMAIL);
  // Typical users next to the heavy demo ones: random teachers with enrolments, and reviewers
  // qualified for one issuer's credentials.
  const teachers = await sessionCookies(db, `SELECT u.email FROM "User" u WHERE u.email LIKE 'teacher%@scale.test' AND EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."userId" = u.id) ORDER BY md5(u.id) LIMIT 200`);
  const reviewers = await sessionCookies(db, `SELECT u.email FROM "User" u WHERE u.email LIKE 'reviewer%@scale.test' ORDER BY md5(u.id) LIMIT 50`);
  const slugs = (await db.query<{ slug: string }>(`SELECT slug FROM "MicroCredential" WHERE status = 'PUBLISHED' ORDER BY md5(id) LIMIT 300`)).rows.map((r) => r.slug);
  // Every really signed award (base58 proof values; the bulk ones are hex), plus a random spread of
  // bulk ones, whose stored JSON has the same shape and size.
  const awardIds = (await db.query<{ id: string }>(`
    (SELECT id::text FROM "Award" WHERE "credential"->'proof'->0->>'proofValue' ~ '[A-Z]')
    UNION ALL (SELECT id::text FROM "Award" TABLESAMPLE SYSTEM (1) LIMIT 3000)`)).rows.map((r) => r.id);
  const counts = (await db.query<{ t: string; n: string }>(`
    SELECT 'submissions' AS t, reltuples::bigint::text AS n FROM pg_class WHERE relname = 'Submission'
    UNION ALL SELECT 'awards', reltuples::bigint::text FROM pg_class WHERE relname = 'Award'
    UNION ALL SELECT 'users', reltuples::bigint::text FROM pg_class WHERE relname = 'User'
    UNION ALL SELECT 'catalog entries', count(*)::text FROM "CatalogEntry"`)).rows;
  await db.end();

  const words = ['feedback', 'peer feedback', 'science inquiry', 'multilingual learners', 'formative assessment', 'leadership', 'rubric', 'discussion',
    'literacy', 'project-based learning', 'mathematics reasoning', 'students with disabilities', 'exit tickets', 'digital portfolios', '"lesson study"',
    'coaching -remote', 'families', 'growth mindset', 'questioning strategies', 'restorative circles'];
  const queries = [...words, ...OBJECTS.slice(0, 20), ...TOPICS.slice(0, 10).map((t) => t.toLowerCase()), ...QUALIFIERS.slice(0, 10).map((q) => q.split(' ').slice(-2).join(' '))];
  const ceiling = staticCeilingPath();

  const all: Scenario[] = [
    { key: 'static', label: 'static ceiling', paths: [ceiling.path], dynamic: false },
    { key: 'catalog', label: 'catalogue search (anonymous)', paths: queries.map((q) => `/catalog?q=${encodeURIComponent(q)}`), dynamic: true },
    { key: 'catalog-browse', label: 'catalogue browse+filter (anon.)', paths: ['/catalog', '/catalog?level=2', '/catalog?gradeBand=6-8', '/catalog?kind=STACK', '/catalog?subject=Science', '/catalog?maxHours=5'], dynamic: true },
    { key: 'credential-page', label: 'micro-credential page (anonymous)', paths: slugs.map((s) => `/micro-credentials/${s}`), dynamic: true },
    // The same pages for signed-in teachers, who always bypass the anonymous page cache: what a
    // render costs (and what a cache miss costs an anonymous visitor).
    { key: 'catalog-signed-in', label: 'catalogue search, signed in', paths: queries.map((q) => `/catalog?q=${encodeURIComponent(q)}`), cookies: teachers, dynamic: true },
    { key: 'credential-page-signed-in', label: 'micro-credential page, signed in', paths: slugs.map((s) => `/micro-credentials/${s}`), cookies: teachers, dynamic: true },
    { key: 'dashboard', label: 'dashboard, typical teachers', paths: ['/dashboard'], cookies: teachers, dynamic: true },
    { key: 'dashboard-heavy', label: 'dashboard, 150-enrolment teacher', paths: ['/dashboard'], cookies: [teacher.cookie], dynamic: true },
    { key: 'credential-json', label: 'credential.json', paths: awardIds.map((id) => `/credentials/${id}/credential.json`), dynamic: true, minRps: CREDENTIAL_JSON_RPS },
    { key: 'review', label: 'review queue, typical reviewers', paths: ['/review'], cookies: reviewers, dynamic: true },
    { key: 'review-heavy', label: 'review queue, 10-issuer reviewer', paths: ['/review'], cookies: [reviewer.cookie], dynamic: true },
  ];
  const scenarios = all.filter((s) => !only || only.has(s.key) || s.key === 'static');

  // Server: production build, scale database, embedded S3 in a temp folder, no job worker.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'microcred-bench-'));
  let s3: EmbeddedS3 | undefined;
  let server: ChildProcess | undefined;
  const cleanup = async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    await s3?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    s3 = await startEmbeddedS3({ dataDir: path.join(tmp, 's3'), port: 0 });
    const port = await getEphemeralPort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...s3.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      APP_URL: base,
      AUTH_URL: base,
      AUTH_TRUST_HOST: 'true',
      AUTH_SECRET: SCALE_AUTH_SECRET,
      CREDENTIAL_KEY_SECRET: SCALE_CREDENTIAL_KEY_SECRET,
      JOB_WORKER: 'off',
      DEMO_MODE: 'false',
    };
    if (flags.has('pool')) env.DATABASE_POOL_MAX = String(numberFlag(flags, 'pool', 10));
    // Worker processes, as `npm start` runs them: one per core unless --workers (or WEB_CONCURRENCY) says.
    if (flags.has('workers')) env.WEB_CONCURRENCY = String(numberFlag(flags, 'workers', 1));
    log(`starting the app server (scripts/server.ts, ${workerCount(env.WEB_CONCURRENCY)} workers) on ${base} (build ${fs.readFileSync('.next/BUILD_ID', 'utf8').trim()})`);
    const serverLog = fs.createWriteStream(path.join(tmp, 'server.log'));
    server = spawnAppServer({ port, host: '127.0.0.1', env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout?.pipe(serverLog);
    server.stderr?.pipe(serverLog);
    await waitForServer(`${base}/catalog`, server);

    for (const s of scenarios) {
      const p = await probe(base, s);
      if (p.status !== 200) {
        const logText = fs.readFileSync(path.join(tmp, 'server.log'), 'utf8').slice(-3000);
        throw new Error(`${s.label}: ${s.paths[0]} answered ${p.status}, expected 200 (a sign-in redirect means the session cookie was refused)\n${logText}`);
      }
    }
    log(`probes OK; ${scenarios.length} paths x (${warmup} s warm-up + ${duration} s) at ${connections} connections`);

    const measured: Measured[] = [];
    for (const s of scenarios) {
      // Requests still running from the previous path (autocannon stops waiting, the server does not)
      // must not be billed to this one.
      await drain(databaseUrl);
      if (warmup > 0) await load(base, s, Math.min(10, connections), warmup, false);
      await drain(databaseUrl);
      const serverPids = server.pid ? processTree(server.pid) : [];
      const dbPids = await backendPids(databaseUrl);
      const cpuBefore = { server: cpuSnapshot(serverPids), db: cpuSnapshot(dbPids) };
      const started = performance.now();
      const { result, latencies } = await load(base, s, connections, duration, true);
      const dbPidsAfter = [...new Set([...dbPids, ...(await backendPids(databaseUrl))])];
      const serverCpu = serverPids.length ? cpuDelta(cpuBefore.server, cpuSnapshot(serverPids)) : null;
      const dbCpu = dbPidsAfter.length ? cpuDelta(cpuBefore.db, cpuSnapshot(dbPidsAfter)) : null;
      const sorted = Float64Array.from(latencies).sort();
      const seconds = (performance.now() - started) / 1000;
      const m: Measured = {
        key: s.key, label: s.label, example: s.paths[0], variants: s.paths.length,
        requests: result.requests.total, rps: result.requests.total / Math.max(seconds, result.duration || seconds),
        p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Infinity,
        non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts,
        bytesPerReq: result.requests.total ? result.throughput.total / result.requests.total : 0,
        serverCpuMs: serverCpu !== null && result.requests.total ? serverCpu / result.requests.total : null,
        dbCpuMs: dbCpu !== null && result.requests.total ? dbCpu / result.requests.total : null,
        checks: [],
      };
      measured.push(m);
      log(`${s.label.padEnd(34)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(0)} ms  p95 ${m.p95.toFixed(0)} ms  p99 ${m.p99.toFixed(0)} ms  cpu/req app ${m.serverCpuMs?.toFixed(1) ?? '?'} ms db ${m.dbCpuMs?.toFixed(1) ?? '?'} ms${m.non2xx || m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : ''}`);
    }

    // Targets.
    const ceilingRps = measured.find((m) => m.key === 'static')?.rps ?? NaN;
    for (const m of measured) {
      const s = scenarios.find((x) => x.key === m.key)!;
      if (m.non2xx || m.errors || m.timeouts) m.checks.push({ target: 'no errors', pass: false });
      if (s.dynamic) {
        m.checks.push({ target: `p95 < ${P95_TARGET_MS} ms`, pass: m.p95 < P95_TARGET_MS });
        if (s.minRps) m.checks.push({ target: `>= ${fmtInt(s.minRps)} req/s`, pass: m.rps >= s.minRps });
        else m.checks.push({ target: `>= ${SHARE_OF_CEILING * 100}% of ceiling (${(ceilingRps * SHARE_OF_CEILING).toFixed(0)} req/s)`, pass: m.rps >= ceilingRps * SHARE_OF_CEILING });
      }
    }

    console.log('');
    console.log(`Static ceiling: ${ceiling.path} = ${ceiling.what}`);
    const header = ['path', 'req/s', '% ceil', 'p50 ms', 'p95 ms', 'p99 ms', 'KB/req', 'app cpu', 'db cpu', 'targets'];
    const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : `>${duration * 1000}`);
    const rows = measured.map((m) => [
      m.label, m.rps.toFixed(0), m.key === 'static' ? '100%' : `${((m.rps / ceilingRps) * 100).toFixed(0)}%`, ms(m.p50), ms(m.p95), ms(m.p99),
      (m.bytesPerReq / 1024).toFixed(1), m.serverCpuMs === null ? '?' : m.serverCpuMs.toFixed(1), m.dbCpuMs === null ? '?' : m.dbCpuMs.toFixed(1), m.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.target}`).join('; ') || '(ceiling)',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log('(KB/req: compressed bytes on the wire; app cpu / db cpu: CPU ms per request of the Next server and of its Postgres backends)');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    console.log('');

    let commit = 'unknown';
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // not a git checkout
    }
    const out = {
      at: new Date().toISOString(),
      commit,
      buildId: fs.readFileSync('.next/BUILD_ID', 'utf8').trim(),
      machine: { loadAverage: os.loadavg(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
      database: { url: redact(databaseUrl), counts: Object.fromEntries(counts.map((c) => [c.t, Number(c.n)])) },
      settings: { connections, duration, warmup, pool: env.DATABASE_POOL_MAX ?? 'default', workers: workerCount(env.WEB_CONCURRENCY), staticCeiling: ceiling },
      targets: { p95Ms: P95_TARGET_MS, shareOfCeiling: SHARE_OF_CEILING, credentialJsonRps: CREDENTIAL_JSON_RPS },
      results: measured,
    };
    fs.mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `${out.at.replace(/[:.]/g, '-')}.json`);
    // Infinity (no response within the run) is written as null.
    fs.writeFileSync(file, `${JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
    log(`wrote ${file}`);
    const failed = measured.some((m) => m.checks.some((c) => !c.pass));
    log(failed ? 'some targets FAILED' : 'all targets PASS');
    return failed && flags.has('strict') ? 1 : 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

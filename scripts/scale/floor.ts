// `npm run bench:floor [-- --workers 2 --duration 12 --connections 50]`
//
// The framework's own floor on this machine: what an EMPTY Next.js app, same Next and React as this
// one, served by the same server (scripts/server.ts, same worker count), answers under the load
// `npm run bench` applies. Two paths:
//   - a static route (`force-static`, prerendered at build): the ceiling, as /robots.txt is in the bench;
//   - an empty dynamic page: a root layout with <html><body>, and a page that awaits `connection()`
//     and prints a heading. No database, no session, no proxy, no CSS.
// Every page of this app that depends on who is signed in is at least this dynamic page plus its
// own work, so if the empty page misses a target, no personal page of an App Router app can meet it
// here. The app is written to <tmp>/microcred-bench-floor/ (outside this repository: inside it, Next
// would pick up this app's proxy.ts and instrumentation.ts) with a link to this node_modules, and
// built there (about 20 s) unless --no-build and a build exists. Writes bench/results/floor-*.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getEphemeralPort } from '../embedded/ports';
import { binPath } from '../embedded/launch';
import { workerCount } from '../workers';
import { numberFlag, parseFlags } from './common';
import { cpuDelta, cpuSnapshot, load, percentile, processTree, waitForServer } from './http-load';

const HELP = `Usage: npm run bench:floor -- [options]
  --workers N          worker processes (WEB_CONCURRENCY; default: one per core, as npm start)
  --duration S         seconds per path (default 12)
  --warmup S           seconds of warm-up per path (default 3)
  --connections N      concurrent connections (default 50)
  --no-build           reuse the build in <tmp>/microcred-bench-floor if there is one`;

// The bench's targets (scripts/scale/bench.ts).
const P95_TARGET_MS = 100;
const SHARE_OF_CEILING = 0.3;

const ROOT = process.cwd();
const APP_DIR = path.join(os.tmpdir(), 'microcred-bench-floor');

/** The deepest folder holding both paths: Turbopack compiles nothing outside its root. */
function commonAncestor(a: string, b: string): string {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join(path.sep) || path.sep;
}
const MODULES = fs.realpathSync(path.join(ROOT, 'node_modules'));

const FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'bench-floor', private: true }, null, 2)}\n`,
  // node_modules is a link to this repository's: Turbopack's root must hold both.
  'next.config.ts': `const config = { poweredByHeader: false, turbopack: { root: ${JSON.stringify(commonAncestor(APP_DIR, MODULES))} } };\nexport default config;\n`,
  'tsconfig.json': `${JSON.stringify({
    compilerOptions: { target: 'ES2023', lib: ['dom', 'esnext'], strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', isolatedModules: true, skipLibCheck: true, esModuleInterop: true, plugins: [{ name: 'next' }] },
    include: ['**/*.ts', '**/*.tsx'],
    exclude: ['node_modules'],
  }, null, 2)}\n`,
  'app/layout.tsx': `import type { ReactNode } from 'react';
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/empty/page.tsx': `import { connection } from 'next/server';
export default async function Empty() {
  await connection();
  return <h1>Empty dynamic page</h1>;
}
`,
  'app/static.txt/route.ts': `export const dynamic = 'force-static';
export function GET() {
  return new Response('static\\n', { headers: { 'content-type': 'text/plain' } });
}
`,
};

const log = (msg: string) => console.log(`[bench:floor] ${msg}`);

function writeApp() {
  for (const [file, text] of Object.entries(FILES)) {
    const full = path.join(APP_DIR, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (!fs.existsSync(full) || fs.readFileSync(full, 'utf8') !== text) fs.writeFileSync(full, text);
  }
  const link = path.join(APP_DIR, 'node_modules');
  if (!fs.existsSync(link)) fs.symlinkSync(MODULES, link, 'dir');
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.has('help')) {
    console.log(HELP);
    return 0;
  }
  const duration = numberFlag(flags, 'duration', 12);
  const warmup = numberFlag(flags, 'warmup', 3);
  const connections = numberFlag(flags, 'connections', 50);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1' };
  if (flags.has('workers')) env.WEB_CONCURRENCY = String(numberFlag(flags, 'workers', 1));
  const workers = workerCount(env.WEB_CONCURRENCY);

  writeApp();
  if (!flags.has('no-build') || !fs.existsSync(path.join(APP_DIR, '.next', 'BUILD_ID'))) {
    log(`building the empty app in ${APP_DIR}`);
    execFileSync(binPath('next'), ['build'], { cwd: APP_DIR, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  }

  const port = await getEphemeralPort();
  const base = `http://127.0.0.1:${port}`;
  env.PORT = String(port);
  log(`starting scripts/server.ts (${workers} workers) on ${base}`);
  const server = spawn(binPath('tsx'), [path.join(ROOT, 'scripts/server.ts')], { cwd: APP_DIR, env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitForServer(`${base}/static.txt`, server, { ready: (status) => status === 200 });
    const rows: { key: string; label: string; path: string; rps: number; p50: number; p95: number; p99: number; cpuMs: number | null; errors: number }[] = [];
    for (const [key, label, p] of [['static', 'static route (ceiling)', '/static.txt'], ['empty', 'empty dynamic page', '/empty']] as const) {
      const target = { paths: [p] };
      if (warmup > 0) await load(base, target, Math.min(10, connections), warmup, false);
      const pids = server.pid ? processTree(server.pid) : [];
      const before = cpuSnapshot(pids);
      const started = performance.now();
      const { result, latencies } = await load(base, target, connections, duration, true);
      const seconds = (performance.now() - started) / 1000;
      const cpu = pids.length ? cpuDelta(before, cpuSnapshot(pids)) : null;
      const sorted = Float64Array.from(latencies).sort();
      const total = result.requests.total;
      rows.push({
        key, label, path: p, rps: total / Math.max(seconds, result.duration || seconds),
        p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
        cpuMs: cpu !== null && total ? cpu / total : null, errors: result.errors + result.non2xx + result.timeouts,
      });
      const r = rows[rows.length - 1];
      log(`${label.padEnd(24)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  cpu/req ${r.cpuMs?.toFixed(2) ?? '?'} ms${r.errors ? `  (${r.errors} errors)` : ''}`);
    }
    const [ceiling, empty] = rows;
    const share = empty.rps / ceiling.rps;
    const checks = [
      { target: `p95 < ${P95_TARGET_MS} ms`, pass: empty.p95 < P95_TARGET_MS },
      { target: `>= ${SHARE_OF_CEILING * 100}% of ceiling`, pass: share >= SHARE_OF_CEILING },
    ];
    console.log('');
    console.log(`Empty Next ${nextVersion()} app, ${workers} workers, ${connections} connections, ${duration} s per path:`);
    console.log(`  static route    ${ceiling.rps.toFixed(0).padStart(6)} req/s   p95 ${ceiling.p95.toFixed(0).padStart(4)} ms   ${ceiling.cpuMs?.toFixed(2) ?? '?'} ms CPU per request`);
    console.log(`  empty dynamic   ${empty.rps.toFixed(0).padStart(6)} req/s   p95 ${empty.p95.toFixed(0).padStart(4)} ms   ${empty.cpuMs?.toFixed(2) ?? '?'} ms CPU per request   ${(share * 100).toFixed(0)}% of the static route`);
    console.log(`  the bench's targets for a dynamic page, met by an empty one: ${checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.target}`).join('; ')}`);
    console.log('');
    const at = new Date().toISOString();
    const out = {
      at,
      machine: { loadAverage: os.loadavg(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
      next: nextVersion(),
      settings: { workers, connections, duration, warmup },
      results: rows,
      shareOfCeiling: share,
      checks,
    };
    fs.mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `floor-${at.replace(/[:.]/g, '-')}.json`);
    fs.writeFileSync(file, `${JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`);
    log(`wrote ${file}`);
    return 0;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill('SIGKILL');
  }
}

function nextVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/next/package.json'), 'utf8')) as { version: string }).version;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[bench:floor] failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

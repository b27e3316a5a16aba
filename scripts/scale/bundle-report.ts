// `npm run bench:bundle [-- --budget-kb 100 --strict --url http://127.0.0.1:3000]`
// (package.json: "bench:bundle": "tsx scripts/scale/bundle-report.ts")
//
// Client JavaScript per route, compressed as a browser receives it, in two parts:
//
// 1. The app as signed-in people get it: Next 16 prints no First Load JS; it writes
//    .next/diagnostics/route-bundle-stats.json (route -> chunk paths), which this reads from an
//    existing build (it never builds: run `npm run build` first).
// 2. What an anonymous visitor downloads on the budgeted public pages, from a running production
//    server: public pages reach them as plain HTML without the client runtime (ADR 007), so this
//    fetches each page the way a browser does and counts the scripts it would load. With `--url`
//    it measures that server; without, it starts one on the current build against a throwaway
//    database seeded with the demo content (scripts/e2e-server.ts, `microcred_bundle`).
//
// Each chunk is gzipped (level 9) and brotli-compressed (quality 11) once. The budget applies to
// the public pages a visitor lands on (the catalogue, a micro-credential, an issued credential):
// the anonymous download is the criterion, gzip as the encoding.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { numberFlag, parseFlags } from './common';
import { binPath, terminate } from '../embedded/launch';

type RouteStats = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

const STATS = '.next/diagnostics/route-bundle-stats.json';
// Public pages that must stay light: the catalogue, credential definitions and issued credentials.
const BUDGETED = ['/catalog', '/micro-credentials/[slug]', '/credentials/[id]'];

const kb = (n: number) => (n / 1024).toFixed(1);

type Size = { raw: number; gzip: number; brotli: number };
const sizes = new Map<string, Size>();
function fileSize(p: string): Size {
  let s = sizes.get(p);
  if (!s) {
    const buf = fs.readFileSync(p);
    s = {
      raw: buf.byteLength,
      gzip: gzipSync(buf, { level: 9 }).byteLength,
      brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.byteLength } }).byteLength,
    };
    sizes.set(p, s);
  }
  return s;
}
const sum = (paths: Iterable<string>, size: (p: string) => Size = fileSize) =>
  [...paths].reduce((acc, p) => {
    const s = size(p);
    return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
  }, { raw: 0, gzip: 0, brotli: 0 });
const compressedText = (text: string): Size => {
  const buf = Buffer.from(text);
  return { raw: buf.byteLength, gzip: gzipSync(buf, { level: 9 }).byteLength, brotli: brotliCompressSync(buf).byteLength };
};

/** Part 1: the hydrated app's first-load JS per route, from the build. */
function buildReport(): boolean {
  if (!fs.existsSync(STATS)) {
    console.error(`[bundle] ${STATS} not found: run \`npm run build\` first (this script reads an existing build).`);
    return false;
  }
  const stats = JSON.parse(fs.readFileSync(STATS, 'utf8')) as RouteStats[];
  const rows = stats.map((r) => {
    const missing = r.firstLoadChunkPaths.filter((p) => !fs.existsSync(p));
    if (missing.length) throw new Error(`${r.route}: ${missing.length} chunk(s) missing (${missing[0]}): is a build running? Try again after it finishes.`);
    return { route: r.route, chunks: r.firstLoadChunkPaths.length, ...sum(r.firstLoadChunkPaths) };
  }).sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));
  // The part every route shares (framework, React, layout): what a route adds is on top of it.
  const shared = stats.map((s) => new Set(s.firstLoadChunkPaths)).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const sharedSize = sum(shared);

  const width = Math.max(...rows.map((r) => r.route.length), 5);
  console.log(`1. The app as signed-in people load it: first-load client JS per route (build ${fs.readFileSync('.next/BUILD_ID', 'utf8').trim()}), kB = 1024 bytes`);
  console.log(`${'route'.padEnd(width)}  chunks   raw kB  gzip kB  brotli kB`);
  for (const r of rows) {
    console.log(`${r.route.padEnd(width)}  ${String(r.chunks).padStart(6)}  ${kb(r.raw).padStart(7)}  ${kb(r.gzip).padStart(7)}  ${kb(r.brotli).padStart(9)}`);
  }
  console.log(`${'(shared by all)'.padEnd(width)}  ${String(shared.size).padStart(6)}  ${kb(sharedSize.raw).padStart(7)}  ${kb(sharedSize.gzip).padStart(7)}  ${kb(sharedSize.brotli).padStart(9)}`);
  return true;
}

/** Starts the production build on a throwaway database with the demo content; resolves with its origin. */
async function startDemoServer(): Promise<{ origin: string; child: ChildProcess }> {
  const port = 3190 + Math.floor(Math.random() * 50);
  const child = spawn(binPath('tsx'), ['scripts/e2e-server.ts'], {
    env: { ...process.env, E2E_PORT: String(port), E2E_DATABASE_URL: process.env.BUNDLE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/microcred_bundle' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo server exited (${child.exitCode})`);
    try {
      if ((await fetch(`${origin}/robots.txt`)).ok) return { origin, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  await terminate(child);
  throw new Error('the demo server did not start within 3 minutes');
}

const SCRIPT_SRC = /<script\b(?![^>]*\bnomodule)[^>]*\bsrc="([^"]+)"[^>]*>/gi;
const MODULE_PRELOAD = /<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>/gi;

/** Part 2: what an anonymous visitor downloads on each budgeted page of a running server. */
async function anonymousReport(origin: string, budget: number): Promise<{ route: string; ok: boolean }[]> {
  const html = async (path: string) => {
    const res = await fetch(`${origin}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return { text: await res.text(), cache: res.headers.get('x-page-cache') ?? '-' };
  };
  // One real page of each kind, found by following the app's own links.
  const catalog = (await html('/catalog')).text;
  const slug = /href="\/micro-credentials\/([a-z0-9-]+)"/.exec(catalog)?.[1];
  // The demo teacher's public portfolio (prisma/seed.ts) links her issued credentials.
  const portfolio = await fetch(`${origin}/u/maya-okafor`).then((r) => r.text());
  const credential = /href="(\/credentials\/[0-9a-f-]{36})"/.exec(portfolio)?.[1];
  const pages: [string, string | undefined][] = [['/catalog', '/catalog'], ['/micro-credentials/[slug]', slug && `/micro-credentials/${slug}`], ['/credentials/[id]', credential]];

  console.log(`\n2. What an anonymous visitor downloads (${origin}), kB = 1024 bytes`);
  console.log(`${'route'.padEnd(26)}  cache  scripts  JS gzip kB  JS brotli kB  HTML gzip kB  budget`);
  const out: { route: string; ok: boolean }[] = [];
  for (const [route, path] of pages) {
    if (!path) {
      console.log(`${route.padEnd(26)}  (no such page in this database)`);
      out.push({ route, ok: false });
      continue;
    }
    await html(path); // the first visit fills the cache; measure what the next visitor gets
    const page = await html(path);
    const srcs = [...page.text.matchAll(SCRIPT_SRC), ...page.text.matchAll(MODULE_PRELOAD)].map((m) => m[1]);
    const files = new Set(srcs.map((src) => (src.startsWith('/_next/') ? `.next/${src.slice('/_next/'.length)}` : `public${src}`)));
    const js = sum(files);
    const doc = compressedText(page.text);
    const ok = js.gzip <= budget;
    console.log(`${route.padEnd(26)}  ${page.cache.padEnd(5)}  ${String(files.size).padStart(7)}  ${kb(js.gzip).padStart(10)}  ${kb(js.brotli).padStart(12)}  ${kb(doc.gzip).padStart(12)}  ${ok ? 'PASS' : 'FAIL'} (${ok ? '<=' : '>'} ${kb(budget)} gzip)`);
    out.push({ route, ok });
  }
  return out;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const budget = numberFlag(flags, 'budget-kb', 100) * 1024;
  if (!buildReport()) return 1;
  const url = flags.get('url');
  let server: { origin: string; child: ChildProcess } | undefined;
  try {
    if (typeof url !== 'string') {
      console.log('\nstarting the production build on a throwaway demo database (scripts/e2e-server.ts) ...');
      server = await startDemoServer();
    }
    const results = await anonymousReport(typeof url === 'string' ? url.replace(/\/$/, '') : server!.origin, budget);
    const failed = results.filter((r) => !r.ok);
    console.log(failed.length ? `\nFAIL: ${failed.map((r) => r.route).join(', ')} over ${kb(budget)} kB of JS for an anonymous visitor` : `\nPASS: ${BUDGETED.join(', ')} ship under ${kb(budget)} kB of compressed JS to anonymous visitors`);
    return failed.length && flags.has('strict') ? 1 : 0;
  } finally {
    await terminate(server?.child);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('[bundle]', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

// `npm run bench:bundle [-- --budget-kb 100 --strict]`
// (package.json: "bench:bundle": "tsx scripts/scale/bundle-report.ts")
//
// First-load client JavaScript per route, compressed as a browser receives it. Next 16 prints no
// First Load JS; it writes .next/diagnostics/route-bundle-stats.json (route -> chunk paths), which
// this reads from an existing build (it never builds: run `npm run build` first). Each chunk is
// gzipped (level 9) and brotli-compressed (quality 11) once; a route's size is the sum over its
// chunks. Checks the public pages a visitor lands on against the budget.
import fs from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { numberFlag, parseFlags } from './common';

type RouteStats = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

const STATS = '.next/diagnostics/route-bundle-stats.json';
// Public pages that must stay light: the catalogue, credential definitions and issued credentials.
const BUDGETED = ['/catalog', '/micro-credentials/[slug]', '/credentials/[id]'];

const kb = (n: number) => (n / 1024).toFixed(1);

function main(): number {
  const flags = parseFlags(process.argv.slice(2));
  const budget = numberFlag(flags, 'budget-kb', 100) * 1024;
  if (!fs.existsSync(STATS)) {
    console.error(`[bundle] ${STATS} not found: run \`npm run build\` first (this script reads an existing build).`);
    return 1;
  }
  const stats = JSON.parse(fs.readFileSync(STATS, 'utf8')) as RouteStats[];
  const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();
  const chunkSize = (p: string) => {
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
  };

  const rows = stats.map((r) => {
    const missing = r.firstLoadChunkPaths.filter((p) => !fs.existsSync(p));
    if (missing.length) throw new Error(`${r.route}: ${missing.length} chunk(s) missing (${missing[0]}): is a build running? Try again after it finishes.`);
    const total = r.firstLoadChunkPaths.reduce((acc, p) => {
      const s = chunkSize(p);
      return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
    }, { raw: 0, gzip: 0, brotli: 0 });
    return { route: r.route, chunks: r.firstLoadChunkPaths.length, ...total };
  }).sort((a, b) => b.gzip - a.gzip || a.route.localeCompare(b.route));

  // The part every route shares (framework, React, layout): what a route adds is on top of it.
  const shared = stats.map((s) => new Set(s.firstLoadChunkPaths)).reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
  const sharedSize = [...shared].reduce((acc, p) => {
    const s = chunkSize(p);
    return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip, brotli: acc.brotli + s.brotli };
  }, { raw: 0, gzip: 0, brotli: 0 });

  const width = Math.max(...rows.map((r) => r.route.length), 5);
  console.log(`First-load client JS per route (build ${fs.readFileSync('.next/BUILD_ID', 'utf8').trim()}), kB = 1024 bytes`);
  console.log(`${'route'.padEnd(width)}  chunks   raw kB  gzip kB  brotli kB  budget`);
  for (const r of rows) {
    const budgeted = BUDGETED.includes(r.route);
    const check = budgeted ? (r.gzip <= budget ? `PASS (< ${kb(budget)} gzip)` : `FAIL (> ${kb(budget)} gzip)`) : '';
    console.log(`${r.route.padEnd(width)}  ${String(r.chunks).padStart(6)}  ${kb(r.raw).padStart(7)}  ${kb(r.gzip).padStart(7)}  ${kb(r.brotli).padStart(9)}  ${check}`);
  }
  console.log(`${'(shared by all)'.padEnd(width)}  ${String(shared.size).padStart(6)}  ${kb(sharedSize.raw).padStart(7)}  ${kb(sharedSize.gzip).padStart(7)}  ${kb(sharedSize.brotli).padStart(9)}`);

  const failed = rows.filter((r) => BUDGETED.includes(r.route) && r.gzip > budget);
  const absent = BUDGETED.filter((b) => !rows.some((r) => r.route === b));
  if (absent.length) console.log(`\nnot in this build: ${absent.join(', ')}`);
  console.log(failed.length ? `\nFAIL: ${failed.map((r) => `${r.route} ${kb(r.gzip)} kB gzip / ${kb(r.brotli)} kB brotli`).join(', ')} over ${kb(budget)} kB` : `\nPASS: ${BUDGETED.join(', ')} under ${kb(budget)} kB compressed`);
  return failed.length && flags.has('strict') ? 1 : 0;
}

process.exit(main());

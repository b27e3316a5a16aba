// Shared by the load benches (bench.ts, floor.ts): autocannon runs with exact latency percentiles,
// and the CPU time of process trees read from /proc.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import autocannon, { type Result } from 'autocannon';

/** What one load run requests: `paths` in turn, and `cookies` (if any) cycled alongside. */
export type LoadTarget = { paths: string[]; cookies?: string[] };

// No response at all within the run: every request took longer than the run itself.
export function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Infinity;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** One autocannon run cycling through `paths`, with exact latency percentiles from every response. */
export async function load(base: string, s: LoadTarget, connections: number, duration: number, record: boolean) {
  let next = 0;
  const latencies: number[] = [];
  // Browsers ask for compressed responses; Next compresses (gzip) in-process unless a proxy does it.
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, br', accept: 'text/html,application/json' };
  const instance = autocannon({
    url: base,
    connections,
    duration,
    timeout: 30,
    headers,
    requests: [{
      setupRequest: (req) => {
        const i = next++;
        const out = { ...req, path: s.paths[i % s.paths.length] };
        if (s.cookies?.length) out.headers = { ...headers, cookie: s.cookies[i % s.cookies.length] };
        return out;
      },
    }],
  });
  if (record) instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result: Result = await instance;
  return { result, latencies };
}

const CLK_TCK = 100; // Linux USER_HZ

/** utime + stime of a process in ms, from /proc (null where /proc is unavailable). */
export function procCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return null;
  }
}

/** The process and all its descendants (next start may fork its server). */
export function processTree(root: number): number[] {
  if (!fs.existsSync('/proc')) return [];
  const parents = new Map<number, number>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      parents.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parents) if (ppid === out[i]) out.push(pid);
  return out;
}

/** CPU of a set of processes, keyed by pid, so a process that appears later counts from zero. */
export function cpuSnapshot(pids: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const pid of pids) {
    const c = procCpuMs(pid);
    if (c !== null) m.set(pid, c);
  }
  return m;
}

export function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, c] of after) total += c - (before.get(pid) ?? 0);
  return total;
}

/**
 * Waits (up to `timeoutMs`) until `url` answers with a status `ready` accepts (by default anything
 * but a server error); fails at once if the server process exits.
 */
export async function waitForServer(url: string, child: ChildProcess, opts: { ready?: (status: number) => boolean; timeoutMs?: number } = {}) {
  const ready = opts.ready ?? ((status: number) => status < 500);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if (ready((await fetch(url, { redirect: 'manual' })).status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer within ${timeoutMs / 1000} s`);
}

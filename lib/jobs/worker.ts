import 'server-only';
import { claimJobs, ensurePeriodicJob, releaseJobs, runClaimedJob, type ClaimedJob, type JobHandler } from '@/lib/jobs/queue';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';

/** How long a stopping worker waits for the job it is running, unless told otherwise. */
export const STOP_GRACE_MS = 20_000;

export type JobWorker = {
  /**
   * Stops polling and claiming, hands back at once the jobs claimed but not started, and waits up to
   * `graceMs` for the job running now. One still running after that keeps its lock, which runs out
   * (as a crashed server's does) so another server retries it. Resolves when done; calling it again
   * returns the same promise.
   */
  stop(graceMs?: number): Promise<void>;
};

// On globalThis: instrumentation.ts starts the worker inside Next's server bundle, while the
// process's shutdown handler (scripts/server.ts) is outside it and stops it through this property.
// scripts/server.ts declares the same shape; keep the two in step.
const g = globalThis as typeof globalThis & { __microcredJobWorker?: JobWorker };

type WorkerOptions = {
  intervalMs?: number;
  /** What runs each job type (tests pass their own). */
  handlers?: Record<string, JobHandler>;
  /** Periodic jobs to keep scheduled: on every poll, and at least every intervalMs while a poll keeps working. */
  periodic?: { type: string; everySeconds: number }[];
  batchSize?: number;
};

/** Polls the queue in this process. Safe to run in every app server at once (SKIP LOCKED). */
export function startJobWorker(opts: WorkerOptions = {}): JobWorker {
  g.__microcredJobWorker ??= createJobWorker(opts);
  return g.__microcredJobWorker;
}

/** Stops this process's job worker (see JobWorker.stop); nothing to do if none runs. */
export async function stopJobWorker(opts: { graceMs?: number } = {}): Promise<void> {
  await g.__microcredJobWorker?.stop(opts.graceMs);
}

function createJobWorker({ intervalMs = 2000, handlers = jobHandlers, periodic = periodicJobs, batchSize = 10 }: WorkerOptions): JobWorker {
  let stopping = false;
  let stopped: Promise<void> | null = null;
  // The poll under way, if any: polls never overlap.
  let polling: Promise<void> | null = null;
  // The current batch's jobs not started yet, and the one running.
  let unstarted: ClaimedJob[] = [];
  let running: ClaimedJob | null = null;

  // When this worker last made sure each periodic job has a run pending.
  let periodicCheckedAt = 0;

  async function schedulePeriodic() {
    periodicCheckedAt = Date.now();
    for (const p of periodic) {
      if (stopping) return;
      await ensurePeriodicJob(p.type, p.everySeconds);
    }
  }

  /**
   * A poll keeps claiming batches while jobs are due, which under a backlog (a district's thousands
   * of emails) can last hours: periodic jobs (claims running out, awards recovered) are scheduled
   * again every intervalMs meanwhile, as an idle worker would. A failure here does not end the batch:
   * the next check retries.
   */
  async function schedulePeriodicWhileBusy() {
    if (Date.now() - periodicCheckedAt < intervalMs) return;
    try {
      await schedulePeriodic();
    } catch (e) {
      console.warn('[jobs] could not schedule periodic jobs:', e instanceof Error ? e.message : e);
    }
  }

  async function poll() {
    await schedulePeriodic();
    while (!stopping) {
      await schedulePeriodicWhileBusy();
      if (stopping) return;
      unstarted = await claimJobs(batchSize);
      if (!unstarted.length) return;
      try {
        for (;;) {
          await schedulePeriodicWhileBusy();
          // Taken one at a time, synchronously after checking for a stop: a stop either gets a job
          // back or finds it running.
          if (stopping || !unstarted.length) break;
          const job = unstarted.shift()!;
          running = job;
          try {
            await runClaimedJob(handlers, job);
          } finally {
            running = null;
          }
        }
      } finally {
        // Whatever ends the batch early (a stop that came during the claim, a database error), its
        // jobs not run go back at once rather than waiting out their locks with an attempt spent.
        if (unstarted.length) await handBack(unstarted.splice(0));
      }
    }
  }

  async function handBack(jobs: ClaimedJob[]) {
    try {
      await releaseJobs(jobs);
    } catch (e) {
      console.warn(`[jobs] could not hand back ${jobs.length} claimed job(s); they run once their locks run out:`, e instanceof Error ? e.message : e);
    }
  }

  const timer = setInterval(() => {
    if (polling || stopping) return;
    polling = poll()
      // The database may be briefly unavailable (restart, failover); the next tick retries.
      .catch((e: unknown) => console.warn('[jobs] poll failed:', e instanceof Error ? e.message : e))
      .finally(() => { polling = null; });
  }, intervalMs);
  timer.unref();

  const worker: JobWorker = {
    stop(graceMs = STOP_GRACE_MS) {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(timer);
        const current = running;
        // Synchronously, before any await: the batch's loop can no longer start any of these.
        const handingBack = handBack(unstarted.splice(0));
        let waited: ReturnType<typeof setTimeout> | undefined;
        const outOfTime = new Promise<'out of time'>((resolve) => { waited = setTimeout(() => resolve('out of time'), graceMs); });
        const [, outcome] = await Promise.all([handingBack, polling ? Promise.race([polling, outOfTime]) : null]);
        clearTimeout(waited);
        if (outcome === 'out of time' && running) {
          console.warn(`[jobs] stopped while ${running.type} job ${running.id} still ran (${Math.round(graceMs / 1000)} s); its lock will run out, and another server will retry it`);
        } else if (current) {
          console.log(`[jobs] stopped after ${current.type} job ${current.id} finished`);
        }
        if (g.__microcredJobWorker === worker) delete g.__microcredJobWorker;
      })();
      return stopped;
    },
  };
  return worker;
}

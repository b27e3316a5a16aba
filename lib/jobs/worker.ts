import 'server-only';
import { ensurePeriodicJob, runDueJobs } from '@/lib/jobs/queue';
import { jobHandlers, periodicJobs } from '@/lib/jobs/handlers';

let started = false;

/** Polls the queue in this process. Safe to run in every app server at once (SKIP LOCKED). */
export function startJobWorker(intervalMs = 2000) {
  if (started) return;
  started = true;
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (const p of periodicJobs) await ensurePeriodicJob(p.type, p.everySeconds);
      while ((await runDueJobs(jobHandlers)) > 0) {
        // drain
      }
    } catch (e) {
      // The database may be briefly unavailable (restart, failover); the next tick retries.
      console.warn('[jobs] poll failed:', e instanceof Error ? e.message : e);
    } finally {
      busy = false;
    }
  }, intervalMs);
  timer.unref();
}

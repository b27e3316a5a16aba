export async function register() {
  // Background work of a running Node server only (not the build, not the edge runtime).
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // Other servers' publishes clear this server's page cache (ADR 006).
  const { startPageCacheListener } = await import('@/lib/http/page-cache-sync');
  startPageCacheListener();
  if (process.env.JOB_WORKER !== 'off') {
    const { startJobWorker } = await import('@/lib/jobs/worker');
    startJobWorker();
  }
}

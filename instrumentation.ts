export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.NEXT_PHASE !== 'phase-production-build') {
    // Other servers' publishes clear this server's page cache (ADR 006).
    const { startPageCacheListener } = await import('@/lib/http/page-cache-sync');
    startPageCacheListener();
  }
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.JOB_WORKER !== 'off' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startJobWorker } = await import('@/lib/jobs/worker');
    startJobWorker();
  }
}

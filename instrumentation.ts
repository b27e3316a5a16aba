export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.JOB_WORKER !== 'off' && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startJobWorker } = await import('@/lib/jobs/worker');
    startJobWorker();
  }
}

// How many worker processes the production server runs (scripts/server.ts).
import os from 'node:os';

/** WEB_CONCURRENCY, else one per core (at most 8). Throws on a value that is not 1-64. */
export function workerCount(value = process.env.WEB_CONCURRENCY, cores = os.availableParallelism()): number {
  if (value === undefined || value.trim() === '') return Math.max(1, Math.min(cores, 8));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WEB_CONCURRENCY must be a whole number from 1 to 64 (got "${value}")`);
  return n;
}

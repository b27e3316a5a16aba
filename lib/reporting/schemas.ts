import { z } from 'zod';

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2025-09-01.')
  .optional()
  .or(z.literal('').transform(() => undefined))
  .catch(undefined);

/** A reporting period from the query string: inclusive `from`, inclusive `to` (whole days, UTC). */
export const PeriodInput = z.object({ from: isoDate, to: isoDate });
export type PeriodInput = z.infer<typeof PeriodInput>;

export type Period = { from: Date; to: Date; fromLabel: string; toLabel: string };

/** Defaults to the current school year (1 September to 31 August), which licence renewal usually follows. */
export function resolvePeriod(input: PeriodInput, now = new Date()): Period {
  const y = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const fromLabel = input.from ?? `${y}-09-01`;
  const toLabel = input.to ?? `${y + 1}-08-31`;
  let from = new Date(`${fromLabel}T00:00:00.000Z`);
  // Exclusive upper bound: the day after `to`.
  let to = new Date(new Date(`${toLabel}T00:00:00.000Z`).getTime() + 86_400_000);
  if (Number.isNaN(from.getTime())) from = new Date(`${y}-09-01T00:00:00.000Z`);
  if (Number.isNaN(to.getTime()) || to <= from) to = new Date(from.getTime() + 366 * 86_400_000);
  return { from, to, fromLabel, toLabel };
}

export const BucketInput = z.enum(['week', 'month']).catch('month');
export type Bucket = z.infer<typeof BucketInput>;

/** The last `days` days up to today, as period input labels (the issuer dashboard's default). */
export function recentPeriodInput(days: number, now = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

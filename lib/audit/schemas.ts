import { z } from 'zod';
import { dayAfter, dayLabel, utcDay } from '@/lib/dates';
import { AUDIT_GROUPS, type AuditGroup, type AuditView } from '@/lib/audit/describe';

export const AUDIT_PAGE_SIZE = 50;

const isoDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);

/** The audit log pages' query string. Anything malformed falls back to "no filter", never an error page. */
export const AuditFilterInput = z.object({
  group: z.enum(['all', ...AUDIT_GROUPS]).catch('all').default('all'),
  from: isoDay,
  to: isoDay,
  cursor: z.string().max(300).optional().catch(undefined),
});
export type AuditFilter = z.infer<typeof AuditFilterInput>;

/** The groups each log offers: a district's log never holds badges or reviews, so it does not offer them. */
export const AUDIT_GROUPS_BY_VIEW: Record<AuditView, readonly AuditGroup[]> = {
  issuer: ['awards', 'reviews', 'credentials', 'applications', 'people', 'settings'],
  district: ['proposals', 'people', 'settings'],
  platform: AUDIT_GROUPS,
};

/** The query string as one log reads it: a group that log does not offer shows everything. */
export function parseAuditFilter(searchParams: Record<string, string | string[] | undefined>, view: AuditView): AuditFilter {
  const filter = AuditFilterInput.parse(searchParams);
  return filter.group === 'all' || AUDIT_GROUPS_BY_VIEW[view].includes(filter.group) ? filter : { ...filter, group: 'all' };
}

export type AuditRange = {
  /** Inclusive, midnight UTC. */
  from?: Date;
  /** Exclusive: midnight UTC after the last day asked for. */
  before?: Date;
  fromLabel?: string;
  toLabel?: string;
  /** Set when the dates could not be used as typed, saying what is shown instead. */
  notice?: string;
};

/** Whole UTC days, both ends inclusive and optional; a range typed backwards is turned round. */
export function resolveAuditRange(input: { from?: string; to?: string }): AuditRange {
  let from = utcDay(input.from);
  let last = utcDay(input.to);
  const notices: string[] = [];
  if (input.from && !from) notices.push(`“${input.from}” is not a date, so there is no start date`);
  if (input.to && !last) notices.push(`“${input.to}” is not a date, so there is no end date`);
  if (from && last && last < from) {
    [from, last] = [last, from];
    notices.push('the end date was before the start date, so the two were swapped');
  }
  const notice = notices.length ? `${notices.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()) : undefined;
  return {
    ...(from ? { from, fromLabel: dayLabel(from) } : {}),
    ...(last ? { before: dayAfter(last), toLabel: dayLabel(last) } : {}),
    ...(notice ? { notice } : {}),
  };
}

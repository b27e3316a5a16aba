import { NEAR_DUE_BUSINESS_DAYS } from '@/lib/review/sla';
import { dayFmt } from '@/lib/dates';

/** The service-level clock in words (overdue is said, not only coloured). */
export function SlaClock({ dueAt, businessDaysLeft, overdue }: { dueAt: Date | null; businessDaysLeft: number | null; overdue: boolean }) {
  if (!dueAt || businessDaysLeft === null) return <span className="text-slate-700">No deadline</span>;
  if (overdue) {
    const late = Math.max(0, -businessDaysLeft);
    return (
      <span className="font-semibold text-red-700">
        <span aria-hidden="true">⚠ </span>Overdue{late ? ` by ${late} business day${late === 1 ? '' : 's'}` : ''}
        <span className="block text-xs font-normal">was due {dayFmt.format(dueAt)}</span>
      </span>
    );
  }
  // Days are counted by calendar (UTC) day, as the date below is written (businessDaysBetween): 0
  // is due on today's date, 1 on the next business day's, whatever the hour.
  return (
    <span className={businessDaysLeft <= NEAR_DUE_BUSINESS_DAYS ? 'font-semibold text-amber-900' : 'text-slate-800'}>
      {businessDaysLeft === 0 ? 'Due today' : `${businessDaysLeft} business day${businessDaysLeft === 1 ? '' : 's'} left`}
      <span className="block text-xs font-normal text-slate-700">due {dayFmt.format(dueAt)}</span>
    </span>
  );
}

import { DAY_MS } from '@/lib/dates';
import { ENDED_BEHIND_DAYS, ENDING_AHEAD_DAYS, type ExpiringRow } from '@/lib/reporting/district';
import { Pill } from '@/components/ui/card';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, dayFmt } from '@/components/reports/format';

/**
 * Badges ending soon or just ended, counted from today whatever the period. `withSchool` names each
 * teacher's school under their name (a report across schools).
 */
export function ExpiringSection({ expiring, csvHref, now, withSchool }: { expiring: ExpiringRow[]; csvHref: string; now: Date; withSchool: boolean }) {
  const endedCount = expiring.filter((r) => r.ended).length;
  const notStarted = expiring.filter((r) => !r.renewalStarted).length;
  return (
    <section aria-labelledby="exp-h" className="mb-10">
      <ReportHeading id="exp-h" title={<>Badges ending in the next {ENDING_AHEAD_DAYS} days</>} csvHref={csvHref} csvLabel={<>Download CSV ({expiring.length} {expiring.length === 1 ? 'badge' : 'badges'})</>} />
      <p className="mb-3 max-w-prose text-sm text-slate-700">
        Counted from today, {dayFmt.format(now)}, whatever the period above: each teacher’s newest badge for a micro-credential that ends by {dayFmt.format(new Date(now.getTime() + ENDING_AHEAD_DAYS * DAY_MS))}, and those that ended in the last {ENDED_BEHIND_DAYS} days. Teachers can start a renewal from {ENDING_AHEAD_DAYS} days before a badge ends.
        {expiring.length ? ` ${expiring.length - endedCount} ending soon, ${endedCount} already ended; ${notStarted === 0 ? 'every one has' : `${notStarted} ${notStarted === 1 ? 'has' : 'have'}`} ${notStarted === 0 ? 'a renewal under way' : 'no renewal started yet'}.` : ''}
      </p>
      <ReportTable
        caption={`Badges ending in the next ${ENDING_AHEAD_DAYS} days, and those that ended in the last ${ENDED_BEHIND_DAYS}, soonest first`}
        headers={['Teacher', 'Credential', 'Valid until', 'Status', 'Renewal']}
        rows={expiring.slice(0, SHOWN).map((r) => [
          withSchool ? <span key="n">{r.name}<span className="block text-xs text-slate-600">{r.school ?? r.email}</span></span> : r.name,
          <span key="t">{r.title}<span className="block text-xs text-slate-600">{r.issuer}{r.level !== null ? ` · level ${r.level}` : ''}</span></span>,
          <span key="v">{dayFmt.format(r.validUntil)}<span className="block text-xs text-slate-600">{endsIn(r.validUntil, now)}</span></span>,
          r.suspended ? <Pill key="s" tone="warning">Suspended</Pill> : r.ended ? <Pill key="s" tone="neutral">Ended</Pill> : <Pill key="s" tone="info">Ending soon</Pill>,
          r.renewalStarted ? <Pill key="r" tone="success">Renewal started</Pill> : 'Not started',
        ])}
        more={expiring.length - SHOWN}
        empty={`No badge ends in the next ${ENDING_AHEAD_DAYS} days, and none ended in the last ${ENDED_BEHIND_DAYS}.`}
      />
    </section>
  );
}

/** "in 12 days", "ended 3 days ago": how far a badge's end is from now, in whole days. */
function endsIn(validUntil: Date, now: Date): string {
  const ms = validUntil.getTime() - now.getTime();
  if (ms > 0) {
    const days = Math.ceil(ms / DAY_MS);
    return days === 1 ? 'within a day' : `in ${days} days`;
  }
  const ago = Math.floor(-ms / DAY_MS);
  return ago === 0 ? 'ended less than a day ago' : `ended ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
}

import { DAY_MS } from '@/lib/dates';
import { ENDED_BEHIND_DAYS, ENDING_AHEAD_DAYS, type ExpiringRow } from '@/lib/reporting/district';
import { RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';
import { listInWords } from '@/lib/plural';
import { Pill } from '@/components/ui/card';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, dayFmt } from '@/components/reports/format';

/** Where a badge's renewal stands on `now`: under way, open but not started, or not open until a day to come. */
export function renewalStage(r: Pick<ExpiringRow, 'renewalStarted' | 'renewalOpensAt'>, now: Date): 'started' | 'not-started' | 'not-yet-open' {
  if (r.renewalStarted) return 'started';
  return r.renewalOpensAt > now ? 'not-yet-open' : 'not-started';
}

/**
 * Badges ending soon or just ended, counted from today whatever the period. `withSchool` names each
 * teacher's school under their name (a report across schools). A badge valid for under nine months
 * opens for renewal later than 90 days before its end (renewalOpensAt): it shows the day it opens,
 * not "Not started", since its teacher cannot start yet.
 */
export function ExpiringSection({ expiring, csvHref, now, withSchool }: { expiring: ExpiringRow[]; csvHref: string; now: Date; withSchool: boolean }) {
  const endedCount = expiring.filter((r) => r.ended).length;
  const stages = expiring.map((r) => renewalStage(r, now));
  const count = (stage: ReturnType<typeof renewalStage>) => stages.filter((s) => s === stage).length;
  const renewals = [
    count('started') ? `${count('started')} under way` : '',
    count('not-started') ? `${count('not-started')} not started yet` : '',
    count('not-yet-open') ? `${count('not-yet-open')} not open for renewal yet` : '',
  ].filter(Boolean);
  return (
    <section aria-labelledby="exp-h" className="mb-10">
      <ReportHeading id="exp-h" title={<>Badges ending in the next {ENDING_AHEAD_DAYS} days</>} csvHref={csvHref} csvLabel={<>Download CSV ({expiring.length} {expiring.length === 1 ? 'badge' : 'badges'})</>} />
      <p className="mb-3 max-w-prose text-sm text-slate-700">
        Counted from today, {dayFmt.format(now)}, whatever the period above: each teacher’s newest badge for a micro-credential that ends by {dayFmt.format(new Date(now.getTime() + ENDING_AHEAD_DAYS * DAY_MS))}, and those that ended in the last {ENDED_BEHIND_DAYS} days. Teachers can start a renewal from {RENEWAL_WINDOW_DAYS} days before a badge ends, or later for a badge valid for less than nine months (from the last third of the time it is valid); the Renewal column gives the day for those not open yet.
        {expiring.length ? ` ${expiring.length - endedCount} ending soon, ${endedCount} already ended. Renewals: ${listInWords(renewals)}.` : ''}
      </p>
      <ReportTable
        caption={`Badges ending in the next ${ENDING_AHEAD_DAYS} days, and those that ended in the last ${ENDED_BEHIND_DAYS}, soonest first`}
        headers={['Teacher', 'Credential', 'Valid until', 'Status', 'Renewal']}
        rows={expiring.slice(0, SHOWN).map((r, i) => [
          withSchool ? <span key="n">{r.name}<span className="block text-xs text-slate-600">{r.school ?? r.email}</span></span> : r.name,
          <span key="t">{r.title}<span className="block text-xs text-slate-600">{r.issuer}{r.level !== null ? ` · level ${r.level}` : ''}</span></span>,
          <span key="v">{dayFmt.format(r.validUntil)}<span className="block text-xs text-slate-600">{endsIn(r.validUntil, now)}</span></span>,
          r.suspended ? <Pill key="s" tone="warning">Suspended</Pill> : r.ended ? <Pill key="s" tone="neutral">Ended</Pill> : <Pill key="s" tone="info">Ending soon</Pill>,
          stages[i] === 'started' ? <Pill key="r" tone="success">Renewal started</Pill>
            : stages[i] === 'not-yet-open' ? `Renewal opens on ${dayFmt.format(r.renewalOpensAt)}`
            : 'Not started',
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

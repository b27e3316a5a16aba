import type { RenewalRow } from '@/lib/reporting/district';
import { Alert, Pill } from '@/components/ui/card';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, dayFmt } from '@/components/reports/format';
import { plural } from '@/lib/plural';

/** Credentials earned in the period, for licence-renewal paperwork, with suspended ones marked. */
export function RenewalSection({ renewal, csvHref, now }: { renewal: RenewalRow[]; csvHref: string; now: Date }) {
  const suspendedCount = renewal.filter((r) => r.suspended).length;
  return (
    <section aria-labelledby="ren-h" className="mb-10">
      <ReportHeading id="ren-h" title="Credentials toward licence renewal" csvHref={csvHref} csvLabel={<>Download CSV ({plural(renewal.length, 'credential')})</>} />
      {suspendedCount ? (
        <div className="mb-3"><Alert tone="warning">{suspendedCount} {suspendedCount === 1 ? 'badge is' : 'badges are'} suspended while the issuer looks into {suspendedCount === 1 ? 'it' : 'them'}: check before filing {suspendedCount === 1 ? 'it' : 'them'} for licence renewal.</Alert></div>
      ) : null}
      <ReportTable
        caption="Credentials earned in the period"
        headers={['Teacher', 'Credential', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status']}
        rows={renewal.slice(0, SHOWN).map((r) => [
          r.name,
          <span key="t">{r.title}<span className="block text-xs text-slate-600">{r.issuer}{r.renewal ? ' · renewal of an earlier badge' : ''}</span></span>,
          r.level ?? '—', r.hours, dayFmt.format(r.issuedAt), r.validUntil ? dayFmt.format(r.validUntil) : 'Does not expire',
          r.suspended ? <Pill key="s" tone="warning">Suspended</Pill> : r.validUntil && r.validUntil <= now ? <Pill key="s" tone="neutral">Expired</Pill> : <Pill key="s" tone="success">Valid</Pill>,
        ])}
        more={renewal.length - SHOWN}
      />
    </section>
  );
}

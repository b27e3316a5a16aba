import type { RenewalRow, RenewalRule } from '@/lib/reporting/district';
import { Alert, Pill } from '@/components/ui/card';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, dayFmt } from '@/components/reports/format';
import { plural } from '@/lib/plural';
import { approvedListsInWords } from '@/lib/reporting/salary-steps';

/**
 * “Your district counts only credentials from its 3 approved issuers and 2 micro-credentials
 * approved on their own toward licence renewal”: the district's renewal rule in a sentence.
 */
export function renewalRuleInWords(rule: RenewalRule): string {
  const list = approvedListsInWords(rule.issuers, rule.credentials);
  return list
    ? `Your district counts only credentials from its ${list} toward licence renewal.`
    : 'Your district counts only the issuers and micro-credentials it approves toward licence renewal, and approves none now: no credential counts.';
}

/**
 * Credentials earned in the period, for licence-renewal paperwork, with suspended ones marked. Where
 * the district counts only what it approves toward renewal (ADR 024), each row says whether it is
 * approved, and a note above says how many are.
 */
export function RenewalSection({ renewal, rule, csvHref, now, policyHref }: {
  renewal: RenewalRow[];
  rule: RenewalRule;
  csvHref: string;
  now: Date;
  /** For a district leader: where the rule is changed. A school's leader reads it as set by the district. */
  policyHref?: string;
}) {
  const suspendedCount = renewal.filter((r) => r.suspended).length;
  const notApproved = rule.onlyApproved ? renewal.filter((r) => !r.approved).length : 0;
  const headers = ['Teacher', 'Credential', 'Level', 'PD hours', 'Issued', 'Valid until', 'Status', ...(rule.onlyApproved ? ['Approved by the district'] : [])];
  return (
    <section aria-labelledby="ren-h" className="mb-10">
      <ReportHeading id="ren-h" title="Credentials toward licence renewal" csvHref={csvHref} csvLabel={<>Download CSV ({plural(renewal.length, 'credential')})</>} />
      {rule.onlyApproved ? (
        <p className="mb-3 text-sm text-slate-700">
          {renewalRuleInWords(rule)}
          {renewal.length ? ` ${renewal.length - notApproved} of the ${plural(renewal.length, 'credential')} earned in the period ${renewal.length - notApproved === 1 ? 'is' : 'are'} approved as the district’s lists stand today (earlier lists are not kept); the others are listed, marked “Not approved”, so teachers can see them.` : ''}{' '}
          {policyHref ? <a href={policyHref}>Change what counts toward licence renewal</a> : 'Your district’s leaders set this.'}
        </p>
      ) : null}
      {suspendedCount ? (
        <div className="mb-3"><Alert tone="warning">{suspendedCount} {suspendedCount === 1 ? 'badge is' : 'badges are'} suspended while the issuer looks into {suspendedCount === 1 ? 'it' : 'them'}: check before filing {suspendedCount === 1 ? 'it' : 'them'} for licence renewal.</Alert></div>
      ) : null}
      <ReportTable
        caption="Credentials earned in the period"
        headers={headers}
        rows={renewal.slice(0, SHOWN).map((r) => [
          r.name,
          <span key="t">{r.title}<span className="block text-xs text-slate-600">{r.issuer}{r.renewal ? ' · renewal of an earlier badge' : ''}</span></span>,
          r.level ?? '—', r.hours, dayFmt.format(r.issuedAt), r.validUntil ? dayFmt.format(r.validUntil) : 'Does not expire',
          r.suspended ? <Pill key="s" tone="warning">Suspended</Pill> : r.validUntil && r.validUntil <= now ? <Pill key="s" tone="neutral">Expired</Pill> : <Pill key="s" tone="success">Valid</Pill>,
          ...(rule.onlyApproved ? [r.approved ? <Pill key="a" tone="success">Approved</Pill> : <Pill key="a" tone="neutral">Not approved</Pill>] : []),
        ])}
        more={renewal.length - SHOWN}
      />
    </section>
  );
}

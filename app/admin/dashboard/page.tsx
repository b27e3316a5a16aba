import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { issuerForPage } from '@/lib/authoring/page-issuer';
import { listIssuerCredentialOptions } from '@/lib/authoring/queries';
import { issuerActivitySeries, reviewerWorkload, summarise } from '@/lib/reporting/issuer';
import { BucketInput, PeriodInput, recentPeriodInput, reportBounds, resolveBucket, resolvePeriod } from '@/lib/reporting/schemas';
import { Alert, PageHeader, Stat } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { BarChart } from '@/components/charts/bar-chart';
import { LineChart } from '@/components/charts/line-chart';
import { OpenClaimsCard, workloadDescription } from '@/components/reports/reviewer-workload';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Uptake and review trends' };
const pct = (v: number) => `${Math.round(v * 100)}%`;
const days = (v: number) => `${Math.round(v * 10) / 10} d`;

export default async function IssuerDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/dashboard');
  const sp = await searchParams;
  const { issuer, issuers } = await issuerForPage(actor, sp.issuer);
  if (!issuer) {
    return <NoIssuerPage title="Uptake and review trends" />;
  }
  // Default: the last six months up to today. A period is bounded (resolvePeriod), and weeks are
  // shown only for up to two years (resolveBucket); the page says when either was changed.
  const recent = recentPeriodInput(182);
  const input = PeriodInput.parse({ from: sp.from, to: sp.to });
  const period = resolvePeriod({ from: input.from ?? recent.from, to: input.to ?? recent.to });
  const { bucket, notice: bucketNotice } = resolveBucket(BucketInput.parse(sp.bucket), period);
  const bounds = reportBounds();
  const credentials = await listIssuerCredentialOptions(actor, [issuer.id]);
  const mcId = credentials.find((c) => c.id === sp.credential)?.id;
  const [rows, workload] = await Promise.all([
    issuerActivitySeries({ actor, issuerId: issuer.id, microCredentialId: mcId, period, bucket }),
    reviewerWorkload({ actor, issuerId: issuer.id, microCredentialId: mcId, period }),
  ]);
  const totals = summarise(rows);
  const fmt = new Intl.DateTimeFormat('en-GB', bucket === 'week' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const labels = rows.map((r) => (bucket === 'week' ? `w/c ${fmt.format(r.bucket)}` : fmt.format(r.bucket)));
  const slaCalendarDays = Math.round((issuer.slaBusinessDays * 7) / 5);
  return (
    <div>
      <PageHeader
        title="Uptake and review trends"
        description={<>How {issuer.name}’s credentials are being taken up and reviewed. Reviewer agreement is on <Link href="/admin/review-quality">Review quality</Link>.</>}
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3" aria-label="Dashboard filters">
        {issuers.length > 1 ? (
          <div>
            <label htmlFor="issuer" className="block text-sm font-semibold">Issuer</label>
            <select id="issuer" name="issuer" defaultValue={issuer.id} className={inputClass}>{issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}</select>
          </div>
        ) : null}
        <div>
          <label htmlFor="credential" className="block text-sm font-semibold">Credential</label>
          <select id="credential" name="credential" defaultValue={mcId ?? ''} className={`${inputClass} max-w-72`}>
            <option value="">All credentials</option>
            {credentials.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-semibold">From</label>
          <input id="from" name="from" type="date" min={bounds.earliest} max={bounds.latest} defaultValue={period.fromLabel} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">To</label>
          <input id="to" name="to" type="date" min={bounds.earliest} max={bounds.latest} defaultValue={period.toLabel} className={inputClass} />
        </div>
        <div>
          <label htmlFor="bucket" className="block text-sm font-semibold">Group by</label>
          <select id="bucket" name="bucket" defaultValue={bucket} className={inputClass}>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
      </form>
      {period.notice || bucketNotice ? (
        <div className="-mt-3 mb-6"><Alert tone="warning">{[period.notice, bucketNotice].filter(Boolean).join(' ')}</Alert></div>
      ) : null}

      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-5">
        <Stat label="Enrolments" value={String(totals.enrolments)} />
        <Stat label="Submissions" value={String(totals.submissions)} />
        <Stat label="First-attempt pass rate" value={totals.firstPassRate === null ? '—' : pct(totals.firstPassRate)} />
        <Stat label="Average time to decision" value={totals.avgDays === null ? '—' : days(totals.avgDays)} />
        <Stat label={`Decided within SLA (${issuer.slaBusinessDays} business days)`} value={totals.onTimeRate === null ? '—' : pct(totals.onTimeRate)} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-2">
        <LineChart title="Enrolments and submissions" labels={labels} series={[{ name: 'Enrolments', values: rows.map((r) => r.enrolments) }, { name: 'Submitted attempts', values: rows.map((r) => r.submissions) }]} />
        <LineChart
          title="First-attempt pass rate"
          description="Share of first attempts decided in each period that passed; gaps mean nothing was decided."
          labels={labels}
          series={[{ name: 'Pass rate', values: rows.map((r) => (r.firstDecided ? r.firstPassed / r.firstDecided : null)) }]}
          format={pct}
          yMax={1}
        />
        <LineChart
          title="Time from submission to decision"
          description={`Average calendar days; the dashed line is the ${issuer.slaBusinessDays}-business-day SLA (about ${slaCalendarDays} calendar days).`}
          labels={labels}
          series={[{ name: 'Average days', values: rows.map((r) => r.avgDays) }]}
          format={days}
          reference={{ value: slaCalendarDays, label: 'SLA' }}
        />
        <LineChart
          title="Decisions within SLA"
          labels={labels}
          series={[{ name: 'Within SLA', values: rows.map((r) => (r.decided ? r.onTime / r.decided : null)) }]}
          format={pct}
          yMax={1}
        />
        <LineChart title="Reviews submitted" labels={labels} series={[{ name: 'Reviews', values: rows.map((r) => r.reviews) }, { name: 'Active reviewers', values: rows.map((r) => r.reviewers) }]} />
        <BarChart title="Reviewer workload" description={workloadDescription(workload)} valueHeading="Reviews submitted" data={workload.submitted.map((w) => ({ label: w.name, value: w.count }))} />
      </div>
      <OpenClaimsCard workload={workload} />
    </div>
  );
}

import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listIssuerCredentialOptions, resolveIssuer } from '@/lib/authoring/queries';
import { issuerActivitySeries, reviewerWorkload, summarise } from '@/lib/reporting/issuer';
import { BucketInput, PeriodInput, recentPeriodInput, resolvePeriod } from '@/lib/reporting/schemas';
import { isDomainError } from '@/lib/errors';
import { redirect } from 'next/navigation';
import { Card, EmptyState, PageHeader, Stat } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { BarChart } from '@/components/charts/bar-chart';
import { LineChart } from '@/components/charts/line-chart';

export const metadata = { title: 'Issuer dashboard' };
const pct = (v: number) => `${Math.round(v * 100)}%`;
const days = (v: number) => `${Math.round(v * 10) / 10} d`;

export default async function IssuerDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/dashboard');
  const sp = await searchParams;
  const resolved = await resolveIssuer(actor, sp.issuer).catch((e) => {
    if (isDomainError(e) && e.code === 'FORBIDDEN') return null;
    throw e;
  });
  if (!resolved) redirect('/forbidden');
  const { issuer, issuers } = resolved;
  if (!issuer) return <EmptyState title="You do not administer an issuing organisation" />;
  const bucket = BucketInput.parse(sp.bucket);
  // Default: the last six months up to today.
  const recent = recentPeriodInput(182);
  const input = PeriodInput.parse({ from: sp.from, to: sp.to });
  const period = resolvePeriod({ from: input.from ?? recent.from, to: input.to ?? recent.to });
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
        title="Issuer dashboard"
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
          <input id="from" name="from" type="date" defaultValue={period.fromLabel} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">To</label>
          <input id="to" name="to" type="date" defaultValue={period.toLabel} className={inputClass} />
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
        <BarChart title="Reviewer workload" description="Reviews submitted in the period, busiest first" valueHeading="Reviews submitted" data={workload.map((w) => ({ label: w.name, value: w.submitted }))} />
      </div>
      {workload.length ? (
        <Card className="mt-4">
          <h2 className="font-semibold">Open claims now</h2>
          <ul className="mt-2 text-sm">{workload.filter((w) => w.open > 0).map((w) => <li key={w.reviewerId}>{w.name}: {w.open}</li>)}</ul>
          {workload.every((w) => w.open === 0) ? <p className="text-sm text-slate-700">No reviewer has an open claim.</p> : null}
        </Card>
      ) : null}
    </div>
  );
}

import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { districtForPage } from '@/lib/district/page-district';
import { pdHoursByMonth, pdHoursByTeacher, renewalCredentials, salaryStepDistribution, salaryStepEligibility } from '@/lib/reporting/district';
import { PeriodInput, resolvePeriod } from '@/lib/reporting/schemas';
import { formatCents } from '@/lib/reporting/salary-steps';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { Alert, Card, PageHeader, Pill, Stat } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { BarChart } from '@/components/charts/bar-chart';
import { DistrictPicker } from '@/components/admin/district-picker';

export const metadata = { title: 'District reports' };
const SHOWN = 100;
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export default async function DistrictReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireRole(['DISTRICT_LEADER'], '/district/reports');
  const sp = await searchParams;
  const { district, districts } = await districtForPage(actor, sp.district);
  const period = resolvePeriod(PeriodInput.parse({ from: sp.from, to: sp.to }));
  const base = { actor, districtId: district.id };
  const [byTeacher, byMonth, renewal, steps] = await Promise.all([
    pdHoursByTeacher({ ...base, period }),
    pdHoursByMonth({ ...base, period }),
    renewalCredentials({ ...base, period }),
    salaryStepEligibility({ ...base, asOf: period.to }),
  ]);
  // One decimal, as teachers' own records show hours (a float sum shows 3.3000000000000003).
  const totalHours = Math.round(byTeacher.reduce((s, r) => s + r.hours, 0) * 10) / 10;
  const withCredit = byTeacher.filter((r) => r.credentials > 0).length;
  const suspendedCount = renewal.filter((r) => r.suspended).length;
  const now = new Date();
  const stepCost = steps.rows.reduce((s, r) => s + r.amountCents, 0);
  const qs = new URLSearchParams({ from: period.fromLabel, to: period.toLabel, ...(districts.length > 1 ? { district: district.id } : {}) }).toString();
  const csv = (report: string) => `/district/reports/export?report=${report}&${qs}`;
  // July to June, as teachers' own records count it (lib/reporting/teacher-record.ts).
  const y = schoolYearOf(new Date()).startYear;
  const presets = [
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y, 6, 1))).label}`, from: `${y}-07-01`, to: `${y + 1}-06-30` },
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y - 1, 6, 1))).label}`, from: `${y - 1}-07-01`, to: `${y}-06-30` },
    { label: `Calendar year ${new Date().getUTCFullYear()}`, from: `${new Date().getUTCFullYear()}-01-01`, to: `${new Date().getUTCFullYear()}-12-31` },
  ];
  return (
    <div>
      <DistrictPicker districts={districts} current={district.id} keep={{ from: sp.from, to: sp.to }} />
      <PageHeader title="Reports" description={`${district.name}: PD hours, credentials toward licence renewal and salary-step eligibility. Revoked credentials never count; suspended ones are marked. Dates are in UTC.`} />
      <form method="get" className="mb-2 flex flex-wrap items-end gap-3" aria-label="Reporting period">
        {districts.length > 1 ? <input type="hidden" name="district" value={district.id} /> : null}
        <div>
          <label htmlFor="from" className="block text-sm font-semibold">From (UTC)</label>
          <input id="from" name="from" type="date" defaultValue={period.fromLabel} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">To (inclusive, UTC)</label>
          <input id="to" name="to" type="date" defaultValue={period.toLabel} className={inputClass} />
        </div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
      </form>
      {period.notice ? <div className="mb-2"><Alert tone="warning">{period.notice}</Alert></div> : null}
      <p className="mb-6 text-sm">
        Quick periods:{' '}
        {presets.map((p, i) => (
          <span key={p.label}>{i ? ' · ' : ''}<a href={`/district/reports?from=${p.from}&to=${p.to}${districts.length > 1 ? `&district=${district.id}` : ''}`}>{p.label}</a></span>
        ))}
      </p>

      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-4">
        <Stat label="PD hours in period" value={String(totalHours)} />
        <Stat label="Credentials earned" value={String(renewal.length)} />
        <Stat label="Teachers with credit" value={`${withCredit} of ${byTeacher.length}`} />
        <Stat label="Salary steps reached (annual)" value={formatCents(stepCost)} />
      </dl>

      <section aria-labelledby="pd-h" className="mb-10">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="pd-h" className="text-xl font-semibold">PD hours per teacher</h2>
          <a href={csv('pd-hours')} className="text-sm font-semibold">Download CSV (all {byTeacher.length} teachers)</a>
        </div>
        <div className="mb-4 grid gap-4 lg:grid-cols-2">
          <BarChart title="PD hours earned per month" valueHeading="PD hours" data={byMonth.map((m) => ({ label: monthFmt.format(m.month), value: m.hours }))} format={(v) => `${v} h`} />
          <BarChart title="Teachers with the most PD hours" description="Top 12 in the period" valueHeading="PD hours" color="#047857" data={byTeacher.filter((r) => r.hours > 0).slice(0, 12).map((r) => ({ label: r.name, value: r.hours }))} format={(v) => `${v} h`} />
        </div>
        <Table
          caption="PD hours per teacher"
          headers={['Teacher', 'School', 'Credentials', 'PD hours']}
          rows={byTeacher.slice(0, SHOWN).map((r) => [<span key="n">{r.name}<span className="block text-xs text-slate-600">{r.email}</span></span>, r.school ?? '—', r.credentials, r.hours])}
          more={byTeacher.length - SHOWN}
        />
      </section>

      <section aria-labelledby="ren-h" className="mb-10">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="ren-h" className="text-xl font-semibold">Credentials toward licence renewal</h2>
          <a href={csv('renewal')} className="text-sm font-semibold">Download CSV ({renewal.length} credentials)</a>
        </div>
        {suspendedCount ? (
          <div className="mb-3"><Alert tone="warning">{suspendedCount} {suspendedCount === 1 ? 'badge is' : 'badges are'} suspended while the issuer looks into {suspendedCount === 1 ? 'it' : 'them'}: check before filing {suspendedCount === 1 ? 'it' : 'them'} for licence renewal.</Alert></div>
        ) : null}
        <Table
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

      <section aria-labelledby="sal-h">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="sal-h" className="text-xl font-semibold">Salary-step eligibility on {period.toLabel}</h2>
          <a href={csv('salary-steps')} className="text-sm font-semibold">Download CSV</a>
        </div>
        {steps.rules.length === 0 ? (
          <Card><p>Your district has no salary-step rules yet, so no one is eligible. Add them under <Link href={districts.length > 1 ? `/district/policy?district=${district.id}` : '/district/policy'}>Policy</Link>.</p></Card>
        ) : (
          <>
            <Card className="mb-4">
              <h3 className="font-semibold">Your district’s rules</h3>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {steps.rules.map((r) => (
                  <li key={r.id}>{r.label}: {r.credentialsRequired} credential{r.credentialsRequired === 1 ? '' : 's'} at credential level {r.minLevel} or above → {formatCents(r.amountCents)}</li>
                ))}
              </ul>
              <p className="mt-2 text-sm text-slate-700">A teacher receives the highest step reached (steps replace each other). Only evidence-backed micro-credentials that are neither revoked nor suspended count, and only those with a level (a credential the issuer gave no level never counts). {steps.countsExpired ? 'An expired badge still counts (the step was earned)' : 'Only badges valid on that day count (your policy): an expired one counts again once renewed'}, and a renewed one counts once.</p>
            </Card>
            <div className="mb-4 max-w-2xl">
              <BarChart title="Teachers at each salary step" valueHeading="Teachers" color="#7c3aed" data={salaryStepDistribution(steps.rules, steps.rows)} />
            </div>
            <Table
              caption="Salary-step eligibility per teacher"
              headers={['Teacher', 'School', 'Qualifying credentials', 'Step reached', 'Amount', 'Next step']}
              rows={steps.rows.slice(0, SHOWN).map((r) => [r.name, r.school ?? '—', r.qualifyingCount, r.rule?.label ?? '—', formatCents(r.amountCents), r.next ? `${r.next.missing} more for “${r.next.rule.label}”` : 'Top step'])}
              more={steps.rows.length - SHOWN}
            />
          </>
        )}
      </section>
    </div>
  );
}

function Table({ caption, headers, rows, more }: { caption: string; headers: string[]; rows: React.ReactNode[][]; more: number }) {
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>{headers.map((h) => <th key={h} scope="col" className="p-2.5">{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr><td colSpan={headers.length} className="p-4 text-center text-slate-700">Nothing in this period.</td></tr>
          ) : rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">{r.map((c, j) => <td key={j} className="p-2.5 align-top">{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="border-t border-slate-100 p-2.5 text-sm text-slate-700">{more} more in the CSV download.</p> : null}
    </div>
  );
}

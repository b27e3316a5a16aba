import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { schoolForPage, schoolParam } from '@/lib/school/page-school';
import { SchoolReportsQuery } from '@/lib/school/schemas';
import { DAY_MS, utcDay } from '@/lib/dates';
import {
  ENDED_BEHIND_DAYS, ENDING_AHEAD_DAYS, expiringBadges, pdHoursByMonth, pdHoursByTeacher, renewalCredentials, salaryStepDistribution, salaryStepEligibility,
  type SalaryStepRow,
} from '@/lib/reporting/district';
import { PeriodInput, resolvePeriod, salaryAsOf } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { Alert, Card, PageHeader, Pill, Stat } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { BarChart } from '@/components/charts/bar-chart';
import { SchoolPicker } from '@/components/school/school-picker';
import { ReportTable } from '@/components/school/report-table';

export const metadata = { title: 'School reports' };
const SHOWN = 100;
const monthFmt = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

// The district's reports (lib/reporting/district.ts) with the school fixed: each query lets a
// school's leader through for their own school only, and counts exactly as the district's do.
export default async function SchoolReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['SCHOOL_LEADER'], '/school/reports');
  const sp = SchoolReportsQuery.parse(await searchParams);
  const resolved = await schoolForPage(actor, sp);
  const { school } = resolved;
  const period = resolvePeriod(PeriodInput.parse({ from: sp.from, to: sp.to }));
  const now = new Date();
  const at = salaryAsOf(period, now);
  const base = { actor, districtId: school.districtId, schoolId: school.id };
  const [byTeacher, byMonth, renewal, steps, expiring] = await Promise.all([
    pdHoursByTeacher({ ...base, period }),
    pdHoursByMonth({ ...base, period }),
    renewalCredentials({ ...base, period }),
    salaryStepEligibility({ ...base, asOf: at.asOf }),
    expiringBadges({ ...base, now }),
  ]);
  // One decimal, as teachers' own records show hours (a float sum shows 3.3000000000000003).
  const totalHours = Math.round(byTeacher.reduce((s, r) => s + r.hours, 0) * 10) / 10;
  const withCredit = byTeacher.filter((r) => r.credentials > 0).length;
  const suspendedCount = renewal.filter((r) => r.suspended).length;
  const endedCount = expiring.filter((r) => r.ended).length;
  const notStarted = expiring.filter((r) => !r.renewalStarted).length;
  const sq = schoolParam(resolved);
  const keep: Record<string, string> = sq ? { school: sq } : {};
  const qs = new URLSearchParams({ from: period.fromLabel, to: period.toLabel, ...keep }).toString();
  const csv = (report: string) => `/school/reports/export?report=${report}&${qs}`;
  const y = schoolYearOf(now).startYear;
  const presets = [
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y, 6, 1))).label}`, from: `${y}-07-01`, to: `${y + 1}-06-30` },
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y - 1, 6, 1))).label}`, from: `${y - 1}-07-01`, to: `${y}-06-30` },
    { label: `Calendar year ${now.getUTCFullYear()}`, from: `${now.getUTCFullYear()}-01-01`, to: `${now.getUTCFullYear()}-12-31` },
  ];
  return (
    <div>
      <SchoolPicker schools={resolved.schools} current={school} cutOff={resolved.cutOff} find={sp.find} keep={{ from: sp.from, to: sp.to }} />
      <PageHeader title="Reports" description={`${school.name} (${school.districtName}): PD hours, credentials toward licence renewal, badges ending soon and salary-step eligibility of the teachers placed at your school, counted as the district counts them. Revoked credentials never count; suspended ones are marked. Dates are in UTC.`} />
      <form method="get" className="mb-2 flex flex-wrap items-end gap-3" aria-label="Reporting period">
        {sq ? <input type="hidden" name="school" value={sq} /> : null}
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
          <span key={p.label}>{i ? ' · ' : ''}<a href={`/school/reports?${new URLSearchParams({ from: p.from, to: p.to, ...keep })}`}>{p.label}</a></span>
        ))}
      </p>

      <dl className="mb-8 grid grid-cols-2 gap-4 md:grid-cols-3">
        <Stat label="PD hours in period" value={String(totalHours)} />
        <Stat label="Credentials earned" value={String(renewal.length)} />
        <Stat label="Teachers with credit" value={`${withCredit} of ${byTeacher.length}`} />
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
        <ReportTable
          caption="PD hours per teacher"
          headers={['Teacher', 'Credentials', 'PD hours']}
          rows={byTeacher.slice(0, SHOWN).map((r) => [<span key="n">{r.name}<span className="block text-xs text-slate-600">{r.email}</span></span>, r.credentials, r.hours])}
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

      <section aria-labelledby="exp-h" className="mb-10">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="exp-h" className="text-xl font-semibold">Badges ending in the next {ENDING_AHEAD_DAYS} days</h2>
          <a href={csv('expiring')} className="text-sm font-semibold">Download CSV ({expiring.length} {expiring.length === 1 ? 'badge' : 'badges'})</a>
        </div>
        <p className="mb-3 max-w-prose text-sm text-slate-700">
          Counted from today, {dayFmt.format(now)}, whatever the period above: each teacher’s newest badge for a micro-credential that ends by {dayFmt.format(new Date(now.getTime() + ENDING_AHEAD_DAYS * DAY_MS))}, and those that ended in the last {ENDED_BEHIND_DAYS} days. Teachers can start a renewal from {ENDING_AHEAD_DAYS} days before a badge ends.
          {expiring.length ? ` ${expiring.length - endedCount} ending soon, ${endedCount} already ended; ${notStarted === 0 ? 'every one has' : `${notStarted} ${notStarted === 1 ? 'has' : 'have'}`} ${notStarted === 0 ? 'a renewal under way' : 'no renewal started yet'}.` : ''}
        </p>
        <ReportTable
          caption={`Badges ending in the next ${ENDING_AHEAD_DAYS} days, and those that ended in the last ${ENDED_BEHIND_DAYS}, soonest first`}
          headers={['Teacher', 'Credential', 'Valid until', 'Status', 'Renewal']}
          rows={expiring.slice(0, SHOWN).map((r) => [
            r.name,
            <span key="t">{r.title}<span className="block text-xs text-slate-600">{r.issuer}{r.level !== null ? ` · level ${r.level}` : ''}</span></span>,
            <span key="v">{dayFmt.format(r.validUntil)}<span className="block text-xs text-slate-600">{endsIn(r.validUntil, now)}</span></span>,
            r.suspended ? <Pill key="s" tone="warning">Suspended</Pill> : r.ended ? <Pill key="s" tone="neutral">Ended</Pill> : <Pill key="s" tone="info">Ending soon</Pill>,
            r.renewalStarted ? <Pill key="r" tone="success">Renewal started</Pill> : 'Not started',
          ])}
          more={expiring.length - SHOWN}
          empty={`No badge ends in the next ${ENDING_AHEAD_DAYS} days, and none ended in the last ${ENDED_BEHIND_DAYS}.`}
        />
      </section>

      <section aria-labelledby="sal-h">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="sal-h" className="text-xl font-semibold">Salary-step eligibility on {dayFmt.format(at.day)}{at.today ? ' (today)' : ''}</h2>
          <a href={csv('salary-steps')} className="text-sm font-semibold">Download CSV</a>
        </div>
        {at.today ? (
          <p className="mb-3 max-w-prose text-sm text-slate-700">Counted as of today, because the period runs until {dayFmt.format(utcDay(period.toLabel)!)}: the same count each teacher sees on their own page.</p>
        ) : null}
        {steps.rules.length === 0 ? (
          <Card><p>{school.districtName} has no salary-step rules, so no one is eligible. Its district leaders set them.</p></Card>
        ) : (
          <>
            <Card className="mb-4">
              <h3 className="font-semibold">{school.districtName}’s rules</h3>
              <ul className="mt-2 list-disc pl-5 text-sm">
                {steps.rules.map((r) => (
                  <li key={r.id}>{r.label}: {r.credentialsRequired} credential{r.credentialsRequired === 1 ? '' : 's'} at credential level {r.minLevel} or above</li>
                ))}
              </ul>
              <p className="mt-2 text-sm text-slate-700">A teacher reaches the highest step whose rule they meet. What a step pays is between the teacher and the district’s HR office, so it is not shown here. Only evidence-backed micro-credentials that are neither revoked nor suspended count, and only those with a level. {steps.countsExpired ? 'An expired badge still counts' : 'Only badges valid on that day count'}, and a renewed one counts once.</p>
            </Card>
            <div className="mb-4 max-w-2xl">
              <BarChart title="Teachers at each salary step" valueHeading="Teachers" color="#7c3aed" data={salaryStepDistribution(steps.rules, steps.rows)} />
            </div>
            <p className="mb-2 text-sm font-semibold">{steps.oneAway} {steps.oneAway === 1 ? 'teacher is' : 'teachers are'} one credential from their next step.</p>
            <ReportTable
              caption="Salary-step eligibility per teacher: highest step first, then those fewest credentials from their next step"
              headers={['Teacher', 'Qualifying credentials', 'Step reached', 'Next step']}
              rows={steps.rows.slice(0, SHOWN).map((r) => [r.name, <CountedAwards key="c" row={r} />, r.rule?.label ?? '—', r.next ? `${r.next.missing} more for “${r.next.rule.label}”` : 'Top step'])}
              more={steps.rows.length - SHOWN}
            />
          </>
        )}
      </section>
    </div>
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

/** The qualifying count, and (opened) the badges it counts, each linked to its public page. */
function CountedAwards({ row }: { row: SalaryStepRow }) {
  if (!row.counted.length) return row.qualifyingCount;
  return (
    <details>
      <summary className="cursor-pointer">
        {row.qualifyingCount}<span className="sr-only"> {row.qualifyingCount === 1 ? 'credential' : 'credentials'} counted for {row.name}</span>
        <span aria-hidden="true" className="ml-1 text-xs text-slate-600">(list)</span>
      </summary>
      <ul className="mt-1 space-y-1">
        {row.counted.map((a) => (
          <li key={a.id}>
            <Link href={`/credentials/${a.id}`}>{a.title}</Link>
            <span className="block text-xs text-slate-600">{a.level !== null ? `Level ${a.level} · ` : ''}earned {dayFmt.format(a.issuedAt)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

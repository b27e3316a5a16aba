import type { ReactNode } from 'react';
import Link from 'next/link';
import { salaryStepDistribution, type SalaryStepRow } from '@/lib/reporting/district';
import { formatCents, type SalaryRule } from '@/lib/reporting/salary-steps';
import { BarChart } from '@/components/charts/bar-chart';
import { Card } from '@/components/ui/card';
import { ReportHeading } from '@/components/reports/report-heading';
import { ReportTable } from '@/components/reports/report-table';
import { SHOWN, dayFmt } from '@/components/reports/format';

/**
 * Salary-step eligibility on one day. `withPay` shows what each rule and step pays: the district's
 * report only, since a school leader sees steps but not pay (ADR 016). The wording about whose rules
 * these are differs by reader, so each page passes its own.
 */
export function SalaryStepsSection({ steps, asOf, periodEnd, csvHref, withPay, withSchool, todayHint = '', noRules, rulesHeading, rulesNote }: {
  steps: { rules: SalaryRule[]; rows: SalaryStepRow[]; oneAway: number };
  /** salaryAsOf(): the day counted, and whether it is today because the period still runs. */
  asOf: { day: Date; today: boolean };
  periodEnd: Date;
  csvHref: string;
  withPay: boolean;
  withSchool: boolean;
  /** Said after the note that the steps are counted as of today. */
  todayHint?: string;
  /** Inside the card shown when the district has no rules. */
  noRules: ReactNode;
  rulesHeading: ReactNode;
  /** Below the rules: how a step is reached and which badges count. */
  rulesNote: ReactNode;
}) {
  return (
    <section aria-labelledby="sal-h">
      <ReportHeading id="sal-h" title={<>Salary-step eligibility on {dayFmt.format(asOf.day)}{asOf.today ? ' (today)' : ''}</>} csvHref={csvHref} csvLabel="Download CSV" />
      {asOf.today ? (
        <p className="mb-3 max-w-prose text-sm text-slate-700">Counted as of today, because the period runs until {dayFmt.format(periodEnd)}{`: the same count each teacher sees on their own page.${todayHint}`}</p>
      ) : null}
      {steps.rules.length === 0 ? (
        <Card><p>{noRules}</p></Card>
      ) : (
        <>
          <Card className="mb-4">
            <h3 className="font-semibold">{rulesHeading}</h3>
            <ul className="mt-2 list-disc pl-5 text-sm">
              {steps.rules.map((r) => (
                <li key={r.id}>{r.label}: {r.credentialsRequired} credential{r.credentialsRequired === 1 ? '' : 's'} at credential level {r.minLevel}{withPay ? <> or above → {formatCents(r.amountCents)}</> : ' or above'}</li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-slate-700">{rulesNote}</p>
          </Card>
          <div className="mb-4 max-w-2xl">
            <BarChart title="Teachers at each salary step" valueHeading="Teachers" color="#7c3aed" data={salaryStepDistribution(steps.rules, steps.rows)} />
          </div>
          <p className="mb-2 text-sm font-semibold">{steps.oneAway} {steps.oneAway === 1 ? 'teacher is' : 'teachers are'} one credential from their next step.</p>
          <ReportTable
            caption={`Salary-step eligibility per teacher: highest ${withPay ? 'amount' : 'step'} first, then those fewest credentials from their next step`}
            headers={['Teacher', ...(withSchool ? ['School'] : []), 'Qualifying credentials', 'Step reached', ...(withPay ? ['Amount'] : []), 'Next step']}
            rows={steps.rows.slice(0, SHOWN).map((r) => [
              r.name,
              ...(withSchool ? [r.school ?? '—'] : []),
              <CountedAwards key="c" row={r} />,
              r.rule?.label ?? '—',
              ...(withPay ? [formatCents(r.amountCents)] : []),
              r.next ? `${r.next.missing} more for “${r.next.rule.label}”` : 'Top step',
            ])}
            more={steps.rows.length - SHOWN}
          />
        </>
      )}
    </section>
  );
}

/**
 * The qualifying count, and (opened) the badges it counts, each linked to its public page: a
 * leader can check a step against the evidence (for the district, before it goes into payroll).
 */
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

import type { ReactNode } from 'react';
import Link from 'next/link';
import { salaryStepDistribution, type SalaryIssuerRule, type SalaryStepRow } from '@/lib/reporting/district';
import { credentialInWords, formatCents, type SalaryRule } from '@/lib/reporting/salary-steps';
import { listInWords } from '@/lib/plural';
import { plural } from '@/lib/plural';
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
export function SalaryStepsSection({ steps, asOf, periodEnd, csvHref, withPay, withSchool, todayHint = '', noRules, rulesHeading, rulesNote, issuersHref }: {
  steps: { rules: SalaryRule[]; rows: SalaryStepRow[]; oneAway: number; issuers: SalaryIssuerRule };
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
  /** Where this reader changes the approved issuers (the district's policy page), if they can. */
  issuersHref?: string;
}) {
  return (
    <section aria-labelledby="sal-h">
      <ReportHeading id="sal-h" title={<>Salary-step eligibility on {dayFmt.format(asOf.day)}{asOf.today ? ' (today)' : ''}</>} csvHref={csvHref} csvLabel="Download CSV" />
      {asOf.today ? (
        <p className="mb-3 max-w-prose text-sm text-slate-700">Counted as of today, because the period runs until {dayFmt.format(periodEnd)}{`: the same count each teacher sees on their own page.${todayHint}`}</p>
      ) : (
        <p className="mb-3 max-w-prose text-sm text-slate-700" data-past-day>
          Counted on {dayFmt.format(asOf.day)}, the last day of the period: the badges each teacher held that day, including any suspended since. The district’s rules{steps.issuers.onlyApproved ? ' and its approved issuers and micro-credentials' : ''} are read as they are today, because earlier versions are not kept.
        </p>
      )}
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
            {steps.issuers.onlyApproved ? <ApprovedIssuersNote issuers={steps.issuers} rows={steps.rows} href={issuersHref} /> : null}
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

const NAMES_SHOWN = 12;
/** Names in a sentence; past a dozen, the first ones and how many more. */
const namesInWords = (names: string[]) =>
  names.length > NAMES_SHOWN ? `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more` : listInWords(names);
const issuerNames = (list: { name: string }[]) => namesInWords(list.map((i) => i.name));

/**
 * When only what the district approves counts: which issuers, which single micro-credentials of
 * other issuers, and how many credentials these teachers hold that are set aside because neither
 * their issuer nor the credential itself is approved.
 */
function ApprovedIssuersNote({ issuers, rows, href }: { issuers: SalaryIssuerRule; rows: SalaryStepRow[]; href?: string }) {
  const setAside = rows.reduce((n, r) => n + r.notApproved, 0);
  const teachers = rows.filter((r) => r.notApproved > 0).length;
  const credentials = namesInWords(issuers.credentials.map(credentialInWords));
  return (
    <p className="mt-2 text-sm text-slate-700" data-approved-issuers>
      {issuers.approved.length ? (
        <>
          Only badges from the issuers the district has approved count: {issuerNames(issuers.approved)}.{' '}
          {issuers.credentials.length ? <>Also counted, approved on {issuers.credentials.length === 1 ? 'its' : 'their'} own: {credentials}. </> : null}
        </>
      ) : issuers.credentials.length ? (
        <>Only badges of the micro-credentials the district has approved one by one count: {credentials}. </>
      ) : (
        <>The district counts only badges from issuers it has approved, and none is approved now, so no badge counts. </>
      )}
      {setAside
        ? `${plural(setAside, 'credential')} held by ${plural(teachers, 'teacher')} ${setAside === 1 ? 'comes' : 'come'} from other issuers and ${setAside === 1 ? 'is' : 'are'} not counted (shown per teacher below). `
        : issuers.approved.length ? 'No teacher here holds a credential from another issuer. ' : ''}
      {href ? <Link href={href}>Change which issuers and micro-credentials count</Link> : null}
    </p>
  );
}

/**
 * The qualifying count, and (opened) the badges it counts, each linked to its public page: a
 * leader can check a step against the evidence (for the district, before it goes into payroll).
 */
function CountedAwards({ row }: { row: SalaryStepRow }) {
  const setAside = row.notApproved ? (
    <span className="block text-xs text-slate-700">{`Not counted: ${row.notApproved} from ${row.notApproved === 1 ? 'an issuer' : 'issuers'} the district has not approved`}</span>
  ) : null;
  if (!row.counted.length) return <>{row.qualifyingCount}{setAside}</>;
  return (
    <>
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
      {setAside}
    </>
  );
}

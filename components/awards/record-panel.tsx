import Link from 'next/link';
import type { LicenceRenewalProgress, SalaryLadderStep, TeacherRecord, TeacherSalary } from '@/lib/reporting/teacher';
import { credentialInWords, formatCents } from '@/lib/reporting/salary-steps';
import { catalogSearchHref } from '@/lib/catalog/search-links';
import { figure, listInWords, plural } from '@/lib/plural';
import { BarChart } from '@/components/charts/bar-chart';
import { Card, Pill, Stat } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { RenewForm } from '@/components/awards/renew-form';
import type { ActionResult } from '@/lib/action-result';
import { RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';
import { ProgressBar } from '@/components/ui/progress';
import { transcriptQueryInput } from '@/lib/reporting/transcript';
import { dayFmt, dayLabel, utcDay } from '@/lib/dates';

/** What a teacher's badges count toward: PD hours per school year, salary steps, renewals. */
export function RecordPanel({ record, renewAction }: { record: TeacherRecord; renewAction: (prev: ActionResult, fd: FormData) => Promise<ActionResult> }) {
  return (
    <section aria-labelledby="counts-heading" className="mb-8 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="counts-heading" className="text-xl font-semibold">What your badges count toward</h2>
        <ButtonLink href="/badges/pd-record.csv" variant="secondary" prefetch={false}>Download my PD record (CSV)</ButtonLink>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Stat label="PD hours, all time" value={record.totalHours} />
        <Stat label={`PD hours, school year ${record.thisYear}`} value={record.hoursThisYear} />
        <Stat label="Badges that verify today" value={record.verifyToday} />
      </dl>
      {record.years.length > 1 ? (
        <BarChart title="PD hours per school year" description="July to June. Hours of revoked badges do not count." valueHeading="PD hours" data={record.years.map((y) => ({ label: y.label, value: y.hours }))} format={(v) => `${v} h`} />
      ) : null}
      <SalaryCard record={record} />
      <LicenceRenewalCard renewal={record.licenceRenewal} />
      {record.renewals.length ? (
        <Card>
          <h3 id="renewals" className="scroll-mt-4 font-semibold">Renewals</h3>
          <p className="mt-1 text-sm text-slate-700">
            Renew a badge by showing the skill again with fresh evidence, reviewed against today’s rubric. You can start {RENEWAL_WINDOW_DAYS} days before it expires (in the last third of its validity for badges valid under nine months); a badge renewed early runs on from the old end date. Hours you earned with it still count.
          </p>
          <ul className="mt-3 divide-y divide-slate-200">
            {record.renewals.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <Link href={`/credentials/${r.id}`}>{r.title}</Link>: {r.state === 'expired' ? 'expired on' : 'expires on'} {dayFmt.format(r.validUntil!)}
                </span>
                {r.renewal === 'open' ? (
                  <RenewForm action={renewAction} microCredentialId={r.microCredentialId} title={r.title} label="Renew" />
                ) : r.renewal === 'in-progress' ? (
                  <Link href={`/apply/${r.slug}`} className="text-sm font-semibold">Continue your renewal<span className="sr-only"> of “{r.title}”</span></Link>
                ) : (
                  <span className="text-sm text-slate-700">The issuer no longer offers it, so it cannot be renewed.</span>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </section>
  );
}

/** The highest level issuers use (the catalogue's levels run 1 to 5): a step at it needs that level exactly. */
const TOP_LEVEL = 5;

/** “2 badges at level 2 or above (in your classroom)”: what a step needs, in words. */
export function stepNeedsInWords(rule: { minLevel: number; credentialsRequired: number }): string {
  const level = `level ${rule.minLevel}${rule.minLevel < TOP_LEVEL ? ' or above' : ''}`;
  return `${plural(rule.credentialsRequired, 'badge')} at ${level}${rule.minLevel >= 2 ? ' (in your classroom)' : ''}`;
}

/** The catalogue's micro-credentials at a step's level: where to look for the badges it needs. */
export const stepCatalogHref = (minLevel: number) => catalogSearchHref({ kind: 'MICRO_CREDENTIAL', level: String(minLevel) });

/** Past this many approved issuers, their names fold into a list the teacher opens. */
const ISSUERS_INLINE = 5;

/**
 * The salary steps of the teacher's district, each with what it pays, what it needs and what the
 * district wrote about it, the teacher's own step and their next one marked in words (not colour
 * alone), and which issuers' badges count. Shown whatever badges the teacher holds; without a
 * district, or when the district has no steps, it says so in a sentence.
 */
export function SalaryCard({ record }: { record: Pick<TeacherRecord, 'salary' | 'districtName'> }) {
  const { salary } = record;
  if (!salary) {
    return (
      <Card>
        <h3 className="font-semibold">Salary steps</h3>
        {record.districtName ? (
          <p className="mt-1">{record.districtName} has not set any salary steps here, so your badges do not count toward a salary increase on this site. Your district office can tell you whether it rewards micro-credentials in another way.</p>
        ) : (
          <p className="mt-1">You are not linked to a school district, so there are no salary steps to show. Districts set the steps and count your badges toward them. <Link href="/account">Ask to join your district on your account page</Link>.</p>
        )}
      </Card>
    );
  }
  const { result } = salary;
  return (
    <Card>
      <h3 id="salary-steps-heading" className="font-semibold">Salary steps in {salary.districtName}</h3>
      <p className="mt-1">
        {result.rule ? (
          <>You reach <strong>{result.rule.label}</strong> ({formatCents(result.amountCents)}).</>
        ) : (
          <>You have not reached a salary step yet.</>
        )}{' '}
        {result.next ? (
          <>
            Next: <strong>{result.next.rule.label}</strong> ({formatCents(result.next.rule.amountCents)}) needs {plural(result.next.missing, 'more badge', 'more badges')} at level {result.next.rule.minLevel}{result.next.rule.minLevel < TOP_LEVEL ? ' or above' : ''}.{' '}
            <Link href={stepCatalogHref(result.next.rule.minLevel)}>Find level {result.next.rule.minLevel} micro-credentials in the catalogue</Link>
          </>
        ) : result.rule ? (
          <>That is your district’s highest step.</>
        ) : null}
      </p>
      <ol aria-labelledby="salary-steps-heading" className="mt-3 space-y-2">
        {salary.ladder.map((step) => <LadderStep key={step.id} step={step} />)}
      </ol>
      <p className="mt-3 text-sm text-slate-700">Counted as your district counts them: evidence-backed micro-credentials you hold that are not revoked or suspended. {salary.countsExpired ? 'An expired one still counts' : 'An expired one counts again once you renew it'}, and a renewed one counts once. Steps are not added together: you are paid at the highest step you reach. Your district confirms the final amount.</p>
      {salary.approvedIssuersOnly ? <ApprovedIssuers salary={salary} /> : null}
    </Card>
  );
}

// The mark is a word, set off by its border and sign too, never by colour alone; the sign is not read out.
const STEP_MARK: Record<SalaryLadderStep['mark'], { sign: string; text: string; tone: 'success' | 'info' | 'neutral'; box: string } | null> = {
  reached: { sign: '✓', text: 'Your step', tone: 'success', box: 'border-2 border-green-700 bg-green-50' },
  next: { sign: '→', text: 'Your next step', tone: 'info', box: 'border-2 border-dashed border-blue-700' },
  met: { sign: '✓', text: 'Reached', tone: 'neutral', box: 'border border-slate-300' },
  ahead: null,
};

/** One step of the ladder; its mark is words in the list item, so a screen reader reads it with the step. */
function LadderStep({ step }: { step: SalaryLadderStep }) {
  const mark = STEP_MARK[step.mark];
  const missing = step.credentialsRequired - step.have;
  return (
    <li aria-current={step.mark === 'reached' ? 'step' : undefined} className={`rounded-md p-3 ${mark?.box ?? 'border border-slate-200'}`}>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <span className="font-semibold">{step.label}: {formatCents(step.amountCents)}</span>
        {mark ? <Pill tone={mark.tone}><span aria-hidden="true">{mark.sign}&nbsp;</span>{mark.text}</Pill> : null}
      </p>
      <p className="mt-1 text-sm">
        Needs {stepNeedsInWords(step)}.{' '}
        {step.mark === 'reached' ? 'You are at this step.'
          : step.mark === 'met' ? 'You meet it, and a higher step pays you instead.'
            : `You have ${figure(step.have)} so far: ${figure(missing)} more to go.`}
      </p>
      {step.description ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{step.description}</p> : null}
    </li>
  );
}

/** Which issuers' badges the district counts, by name, and what that means for the teacher's own badges. */
function ApprovedIssuers({ salary }: { salary: TeacherSalary }) {
  const issuers = salary.approved?.issuers ?? [];
  const more = Boolean(salary.approved?.more);
  const credentials = salary.approved?.credentials ?? 0;
  return (
    <div className="mt-2 space-y-1 text-sm text-slate-700" data-approved-issuers>
      <p>
        {salary.districtName} counts only badges from issuers it has approved.{' '}
        {issuers.length === 0 ? (
          <>It has not approved any issuer as a whole.</>
        ) : issuers.length <= ISSUERS_INLINE && !more ? (
          <>Approved {issuers.length === 1 ? 'issuer' : 'issuers'}: {listInWords(issuers)}.</>
        ) : null}{' '}
        {credentials ? (
          <>It also counts {plural(credentials, 'micro-credential')} it has approved on {credentials === 1 ? 'its' : 'their'} own: a micro-credential’s page says whether its badges count.</>
        ) : null}
      </p>
      {issuers.length > ISSUERS_INLINE || more ? (
        <details>
          <summary className="cursor-pointer font-medium text-slate-800">The {more ? `first ${figure(issuers.length)}` : figure(issuers.length)} issuers {salary.districtName} has approved</summary>
          <ul className="mt-1 list-disc pl-5 sm:columns-2">
            {issuers.map((name, i) => <li key={`${i}-${name}`}>{name}</li>)}
          </ul>
          {more ? <p className="mt-1">It has approved more issuers than can be listed here: ask your district office for the full list.</p> : null}
        </details>
      ) : null}
      {salary.approvedAlone.length || salary.notApproved.count ? (
        <p>
          {salary.approvedAlone.length ? (
            <>
              Also counted: {listInWords(salary.approvedAlone.map(credentialInWords))}, {salary.approvedAlone.length === 1 ? 'a micro-credential' : 'micro-credentials'} {salary.districtName} has approved on {salary.approvedAlone.length === 1 ? 'its' : 'their'} own.{' '}
            </>
          ) : null}
          {salary.notApproved.count ? (
            <strong className="font-semibold text-slate-900">
              {salary.notApproved.count === 1 ? '1 of your badges comes' : `${salary.notApproved.count} of your badges come`} from {listInWords(salary.notApproved.issuers)}, which {salary.districtName} has not approved, so {salary.notApproved.count === 1 ? 'it does' : 'they do'} not count toward salary steps.
            </strong>
          ) : null}
          {salary.notApproved.count ? ` You keep ${salary.notApproved.count === 1 ? 'it, and its' : 'them, and their'} PD hours still count. Ask your district office which issuers and micro-credentials it approves.` : null}
        </p>
      ) : null}
    </div>
  );
}

/** "7.5 PD hours", "1 PD hour": hours as the record states them. */
const pdHours = (n: number) => `${figure(n)} PD ${n === 1 ? 'hour' : 'hours'}`;

/** The PD transcript of the cycle's badges, for the renewal paperwork; null when the transcript cannot cover those dates (a cycle that starts after today). */
export function cycleTranscriptHref(fromLabel: string, toLabel: string, now = new Date()): string | null {
  return transcriptQueryInput(now).safeParse({ from: fromLabel, to: toLabel }).success ? `/badges/transcript?from=${fromLabel}&to=${toLabel}` : null;
}

/**
 * The teacher's PD hours toward their next licence renewal, where their district sets the hours a
 * renewal needs (nothing otherwise): a bar with the count in words, the cycle counted and what is
 * left out. Without a renewal date, a line asking for it on the account page.
 */
export function LicenceRenewalCard({ renewal, now = new Date() }: { renewal: LicenceRenewalProgress | null; now?: Date }) {
  if (!renewal) return null;
  const { due, districtName, hoursRequired, cycleYears } = renewal;
  if (!due) {
    return (
      <Card>
        <h3 className="font-semibold">Licence renewal</h3>
        <p className="mt-1">
          {districtName} asks for {pdHours(hoursRequired)} for each licence renewal. <Link href="/account#licence">Add the date your licence is next due on your account page</Link> to see how many you have toward it.
        </p>
      </Card>
    );
  }
  const dueDay = dayFmt.format(due.renewsOn);
  const passed = due.toLabel < dayLabel(now);
  const left = Math.round((hoursRequired - due.hours) * 10) / 10;
  const cycle = plural(cycleYears, 'year');
  const transcript = cycleTranscriptHref(due.fromLabel, due.toLabel, now);
  return (
    <Card>
      <h3 className="font-semibold">Licence renewal</h3>
      <p className="mt-1">
        Licence renewal: <strong>{figure(due.hours)} of {pdHours(hoursRequired)}</strong> toward your renewal {passed ? 'that was due' : 'due'} {dueDay}.{' '}
        {left > 0 ? `${pdHours(left)} to go.` : `You have the hours ${districtName} asks for.`}
      </p>
      <div className="mt-2">
        <ProgressBar value={due.hours} max={hoursRequired} label="PD hours toward your licence renewal" valueText={`${figure(due.hours)} of ${pdHours(hoursRequired)}`} />
      </div>
      <p className="mt-2 text-sm text-slate-700">
        Counted: the PD hours of your badges issued from {dayFmt.format(utcDay(due.fromLabel)!)} to {dueDay}, the {cycle} before your renewal date
        {renewal.cycleAssumed ? ` (${districtName} has not set how long its renewal cycle is, so ${cycle} are counted)` : ''}. Revoked badges do not count.
        {renewal.onlyApproved ? ` Only badges from issuers and micro-credentials ${districtName} has approved count.` : ''}
        {due.notApproved.badges ? ` Not counted: ${due.notApproved.badges === 1 ? '1 badge' : `${figure(due.notApproved.badges)} badges`} in the cycle (${pdHours(due.notApproved.hours)}) that ${districtName} has not approved.` : ''}
        {due.suspendedHours ? ` The count includes ${pdHours(due.suspendedHours)} from suspended badges, which your licensing office may not accept until the issuer reinstates them.` : ''}
        {' '}Your licensing office decides what it accepts.
      </p>
      <p className="mt-2 text-sm">
        {transcript ? <><Link href={transcript}>Your PD transcript for this cycle</Link>, to print for your renewal. </> : null}
        {passed ? 'Renewed already? ' : null}<Link href="/account#licence">{passed ? 'Add your next renewal date' : 'Change your renewal date'}</Link>
      </p>
    </Card>
  );
}

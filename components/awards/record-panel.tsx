import Link from 'next/link';
import type { TeacherRecord } from '@/lib/reporting/teacher';
import { credentialInWords, formatCents } from '@/lib/reporting/salary-steps';
import { listInWords } from '@/lib/plural';
import { BarChart } from '@/components/charts/bar-chart';
import { Card, Stat } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { RenewForm } from '@/components/awards/renew-form';
import type { ActionResult } from '@/lib/action-result';
import { RENEWAL_WINDOW_DAYS } from '@/lib/submissions/renewal-policy';

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const levelName = (n: number) => (n >= 2 ? 'level 2 (in your classroom)' : 'level 1 or above');

/** What a teacher's badges count toward: PD hours per school year, salary steps, renewals. */
export function RecordPanel({ record, renewAction }: { record: TeacherRecord; renewAction: (prev: ActionResult, fd: FormData) => Promise<ActionResult> }) {
  const { salary } = record;
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
      {salary ? (
        <Card>
          <h3 className="font-semibold">Salary steps in {salary.districtName}</h3>
          <p className="mt-1">
            {salary.result.rule ? (
              <>You reach <strong>{salary.result.rule.label}</strong> ({formatCents(salary.result.amountCents)}).</>
            ) : (
              <>You have not reached a salary step yet.</>
            )}{' '}
            {salary.result.next ? (
              <>
                Next: <strong>{salary.result.next.rule.label}</strong> ({formatCents(salary.result.next.rule.amountCents)}) needs {salary.result.next.missing} more badge{salary.result.next.missing === 1 ? '' : 's'} at {levelName(salary.result.next.rule.minLevel)}.
              </>
            ) : salary.result.rule ? (
              <>That is your district’s highest step.</>
            ) : null}
          </p>
          <p className="mt-1 text-sm text-slate-700">Counted as your district counts them: evidence-backed micro-credentials you hold that are not revoked or suspended. {salary.countsExpired ? 'An expired one still counts' : 'An expired one counts again once you renew it'}, and a renewed one counts once. Your district confirms the final amount.</p>
          {salary.approvedIssuersOnly ? (
            <p className="mt-1 text-sm text-slate-700" data-approved-issuers>
              {salary.districtName} counts only badges from issuers it has approved.{' '}
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
        </Card>
      ) : null}
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
                  <Link href={`/credentials/${r.id}`}>{r.title}</Link>: {r.state === 'expired' ? 'expired on' : 'expires on'} {dateFmt.format(r.validUntil!)}
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

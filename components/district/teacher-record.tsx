import Link from 'next/link';
import { RECORD_WORK_LIMIT, type DistrictTeacherRecord, type RenewalStanding, type TeacherRecordBadge, type WorkStage } from '@/lib/district/queries';
import { credentialInWords, formatCents } from '@/lib/reporting/salary-steps';
import { figure, listInWords, plural } from '@/lib/plural';
import { levelInWords } from '@/components/credentials/level-words';
import { renewalRuleInWords } from '@/components/reports/renewal-section';
import { MoreThanShown } from '@/components/district/more-than-shown';
import { Card, Stat } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { Row, STATE_WORDS } from '@/components/awards/transcript-document';
import { dayFmt } from '@/lib/dates';

// One teacher's record as their district or school leaders read it (/district/teachers/[id]),
// printed as the PD transcript is (components/awards/transcript-document.tsx): every status and
// rule said in words, every verification link printed in full, tables that do not scroll on paper.

/** Tables scroll sideways on a narrow screen, and print whole. */
const TABLE_BOX = 'rounded-lg border border-slate-300 bg-white print:overflow-visible print:rounded-none print:border-0';
const th = 'p-2 text-left';
const thRight = 'p-2 text-right';

type Summary = NonNullable<DistrictTeacherRecord['summary']>;
type Work = NonNullable<DistrictTeacherRecord['work']>;

/** Whose record, where they work, and when it was read. */
export function TeacherRecordHeader({ record, produced }: { record: DistrictTeacherRecord; produced: string }) {
  const { teacher } = record;
  return (
    <dl className="mb-6 space-y-1.5 rounded-lg border border-slate-300 bg-white p-4 print:border-slate-500">
      <Row label="Email">{teacher.email}</Row>
      <Row label="School">{teacher.schoolName ?? `No particular school (placed across ${teacher.districtName})`}</Row>
      <Row label="District">{teacher.districtName}</Row>
      <Row label="Produced">{produced}. Each badge’s status is as of then.</Row>
    </dl>
  );
}

/** PD hours in all, this school year and per school year, with those toward licence renewal when the district counts only its approved lists. */
export function RecordHours({ record, summary }: { record: DistrictTeacherRecord; summary: Summary }) {
  const { teacher, renewalRule: rule } = record;
  const withRenewal = rule.onlyApproved;
  return (
    <section aria-labelledby="hours-heading" className="mb-8">
      <h2 id="hours-heading" className="text-xl font-semibold">PD hours</h2>
      <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="PD hours, all time" value={figure(summary.totalHours)} />
        <Stat label={`PD hours, school year ${summary.thisYear}`} value={figure(summary.hoursThisYear)} />
        <Stat label="Badges in all" value={figure(record.badges.total)} />
        <Stat label="Badges that verify today" value={figure(summary.verifyToday)} />
      </dl>
      {summary.years.length ? (
        <TableScroll label="PD hours per school year" className={`mt-4 max-w-2xl ${TABLE_BOX}`}>
          <table className="w-full border-collapse text-sm">
            <caption className="p-2 text-left font-semibold">PD hours per school year (July to June)</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className={th}>School year</th>
                <th scope="col" className={thRight}>Badges with PD hours</th>
                <th scope="col" className={thRight}>PD hours</th>
                {withRenewal ? <th scope="col" className={thRight}>PD hours toward licence renewal</th> : null}
              </tr>
            </thead>
            <tbody>
              {summary.years.map((y) => (
                <tr key={y.label} className="border-b border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal">{y.label}</th>
                  <td className="p-2 text-right">{figure(y.credentials)}</td>
                  <td className="p-2 text-right">{figure(y.hours)}</td>
                  {withRenewal ? <td className="p-2 text-right">{figure(y.renewalHours)}</td> : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-slate-400 font-semibold">
                <th scope="row" className="p-2 text-left">Total</th>
                <td className="p-2 text-right">{figure(summary.years.reduce((s, y) => s + y.credentials, 0))}</td>
                <td className="p-2 text-right">{figure(summary.totalHours)}</td>
                {withRenewal ? <td className="p-2 text-right">{figure(summary.renewalHours)}</td> : null}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      ) : (
        <p className="mt-3">{teacher.name} has no PD hours from badges yet.</p>
      )}
      <p className="mt-3 max-w-prose text-sm text-slate-800">
        Counted as on {teacher.name}’s own record and in the district’s reports: a revoked badge’s hours do not count; an expired or suspended badge’s hours still do, as they were earned while it was valid. A badge the teacher hid from their public portfolio is still listed and counted here.
      </p>
      <h3 className="mt-4 font-semibold">Licence renewal</h3>
      <p className="mt-1 max-w-prose text-sm text-slate-800">
        {withRenewal
          ? `${renewalRuleInWords(rule)} The last column above shows the hours that count; each badge below says whether it counts.`
          : `${teacher.districtName} counts every micro-credential toward licence renewal, so the PD hours above are the hours toward it. Each badge below says whether it counts; check a suspended one before filing it.`}
      </p>
    </section>
  );
}

const STEP_MARK: Record<RecordSalary['steps'][number]['mark'], string> = { reached: 'Their step', next: 'Their next step', met: 'Met (a higher step applies instead)', ahead: 'Not yet' };
type RecordSalary = NonNullable<Summary['salary']>;
const pay = (cents: number | null) => (cents === null ? '' : ` (${formatCents(cents)})`);

/** Where the teacher stands on the district's salary steps, counted by its own rules and approved lists; pay only for the district's readers. */
export function RecordSalarySteps({ record, summary }: { record: DistrictTeacherRecord; summary: Summary }) {
  const { teacher } = record;
  const salary = summary.salary;
  const withPay = record.reader === 'district';
  if (!salary) {
    return (
      <section aria-labelledby="salary-heading" className="mb-8">
        <h2 id="salary-heading" className="text-xl font-semibold">Salary steps</h2>
        <p className="mt-2">{teacher.districtName} has not set any salary steps on this site, so there is no step to show.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="salary-heading" className="mb-8 print:break-inside-avoid">
      <h2 id="salary-heading" className="text-xl font-semibold">Salary steps in {salary.districtName}</h2>
      <p className="mt-2">
        {salary.reached ? <>{teacher.name} reaches <strong>{salary.reached.label}</strong>{pay(salary.reached.amountCents)}.</> : <>{teacher.name} has not reached a salary step yet.</>}{' '}
        {salary.next ? (
          <>Next: <strong>{salary.next.label}</strong>{pay(salary.next.amountCents)} needs {plural(salary.next.missing, 'more badge', 'more badges')} at level {salary.next.minLevel} or above.</>
        ) : salary.reached ? <>That is the district’s highest step.</> : null}
      </p>
      <TableScroll label="Salary steps" className={`mt-3 ${TABLE_BOX}`}>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Salary steps of {salary.districtName}, and where {teacher.name} stands on each</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className={th}>Step</th>
              <th scope="col" className={th}>Needs</th>
              {withPay ? <th scope="col" className={th}>Pays</th> : null}
              <th scope="col" className={thRight}>Badges counted</th>
              <th scope="col" className={th}>Where they stand</th>
            </tr>
          </thead>
          <tbody>
            {salary.steps.map((s) => (
              <tr key={s.id} aria-current={s.mark === 'reached' ? 'step' : undefined} className={`border-b border-slate-200 ${s.mark === 'reached' ? 'bg-green-50 font-semibold print:bg-white' : ''}`}>
                <th scope="row" className="p-2 text-left">{s.label}</th>
                <td className="p-2">{plural(s.credentialsRequired, 'badge')} at level {s.minLevel} or above</td>
                {withPay ? <td className="p-2">{s.amountCents === null ? '' : formatCents(s.amountCents)}</td> : null}
                <td className="p-2 text-right">{figure(s.have)}</td>
                <td className="p-2">{s.mark === 'ahead' || s.mark === 'next' ? `${STEP_MARK[s.mark]}: ${figure(s.credentialsRequired - s.have)} more to go` : STEP_MARK[s.mark]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="mt-3 max-w-prose text-sm text-slate-800">
        Counted today by {salary.districtName}’s rules, as its salary-step report and the teacher’s own page count them: evidence-backed micro-credentials held that are not revoked or suspended. {salary.countsExpired ? 'An expired one still counts' : 'An expired one counts again once renewed'}, and a renewed one counts once. Steps are not added together: the highest step reached applies.
        {withPay ? null : ' What each step pays is a matter between the teacher and the district office, so it is not shown here.'}
      </p>
      {salary.approvedIssuersOnly ? (
        <p className="mt-2 max-w-prose text-sm text-slate-800">
          {salary.districtName} counts only badges from the issuers and micro-credentials it has approved.
          {salary.approvedAlone.length ? ` Counted because the district approved them on their own: ${listInWords(salary.approvedAlone.map(credentialInWords))}.` : null}
          {salary.notApproved.count ? <> <strong>{salary.notApproved.count === 1 ? '1 credential comes' : `${figure(salary.notApproved.count)} credentials come`} from {listInWords(salary.notApproved.issuers)}, which the district has not approved, so {salary.notApproved.count === 1 ? 'it does' : 'they do'} not count toward salary steps.</strong> Their PD hours still count.</> : null}
        </p>
      ) : null}
    </section>
  );
}

const RENEWAL_WORDS = { open: 'Not started', 'in-progress': 'Renewal under way', closed: 'Cannot be renewed: the issuer no longer offers it' } as const;

/** Badges in their renewal window or already expired (the newest of each micro-credential), and whether a renewal is under way. */
export function RecordRenewals({ record, summary }: { record: DistrictTeacherRecord; summary: Summary }) {
  if (!summary.renewals.length) return null;
  return (
    <section aria-labelledby="renewals-heading" className="mb-8">
      <h2 id="renewals-heading" className="text-xl font-semibold">Badges to renew</h2>
      <p className="mt-1 max-w-prose text-sm text-slate-800">Badges of {record.teacher.name}’s that have expired or are close to their end date, with no newer badge of the same micro-credential.</p>
      <TableScroll label="Badges to renew" className={`mt-3 ${TABLE_BOX}`}>
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">Badges of {record.teacher.name}’s to renew, soonest end date first</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className={th}>Badge</th>
              <th scope="col" className={th}>End date</th>
              <th scope="col" className={th}>Renewal</th>
            </tr>
          </thead>
          <tbody>
            {summary.renewals.map((r) => (
              <tr key={r.id} className="border-b border-slate-200">
                <th scope="row" className="p-2 text-left font-normal"><span className="font-semibold">{r.title}</span><span className="block text-xs text-slate-700">{r.issuer}</span></th>
                <td className="whitespace-nowrap p-2">{r.state === 'expired' ? 'Expired on' : 'Ends on'} {dayFmt.format(r.validUntil)}</td>
                <td className="p-2">{RENEWAL_WORDS[r.renewal]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

const STAGE_WORDS: Record<WorkStage, string> = {
  drafting: 'Drafting',
  submitted: 'Sent, waiting for a reviewer',
  'in-review': 'In review',
  'needs-revision': 'Returned for revision',
  'in-progress': 'In progress',
};

/** What the teacher is enrolled in and the applications they are working on (not earned, not stopped), as the teachers list counts them. */
export function RecordWork({ record, work }: { record: DistrictTeacherRecord; work: Work }) {
  const name = record.teacher.name;
  return (
    <section aria-labelledby="work-heading" className="mb-8">
      <h2 id="work-heading" className="text-xl font-semibold">Work in progress</h2>
      {record.reader === 'school' ? (
        <p className="mt-1 max-w-prose text-sm text-slate-800">A draft and work a reviewer sent back both read “In progress”: whether a reviewer asked for changes is the teacher’s to share. Evidence and reviews stay between the teacher and the issuer.</p>
      ) : (
        <p className="mt-1 max-w-prose text-sm text-slate-800">Evidence and reviews stay between the teacher and the issuer.</p>
      )}
      <h3 className="mt-4 font-semibold">Enrolled in ({figure(work.enrolled)})</h3>
      {work.enrolments.length ? (
        <TableScroll label={`Micro-credentials ${name} is enrolled in`} className={`mt-2 ${TABLE_BOX}`}>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Micro-credentials {name} is enrolled in, most recent first</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className={th}>Micro-credential</th>
                <th scope="col" className={th}>Enrolled on</th>
              </tr>
            </thead>
            <tbody>
              {work.enrolments.map((e) => (
                <tr key={e.slug} className="border-b border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal"><Link href={`/micro-credentials/${e.slug}`}>{e.title}</Link></th>
                  <td className="whitespace-nowrap p-2">{dayFmt.format(e.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p className="mt-1">Not enrolled in any micro-credential.</p>}
      <MoreThanShown shown={work.enrolments.length} total={work.enrolled} limit={RECORD_WORK_LIMIT} />
      <h3 className="mt-4 font-semibold">Applications in progress ({figure(work.inProgressTotal)})</h3>
      {work.inProgress.length ? (
        <TableScroll label={`Applications ${name} is working on`} className={`mt-2 ${TABLE_BOX}`}>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Applications {name} is working on, most recently changed first</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className={th}>Micro-credential</th>
                <th scope="col" className={th}>Where it stands</th>
                <th scope="col" className={th}>Started on</th>
                {record.reader === 'district' ? <th scope="col" className={th}>Last sent for review</th> : null}
              </tr>
            </thead>
            <tbody>
              {work.inProgress.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <th scope="row" className="p-2 text-left font-normal">{s.title}{s.renewal ? <span className="block text-xs text-slate-700">Renewal of an earlier badge</span> : null}</th>
                  <td className="p-2">{STAGE_WORDS[s.stage]}</td>
                  <td className="whitespace-nowrap p-2">{dayFmt.format(s.startedAt)}</td>
                  {record.reader === 'district' ? <td className="whitespace-nowrap p-2">{s.lastSentAt ? dayFmt.format(s.lastSentAt) : 'Not sent yet'}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : <p className="mt-1">No application in progress.</p>}
      <MoreThanShown shown={work.inProgress.length} total={work.inProgressTotal} limit={RECORD_WORK_LIMIT} />
    </section>
  );
}

function HoursCell({ row }: { row: TeacherRecordBadge }) {
  const note = row.stack
    ? 'a stack: its hours are counted on its micro-credentials'
    : row.state === 'revoked' && row.pdHours > 0
      ? `${figure(row.pdHours)} not counted: revoked`
      : row.state === 'suspended' && row.countedHours > 0
        ? 'counted; suspended'
        : null;
  return (
    <>
      <span className="font-semibold">{figure(row.countedHours)}</span>
      {note ? <span className="block text-xs text-slate-700">({note})</span> : null}
    </>
  );
}

function renewalWords(r: RenewalStanding, districtName: string): string {
  switch (r) {
    case 'counts': return 'Counts';
    case 'on-hold': return 'On hold while suspended: check before filing';
    case 'not-approved': return `Does not count: not approved by ${districtName}`;
    case 'revoked': return 'Does not count: revoked';
    case 'stack': return 'Its micro-credentials count instead';
  }
}

/** Every badge, a page at a time: revoked and suspended ones listed and marked, with where to verify each. */
export function RecordBadges({ record }: { record: DistrictTeacherRecord }) {
  const { badges, teacher } = record;
  const to = badges.from + badges.items.length - 1;
  const which = badges.total > badges.items.length ? `Badges ${figure(badges.from)} to ${figure(to)} of ${figure(badges.total)}` : `All ${plural(badges.total, 'badge')}`;
  return (
    <section aria-labelledby="badges-heading" className="mb-8">
      <h2 id="badges-heading" className="text-xl font-semibold">Badges{badges.continued ? ' (continued)' : ''}</h2>
      {badges.items.length ? (
        <>
          <p className="mt-1 text-sm text-slate-800">{which}, newest first, including any the issuer has revoked or suspended.</p>
          <TableScroll label={`Badges of ${teacher.name}`} className={`mt-3 ${TABLE_BOX}`}>
            <table className="w-full min-w-[56rem] border-collapse text-sm print:min-w-0 print:text-[9pt]">
              <caption className="sr-only">{which} of {teacher.name}, newest first</caption>
              <thead className="bg-slate-50 print:bg-white">
                <tr className="border-b border-slate-400">
                  <th scope="col" className={th}>Badge and where to verify it</th>
                  <th scope="col" className={th}>Issued by</th>
                  <th scope="col" className={th}>Level</th>
                  <th scope="col" className={th}>Issued</th>
                  <th scope="col" className={th}>Valid until</th>
                  <th scope="col" className={th}>Status</th>
                  <th scope="col" className={thRight}>PD hours counted</th>
                  <th scope="col" className={th}>Licence renewal</th>
                </tr>
              </thead>
              <tbody>
                {badges.items.map((r) => (
                  <tr key={r.id} className="border-b border-slate-200 align-top print:break-inside-avoid">
                    <th scope="row" className="p-2 text-left font-normal">
                      <span className="font-semibold">{r.title}</span>
                      <span className="block text-xs text-slate-700">{r.stack ? 'Stack credential' : 'Micro-credential'}</span>
                      <span className="mt-1 block text-xs">Verify at: <a href={r.url} className="break-all">{r.url}</a></span>
                    </th>
                    <td className="p-2">{r.issuer}</td>
                    <td className="p-2">{levelInWords(r.level) ?? 'No level'}</td>
                    <td className="whitespace-nowrap p-2">{dayFmt.format(r.issuedAt)}</td>
                    <td className="whitespace-nowrap p-2">{r.validUntil ? dayFmt.format(r.validUntil) : 'No end date'}</td>
                    <td className="p-2">{r.state === 'valid' ? STATE_WORDS.valid : <strong>{STATE_WORDS[r.state]}</strong>}</td>
                    <td className="p-2 text-right"><HoursCell row={r} /></td>
                    <td className="p-2">{renewalWords(r.renewal, teacher.districtName)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : badges.continued ? (
        <p className="mt-1">No more badges: every badge is on the earlier pages.</p>
      ) : (
        <p className="mt-1">{teacher.name} has no badges yet.</p>
      )}
    </section>
  );
}

/** Said on a later page of badges, where the rest of the record is not repeated. */
export function RecordContinued({ firstPage }: { firstPage: string }) {
  return (
    <Card className="mb-6 no-print">
      <p>This page lists more of the badges. PD hours, licence renewal, salary steps and work in progress are on <Link href={firstPage}>the first page of the record</Link>.</p>
    </Card>
  );
}

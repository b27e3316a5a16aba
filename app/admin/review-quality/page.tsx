import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { getReviewQuality, getScoringPatterns } from '@/lib/review/quality';
import { listAdjudicationQueue, listOpenAttemptsForAssignment } from '@/lib/review/queries';
import { assignPartyRefusal } from '@/lib/review/claims';
import { QualityFilterInput } from '@/lib/review/schemas';
import { describeKappa } from '@/lib/review/stats';
import { Alert, Card, EmptyState, PageHeader, Pill, Stat } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Pagination } from '@/components/ui/pagination';
import { TableScroll } from '@/components/ui/table-scroll';
import { BarChart } from '@/components/charts/bar-chart';
import { LineChart } from '@/components/charts/line-chart';
import { SlaClock } from '@/components/review/sla-clock';
import { ClaimButton } from '@/components/review/claim-button';
import { GrantQualificationForm } from '@/components/review/grant-qualification-form';
import { ScoringPatternsView } from '@/components/review/scoring-patterns';
import { filterSelectClass } from '@/components/ui/field';

export const metadata = { title: 'Review quality' };

const pct = (v: number) => `${Math.round(v * 100)}%`;
const num = (v: number) => (Math.round(v * 100) / 100).toString();
const days = (v: number) => `${Math.round(v * 10) / 10} d`;
const weekFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const count = (v: number) => v.toLocaleString('en-GB');

type Search = { microCredentialId?: string; period?: string; scoringPeriod?: string; cursor?: string; adjCursor?: string; assigned?: string };

const periodLabel: Record<string, string> = { '30': 'Last 30 days', '90': 'Last 90 days', '180': 'Last 6 months', '365': 'Last 12 months' };

export default async function ReviewQualityPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/review-quality');
  const sp = await searchParams;
  const filter = QualityFilterInput.parse(sp);
  const to = new Date();
  const from = new Date(to.getTime() - Number(filter.period) * 86_400_000);
  const scoringFrom = new Date(to.getTime() - Number(filter.scoringPeriod) * 86_400_000);
  const [quality, patterns, adjudication, open] = await Promise.all([
    getReviewQuality({ actor, microCredentialId: filter.microCredentialId, from, to }),
    getScoringPatterns({ actor, microCredentialId: filter.microCredentialId, from: scoringFrom, to }),
    listAdjudicationQueue({ actor, cursor: sp.adjCursor }),
    listOpenAttemptsForAssignment({ actor, microCredentialId: filter.microCredentialId, cursor: sp.cursor }),
  ]);
  const { agreement, turnaround } = quality;
  const o = agreement.overall;

  return (
    <div>
      <PageHeader title="Review quality" description="How consistently reviewers score, how quickly decisions are made, and the work that needs an admin." />

      <form method="get" className="mb-6 flex flex-wrap items-end gap-4">
        {filter.scoringPeriod !== '365' ? <input type="hidden" name="scoringPeriod" value={filter.scoringPeriod} /> : null}
        <div className="max-w-full">
          <label htmlFor="microCredentialId" className="block text-sm font-semibold">Micro-credential</label>
          <select id="microCredentialId" name="microCredentialId" defaultValue={filter.microCredentialId ?? ''} className={filterSelectClass}>
            <option value="">All credentials</option>
            {quality.credentials.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          {quality.credentialsCut ? <p className="mt-1 max-w-md text-sm text-slate-700">Only the first {count(quality.credentialLimit)} credentials, by web address, are listed.</p> : null}
        </div>
        <div className="max-w-full">
          <label htmlFor="period" className="block text-sm font-semibold">Period</label>
          <select id="period" name="period" defaultValue={filter.period} className={filterSelectClass}>
            {Object.entries(periodLabel).map(([v, label]) => (
              <option key={v} value={v}>{label}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
          Apply
        </button>
      </form>

      <section aria-labelledby="agreement" className="mb-10">
        <h2 id="agreement" className="text-xl font-semibold">Scoring agreement</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          From double-scored submissions: the first and second reviewer’s level on each criterion. Exact agreement is the share of identical levels; Cohen’s kappa corrects it for agreement expected by chance (1 is perfect, 0 is chance).
          {agreement.sampled ? ` The period has more than ${count(agreement.sample)} double-scored submissions: these figures rest on the newest ${count(agreement.sample)}.` : ''}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Double-scored submissions" value={String(o.attempts)} />
          <Stat label="Exact agreement on levels" value={o.exactAgreement === null ? '—' : pct(o.exactAgreement)} />
          <Stat label="Cohen’s kappa" value={o.kappa === null ? '—' : `${num(o.kappa)} (${describeKappa(o.kappa)})`} />
          <Stat label="Same pass/revise outcome" value={o.decisionAgreement === null ? '—' : pct(o.decisionAgreement)} />
        </dl>
        <div className="grid gap-6 lg:grid-cols-2">
          <BarChart
            title="Exact agreement by credential"
            description="Share of criterion ratings on which the two reviewers chose the same level."
            data={agreement.byCredential.map((r) => ({ label: r.label, value: r.exactAgreement, display: r.exactAgreement === null ? undefined : `${pct(r.exactAgreement)} (${r.pairs} ratings)` }))}
            max={1}
            format={pct}
            valueHeading="Exact agreement"
          />
          <BarChart
            title="Cohen’s kappa by reviewer"
            description="Agreement of each reviewer with the other reviewer on the same submissions, corrected for chance."
            data={agreement.byReviewer.map((r) => ({ label: r.label, value: r.kappa, display: r.kappa === null ? undefined : `${num(r.kappa)} ${describeKappa(r.kappa)} (${r.attempts} subm.)` }))}
            max={1}
            format={num}
            valueHeading="Kappa"
          />
        </div>
      </section>

      <section aria-labelledby="scoring-patterns" className="mb-10">
        <h2 id="scoring-patterns" className="text-xl font-semibold">Scoring patterns</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          From every review submitted in the period, not only the double-scored ones. The mean level is the average rubric level a reviewer gave a criterion (0 is the lowest level). The difference compares each score with the mean of all reviewers of the same credential, so it shows who scores higher or lower than colleagues.
        </p>
        <form method="get" action="/admin/review-quality#scoring-patterns" className="mt-3 flex flex-wrap items-end gap-4">
          {filter.microCredentialId ? <input type="hidden" name="microCredentialId" value={filter.microCredentialId} /> : null}
          <input type="hidden" name="period" value={filter.period} />
          <div className="max-w-full">
            <label htmlFor="scoringPeriod" className="block text-sm font-semibold">Reviews submitted</label>
            <select id="scoringPeriod" name="scoringPeriod" defaultValue={filter.scoringPeriod} className={filterSelectClass}>
              {Object.entries(periodLabel).map(([v, label]) => (
                <option key={v} value={v}>{label}</option>
              ))}
            </select>
          </div>
          <button type="submit" className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            Show
          </button>
        </form>
        <ScoringPatternsView patterns={patterns} />
      </section>

      <section aria-labelledby="turnaround" className="mb-10">
        <h2 id="turnaround" className="text-xl font-semibold">Turnaround</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">
          Business days from submission to decision, for decisions in the period.
          {turnaround.sampled ? ` The period has more than ${count(turnaround.sample)} decisions: the figures and charts below cover only the newest ${count(turnaround.sample)}.` : ''}
        </p>
        <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3">
          <Stat label="Decisions" value={String(turnaround.overall.count)} />
          <Stat label="Median turnaround" value={turnaround.overall.medianBusinessDays === null ? '—' : days(turnaround.overall.medianBusinessDays)} />
          <Stat label="Decided within the service level" value={turnaround.overall.withinSlaShare === null ? '—' : pct(turnaround.overall.withinSlaShare)} />
        </dl>
        <div className="grid gap-6 lg:grid-cols-2">
          <LineChart
            title="Median turnaround by week"
            description={`Median business days from submission to decision, by week of decision. ${turnaround.slaBusinessDays !== null ? `The dashed line is the ${turnaround.slaBusinessDays}-business-day service level.` : turnaround.byWeek.length ? 'These credentials’ issuers have different service levels, so no service-level line is drawn: each decision is checked against its own issuer’s due date.' : ''}`}
            labels={turnaround.byWeek.map((w) => weekFmt.format(new Date(w.week)))}
            series={[{ name: 'Median business days', values: turnaround.byWeek.map((w) => w.medianBusinessDays) }]}
            format={days}
            xHeading="Week of"
            reference={turnaround.slaBusinessDays === null ? undefined : { value: turnaround.slaBusinessDays, label: `Service level: ${turnaround.slaBusinessDays} days` }}
          />
          <BarChart
            title="Decided within the service level, by credential"
            description="Share of decisions made by the due date."
            data={turnaround.byCredential.map((c) => ({ label: c.label, value: c.withinSlaShare, display: c.withinSlaShare === null ? undefined : `${pct(c.withinSlaShare)} of ${c.count}` }))}
            max={1}
            format={pct}
            valueHeading="Within service level"
          />
        </div>
      </section>

      <section aria-labelledby="adjudication" className="mb-10">
        <h2 id="adjudication" className="text-xl font-semibold">Adjudication</h2>
        <p className="mt-1 text-sm text-slate-700">Double-scored submissions whose two reviewers reached different outcomes. Your decision is final.</p>
        {adjudication.items.length === 0 ? (
          <p className="mt-3 text-slate-700">Nothing needs adjudication.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {adjudication.items.map((i) => (
              <li key={i.attemptId} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3">
                <div id={`adj-${i.attemptId}`}>
                  <p className="font-semibold">
                    {i.credentialTitle}, attempt {i.attemptNumber}
                  </p>
                  <p className="text-sm text-slate-700">{i.decisions.map((d) => `${d.kind === 'PRIMARY' ? 'First' : 'Second'}${d.reviewerName ? ` (${d.reviewerName})` : ''}: ${d.decision === 'PASS' ? 'pass' : 'revise'}`).join(' · ')}</p>
                  <SlaClock {...i.clock} />
                </div>
                {i.claimedBy && i.claimedBy.reviewerId === actor.id ? (
                  <Link href={`/review/${i.claimedBy.reviewId}`} className="font-semibold">Continue adjudicating</Link>
                ) : i.claimedBy ? (
                  <span className="text-sm">Being adjudicated by {i.claimedBy.name ?? 'another admin'}</span>
                ) : i.conflict || i.scoredByYou ? (
                  // claimReview refuses these: the reason instead of a button that would.
                  <span className="text-sm text-slate-700">
                    {i.conflict === 'OWN_WORK'
                      ? 'Your own application: another admin adjudicates it.'
                      : i.conflict
                        ? 'Another admin adjudicates this: the issuer’s conflict-of-interest rules apply to you.'
                        : 'You scored this submission: another admin adjudicates it.'}
                  </span>
                ) : (
                  <ClaimButton attemptId={i.attemptId} kind="ADJUDICATION" label="Adjudicate" describedBy={`adj-${i.attemptId}`} />
                )}
              </li>
            ))}
          </ul>
        )}
        {adjudication.nextCursor || sp.adjCursor ? (
          <nav aria-label="Adjudication pages" className="mt-3 flex justify-between text-sm">
            {sp.adjCursor ? <Link href={qualityHref(filter, {})}>← First page</Link> : <span />}
            {adjudication.nextCursor ? <Link href={qualityHref(filter, { adjCursor: adjudication.nextCursor })}>More submissions to adjudicate →</Link> : null}
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="assign" className="mb-10">
        <h2 id="assign" className="text-xl font-semibold">Assign and reassign</h2>
        {/* After assigning, the page comes back here (#assign) from the assign page, whose button is gone: the notice is here, where the admin lands, and takes focus. */}
        {sp.assigned === 'assigned' || sp.assigned === 'reassigned' ? (
          <ArrivalNotice className="mt-3">
            <Alert tone="success">{sp.assigned === 'reassigned' ? 'Reassigned. The previous reviewer’s claim was released.' : 'Assigned. The reviewer has been notified.'}</Alert>
          </ArrivalNotice>
        ) : null}
        {open.items.length === 0 ? (
          <EmptyState title="No open submissions" />
        ) : (
          <TableScroll label="Open submissions" className="mt-3">
            <table className="w-full min-w-[44rem] border-collapse text-sm">
              <caption className="sr-only">Open submissions, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="border-b border-slate-300 p-2 text-left">Submission</th>
                  <th scope="col" className="border-b border-slate-300 p-2 text-left">Reviews</th>
                  <th scope="col" className="border-b border-slate-300 p-2 text-left">Decision due</th>
                  <th scope="col" className="border-b border-slate-300 p-2 text-left"><span className="sr-only">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {open.items.map((i) => (
                  <tr key={i.attemptId}>
                    <th scope="row" className="border-b border-slate-200 p-2 text-left align-top font-medium">
                      {i.credentialTitle}
                      <span className="block text-xs font-normal text-slate-700">
                        attempt {i.attemptNumber}
                        {i.teacher ? ` · ${i.teacher.name}` : ''}
                      </span>
                      {i.doubleScore ? <Pill tone="info">Double scored</Pill> : null} {i.needsAdjudication ? <Pill tone="purple">Needs adjudication</Pill> : null} {i.secondLook ? <Pill tone="purple">Second look</Pill> : null}
                    </th>
                    <td className="border-b border-slate-200 p-2 align-top">
                      {i.reviews.length === 0
                        ? 'Unclaimed'
                        : i.reviews.map((r, k) => (
                            <span key={k} className="block">
                              {r.kind === 'PRIMARY' ? 'Review' : r.kind === 'SECOND' ? 'Second score' : r.kind === 'SECOND_LOOK' ? 'Second look' : 'Adjudication'}: {r.reviewerName ?? 'a reviewer'}, {r.status === 'SUBMITTED' ? 'submitted' : r.expired ? 'claim expired' : 'in progress'}
                            </span>
                          ))}
                    </td>
                    <td className="border-b border-slate-200 p-2 align-top">
                      <SlaClock {...i.clock} />
                    </td>
                    <td className="border-b border-slate-200 p-2 align-top">
                      {i.conflict ? (
                        // assignReview refuses these: the reason instead of a link to a form that would.
                        <span className="text-slate-700">{i.conflict === 'OWN_WORK' ? 'Your own application: another admin assigns it.' : 'Another admin assigns this: the issuer’s conflict-of-interest rules apply to you.'}</span>
                      ) : i.party && i.waitingFor ? (
                        // Work they are a party to (they scored what it settles, asked for the second look): refused too.
                        <span className="text-slate-700">{assignPartyRefusal(i.party, i.waitingFor)}</span>
                      ) : (
                        <Link href={`/admin/review-quality/assign/${i.attemptId}`}>
                          Assign or reassign<span className="sr-only"> {i.credentialTitle}, attempt {i.attemptNumber}</span>
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pagination basePath="/admin/review-quality" params={{ microCredentialId: filter.microCredentialId, period: filter.period, scoringPeriod: filter.scoringPeriod !== '365' ? filter.scoringPeriod : undefined }} nextCursor={open.nextCursor} hasPrevious={Boolean(sp.cursor)} />
      </section>

      <Card>
        <h2 className="mb-3 text-xl font-semibold">Qualify a reviewer</h2>
        {quality.credentials.length ? <GrantQualificationForm credentials={quality.credentials} /> : <p>No micro-credentials yet.</p>}
        {quality.credentialsCut ? <p className="mt-2 text-sm text-slate-700">Only the first {count(quality.credentialLimit)} credentials, by web address, are listed.</p> : null}
      </Card>
    </div>
  );
}

function qualityHref(filter: { microCredentialId?: string; period: string; scoringPeriod: string }, extra: Record<string, string>) {
  const p = new URLSearchParams({ period: filter.period, ...(filter.microCredentialId ? { microCredentialId: filter.microCredentialId } : {}), ...(filter.scoringPeriod !== '365' ? { scoringPeriod: filter.scoringPeriod } : {}), ...extra });
  return `/admin/review-quality?${p.toString()}#adjudication`;
}

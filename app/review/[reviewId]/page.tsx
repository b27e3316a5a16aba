import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireRole } from '@/lib/auth/session';
import { getReviewWorkspace } from '@/lib/review/queries';
import { claimEndText, getClaimEnd } from '@/lib/review/claims';
import { passingRuleOf } from '@/lib/review/rubric';
import { Alert, Card } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';
import { EvidencePanel } from '@/components/review/evidence-panel';
import { ScoringForm } from '@/components/review/scoring-form';
import { SlaClock } from '@/components/review/sla-clock';
import { ClaimWorkspace } from '@/components/review/claim-timer';
import { ClaimButton } from '@/components/review/claim-button';
import { CriterionFeedbackTable } from '@/components/review/criterion-feedback-table';
import { ReleaseClaimForm } from '@/components/review/release-claim-form';
import { ReportConcernForm } from './report-concern-form';
import { SubmittedNotice } from './submitted-notice';
import { submittedOutcomeText } from './submitted-outcome';
import { getReviewConcerns } from '@/lib/evidence/concerns';
import { CONCERN_REASON_LABELS } from '@/lib/evidence/schemas';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { formatDayTime } from '@/lib/time-format';

export const metadata = { title: 'Score a submission' };

const kindLabel: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second, independent score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function ReviewPage({ params }: { params: Promise<{ reviewId: string }> }) {
  const { reviewId } = await params;
  const actor = await requireRole(['REVIEWER', 'ISSUER_ADMIN'], `/review/${reviewId}`);
  const ws = await getReviewWorkspace({ actor, reviewId });
  if (!ws) notFound();
  // Times of day in the reviewer's own zone (ADR 023); whole days (dayFmt) stay UTC days.
  const timeFmt = { format: (at: Date) => formatDayTime(at, actor.timeZone) };
  const { review, attempt, version, teacher } = ws;
  // A claim its reviewer may no longer score (ws.cannotScoreBecause) is still theirs on record until
  // they give it back or the sweep does: it is shown as ended, never scored here.
  const lostRight = review.status === 'CLAIMED' && ws.cannotScoreBecause !== null;
  const editable = review.status === 'CLAIMED' && !lostRight;
  // How an ended claim ended (it ran out, was reassigned, ...) and whether the work can be taken up again.
  const end = review.status !== 'CLAIMED' && review.status !== 'SUBMITTED' ? await getClaimEnd({ actor, reviewId }) : null;
  // Safeguarding: this reviewer's concerns about the evidence, and files the issuer removed.
  const concerns = await getReviewConcerns({ actor, reviewId });
  const fileLabel = new Map([...attempt.files.map((f) => [f.id, f.fileName] as const), ...(concerns?.removed ?? []).map((f) => [f.id, f.label] as const)]);
  // The saved scores, and feedback written on criteria before their level was chosen.
  const initial = ws.draft;
  const levelLabel = (id: string) => version.levels.find((l) => l.id === id)?.label ?? '—';
  // Parts are numbered as the evidence panel numbers them, so "Part 2" names the same heading there.
  const partOf = new Map(version.parts.map((p, i) => [p.id, { number: i + 1, title: p.title }]));
  const criteria = version.criteria.map((c) => ({ ...c, part: c.partId ? (partOf.get(c.partId) ?? null) : null }));
  const outcome = review.status === 'SUBMITTED' ? submittedOutcomeText({ kind: review.kind, attemptStatus: attempt.status, setAside: Boolean(ws.setAside), awardPending: ws.submission.awardPending }) : null;

  return (
    <div>
      <p className="text-sm">
        <Link href="/review">← Review queue</Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold sm:text-3xl">{version.title}</h1>
      <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-800">
        {/* Said only when it changes the work: a first review is the ordinary case. Plain text, not a pill that looks like a button. */}
        {review.kind === 'PRIMARY' ? null : (
          <div>
            <dt className="inline font-semibold">Review type: </dt>
            <dd className="inline">{kindLabel[review.kind]}</dd>
          </div>
        )}
        <div>
          <dt className="inline font-semibold">Teacher: </dt>
          {/* Under blind review the teacher is never shown, claim or no claim. */}
          <dd className="inline">{teacher ? `${teacher.name}${teacher.schoolName ? `, ${teacher.schoolName}` : ''}` : ws.issuer.blindReview ? 'hidden (this issuer reviews blind)' : lostRight ? 'not shown (you can no longer score this submission)' : 'shown while you hold a claim'}</dd>
        </div>
        <div>
          <dt className="inline font-semibold">Attempt: </dt>
          <dd className="inline">{attempt.number}{ws.submission.renewal ? ' of a renewal (the teacher held this badge before)' : ''}</dd>
        </div>
        {/* Once decided, a countdown to the decision date would read as work still to do. */}
        {ws.setAside || attempt.status === 'PASSED' || attempt.status === 'RETURNED' ? null : (
          <div>
            <dt className="inline font-semibold">Decision due: </dt>
            <dd className="inline">
              <SlaClock {...attempt.clock} />
            </dd>
          </div>
        )}
      </dl>

      {ws.setAside ? (
        <div className="mt-4">
          <Alert tone="info" title="Set aside for a second look">
            An issuer admin asked for a second look at this decision on {dayFmt.format(ws.setAside.requestedAt)}; your review stays on record.{' '}
            {ws.setAside.decision
              ? `The independent reviewer’s decision, final for this attempt: ${ws.setAside.decision === 'PASS' ? 'meets the standard' : 'needs revision'}.`
              : 'An independent reviewer is reviewing the attempt again; their decision will be final for it.'}
          </Alert>
        </div>
      ) : null}

      {/* The claim timer, then the work; while the claim is about to run out, a bar below the work says so too, where the reviewer is scoring. */}
      <ClaimWorkspace
        claim={
          editable
            ? {
                reviewId: review.id,
                expiresAt: review.claimExpiresAt.toISOString(),
                claimMinutes: ws.issuer.claimMinutes,
                serverLabel: timeFmt.format(review.claimExpiresAt),
                timeZone: actor.timeZone ?? null,
                expiredAtRender: review.claimExpired,
                // Shown only if "Keep my claim" finds that the claim ran out and nobody has taken the work since.
                claimAgainButton: <ClaimButton attemptId={attempt.id} kind={review.kind} label="Claim it again and keep my draft" />,
              }
            : null
        }
      >
        {/* Mounted while the review is scored too (showing nothing), so it is still here after Submit and takes focus then. */}
        <SubmittedNotice submitted={review.status === 'SUBMITTED'} className="mt-4">
          {review.status === 'SUBMITTED' ? (
            <Alert tone="success" title={`You submitted this review: ${review.decision === 'PASS' ? 'meets the standard' : 'needs revision'}`}>
              {outcome ? <p>{outcome}</p> : null}
              <p>It can no longer be changed.</p>
              <p className="mt-2">
                <Link href="/review">Back to the review queue</Link>
              </p>
            </Alert>
          ) : null}
        </SubmittedNotice>
        {lostRight ? (
          <div className="mt-4">
            <Alert tone="warning" title="You can no longer score this submission">
              <p>
                This is because {ws.cannotScoreBecause}. You can no longer work on this claim: the teacher’s answers and files are no longer shown to you, and nothing more can be saved or submitted. Your scores and feedback so far are shown below, for reference.
              </p>
              <p className="mt-2">Give it back to the queue now. If you do not, it goes back on its own shortly.</p>
              <ReleaseClaimForm reviewId={review.id} label="Give it back to the queue" />
            </Alert>
          </div>
        ) : null}
        {review.status !== 'SUBMITTED' && review.status !== 'CLAIMED' ? (
          <div className="mt-4">
            <Alert tone="warning" title="This claim has ended">
              <p>{end ? claimEndText(end) : 'It can no longer be scored here.'} Your scores and feedback so far are shown below, for reference.</p>
              {end?.canClaimAgain ? (
                <div className="mt-2">
                  <ClaimButton attemptId={end.attemptId} kind={end.kind} label="Claim it again and keep my draft" />
                </div>
              ) : null}
              {end?.workNow === 'YOURS' && end.currentReviewId ? (
                <p className="mt-2">
                  <Link href={`/review/${end.currentReviewId}`}>Open your current claim</Link>
                </p>
              ) : null}
            </Alert>
          </div>
        ) : null}

        {review.kind === 'SECOND_LOOK' && editable ? (
          <div className="mt-4">
            {/* The set-aside reviews and the admin's reason are not shown: the second look is independent of both. */}
            <Alert tone="info" title="A second look">
              An issuer admin set the earlier decision on this attempt aside and asked for an independent review. Score the evidence against the rubric as for any review: your decision is final for this attempt.
            </Alert>
          </div>
        ) : null}

        {ws.otherReviews.length ? (
          <Card className="mt-6">
            <h2 className="text-lg font-semibold">{review.kind === 'ADJUDICATION' ? 'The reviews being adjudicated' : 'The other reviews of this attempt'}</h2>
            <TableScroll label="Levels given by each reviewer" className="mt-2">
              <table className="w-full min-w-[32rem] border-collapse text-sm">
                <caption className="sr-only">Levels given by each reviewer</caption>
                <thead>
                  <tr>
                    <th scope="col" className="border-b border-slate-300 p-2 text-left">Criterion</th>
                    {ws.otherReviews.map((r) => (
                      <th key={r.id} scope="col" className="border-b border-slate-300 p-2 text-left">
                        {r.kind === 'PRIMARY' ? 'First review' : r.kind === 'SECOND' ? 'Second review' : kindLabel[r.kind]} ({r.reviewerName}): {r.decision === 'PASS' ? 'pass' : 'revise'}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {version.criteria.map((c) => (
                    <tr key={c.id}>
                      <th scope="row" className="border-b border-slate-200 p-2 text-left align-top font-medium">{c.title}</th>
                      {ws.otherReviews.map((r) => {
                        const s = r.scores.find((x) => x.criterionId === c.id);
                        return (
                          <td key={r.id} className="border-b border-slate-200 p-2 align-top">
                            <span className="font-semibold">{s ? levelLabel(s.levelId) : '—'}</span>
                            {s?.feedback ? <span className="block whitespace-pre-wrap text-slate-800">{s.feedback}</span> : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                  {/* Where a reviewer explains a decision as a whole: under a total-points rule, what would raise the total. */}
                  <tr>
                    <th scope="row" className="p-2 text-left align-top font-medium">Overall comment</th>
                    {ws.otherReviews.map((r) => (
                      <td key={r.id} className="p-2 align-top">
                        {r.overallComment ? <span className="whitespace-pre-wrap text-slate-800">{r.overallComment}</span> : <span className="text-slate-700">None written</span>}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </TableScroll>
          </Card>
        ) : null}

        {ws.earlierAttempts.length ? (
          <Card className="mt-6">
            <h2 className="text-lg font-semibold">Feedback on earlier attempts ({ws.earlierAttempts.length})</h2>
            <details className="mt-1">
              <summary className="cursor-pointer font-medium">Show what earlier reviewers decided and wrote</summary>
              <p className="mt-1 text-sm text-slate-700">What reviewers asked for before: check whether this attempt addresses it. Parts that already passed are marked in the evidence.</p>
              {ws.earlierAttempts.map((a) => (
                <section key={a.number} aria-labelledby={`earlier-${a.number}`} className="mt-4">
                  <h3 id={`earlier-${a.number}`} className="font-semibold">
                    Attempt {a.number}
                    {a.decidedAt ? <span className="font-normal text-slate-700"> · decided {timeFmt.format(a.decidedAt)}</span> : null}
                  </h3>
                  {a.reviews.map((r) => (
                    <div key={r.id} className="mt-2">
                      <p className="text-sm">
                        <span className="font-semibold">{kindLabel[r.kind]}: </span>
                        {r.decision === 'PASS' ? 'passed' : 'returned for revision'}
                      </p>
                      {r.overallComment ? <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{r.overallComment}</p> : null}
                      <CriterionFeedbackTable
                        className="mt-2"
                        tableClassName="min-w-[28rem]"
                        caption={`Attempt ${a.number}: levels and feedback by criterion`}
                        criteria={version.criteria}
                        scores={r.scores}
                        level={(s) => (s ? levelLabel(s.levelId) : '—')}
                      />
                    </div>
                  ))}
                </section>
              ))}
            </details>
          </Card>
        ) : null}

        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="evidence-heading">
            <h2 id="evidence-heading" className="mb-3 text-xl font-semibold">Evidence</h2>
            {concerns?.removed.length ? (
              <ul className="mb-3 space-y-2" aria-label="Files removed by the issuer">
                {concerns.removed.map((f) => (
                  <li key={f.id} className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
                    <span className="font-medium">{f.label}</span>: Removed by the issuer on {dayFmt.format(f.removedAt)}: {f.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {ws.evidenceWithheld ? (
              <p className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
                {lostRight
                  ? 'The teacher’s answers and files are shown only to reviewers who may score this work.'
                  : `The teacher’s answers and files are shown only while you hold a claim on this work${end?.canClaimAgain ? ': claim it again to see them and carry on with your draft' : ''}.`}
              </p>
            ) : (
              <EvidencePanel parts={version.parts} responses={attempt.responses} files={attempt.files} attestedAt={attempt.attestedAt} />
            )}
            {concerns?.mine.length ? (
              <div className="mt-4 text-sm">
                <h3 className="font-semibold">Concerns you reported</h3>
                <ul className="mt-1 list-disc space-y-1 pl-5">
                  {concerns.mine.map((c) => (
                    <li key={c.id}>
                      {CONCERN_REASON_LABELS[c.reason]}, about {c.fileId ? (fileLabel.get(c.fileId) ?? 'a file') : 'the whole attempt'}, on {dayFmt.format(c.createdAt)}:{' '}
                      {c.resolvedAt ? (c.outcome === 'FILE_REMOVED' ? `the issuer removed the file on ${dayFmt.format(c.resolvedAt)}.` : `the issuer looked into it and closed it on ${dayFmt.format(c.resolvedAt)}.`) : 'with the issuer’s admins.'}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {concerns?.canReport && !lostRight ? (
              <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
                <summary className="cursor-pointer text-sm font-semibold">Report a concern about this evidence</summary>
                <p className="mt-2 text-sm text-slate-700">
                  For example, a student who can be identified without their family’s consent, or students’ personal information. The issuer’s admins are told, and can remove a file.
                </p>
                <ReportConcernForm reviewId={review.id} files={attempt.files.map((f) => ({ id: f.id, label: f.fileName }))} />
              </details>
            ) : null}
          </section>
          <section aria-labelledby="rubric-heading">
            <h2 id="rubric-heading" className="mb-3 text-xl font-semibold">Rubric</h2>
            {editable ? (
              <>
                <ScoringForm
                  reviewId={review.id}
                  reviewerId={actor.id}
                  attemptId={attempt.id}
                  kind={review.kind}
                  version={review.version}
                  attemptVersion={attempt.version}
                  criteria={criteria}
                  levels={version.levels}
                  rule={passingRuleOf(version)}
                  initial={initial}
                  timeZone={actor.timeZone ?? null}
                />
                <details className="mt-6 border-t border-slate-200 pt-4">
                  <summary className="cursor-pointer text-sm font-semibold">Can’t finish this one? Release it</summary>
                  <ReleaseClaimForm reviewId={review.id} />
                </details>
              </>
            ) : (
              <ul className="space-y-3">
                {criteria.map((c) => {
                  const s = initial.scores[c.id];
                  return (
                    <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4">
                      <h3 className="font-semibold">{c.title}</h3>
                      {c.part ? <p className="text-sm text-slate-800">Scores Part {c.part.number}: {c.part.title}</p> : null}
                      <p className="text-sm">Level: {s?.levelId ? levelLabel(s.levelId) : 'not scored'}</p>
                      {s?.feedback ? <p className="mt-1 whitespace-pre-wrap text-sm">{s.feedback}</p> : null}
                    </li>
                  );
                })}
                {review.overallComment ? <li className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{review.overallComment}</li> : null}
              </ul>
            )}
          </section>
        </div>
      </ClaimWorkspace>
    </div>
  );
}

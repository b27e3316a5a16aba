import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getActor, requireRole } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { getSubmissionRecord } from '@/lib/submissions/admin-record';
import { adminConflictOnSubmission } from '@/lib/review/second-look';
import { assignRefusal } from '@/lib/review/mutations';
import { secondLookConflictNotice } from '@/lib/review/second-look-rules';
import { answerRefusal } from '@/lib/feedback-questions/policy';
import { Card, PageHeader, Pill, type Tone } from '@/components/ui/card';
import { EvidencePanel } from '@/components/review/evidence-panel';
import { CriterionFeedbackTable } from '@/components/review/criterion-feedback-table';
import { AnswerForm } from './answer-form';
import { SecondLookForm } from '@/components/admin/second-look-form';
import { WithdrawSecondLookForm } from '@/components/admin/withdraw-second-look-form';
import { ConcernActions } from './concern-actions';
import { CONCERN_REASON_LABELS } from '@/lib/evidence/schemas';
import type { ReviewKind } from '@/lib/generated/prisma/enums';
import { formatDateTime } from '@/lib/time-format';

// Loaded once per request for the title and the page: both get the request's actor from getActor.
const loadRecord = cache((actor: Actor, id: string) => getSubmissionRecord({ actor, submissionId: id }));

// Whose application, for what, in the page title, as the heading says it (under blind review, not
// who the teacher is); anyone who may not see the record gets the plain title.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const actor = await getActor();
  const record = actor ? await loadRecord(actor, (await params).id).catch(() => null) : null;
  return { title: record ? `Application record: ${record.teacher.name}, ${record.credential.title}` : 'Application record' };
}

const SUBMISSION: Record<string, [string, Tone]> = {
  DRAFT: ['Draft', 'neutral'],
  SUBMITTED: ['Waiting for review', 'info'],
  IN_REVIEW: ['In review', 'info'],
  NEEDS_REVISION: ['Returned for revision', 'warning'],
  EARNED: ['Earned', 'success'],
};
const ATTEMPT: Record<string, string> = { DRAFT: 'Draft (not submitted: only the teacher sees it)', SUBMITTED: 'Submitted, not decided yet', RETURNED: 'Returned for revision', PASSED: 'Passed' };
const KIND: Record<ReviewKind, string> = { PRIMARY: 'Review', SECOND: 'Second, independent score', ADJUDICATION: 'Adjudication', SECOND_LOOK: 'Second look' };
const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * An application as its issuer's admins see it: each submitted attempt's evidence and the reviews
 * that decided it, with reviewers' names. Found on Applications (/admin/submissions, by teacher,
 * credential or where it stands), and reached from a badge's admin panel, Badges issued and review
 * quality, to look into a complaint or a badge before suspending or revoking it.
 */
export default async function SubmissionRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/submissions/${encodeURIComponent(id)}`);
  const [record, conflict] = await Promise.all([loadRecord(actor, id), adminConflictOnSubmission({ actor, submissionId: id })]);
  if (!record) notFound();
  // Their own work, or a colleague's the issuer's rules keep them from reviewing: they choose no
  // reviewer for it, neither ask for nor withdraw a second look, and do not reply to the teacher's
  // questions (the server refuses all four), so the page says why, and who can, where it would offer those.
  // Nor do they read the teacher's answers and files (record.evidenceWithheld says so in their place).
  // Times of day in the admin's own zone (ADR 023); whole days (dayFmt) stay UTC days.
  const timeFmt = { format: (at: Date) => formatDateTime(at, actor.timeZone) };
  const [statusLabel, statusTone] = SUBMISSION[record.status] ?? [record.status, 'neutral'];
  const levelLabel = (levelId: string) => record.levels.find((l) => l.id === levelId)?.label ?? '—';
  // A submitted attempt not decided yet can be given to a reviewer the admin chooses.
  const waiting = record.attempts.find((a) => a.status === 'SUBMITTED');
  return (
    <div>
      <PageHeader
        title={`${record.teacher.name}: ${record.credential.title}`}
        description={
          <>
            {record.credential.issuer}, version {record.credential.version}
            {record.renewal ? ' (a renewal)' : ''}. What the teacher submitted, what reviewers decided, and the teacher’s questions about the feedback.
          </>
        }
      />
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-semibold">Teacher</dt>
            <dd>
              {record.teacherHidden ? (
                'Hidden while you score this work (the issuer reviews blind).'
              ) : (
                <>
                  {record.teacher.name} · <a href={`mailto:${record.teacher.email}`}>{record.teacher.email}</a>
                  {record.teacher.school ? ` · ${record.teacher.school}` : ''}
                </>
              )}
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Where it stands</dt>
            <dd>
              <Pill tone={statusTone}>{statusLabel}</Pill>
            </dd>
          </div>
          <div>
            <dt className="font-semibold">Started</dt>
            <dd>{timeFmt.format(record.startedAt)}</dd>
          </div>
          <div>
            <dt className="font-semibold">Badge</dt>
            <dd>
              {record.award ? (
                <>
                  <Link href={`/credentials/${record.award.id}`}>Issued {timeFmt.format(record.award.issuedAt)}</Link>
                  {record.award.revokedAt ? ' · revoked' : record.award.suspendedAt ? ' · suspended' : ''}
                </>
              ) : (
                'Not issued'
              )}
            </dd>
          </div>
        </dl>
        <p className="mt-3 text-sm">
          <Link href={`/micro-credentials/${record.credential.slug}`}>The credential’s public page and rubric</Link>
        </p>
      </Card>

      {record.attempts.map((a) => (
        <section key={a.id} aria-labelledby={`attempt-${a.number}`} className="mb-8">
          <h2 id={`attempt-${a.number}`} className="text-xl font-semibold">
            Attempt {a.number}
          </h2>
          <p className="text-sm text-slate-700">
            {ATTEMPT[a.status] ?? a.status}
            {a.submittedAt ? ` · submitted ${timeFmt.format(a.submittedAt)}` : ''}
            {a.decidedAt ? ` · decided ${timeFmt.format(a.decidedAt)}` : ''}
            {a.needsAdjudication ? ' · waiting for adjudication' : ''}
            {a.secondLook?.pending ? ' · waiting for a second look' : ''}
          </p>
          {a.status === 'SUBMITTED' ? (
            <p className="mt-1 text-sm">
              {record.ownApplication ? (
                // Refused on the assign page too: nobody chooses who reviews their own work.
                <>This is your own application: another admin of the issuer chooses its reviewer, and reviewers’ names and the reasons for a second look are not shown to you.</>
              ) : conflict ? (
                assignRefusal(conflict)
              ) : (
                <Link href={`/admin/review-quality/assign/${a.id}`}>Assign attempt {a.number} to a reviewer you choose</Link>
              )}
            </p>
          ) : null}
          {a.concerns.length ? (
            <section aria-labelledby={`concerns-heading-${a.id}`} className="mt-4">
              <h3 id={`concerns-heading-${a.id}`} className="text-lg font-semibold">
                Concerns about this evidence{a.concerns.some((c) => !c.resolvedAt) ? ` (${a.concerns.filter((c) => !c.resolvedAt).length} open)` : ''}
              </h3>
              <p className="text-sm text-slate-700">Reported by reviewers. The teacher does not see them.</p>
              {record.concernRulingRefusal && a.concerns.some((c) => !c.resolvedAt) ? <p className="mt-1 text-sm text-slate-700">{record.concernRulingRefusal}</p> : null}
              <ul className="mt-2 space-y-3">
                {a.concerns.map((c) => (
                  <li key={c.id} id={`concern-${c.id}`}>
                    <Card className={c.resolvedAt ? undefined : 'border-amber-400'}>
                      <p className="text-sm">
                        <Pill tone={c.resolvedAt ? 'neutral' : 'warning'}>{c.resolvedAt ? (c.outcome === 'FILE_REMOVED' ? 'File removed' : 'Closed') : 'Open'}</Pill>{' '}
                        <span className="font-semibold">{CONCERN_REASON_LABELS[c.reason]}</span> · {c.file ? <>about {c.file}</> : 'about the whole attempt'}
                      </p>
                      <p className="mt-1 text-sm text-slate-700">Reported by {c.reporter} on {timeFmt.format(c.reportedAt)}.</p>
                      {c.note ? <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">{c.note}</p> : null}
                      {c.resolvedAt ? (
                        <p className="mt-2 border-l-4 border-slate-400 pl-3 text-sm">
                          {c.outcome === 'FILE_REMOVED' ? 'File removed' : 'Closed without removing anything'}
                          {c.resolvedBy ? ` by ${c.resolvedBy}` : ''} on {timeFmt.format(c.resolvedAt)}
                          {c.resolution ? `: ${c.resolution}` : '.'}
                        </p>
                      ) : null}
                      {/* Stays mounted once dealt with, so it can say what was done. */}
                      {record.concernRulingRefusal ? null : (
                        <ConcernActions concernId={c.id} fileId={c.fileId} files={a.files.map((f) => ({ id: f.id, fileName: f.fileName }))} open={!c.resolvedAt} />
                      )}
                    </Card>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {a.questionsHidden ? (
            <p className="mt-4 text-sm text-slate-700">
              The teacher’s questions about this attempt, and the replies, are hidden from you until its second look is decided: you may take it, and it stays independent of them.
            </p>
          ) : null}
          {a.questions.length ? (
            <div className="mt-4">
              <h3 className="text-lg font-semibold">Questions from the teacher about the feedback</h3>
              <p className="text-sm text-slate-700">Only the issuer’s admins and the teacher see these; reviewers never do.</p>
              <ul className="mt-2 space-y-3">
                {a.questions.map((q) => (
                  <li key={q.id} id={`question-${q.id}`}>
                    <Card>
                      {q.aboutEarlierDecision ? <p className="mb-1"><Pill tone="neutral">About the earlier decision</Pill></p> : null}
                      <p className="text-sm font-semibold">
                        {record.teacher.name} asked on {timeFmt.format(q.askedAt)}:
                      </p>
                      <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900">{q.body}</p>
                      {q.answer && q.answeredAt ? (
                        <div className="mt-3 border-l-4 border-brand-700 pl-3 text-sm">
                          <p className="font-semibold">Reply{q.answeredBy ? ` from ${q.answeredBy}` : ''} on {timeFmt.format(q.answeredAt)}:</p>
                          <p className="mt-1 whitespace-pre-wrap text-slate-900">{q.answer}</p>
                        </div>
                      ) : a.secondLook ? (
                        <p className="mt-2 text-sm text-slate-700">
                          A second look at attempt {a.number} was asked for on {dayFmt.format(a.secondLook.requestedAt)}: <a href={`#second-look-${a.id}`}>see the second look</a>.
                        </p>
                      ) : a.secondLookRefusal === null && conflict ? (
                        <p className="mt-2 text-sm text-slate-700">
                          If the reviewer misjudged the evidence, another admin of the issuer can set the decision aside with a second look: <a href={`#second-look-${a.id}`}>why you cannot ask for one at attempt {a.number}</a>. Otherwise the decision stands and the teacher can revise.
                        </p>
                      ) : a.secondLookRefusal === null ? (
                        <p className="mt-2 text-sm text-slate-700">
                          If the reviewer misjudged the evidence, you can set the decision aside: <a href={`#second-look-${a.id}`}>ask for a second look at attempt {a.number}</a>. Otherwise the decision stands and the teacher can revise.
                        </p>
                      ) : a.status === 'RETURNED' ? (
                        // The assign flow takes only a submitted attempt that is waiting for review work.
                        <p className="mt-2 text-sm text-slate-700">
                          The decision on attempt {a.number} stands; the teacher can revise and submit again.{' '}
                          {conflict ? (
                            `Another admin of the issuer chooses who reviews ${conflict === 'OWN_WORK' ? 'your' : 'their'} next attempt.`
                          ) : waiting ? (
                            <Link href={`/admin/review-quality/assign/${waiting.id}`}>Assign their new attempt {waiting.number} to a reviewer you choose</Link>
                          ) : (
                            'If you think a criterion was misread, you can assign their next attempt to a reviewer you choose once it is submitted (it will show on this page).'
                          )}
                        </p>
                      ) : null}
                      {conflict ? (
                        // No form: answerFeedbackQuestion refuses it, after the reply was typed.
                        q.answeredAt ? null : <p className="mt-2 text-sm">{answerRefusal(conflict)}</p>
                      ) : (
                        // Stays mounted once answered, so it can say the reply was sent.
                        <AnswerForm questionId={q.id} teacherName={record.teacher.name} answered={Boolean(q.answeredAt)} />
                      )}
                    </Card>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {a.withdrawnSecondLooks.length ? (
            <ul className="mt-2 space-y-1 text-sm text-slate-700">
              {a.withdrawnSecondLooks.map((w) => (
                <li key={w.withdrawnAt.toISOString()}>
                  A second look{w.requestedAt ? ` asked for on ${dayFmt.format(w.requestedAt)}` : ''} was withdrawn{w.withdrawnBy ? ` by ${w.withdrawnBy}` : ''} on {timeFmt.format(w.withdrawnAt)} before anyone took it; the decision stood.
                </li>
              ))}
            </ul>
          ) : null}
          {a.secondLook || a.secondLookRefusal === null ? (
            <section id={`second-look-${a.id}`} aria-labelledby={`second-look-heading-${a.id}`} className="mt-4">
              <h3 id={`second-look-heading-${a.id}`} className="text-lg font-semibold">Second look</h3>
              {a.secondLook ? (
                <Card className="mt-2">
                  <p className="text-sm">
                    Asked for{a.secondLook.requestedBy ? ` by ${a.secondLook.requestedBy}` : ''} on {timeFmt.format(a.secondLook.requestedAt)}.{' '}
                    {a.secondLook.pending
                      ? `An independent reviewer decides again${a.secondLook.dueAt ? ` by ${dayFmt.format(a.secondLook.dueAt)}` : ''}; the earlier decision is set aside and the teacher cannot revise meanwhile.`
                      : 'The second look’s decision below is final for this attempt; the decision it set aside stays on record.'}
                  </p>
                  {a.secondLook.reasonHidden ? (
                    <p className="mt-2 text-sm text-slate-700">The reason is hidden from you until the second look is decided: you could yet be the one to take it, and it stays independent of the reason.</p>
                  ) : null}
                  {a.secondLook.reason ? (
                    <div className="mt-2 border-l-4 border-slate-400 pl-3 text-sm">
                      <p className="font-semibold">Reason (for the issuer only: the teacher and the reviewer do not see it):</p>
                      <p className="mt-1 whitespace-pre-wrap text-slate-900">{a.secondLook.reason}</p>
                    </div>
                  ) : null}
                </Card>
              ) : conflict ? (
                <p className="mt-1 text-sm">{secondLookConflictNotice(conflict, 'ask')}</p>
              ) : (
                <p className="mt-1 text-sm text-slate-700">
                  If the reviewer clearly misjudged the evidence, set the decision on attempt {a.number} aside. The attempt goes back to waiting for review with a new decision date, and the teacher cannot start a revision meanwhile. One independent reviewer, qualified for this credential, without a conflict of interest and who has not scored this attempt (not you either), reviews it again: their decision is final. A pass issues the badge; otherwise it is returned with their feedback. The earlier decision stays on record. Each attempt can have one second look. The teacher is told it was asked for, not why.
                </p>
              )}
              {conflict ? (
                // No form: the server would refuse it (requestSecondLook, withdrawSecondLook), after the reason was typed.
                a.secondLook?.pending ? <p className="mt-2 text-sm">{secondLookConflictNotice(conflict, 'withdraw')}</p> : null
              ) : (
                <>
                  {/* Stays mounted once asked for, so it can say that it worked. */}
                  <SecondLookForm attemptId={a.id} attemptNumber={a.number} version={a.version} open={a.secondLookRefusal === null} />
                  {/* Mounted with the section (which stays once withdrawn: a new one may be asked for), so it can say that it worked. */}
                  <WithdrawSecondLookForm attemptId={a.id} attemptNumber={a.number} version={a.version} open={Boolean(a.secondLook?.pending && a.secondLook.withdrawable)} />
                </>
              )}
            </section>
          ) : null}
          {a.status === 'DRAFT' ? null : (
            <>
              <h3 className="mt-4 text-lg font-semibold">Reviews</h3>
              {a.otherReviewsHidden ? (
                <p className="mt-2 text-sm text-slate-700">You are scoring this attempt, or could take its open second score or second look, so other reviewers’ scores (and any reason given for a second look) are hidden until it is decided: the scores stay independent.</p>
              ) : null}
              {a.reviews.length ? (
                a.reviews.map((r) => (
                  <Card key={r.id} className="mt-3">
                    <p className="text-sm">
                      <span className="font-semibold">{KIND[r.kind]}</span> by {r.reviewer.name}
                      {r.submittedAt ? `, ${timeFmt.format(r.submittedAt)}` : ''}: {r.decision === 'PASS' ? 'meets the standard' : 'needs revision'}
                      {a.secondLook && r.kind !== 'SECOND_LOOK' ? <> <Pill tone="neutral">Set aside for the second look</Pill></> : null}
                    </p>
                    {r.overallComment ? <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800">{r.overallComment}</p> : null}
                    <CriterionFeedbackTable
                      className="mt-3"
                      tableClassName="min-w-[28rem]"
                      caption={`Attempt ${a.number}, ${KIND[r.kind].toLowerCase()} by ${r.reviewer.name}: levels and feedback by criterion`}
                      criteria={record.criteria}
                      scores={r.scores}
                      level={(s) => (s ? levelLabel(s.levelId) : '—')}
                    />
                  </Card>
                ))
              ) : (
                <p className="mt-2 text-sm">No review submitted yet.</p>
              )}
              <h3 className="mt-6 text-lg font-semibold">Evidence</h3>
              {a.removedFiles.length ? (
                <ul className="mt-3 space-y-2" aria-label={`Files removed from attempt ${a.number}`}>
                  {a.removedFiles.map((f) => (
                    <li key={f.id} className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
                      <span className="font-medium">{f.label}</span>
                      {f.part ? ` (${f.part})` : ''}: Removed by the issuer{f.removedBy ? ` (${f.removedBy})` : ''} on {dayFmt.format(f.removedAt)}: {f.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
              {record.evidenceWithheld ? (
                // getSubmissionRecord left the answers and files out, and the file links refuse them too.
                <p className="mt-2 text-sm">{record.evidenceWithheld}</p>
              ) : (
                <div className="mt-3">
                  <EvidencePanel parts={record.parts} responses={a.responses} files={a.files} attestedAt={a.attestedAt} />
                </div>
              )}
            </>
          )}
        </section>
      ))}
    </div>
  );
}

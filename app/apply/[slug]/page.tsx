import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { getApplication } from '@/lib/submissions/queries';
import { needsProposal } from '@/lib/proposals/queries';
import { Alert, Card, Pill, type Tone } from '@/components/ui/card';
import { CriterionFeedbackTable } from '@/components/review/criterion-feedback-table';
import { Markdown } from '@/components/markdown';
import { AnswerEditor } from '@/components/evidence/answer-editor';
import { FileUploader } from '@/components/evidence/file-uploader';
import { FileList } from '@/components/evidence/file-list';
import { ProgressBar } from '@/components/ui/progress';
import { acceptedKinds, kindForMime, type FileKind } from '@/lib/evidence/file-types';
import { SubmitForm } from './submit-form';
import { VerifyEmailNotice } from '@/components/account/verify-email-notice';
import { isEmailVerified } from '@/lib/auth/email-verification';
import { startApplicationAction, startRenewalAction, startRevisionAction } from './actions';
import { RenewForm } from '@/components/awards/renew-form';
import { renewability } from '@/lib/submissions/renewal-policy';

export const metadata = { title: 'Your application' };

const statusInfo: Record<string, { label: string; tone: Tone }> = {
  DRAFT: { label: 'Draft', tone: 'neutral' },
  SUBMITTED: { label: 'Submitted: waiting for review', tone: 'info' },
  IN_REVIEW: { label: 'In review', tone: 'info' },
  NEEDS_REVISION: { label: 'Needs revision', tone: 'warning' },
  EARNED: { label: 'Earned', tone: 'success' },
};

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function ApplyPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ submitted?: string }> }) {
  const { slug } = await params;
  const { submitted } = await searchParams;
  const actor = await requireUser(`/apply/${slug}`);
  const app = await getApplication(actor, slug);
  if (!app) notFound();
  const { mc, submission, version, renews } = app;

  if (!submission) {
    return (
      <div className="mx-auto max-w-2xl">
        <h1 className="text-3xl font-bold">{version.title}</h1>
        <Card className="mt-6">
          <p>Your application follows the parts below. Answers save as you type, so you can work on it over several days.</p>
          <ol className="mt-3 list-decimal pl-6">
            {version.parts.map((p) => (
              <li key={p.id}>{p.title}</li>
            ))}
          </ol>
          <form action={startApplicationAction} className="mt-4">
            <input type="hidden" name="microCredentialId" value={mc.id} />
            <input type="hidden" name="slug" value={mc.slug} />
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              Start my application
            </button>
          </form>
        </Card>
      </div>
    );
  }

  const current = submission.attempts[0];
  const previous = submission.attempts.slice(1);
  const editable = current.status === 'DRAFT';
  const proposalBlock = editable && (await needsProposal(actor, mc.id));
  const unverified = editable && !(await isEmailVerified(actor.id));
  const done = version.parts.filter((p) => {
    const r = current.responses.find((x) => x.partId === p.id);
    const files = current.files.filter((f) => f.partId === p.id && f.status === 'UPLOADED').length;
    if (p.responseType === 'FILES') return files > 0;
    if (p.responseType === 'TEXT_AND_FILES') return (r?.wordCount ?? 0) > 0 && files > 0;
    if (p.responseType === 'LINKS') return (r?.links.length ?? 0) > 0;
    return (r?.wordCount ?? 0) > 0;
  }).length;
  const lastDecided = submission.attempts.find((a) => a.reviews.length > 0);
  const info = statusInfo[submission.status];

  return (
    <div>
      <p className="text-sm">
        <Link href={`/micro-credentials/${mc.slug}`}>← {version.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">{renews ? 'Your renewal' : 'Your application'}</h1>
        <Pill tone={info.tone}>{info.label}</Pill>
      </div>
      <p className="mt-1 text-slate-700">
        {version.title} · {mc.issuer.name} · attempt {current.number} · answers version {version.version} of the requirements
      </p>

      {submitted ? (
        <div className="mt-4">
          <Alert tone="success" title="Submitted">
            Your evidence is with the reviewers. We will notify you when there is a decision{current.dueAt ? `, by ${dateFmt.format(current.dueAt)} at the latest` : ''}.
          </Alert>
        </div>
      ) : null}

      {renews && submission.status !== 'EARNED' ? (
        <div className="mt-4">
          <Alert tone="info" title="Renewing your badge">
            Show the skill again with fresh evidence from your classroom; reviewers score it against the rubric as it is today.{' '}
            {renews.validUntil && renews.validUntil > new Date()
              ? <>Your <Link href={`/credentials/${renews.id}`}>current badge</Link> stays valid until {dateFmt.format(renews.validUntil)}, and the renewed one runs on from that date.</>
              : <>Your <Link href={`/credentials/${renews.id}`}>earlier badge</Link> stays on your record; the renewed one is a new badge.</>}
          </Alert>
        </div>
      ) : null}

      {submission.status === 'EARNED' && submission.award ? (
        <div className="mt-4">
          <Alert tone="success" title={renews ? 'You renewed this micro-credential' : 'You earned this micro-credential'}>
            <Link href={`/credentials/${submission.award.id}`}>View and share your badge</Link>
            {submission.award.validUntil ? <> · valid until {dateFmt.format(submission.award.validUntil)}</> : null}
          </Alert>
          {mc.status === 'PUBLISHED' && renewability(submission.award, new Date()).ok ? (
            <Card className="mt-4">
              <h2 className="text-lg font-semibold">Time to renew</h2>
              <p className="mt-1 text-slate-700">
                Your badge {submission.award.validUntil! <= new Date() ? 'expired on' : 'expires on'} {dateFmt.format(submission.award.validUntil!)}. Renew it by sending fresh evidence for review. It stays on your record either way.
              </p>
              <div className="mt-3"><RenewForm action={startRenewalAction} microCredentialId={mc.id} title={version.title} /></div>
            </Card>
          ) : null}
        </div>
      ) : null}

      {lastDecided && (submission.status === 'NEEDS_REVISION' || submission.status === 'EARNED' || (editable && current.number > 1)) ? (
        <Feedback attempt={lastDecided} version={version} />
      ) : null}

      {submission.status === 'NEEDS_REVISION' ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Revise and resubmit</h2>
          <p className="mt-1 text-slate-700">Parts that passed are kept as they are. You will revise only what the {lastDecided && lastDecided.reviews.length > 1 ? 'reviewers' : 'reviewer'} asked you to change.</p>
          <form action={startRevisionAction} className="mt-3">
            <input type="hidden" name="submissionId" value={submission.id} />
            <input type="hidden" name="slug" value={mc.slug} />
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              Start revision (attempt {current.number + 1})
            </button>
          </form>
        </Card>
      ) : null}

      {editable ? (
        <div className="mt-6">
          <ProgressBar value={done} max={version.parts.length} label="Parts completed" />
          <p className="mt-1 text-sm text-slate-700">
            {done} of {version.parts.length} parts have an answer
          </p>
        </div>
      ) : current.submittedAt ? (
        <p className="mt-4 text-slate-700">
          Submitted on {dateFmt.format(current.submittedAt)}
          {current.dueAt && submission.status !== 'EARNED' && submission.status !== 'NEEDS_REVISION' ? `; decision expected by ${dateFmt.format(current.dueAt)}` : ''}.
        </p>
      ) : null}

      <ol className="mt-6 space-y-6">
        {version.parts.map((p, i) => {
          const r = current.responses.find((x) => x.partId === p.id);
          const files = current.files.filter((f) => f.partId === p.id);
          const wantsText = p.responseType === 'TEXT' || p.responseType === 'TEXT_AND_FILES' || p.responseType === 'LINKS';
          const wantsFiles = p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
          // A files-only part kept from an earlier attempt may have no response row: its files say so.
          const carried = Boolean(r?.carriedOver) || files.some((f) => f.carriedOver);
          const locked = !editable || carried;
          // Captions files (one per video) do not count towards the part's number of files.
          const activeKinds = files.filter((f) => f.status !== 'REJECTED').map((f) => kindForMime(f.detectedType ?? f.declaredType));
          const captionFiles = activeKinds.filter((k) => k === 'captions').length;
          const active = activeKinds.length - captionFiles;
          const captionsRemaining = activeKinds.filter((k) => k === 'video').length - captionFiles;
          return (
            <li key={p.id}>
              <Card>
                <h2 className="text-lg font-semibold">
                  Part {i + 1}: {p.title} {!p.required ? <span className="text-sm font-normal text-slate-600">(optional)</span> : null}
                  {carried ? <span className="ml-2 align-middle"><Pill tone="success">Passed</Pill></span> : null}
                </h2>
                <Markdown source={p.prompt} className="text-sm" />
                {p.responseType === 'LINKS' && !locked ? <p className="mt-1 text-sm text-slate-700">Paste each web address (starting with https://) on its own line; add a sentence about each if you like.</p> : null}
                {wantsText ? (
                  locked ? (
                    <div className="mt-3 whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-slate-900">{r?.text || <em>No answer.</em>}</div>
                  ) : (
                    <div className="mt-3">
                      <AnswerEditor attemptId={current.id} partId={p.id} label={`Answer for ${p.title}`} initialText={r?.text ?? ''} initialRevision={r?.revision ?? 0} wordLimit={p.wordLimit} collectLinks={p.responseType === 'LINKS'} />
                    </div>
                  )
                ) : null}
                {wantsFiles ? (
                  <div className="mt-4">
                    <h3 id={`files-${p.id}`} tabIndex={-1} className="mb-2 text-sm font-semibold">Files for {p.title}</h3>
                    <FileList files={files} editable={!locked} headingId={`files-${p.id}`} />
                    {!locked ? (
                      <FileUploader attemptId={current.id} partId={p.id} partTitle={p.title} allowedTypes={acceptedKinds(p.allowedTypes as FileKind[])} maxFileBytes={Number(p.maxFileBytes)} remaining={p.maxFiles - active} captionsRemaining={captionsRemaining} />
                    ) : null}
                  </div>
                ) : null}
              </Card>
            </li>
          );
        })}
      </ol>

      {editable ? (
        <Card className="mt-6">
          <h2 className="mb-3 text-lg font-semibold">Submit for review</h2>
          <SubmitForm
            attemptId={current.id}
            slug={mc.slug}
            publicSummary={submission.publicSummary ?? ''}
            blocked={
              unverified
                ? 'Confirm your email address before you submit (below). Your work is saved.'
                : proposalBlock
                  ? 'Your district needs to approve your proposal before you can submit. You can keep working on your evidence meanwhile.'
                  : null
            }
          />
          {unverified ? (
            <div className="mt-3">
              <VerifyEmailNotice email={actor.email} why="Your badge will name this address, so we need to know it is yours." />
            </div>
          ) : null}
          {proposalBlock ? (
            <p className="mt-2 text-sm">
              <Link href={`/micro-credentials/${mc.slug}/proposal`}>Go to your proposal</Link>
            </p>
          ) : null}
        </Card>
      ) : null}

      {previous.length ? (
        <section className="mt-8" aria-labelledby="history">
          <h2 id="history" className="text-lg font-semibold">Earlier attempts</h2>
          <ul className="mt-2 space-y-2">
            {previous.map((a) => (
              <li key={a.id}>
                <details className="rounded-md border border-slate-200 bg-white p-3">
                  <summary className="cursor-pointer font-medium">
                    Attempt {a.number}: {a.status === 'PASSED' ? 'passed' : a.status === 'RETURNED' ? 'returned for revision' : a.status.toLowerCase()}
                    {a.submittedAt ? `, submitted ${dateFmt.format(a.submittedAt)}` : ''}
                  </summary>
                  {a.reviews.length ? <Feedback attempt={a} version={version} compact /> : null}
                  {version.parts.map((p) => {
                    const r = a.responses.find((x) => x.partId === p.id);
                    return r?.text ? (
                      <div key={p.id} className="mt-3">
                        <h3 className="text-sm font-semibold">{p.title}</h3>
                        <p className="whitespace-pre-wrap text-sm">{r.text}</p>
                      </div>
                    ) : null;
                  })}
                </details>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

type AttemptWithReview = NonNullable<Awaited<ReturnType<typeof getApplication>>>['submission'] extends infer S ? (S extends { attempts: (infer A)[] } ? A : never) : never;
type VersionInfo = NonNullable<Awaited<ReturnType<typeof getApplication>>>['version'];

function Feedback({ attempt, version, compact }: { attempt: AttemptWithReview; version: VersionInfo; compact?: boolean }) {
  if (!attempt.reviews.length) return null;
  const both = attempt.reviews.length > 1;
  return (
    <section aria-label={`Reviewer feedback on attempt ${attempt.number}`} className={compact ? 'mt-3' : 'mt-6'}>
      <Card>
        <h2 className="text-lg font-semibold">
          Reviewer feedback on attempt {attempt.number}: {attempt.status === 'PASSED' ? 'earned' : 'needs revision'}
        </h2>
        {both ? (
          <p className="mt-1 text-sm text-slate-700">
            Two reviewers scored this attempt independently.
            {attempt.status === 'RETURNED' ? ' Both asked for a revision: read both, as a part is kept as it was only when both reviewers passed it.' : null}
          </p>
        ) : null}
        {attempt.reviews.map((review, i) => (
          <div key={review.label ?? i} className={both ? 'mt-5 border-t border-slate-200 pt-4' : undefined}>
            {review.label ? <h3 className="text-base font-semibold">{review.label}</h3> : null}
            <ReviewFeedback review={review} version={version} caption={review.label ? `${review.label}: scores by criterion` : 'Scores by criterion'} />
          </div>
        ))}
      </Card>
    </section>
  );
}

function ReviewFeedback({ review, version, caption }: { review: AttemptWithReview['reviews'][number]; version: VersionInfo; caption: string }) {
  return (
    <>
      {review.overallComment ? <p className="mt-2 whitespace-pre-wrap text-slate-800">{review.overallComment}</p> : null}
      {version.passingRuleKind === 'TOTAL_AT_LEAST' ? (
        <p className="mt-2 text-sm">
          Points: <strong>{review.scores.reduce((sum, s) => sum + s.level.rank, 0)}</strong> of the {version.passingTotal} needed, adding up every criterion.
        </p>
      ) : null}
      <CriterionFeedbackTable
        className="mt-4"
        caption={caption}
        criteria={version.criteria}
        scores={review.scores}
        level={(s) => {
          const pass = s ? s.level.rank >= version.passingLevelRank : false;
          return (
            <>
              <Pill tone={pass ? 'success' : 'warning'}>{s?.level.label ?? '—'}</Pill>
              {s ? (
                <span className="mt-1 block text-xs text-slate-700">
                  {version.passingRuleKind === 'TOTAL_AT_LEAST'
                    ? `${s.level.rank} point${s.level.rank === 1 ? '' : 's'} · ${pass ? 'at or above the lowest level allowed' : 'below the lowest level allowed'}`
                    : pass ? 'Meets the standard' : 'Below the passing level'}
                </span>
              ) : null}
            </>
          );
        }}
      />
    </>
  );
}

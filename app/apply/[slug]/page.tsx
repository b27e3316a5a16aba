import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { getApplication } from '@/lib/submissions/queries';
import { needsProposal } from '@/lib/proposals/queries';
import { Alert, Card, Pill, type Tone } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { CriterionFeedbackTable } from '@/components/review/criterion-feedback-table';
import { Markdown } from '@/components/markdown';
import { AnswerEditor } from '@/components/evidence/answer-editor';
import { FileUploader } from '@/components/evidence/file-uploader';
import { FileList } from '@/components/evidence/file-list';
import { ProgressBar } from '@/components/ui/progress';
import { acceptedKinds, countPartFiles, filesTakingRoom, type FileKind } from '@/lib/evidence/file-types';
import { SubmitForm } from './submit-form';
import { FeedbackQuestionForm } from './feedback-question-form';
import { TakeBackForm } from './take-back-form';
import { getSentAttemptWithdrawal } from '@/lib/submissions/withdraw';
import { SECOND_LOOK_UNDER_WAY } from '@/lib/submissions/mutations';
import { aboutEarlierDecision, openAboutCurrentDecision } from '@/lib/feedback-questions/policy';
import { VerifyEmailNotice } from '@/components/account/verify-email-notice';
import { isEmailVerified } from '@/lib/auth/email-verification';
import { getStoppedWork } from '@/lib/enrollment/queries';
import { startApplicationAction, startRenewalAction, startRevisionAction } from './actions';
import { RenewForm } from '@/components/awards/renew-form';
import { renewability } from '@/lib/submissions/renewal-policy';
import { RubricTable } from '@/components/credential/rubric-table';
import { passingRuleOf } from '@/lib/review/rubric';
import { WithdrawnBadgeNotice } from '@/components/credentials/withdrawn-badge-notice';
import { withdrawnBadgeWords } from '@/lib/awards/withdrawn-words';
import { criteriaByPart, renewalOpenedText, revisionPlan, submitNotice, type RevisionFate } from '@/lib/submissions/application-view';
import { requiredPartsLine } from '@/components/evidence/progress-words';
import { formatBytes, liveFiles } from '@/lib/evidence/file-types';
import { PRIVACY_REMINDER } from '@/lib/submissions/schemas';
import { countOwnQuestions } from '@/lib/credential-questions/queries';
import { ApplyQuestionsLink } from '@/components/credential-questions/apply-questions-link';
import { FeedbackPrompt } from '@/components/credential-feedback/feedback-prompt';
import { getFeedbackPromptState } from '@/lib/credential-feedback/queries';
import { getColleaguesOnCredential } from '@/lib/colleagues/queries';
import { ColleaguesOnCredentialLine } from '@/components/colleagues/on-credential-line';

export const metadata = { title: 'Your application' };

const statusInfo: Record<string, { label: string; tone: Tone }> = {
  DRAFT: { label: 'Draft', tone: 'neutral' },
  SUBMITTED: { label: 'Submitted: waiting for review', tone: 'info' },
  IN_REVIEW: { label: 'In review', tone: 'info' },
  NEEDS_REVISION: { label: 'Needs revision', tone: 'warning' },
  EARNED: { label: 'Earned', tone: 'success' },
};

/** The teacher stopped working on the credential; their unsent work is kept (the dashboard's "Stopped"). */
const stoppedStatus: { label: string; tone: Tone } = { label: 'Stopped: your work is kept', tone: 'neutral' };

const withdrawnStatus: Record<'revoked' | 'suspended', { label: string; tone: Tone }> = {
  revoked: { label: 'Badge revoked', tone: 'danger' },
  suspended: { label: 'Badge on hold', tone: 'warning' },
};

const fateInfo: Record<RevisionFate, { label: string; tone: Tone }> = {
  kept: { label: 'Kept (passed)', tone: 'success' },
  revise: { label: 'To revise', tone: 'warning' },
  open: { label: 'Can be improved', tone: 'info' },
};

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A part the teacher answers with files (some with an answer as well). */
const takesFiles = (p: { responseType: string }) => p.responseType === 'FILES' || p.responseType === 'TEXT_AND_FILES';
/** Kinds of file that can show a student's face or carry their voice. */
const MEDIA_KINDS: readonly FileKind[] = ['image', 'video', 'audio'];

/**
 * The requirements an application answers, by the date they were published. An application keeps
 * the version it was started on, whatever the issuer publishes later, so the version is named only
 * once a newer one is out (the only time it tells the teacher anything).
 */
function requirementsWords(publishedAt: Date | null, versionNumber: number, newerPublished: boolean): string | null {
  const published = publishedAt ? `requirements published ${dateFmt.format(publishedAt)}` : null;
  if (!newerPublished) return published;
  const since = 'the one you started on; a newer version has been published since';
  return published ? `${published} (version ${versionNumber}, ${since})` : `version ${versionNumber} of the requirements (${since})`;
}

/** `?cycle=2`: one of the teacher's applications by number (a renewal adds the next), as links to an earlier one carry. */
const CycleParam = z.string().regex(/^[1-9]\d{0,5}$/).transform(Number).optional();

/**
 * `?refused=`: why "Start my application" or "Start revision" was refused (the actions send a code
 * from this list, never words of their own, so a link cannot make the page say anything else).
 */
const refusals: Record<string, { title: string; text: string }> = {
  start: { title: 'Your application was not started', text: 'This micro-credential is not open for new applications any more.' },
  revision: { title: 'Your revision was not started', text: 'This application is not waiting for a revision any more. This page shows where it stands now.' },
  'second-look': { title: 'Your revision was not started', text: SECOND_LOOK_UNDER_WAY },
};

/** A refused start, said where focus lands (the button that was pressed may be gone). */
function RefusalNotice({ refusal }: { refusal: { title: string; text: string } }) {
  return (
    <ArrivalNotice className="mt-4">
      <Alert tone="warning" title={refusal.title}>
        {refusal.text}
      </Alert>
    </ArrivalNotice>
  );
}

export default async function ApplyPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ submitted?: string; started?: string; resumed?: string; revising?: string; renewing?: string; refused?: string; cycle?: string }> }) {
  const { slug } = await params;
  const { submitted, started, resumed, revising, renewing, refused: refusedParam, cycle: cycleParam } = await searchParams;
  const cycle = CycleParam.safeParse(cycleParam);
  if (!cycle.success) notFound();
  const refused = typeof refusedParam === 'string' && Object.hasOwn(refusals, refusedParam) ? refusals[refusedParam] : null;
  const actor = await requireUser(`/apply/${slug}${cycle.data ? `?cycle=${cycle.data}` : ''}`);
  // Only the teacher's own applications: another teacher's number finds theirs, or nothing. Beside it,
  // their questions to the issuer about this credential (app/micro-credentials/[slug]/questions),
  // reachable from here, and the colleagues at their school on it too (one small statement): both by
  // slug, so none waits for another.
  const [app, ownQuestions, colleagues] = await Promise.all([
    getApplication(actor, slug, { cycle: cycle.data }), countOwnQuestions(actor, slug), getColleaguesOnCredential({ actor, slug }),
  ]);
  if (!app) {
    // The credential closed to new applications as the teacher pressed Start: say so, not "not found".
    if (refusedParam === 'start' && refused && !cycle.data) {
      return (
        <div className="mx-auto max-w-2xl">
          <h1 className="mt-2 text-3xl font-bold">Your application</h1>
          <RefusalNotice refusal={refused} />
          <p className="mt-4">
            <Link href="/catalog">Find another micro-credential in the catalog</Link>
          </p>
        </div>
      );
    }
    notFound();
  }
  // `earlier`: an application a renewal has followed, kept as it was: read only.
  const { mc, submission, version, renews, earlier } = app;
  const questionsLink = <ApplyQuestionsLink slug={mc.slug} issuerName={mc.issuer.name} answered={ownQuestions.answered} waiting={ownQuestions.waiting} className="mt-2" />;
  const colleaguesLine = <ColleaguesOnCredentialLine colleagues={colleagues} className="mt-1" />;

  if (!submission) {
    return (
      <div className="mx-auto max-w-2xl">
        <p className="text-sm">
          <Link href={`/micro-credentials/${mc.slug}`}>← {version.title}</Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold">{version.title}</h1>
        {questionsLink}
        {colleaguesLine}
        {refusedParam === 'start' && refused ? <RefusalNotice refusal={refused} /> : null}
        <Card className="mt-6">
          <p>Your application follows the parts below. Answers save as you type, so you can work on it over several days.</p>
          <ol className="mt-3 list-decimal pl-6">
            {version.parts.map((p) => (
              <li key={p.id}>{p.title}</li>
            ))}
          </ol>
          <PrivacyReminder className="mt-4" />
          <p id="start-what" className="mt-3 text-sm text-slate-700">
            Starting makes a draft of your application, listed on your dashboard. Nothing goes to reviewers until you send it.
          </p>
          <form action={startApplicationAction} className="mt-4">
            <input type="hidden" name="microCredentialId" value={mc.id} />
            <input type="hidden" name="slug" value={mc.slug} />
            <button type="submit" aria-describedby="start-what" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              Start my application
            </button>
          </form>
        </Card>
      </div>
    );
  }

  const current = submission.attempts[0];
  const previous = submission.attempts.slice(1);
  const draft = !earlier && current.status === 'DRAFT';
  // Kept when the teacher stopped working on the credential: shown as it is, and changed only once
  // they pick it up again (startApplication enrols them again), so no one works on a level they
  // are not enrolled in.
  const [stopped, feedbackPrompt] = !earlier ? await Promise.all([getStoppedWork(actor.id, mc.id), getFeedbackPromptState(actor.id, mc.id)]) : [null, null];
  const editable = draft && !stopped;
  const proposalBlock = editable && (await needsProposal(actor, mc.id));
  const unverified = editable && !(await isEmailVerified(actor.id));
  // A sent attempt nobody on the review side has touched can be taken back to edit.
  const takeBack = !earlier && current.status === 'SUBMITTED' ? await getSentAttemptWithdrawal({ actor, attemptId: current.id }) : null;
  const progress = requiredPartsLine(version.parts, current.responses, current.files);
  const lastDecided = submission.attempts.find((a) => a.reviews.length > 0);
  // The feedback shown in full near the top (the same attempt is also listed under earlier attempts).
  const topFeedback = lastDecided && (submission.status === 'NEEDS_REVISION' || submission.status === 'EARNED' || (draft && current.number > 1)) ? lastDecided : null;
  // An earned application whose badge the issuer has since withdrawn no longer reads "Earned".
  const withdrawn = submission.status === 'EARNED' && submission.award ? withdrawnBadgeWords(submission.award, mc.issuer.name) : null;
  const info = withdrawn ? withdrawnStatus[withdrawn.state] : stopped ? stoppedStatus : statusInfo[submission.status];
  const partLabel = new Map(version.parts.map((p, i) => [p.id, `Part ${i + 1}: ${p.title}`]));
  const scoredBy = criteriaByPart(version.criteria);
  // Before "Start revision": what it will keep and what it opens, worked out as it will be.
  const plan = !earlier && submission.status === 'NEEDS_REVISION' && current.status === 'RETURNED' ? revisionPlan(version, current.reviews) : null;
  const partsWith = (fate: RevisionFate) => version.parts.filter((p) => plan?.get(p.id) === fate).map((p) => partLabel.get(p.id));
  // After "Start revision": what it copied (startRevision): every answer and every uploaded file of the
  // returned attempt, not the files the issuer removed; the parts that passed are kept, locked.
  const revisionStarted = Boolean(revising) && editable && current.number > 1;
  const returned = revisionStarted ? previous.find((a) => a.number === current.number - 1) : undefined;
  const keptParts = current.responses.some((r) => r.carriedOver) || current.files.some((f) => f.carriedOver);
  const removedFiles = Boolean(returned?.files.some((f) => f.status === 'REMOVED'));
  // After "Renew" (here or on the badges page): what the renewal it opened waits for.
  const renewalOpened = renewing === '1' && renews && !earlier ? renewalOpenedText(submission.status) : null;
  // After "Pick up where you left off" (startApplication on kept work): what is theirs again.
  const pickedUp = Boolean(resumed) && !earlier && !stopped && (submission.status === 'DRAFT' || submission.status === 'NEEDS_REVISION');
  const keptWork = renews ? 'renewal' : submission.status === 'NEEDS_REVISION' ? 'revision' : 'draft';
  // Under the title: which try this is (said from the second on: a first try is just the
  // application) and the requirements it answers (requirementsWords).
  const newerRequirements = Boolean(mc.currentVersionId && mc.currentVersionId !== version.id);
  const requirementsPublishedAt = version.publishedAt;
  const subtitle = [version.title, mc.issuer.name, current.number > 1 ? `attempt ${current.number}` : null, requirementsWords(requirementsPublishedAt, version.version, newerRequirements)]
    .filter(Boolean)
    .join(' · ');
  // Student privacy beside the uploaders, said once: in full above the first uploader on the page,
  // and pointed to from the first that takes photos, video or recordings when that is a later part.
  const isCarried = (partId: string) => current.responses.some((r) => r.partId === partId && r.carriedOver) || current.files.some((f) => f.partId === partId && f.carriedOver);
  const openUploads = editable ? version.parts.filter((p) => takesFiles(p) && !isCarried(p.id)) : [];
  const privacyAt = openUploads[0]?.id;
  const mediaUploads = openUploads.find((p) => (p.allowedTypes as FileKind[]).some((k) => MEDIA_KINDS.includes(k)));
  const privacyPointerAt = mediaUploads && mediaUploads.id !== privacyAt ? mediaUploads.id : undefined;

  return (
    <div>
      <p className="text-sm">
        <Link href={`/micro-credentials/${mc.slug}`}>← {version.title}</Link>
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-3xl font-bold">{earlier ? 'Your earlier application' : renews ? 'Your renewal' : 'Your application'}</h1>
        <Pill tone={info.tone}>{info.label}</Pill>
      </div>
      <p className="mt-1 text-slate-700">{subtitle}</p>
      {questionsLink}
      {colleaguesLine}

      {earlier ? (
        <div className="mt-4">
          <Alert tone="info" title="An earlier application, kept as it was">
            You have started a renewal since, so this one can no longer change. <Link href={`/apply/${mc.slug}`}>Go to your current application</Link>.
          </Alert>
        </div>
      ) : null}

      {!earlier && current.status === 'SUBMITTED' && current.secondLookRequestedAt ? (
        <div className="mt-4">
          <Alert tone="info" title="A second look is under way">
            A second look was asked for on {dateFmt.format(current.secondLookRequestedAt)}: an independent reviewer will review this attempt again.
            {current.dueAt ? ` You will hear by ${dateFmt.format(current.dueAt)}.` : ''}
          </Alert>
          {/* The decision's feedback is set aside meanwhile, but not the conversation about it: a reply lands here (#question-…). */}
          {current.feedbackQuestions.length ? (
            <Card className="mt-4">
              <h2 className="text-lg font-semibold">Your questions about the earlier decision</h2>
              <Questions attempt={current} issuerName={mc.issuer.name} anchored />
            </Card>
          ) : null}
        </div>
      ) : null}

      {/* Not once the attempt was taken back to edit (the address still says it was sent). The
          Submit button is gone, so the notice takes focus (ArrivalNotice). */}
      {submitted && !draft ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title="Submitted">
            Your evidence is with the reviewers. We will notify you when there is a decision{current.dueAt ? `, by ${dateFmt.format(current.dueAt)} at the latest` : ''}.
          </Alert>
        </ArrivalNotice>
      ) : null}

      {/* "Start revision" refused (a second look was asked for just before): not once a revision is open. */}
      {!earlier && !draft && refused && refusedParam !== 'start' ? <RefusalNotice refusal={refused} /> : null}

      {/* After "Start my application": that button is gone, so the notice takes focus. */}
      {started && editable ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title="Your application is started">
            It is a draft on your dashboard. Answers save as you type, so you can come back to it over several days. Nothing goes to reviewers until you submit it at the end of this page.
          </Alert>
        </ArrivalNotice>
      ) : null}

      {/* After "Pick up where you left off": that button is gone, so the notice takes focus. */}
      {pickedUp ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title={`Your ${keptWork} is back on your dashboard`}>
            Everything you wrote or uploaded is kept.{' '}
            {submission.status === 'NEEDS_REVISION'
              ? 'Read the feedback and start your revision below.'
              : 'Continue below; it saves as you type. Nothing goes to reviewers until you submit it at the end of this page.'}
          </Alert>
        </ArrivalNotice>
      ) : null}

      {stopped ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">You stopped working on this micro-credential</h2>
          <p id="pick-up-what" className="mt-1 text-slate-700">
            Your {keptWork} is off your dashboard. Everything you wrote or uploaded is kept and shown below. To{' '}
            {submission.status === 'NEEDS_REVISION' ? 'revise it' : 'carry on with it'}, pick it up again: it goes back on your dashboard, just as you left it.
          </p>
          <form action={startApplicationAction} className="mt-3">
            <input type="hidden" name="microCredentialId" value={mc.id} />
            <input type="hidden" name="slug" value={mc.slug} />
            <button type="submit" aria-describedby="pick-up-what" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              Pick up where you left off
            </button>
          </form>
        </Card>
      ) : null}

      {/* After "Start revision": that button is gone, so the notice takes focus. */}
      {revisionStarted ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title={`Revision started: attempt ${current.number}`}>
            Your answers and files from attempt {current.number - 1} are copied in{removedFiles ? ', except the files the issuer removed' : ''}.{' '}
            {keptParts ? 'Parts marked “Passed” stay as they are. ' : ''}
            Change what the feedback below asks for, then submit again at the end of this page. Nothing goes to reviewers until you do.
          </Alert>
        </ArrivalNotice>
      ) : null}

      {/* After "Renew": that button is gone (or on another page), so the notice takes focus. */}
      {renewalOpened ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title="You are renewing this badge">
            {renewalOpened}
          </Alert>
        </ArrivalNotice>
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
          {withdrawn ? (
            <WithdrawnBadgeNotice award={submission.award} awardId={submission.award.id} issuer={mc.issuer} />
          ) : (
            <Alert tone="success" title={renews ? 'You renewed this micro-credential' : 'You earned this micro-credential'}>
              <Link href={`/credentials/${submission.award.id}`}>View and share your badge</Link>
              {submission.award.validUntil ? <> · valid until {dateFmt.format(submission.award.validUntil)}</> : null}
            </Alert>
          )}
          {!earlier && mc.status === 'PUBLISHED' && renewability(submission.award, new Date()).ok ? (
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

      {topFeedback ? <Feedback attempt={topFeedback} version={version} slug={mc.slug} issuerName={mc.issuer.name} readOnly={earlier} /> : null}
      {feedbackPrompt ? <FeedbackPrompt state={feedbackPrompt} slug={mc.slug} /> : null}

      {!earlier && !stopped && submission.status === 'NEEDS_REVISION' ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Revise and resubmit</h2>
          <p className="mt-1 text-slate-700">
            Starting a revision copies your answers and files into a new attempt, so you change only what the {lastDecided && lastDecided.reviews.length > 1 ? 'reviewers' : 'reviewer'} asked for.
          </p>
          {plan ? (
            <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-800">
              {partsWith('kept').length ? <li><strong>Kept (passed):</strong> {partsWith('kept').join('; ')}. They stay as they are and can’t be changed.</li> : null}
              {partsWith('revise').length ? <li><strong>To revise:</strong> {partsWith('revise').join('; ')}. Each has a criterion scored below the passing level: use the feedback above.</li> : null}
              {partsWith('open').length ? <li><strong>Can be improved:</strong> {partsWith('open').join('; ')}. Nothing in them was below the passing level, but they are not kept, so you can improve them.</li> : null}
            </ul>
          ) : null}
          <form action={startRevisionAction} className="mt-3">
            <input type="hidden" name="submissionId" value={submission.id} />
            <input type="hidden" name="slug" value={mc.slug} />
            <button type="submit" className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
              Start revision (attempt {current.number + 1})
            </button>
          </form>
        </Card>
      ) : null}

      {draft ? (
        progress.total > 0 ? (
          <div className="mt-6">
            <ProgressBar value={progress.done} max={progress.total} label="Required parts ready to send" />
            <p className="mt-1 text-sm text-slate-700">{progress.text}</p>
          </div>
        ) : (
          <p className="mt-6 text-sm text-slate-700">Every part is optional: answer the ones that show your work best.</p>
        )
      ) : current.submittedAt ? (
        <p className="mt-4 text-slate-700">
          Submitted on {dateFmt.format(current.submittedAt)}
          {current.dueAt && submission.status !== 'EARNED' && submission.status !== 'NEEDS_REVISION' ? `; decision expected by ${dateFmt.format(current.dueAt)}` : ''}.
        </p>
      ) : null}
      {/* Mounted on every current application, sent or not, so its outcome is still said once the attempt is a draft again. */}
      {!earlier ? (
        <TakeBackForm
          attemptId={current.id}
          slug={mc.slug}
          allowed={takeBack?.allowed === true}
          // A second look is explained in its own notice above.
          reason={takeBack && !takeBack.allowed && !current.secondLookRequestedAt ? takeBack.reason : null}
        />
      ) : null}

      {submission.status !== 'EARNED' ? (
        <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          {/* A heading inside the summary: the rubric's criteria are headings one level below it. */}
          <summary className="cursor-pointer py-1"><h2 className="inline text-lg font-semibold">How reviewers will score this</h2></summary>
          <div className="mt-3">
            <RubricTable version={version} />
            {scoredBy.size ? <p className="mt-3 text-sm text-slate-700">Each part below says which criteria score it.</p> : null}
          </div>
        </details>
      ) : null}

      <ol className="mt-6 space-y-6">
        {version.parts.map((p, i) => {
          const r = current.responses.find((x) => x.partId === p.id);
          const files = current.files.filter((f) => f.partId === p.id);
          const wantsText = p.responseType === 'TEXT' || p.responseType === 'TEXT_AND_FILES' || p.responseType === 'LINKS';
          const wantsFiles = takesFiles(p);
          // A files-only part kept from an earlier attempt may have no response row: its files say so.
          const carried = isCarried(p.id);
          const locked = !editable || carried;
          // Captions files (one per video) do not count towards the part's number of files, nor do
          // uploads that stopped (as requestUpload counts): the teacher can choose the file again.
          const counted = filesTakingRoom(files, new Date());
          const active = countPartFiles(counted);
          const captionsRemaining = active.videos - active.captions;
          const fate = plan?.get(p.id);
          const criteria = scoredBy.get(p.id) ?? [];
          return (
            <li key={p.id}>
              <Card>
                <h2 className="text-lg font-semibold">
                  Part {i + 1}: {p.title} {!p.required ? <span className="text-sm font-normal text-slate-600">(optional)</span> : null}
                  {fate ? (
                    <span className="ml-2 align-middle"><Pill tone={fateInfo[fate].tone}>{fateInfo[fate].label}</Pill></span>
                  ) : carried ? (
                    <span className="ml-2 align-middle"><Pill tone="success">Passed</Pill></span>
                  ) : null}
                </h2>
                {criteria.length ? (
                  <p className="mt-1 text-sm text-slate-700">
                    Reviewers score this part on: {criteria.map((c) => `“${c.title}”`).join(', ')}.
                  </p>
                ) : null}
                <Markdown source={p.prompt} className="text-sm" />
                {p.responseType === 'LINKS' && !locked ? <p className="mt-1 text-sm text-slate-700">Paste each web address (starting with https://) on its own line; add a sentence about each if you like.</p> : null}
                {wantsText ? (
                  locked ? (
                    <div className="mt-3 whitespace-pre-wrap rounded-md bg-slate-50 p-3 text-slate-900">{r?.text || <em>No answer.</em>}</div>
                  ) : (
                    <div className="mt-3">
                      <AnswerEditor attemptId={current.id} partId={p.id} label={`Answer for ${p.title}`} initialText={r?.text ?? ''} initialRevision={r?.revision ?? 0} wordLimit={p.wordLimit} collectLinks={p.responseType === 'LINKS'} timeZone={actor.timeZone ?? null} />
                    </div>
                  )
                ) : null}
                {wantsFiles ? (
                  <div className="mt-4">
                    <h3 id={`files-${p.id}`} tabIndex={-1} className="mb-2 text-sm font-semibold">Files for {p.title}</h3>
                    <FileList files={liveFiles(files)} editable={!locked} headingId={`files-${p.id}`} />
                    <RemovedFiles files={files} />
                    {p.id === privacyAt ? <PrivacyReminder id="privacy-reminder" className="mt-3" /> : null}
                    {p.id === privacyPointerAt ? (
                      <p className="mt-3 text-sm text-slate-800">
                        Photos, video or recordings of students? Read the <a href="#privacy-reminder">student privacy reminder</a> above first.
                      </p>
                    ) : null}
                    {!locked ? (
                      <FileUploader attemptId={current.id} partId={p.id} partTitle={p.title} allowedTypes={acceptedKinds(p.allowedTypes as FileKind[])} maxFileBytes={Number(p.maxFileBytes)} remaining={p.maxFiles - active.files} countedFileIds={counted.map((f) => f.id)} captionsRemaining={captionsRemaining} rejectedFileIds={files.filter((f) => f.status === 'REJECTED').map((f) => f.id)} />
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
            notice={submitNotice(mc.issuer.slaBusinessDays)}
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
                  {a.reviews.length ? <Feedback attempt={a} version={version} slug={mc.slug} issuerName={mc.issuer.name} compact anchored={a.id !== topFeedback?.id} /> : null}
                  {version.parts.map((p) => {
                    const r = a.responses.find((x) => x.partId === p.id);
                    // What was sent: the files that finished uploading, and those the issuer removed since.
                    const files = a.files.filter((f) => f.partId === p.id && (f.status === 'UPLOADED' || f.status === 'REMOVED'));
                    return r?.text || files.length ? (
                      <div key={p.id} className="mt-3">
                        <h3 className="text-sm font-semibold">{p.title}</h3>
                        {r?.text ? <p className="whitespace-pre-wrap text-sm">{r.text}</p> : null}
                        {files.length ? <EarlierFiles files={files} attemptNumber={a.number} /> : null}
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

/**
 * `compact`: in the list of earlier attempts, where the questions show but no new one is asked (the
 * full card above has the form). `anchored`: a compact card gives its questions the ids that
 * notifications link to only when the full card (which has them) is not on the page. `readOnly`:
 * an application a renewal has followed, where no question is asked.
 */
function Feedback({ attempt, version, slug, issuerName, compact, anchored, readOnly }: { attempt: AttemptWithReview; version: VersionInfo; slug: string; issuerName: string; compact?: boolean; anchored?: boolean; readOnly?: boolean }) {
  if (!attempt.reviews.length) return null;
  const both = attempt.reviews.length > 1;
  const questions = attempt.feedbackQuestions;
  const canAsk = !compact && !readOnly && attempt.status === 'RETURNED';
  return (
    <section aria-label={`Reviewer feedback on attempt ${attempt.number}`} className={compact ? 'mt-3' : 'mt-6'}>
      <Card>
        <h2 className="text-lg font-semibold">
          Reviewer feedback on attempt {attempt.number}: {attempt.status === 'PASSED' ? 'earned' : 'needs revision'}
        </h2>
        {attempt.reviews.some((r) => r.kind === 'SECOND_LOOK') ? (
          <p className="mt-1 text-sm text-slate-700">
            A second look was asked for{attempt.secondLookRequestedAt ? ` on ${dateFmt.format(attempt.secondLookRequestedAt)}` : ''}: an independent reviewer reviewed this attempt again, and this is their decision.
          </p>
        ) : null}
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
        {questions.length || canAsk ? (
          <div className="mt-5 border-t border-slate-200 pt-4">
            <h3 className="text-base font-semibold">Questions about this feedback</h3>
            {canAsk && !questions.length ? (
              <p className="mt-1 text-sm text-slate-700">Think a criterion was misread, or not sure what a comment means? Ask {issuerName}.</p>
            ) : null}
            {questions.length ? <Questions attempt={attempt} issuerName={issuerName} anchored={!compact || anchored} /> : null}
            {canAsk ? (
              <FeedbackQuestionForm attemptId={attempt.id} attemptNumber={attempt.number} slug={slug} issuerName={issuerName} waiting={openAboutCurrentDecision(attempt, questions)} />
            ) : null}
          </div>
        ) : null}
      </Card>
    </section>
  );
}

/**
 * The teacher's questions about an attempt's feedback with the issuer's replies. `anchored`: give
 * each the id a reply's notification links to (#question-…); only one list on the page has them.
 * Questions asked before a second look are labelled as being about the decision it set aside.
 */
function Questions({ attempt, issuerName, anchored }: { attempt: Pick<AttemptWithReview, 'feedbackQuestions' | 'secondLookRequestedAt'>; issuerName: string; anchored?: boolean }) {
  return (
    <ul className="mt-2 space-y-3">
      {attempt.feedbackQuestions.map((q) => (
        <li key={q.id} id={anchored ? `question-${q.id}` : undefined} className="rounded-md border border-slate-200 p-3 text-sm">
          {aboutEarlierDecision(attempt, q) ? <p className="mb-1"><Pill tone="neutral">About the earlier decision</Pill></p> : null}
          <p className="font-semibold">You asked on {dateFmt.format(q.createdAt)}:</p>
          <p className="mt-1 whitespace-pre-wrap text-slate-900">{q.body}</p>
          {q.answer && q.answeredAt ? (
            <div className="mt-3 border-l-4 border-brand-700 pl-3">
              <p className="font-semibold">Reply from {issuerName} on {dateFmt.format(q.answeredAt)}:</p>
              <p className="mt-1 whitespace-pre-wrap text-slate-900">{q.answer}</p>
            </div>
          ) : (
            <p className="mt-2 text-slate-700">Waiting for a reply from {issuerName}. We will notify you when it comes.</p>
          )}
        </li>
      ))}
    </ul>
  );
}

function ReviewFeedback({ review, version, caption }: { review: AttemptWithReview['reviews'][number]; version: VersionInfo; caption: string }) {
  const partNumber = new Map(version.parts.map((p, i) => [p.id, i + 1]));
  const criteria = version.criteria.map((c) => {
    const part = c.partId ? version.parts.find((p) => p.id === c.partId) : undefined;
    return { id: c.id, title: c.title, part: part ? `Part ${partNumber.get(part.id)}: ${part.title}` : null };
  });
  const passingRank = passingRuleOf(version).levelRank;
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
        criteria={criteria}
        scores={review.scores}
        level={(s) => {
          const pass = s ? s.level.rank >= passingRank : false;
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

/**
 * The files a part of an earlier attempt was sent with, to download (the file link checks the owner)
 * beside the answer they went with; a file the issuer removed since is said in its place.
 */
function EarlierFiles({ files, attemptNumber }: { files: { id: string; fileName: string; sizeBytes: bigint; status: string; removedAt: Date | null; removedReason: string | null }[]; attemptNumber: number }) {
  return (
    <ul className="mt-1 space-y-1 text-sm" aria-label={`Files sent with attempt ${attemptNumber}`}>
      {files.map((f) => (
        <li key={f.id}>
          {f.status === 'REMOVED' ? (
            <RemovedFileWords file={f} />
          ) : (
            <>
              <a href={`/files/${f.id}`} download>
                {f.fileName}
                <span className="sr-only"> (download, from attempt {attemptNumber})</span>
              </a>{' '}
              <span className="text-slate-700">{formatBytes(Number(f.sizeBytes))}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Student privacy before any evidence is collected (PRIVACY_REMINDER, the rule the submit tick-box
 * asks the teacher to confirm). Read in place, not announced: it is no live region.
 */
function PrivacyReminder({ id, className = '' }: { id?: string; className?: string }) {
  return (
    <div id={id} className={`rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm text-slate-900 ${className}`}>
      <p className="font-semibold">Student privacy</p>
      <p className="mt-1">{PRIVACY_REMINDER}</p>
    </div>
  );
}

/** What is said in place of a file the issuer removed: its name, when, and the issuer's reason. */
function RemovedFileWords({ file }: { file: { fileName: string; removedAt: Date | null; removedReason: string | null } }) {
  return (
    <>
      <span className="font-medium">{file.fileName}</span>: Removed by the issuer on {dateFmt.format(file.removedAt!)}: {file.removedReason ?? ''}
    </>
  );
}

/** Files of this part the issuer removed (lib/evidence/concerns.ts), each said in place of the file. */
function RemovedFiles({ files }: { files: { id: string; fileName: string; status: string; removedAt: Date | null; removedReason: string | null }[] }) {
  const removed = files.filter((f) => f.status === 'REMOVED');
  if (!removed.length) return null;
  return (
    <ul className="mt-3 space-y-2">
      {removed.map((f) => (
        <li key={f.id} className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
          <RemovedFileWords file={f} />
        </li>
      ))}
    </ul>
  );
}

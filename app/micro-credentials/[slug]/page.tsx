import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getMicroCredentialPage } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import { getApplicationVersion, getResourceProgress, getStandings, getStoppedWork, isEnrolled, type Standing, type StoppedWork } from '@/lib/enrollment/queries';
import { needsProposal } from '@/lib/proposals/queries';
import { Card, Pill, Alert } from '@/components/ui/card';
import { AlignmentList, CredentialDescription } from '@/components/credential/credential-description';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { PrintButton } from '@/components/print-button';
import { ButtonLink } from '@/components/ui/button';
import { EnrollForm } from '@/components/catalog/enroll-form';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { EnrolAsGuest } from '@/components/catalog/enrol-as-guest';
import { enrollAction, withdrawAction } from './actions';
import { ResourceProgressForm } from './resource-progress-form';
import { StopWorkingForm } from '@/components/catalog/stop-working-form';
import { PickUpAgainForm } from '@/components/enrollment/pick-up-again-form';
import { getPublicAward } from '@/lib/awards/queries';
import { WithdrawnBadgeNotice } from '@/components/credentials/withdrawn-badge-notice';
import { withdrawnBadgeWords, type WithdrawnBadge } from '@/lib/awards/withdrawn-words';
import { getRecommendationForItem } from '@/lib/district/recommendations';
import { RecommendedByDistrict } from '@/components/catalog/district-recommendation';
import { getIssuerSalaryStanding } from '@/lib/district/salary-approval';
import { salaryStandingSentence } from '@/lib/reporting/salary-steps';
import { levelInWords } from '@/components/credentials/level-words';
import { ResourceEntry } from '@/components/credential/resource-entry';
import { RenewForm } from '@/components/awards/renew-form';
import { startRenewalAction } from '@/app/apply/[slug]/actions';
import { renewability } from '@/lib/submissions/renewal-policy';
import { listSharedQuestions } from '@/lib/credential-questions/queries';
import { SharedQuestionsSection } from '@/components/credential-questions/shared-questions';
import { FeedbackSummary } from '@/components/credential-feedback/feedback-summary';
import { getCredentialFeedbackSummary } from '@/lib/credential-feedback/queries';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const mc = await getMicroCredentialPage((await params).slug);
  return mc ? { title: mc.version.title, description: mc.version.summary } : { title: 'Not found' };
}


export default async function MicroCredentialPage({ params, searchParams }: Props & { searchParams: Promise<{ stopped?: string | string[]; enrolled?: string | string[] }> }) {
  const { slug } = await params;
  const sp = await searchParams;
  const stopped = sp.stopped === '1';
  const enrolled = sp.enrolled === '1';
  const mc = await getMicroCredentialPage(slug);
  if (!mc) notFound();
  const v = mc.version;
  // The questions the issuer shares are the same for everyone (no names): fine on the cached anonymous copy.
  const [actor, sharedQuestions, feedbackSummary] = await Promise.all([getActor(), listSharedQuestions({ microCredentialId: mc.id, take: 5 }), getCredentialFeedbackSummary(mc.id)]);
  // The district's recommendation and salary rules are per teacher, so signed-in only: the anonymous page is cached and shared (ADR 006).
  const [standings, recommendation, salaryIssuer] = actor
    ? await Promise.all([getStandings(actor, [mc.id]), getRecommendationForItem(actor, 'MICRO_CREDENTIAL', mc.id), getIssuerSalaryStanding(actor, { issuerId: mc.issuer.id, microCredentialId: mc.id, level: mc.level })])
    : [null, null, null];
  const salaryNote = salaryIssuer ? salaryStandingSentence(salaryIssuer, mc.issuer.name, { pdHours: Number(v.pdHours) }) : '';
  const standing: Standing = standings ? standings.get(mc.id)! : { state: 'not-enrolled' };
  const [done, canMarkResources, applicationVersion] = await Promise.all([
    actor && standing.state !== 'not-enrolled' ? getResourceProgress(actor.id, v.id) : new Set<string>(),
    // Resources are marked only while enrolled: a teacher who holds the badge but stopped renewing
    // it still has a standing here, but no enrolment to track resources with.
    actor && standing.state !== 'not-enrolled' ? isEnrolled(actor.id, mc.id) : false,
    // An application stays on the version it was started on: its prompts and rubric may not be these.
    actor ? getApplicationVersion(actor.id, mc.id) : null,
  ]);
  const olderVersion = applicationVersion !== null && applicationVersion !== v.version ? applicationVersion : null;
  // Stopped with a draft kept: the page offers to pick it up (also once retired) rather than "Enrol".
  const stoppedWork = actor && standing.state === 'not-enrolled' ? await getStoppedWork(actor.id, mc.id) : null;
  // Still working on it: the resources come first on a small screen, and the next step counts them.
  const working = Boolean(actor) && ['enrolled', 'proposal', 'DRAFT', 'NEEDS_REVISION'].includes(standing.state);
  const resourcesLeft = v.resources.filter((r) => !done.has(r.id));
  const resourceProgress: ResourceProgress = { total: v.resources.length, done: v.resources.length - resourcesLeft.length, next: resourcesLeft[0] ?? null };
  const proposalRequired = actor ? await needsProposal(actor, mc.id) : false;
  // A badge the issuer has withdrawn: its reasons, as its own page shows them, for the holder's notice.
  const withdrawn = standing.state === 'EARNED' && standing.awardId && (standing.awardRevokedAt || standing.awardSuspendedAt) ? await getPublicAward(standing.awardId) : null;
  const next = mc.track?.microCredentials.find((m) => (m.level ?? 0) > (mc.level ?? 0));

  // One Resources card, placed once: before the description for a teacher working on it (on a phone
  // it would otherwise come last), after it for everyone else; on wide screens always at the top of
  // the second column (lg: placement), so the DOM order is also the reading order.
  const resourcesCard = (
    <section id="resources" aria-labelledby="resources-heading" className="scroll-mt-4 lg:col-start-2 lg:row-start-1">
      <Card as="div">
        <h2 id="resources-heading" className="font-semibold">Resources</h2>
        {v.resources.length === 0 ? <p className="mt-2 text-sm text-slate-700">No resources listed.</p> : null}
        <ul className="mt-2 space-y-3">
          {v.resources.map((r) => (
            <li key={r.id} id={`resource-${r.id}`} className="scroll-mt-4 text-sm">
              <ResourceEntry resource={r} />
              {canMarkResources ? <ResourceProgressForm resource={r} slug={mc.slug} done={done.has(r.id)} /> : null}
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );

  return (
    <article>
      <div className="mb-6 flex flex-col gap-6 md:flex-row md:items-start">
        <BadgeMark color={v.badgeColor} level={mc.level} size={96} />
        <div className="flex-1">
          <div className="flex flex-wrap gap-2">
            <Pill tone="neutral">Micro-credential</Pill>
            {mc.level ? <Pill tone="success">{levelInWords(mc.level, 'you')}</Pill> : null}
            <Pill tone="info">{Number(v.pdHours)} PD hours</Pill>
            {v.expiryMonths ? <Pill tone="warning">Valid {v.expiryMonths} months</Pill> : null}
          </div>
          <h1 className="mt-2 text-3xl font-bold">{v.title}</h1>
          <p className="mt-1 text-slate-700">
            Issued by <Link href={`/issuers/${mc.issuer.slug}`}>{mc.issuer.name}</Link>
            {mc.track ? (
              <>
                {' '}· Part of <Link href={`/tracks/${mc.track.slug}`}>{mc.track.title}</Link>
              </>
            ) : null}
            {' '}· Version {v.version}
          </p>
          <p className="mt-3 max-w-3xl text-lg text-slate-800">{v.summary}</p>
          <FeedbackSummary summary={feedbackSummary} className="mt-2 text-sm text-slate-700" />
        </div>
      </div>

      {recommendation ? <RecommendedByDistrict recommendation={recommendation} /> : null}
      {salaryNote ? (
        // For a teacher whose district has salary steps, or counts only approved credentials toward licence renewal.
        <p className="mb-4 text-sm text-slate-800" data-salary-issuer-note>
          {salaryNote}
        </p>
      ) : null}
      {mc.status === 'RETIRED' ? (
        <div className="mb-4">
          <Alert tone="warning" title="Retired by the issuer">
            It is no longer in the catalogue and takes no new enrolments. Teachers already working on it can finish, and badges earned with it stay valid.
          </Alert>
        </div>
      ) : null}
      {enrolled && actor && standing.state !== 'not-enrolled' ? (
        <ArrivalNotice className="no-print mb-4">
          <EnrolledNotice standing={standing} proposalRequired={proposalRequired} />
        </ArrivalNotice>
      ) : null}
      {/* After "Stop working on it": that form is gone, so the notice takes focus. */}
      {stopped && actor && standing.state === 'not-enrolled' ? (
        <ArrivalNotice className="no-print mb-4">
          <Alert tone="success" title="You stopped working on this micro-credential">
            {mc.status === 'RETIRED' && !stoppedWork
              ? 'It is off your dashboard. It was retired by its issuer, so it takes no new enrolments.'
              : 'It is off your dashboard. Anything you wrote or uploaded is kept: enrol again to pick up where you left off.'}
          </Alert>
        </ArrivalNotice>
      ) : stopped && actor && 'renewalStopped' in standing && standing.renewalStopped ? (
        <ArrivalNotice className="no-print mb-4">
          <Alert tone="success" title="You stopped renewing this badge">
            Your renewal is off your dashboard and the badge you hold is unchanged. Anything you wrote or uploaded for the renewal is kept.
          </Alert>
        </ArrivalNotice>
      ) : null}
      <Card className="no-print mb-8">
        <NextStep slug={mc.slug} microCredentialId={mc.id} title={v.title} standing={standing} signedIn={Boolean(actor)} proposalRequired={proposalRequired} retired={mc.status === 'RETIRED'} withdrawn={withdrawn} stoppedWork={stoppedWork} resources={resourceProgress} />
        {working ? <StopWorkingForm action={withdrawAction} microCredentialId={mc.id} slug={mc.slug} retired={mc.status === 'RETIRED'} /> : null}
      </Card>

      {/* Rows: the resources (auto), then the rest (1fr), the description spanning both. */}
      <div className="grid gap-8 lg:grid-cols-[1fr_20rem] lg:grid-rows-[auto_1fr] lg:gap-y-6">
        {working ? resourcesCard : null}
        {/* min-w-0: the rubric table scrolls inside its box instead of widening the page. */}
        <div className="min-w-0 space-y-8 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          {olderVersion !== null ? <ApplicationVersionNote slug={mc.slug} applicationVersion={olderVersion} current={v.version} /> : null}
          <CredentialDescription version={v} submitHeading={olderVersion !== null ? `What version ${v.version} asks for (yours follows version ${olderVersion})` : 'What you will submit'} />
          <SharedQuestionsSection slug={mc.slug} issuerName={mc.issuer.name} items={sharedQuestions.items} more={sharedQuestions.nextCursor !== null} signedIn={Boolean(actor)} timeZone={actor?.timeZone} />
        </div>
        {working ? null : resourcesCard}
        <aside className="space-y-6 lg:col-start-2 lg:row-start-2">
          <Card>
            <h2 className="font-semibold">At a glance</h2>
            <dl className="mt-2 space-y-1 text-sm">
              <div><dt className="inline font-medium">Topic: </dt><dd className="inline">{mc.topic}</dd></div>
              {mc.gradeBands.length ? <div><dt className="inline font-medium">Grades: </dt><dd className="inline">{mc.gradeBands.join(', ')}</dd></div> : null}
              {mc.subjects.length ? <div><dt className="inline font-medium">Subjects: </dt><dd className="inline">{mc.subjects.join(', ')}</dd></div> : null}
              <div><dt className="inline font-medium">PD hours: </dt><dd className="inline">{Number(v.pdHours)}</dd></div>
            </dl>
            {mc.stackItems.length ? (
              <p className="mt-3 text-sm">
                Counts toward{' '}
                {mc.stackItems.map((s, i) => (
                  <span key={s.stack.slug}>
                    {i ? ', ' : ''}
                    <Link href={`/stacks/${s.stack.slug}`}>{s.stack.title}</Link>
                  </span>
                ))}
              </p>
            ) : null}
            <VersionsNote slug={mc.slug} current={v.version} versions={mc.versions} />
            {next ? (
              <p className="mt-3 text-sm">
                What comes next: <Link href={`/micro-credentials/${next.slug}`}>Level {next.level}: {next.currentVersion?.title}</Link>
              </p>
            ) : null}
            <AlignmentList alignments={v.alignments} />
            {mc.issuer.email ? (
              <p className="mt-3 text-sm" data-issuer-contact>
                Questions? Email {mc.issuer.name} at <a href={`mailto:${mc.issuer.email}`}>{mc.issuer.email}</a>
              </p>
            ) : null}
          </Card>
          <PrintButton />
        </aside>
      </div>
    </article>
  );
}

/**
 * Said first in the description for a teacher whose application follows an earlier version than
 * the one shown: what they submit and how it is scored are that version's, on its own page.
 */
function ApplicationVersionNote({ slug, applicationVersion, current }: { slug: string; applicationVersion: number; current: number }) {
  return (
    <div data-application-version>
      <Alert tone="info" live={false} title={`Your application follows version ${applicationVersion} of this credential`}>
        This page shows version {current}, the current one. Your application stays on the version you started it on, so what you submit and how reviewers score it are version {applicationVersion}’s:{' '}
        <Link href={`/micro-credentials/${slug}/versions/${applicationVersion}`}>see what version {applicationVersion} asks you to submit</Link>.
      </Alert>
    </div>
  );
}

type WithdrawnAward = WithdrawnBadge & { id: string; issuer: { name: string; slug: string; email: string | null } };

/** The teacher's resources: how many are marked done, and the first one not yet done. */
type ResourceProgress = { total: number; done: number; next: { id: string; title: string } | null };

/** Where the teacher is with the resources, under the enrolled next step; nothing when there are none. */
function ResourceProgressLine({ resources }: { resources: ResourceProgress }) {
  if (!resources.total) return null;
  if (!resources.next) return <p className="mt-1 text-sm font-medium text-slate-800">All resources done — start your application.</p>;
  return (
    <p className="mt-1 text-sm text-slate-800">
      {resources.done} of {resources.total} {resources.total === 1 ? 'resource' : 'resources'} done · Next: <a href={`#resource-${resources.next.id}`}>{resources.next.title}</a>
    </p>
  );
}

/**
 * After "Enrol" or "Pick up where you left off" (?enrolled=1): what they arrived at, in the words
 * of where they now stand, so it agrees with the next step below it (a picked-up draft is not
 * "start your application").
 */
function EnrolledNotice({ standing, proposalRequired }: { standing: Standing; proposalRequired: boolean }) {
  if (standing.state === 'DRAFT' || standing.state === 'NEEDS_REVISION') {
    const what = standing.renewal ? 'renewal' : standing.state === 'NEEDS_REVISION' ? 'revision' : 'draft';
    return (
      <Alert tone="success" title={`Your ${what} is back on your dashboard`}>
        Everything you wrote or uploaded is kept. {standing.state === 'NEEDS_REVISION' ? 'Read the feedback and revise below.' : 'Continue below; it saves as you type.'}
      </Alert>
    );
  }
  if (standing.state !== 'enrolled' && standing.state !== 'proposal') {
    // Sent, being reviewed or earned (a form from an older tab): nothing to start.
    return <Alert tone="success" title="It is on your dashboard">Where your {'renewal' in standing && standing.renewal ? 'renewal' : 'application'} stands is below.</Alert>;
  }
  return (
    <Alert tone="success" title="You are enrolled">
      It is on your dashboard with your progress. {proposalRequired ? 'Your district asks for a proposal first: write it below.' : 'Start your application below when you are ready; it saves as you type.'}
    </Alert>
  );
}

const endFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * An earned badge that has ended, or is in its renewal window (renewability, the rule My badges
 * and the renewal itself follow): when, and what the teacher can do about it. Null for a badge
 * far from its end, one that never ends, and one revoked or suspended.
 */
function RenewalNote({ standing, microCredentialId, title, retired }: { standing: Extract<Standing, { submissionId: string }>; microCredentialId: string; title: string; retired: boolean }) {
  if (!standing.awardId || !standing.awardIssuedAt || !standing.awardValidUntil) return null;
  const now = new Date();
  const r = renewability({ issuedAt: standing.awardIssuedAt, validUntil: standing.awardValidUntil, revokedAt: standing.awardRevokedAt ?? null, suspendedAt: standing.awardSuspendedAt ?? null }, now);
  if (!r.ok) return null;
  const when = r.expired ? `Your badge expired on ${endFmt.format(standing.awardValidUntil)}.` : `Your badge ends on ${endFmt.format(standing.awardValidUntil)}.`;
  // A stopped renewal is continued with the button beside this; a retired credential takes no renewals.
  const then = standing.renewalStopped ? '' : retired ? ' The issuer no longer offers this micro-credential, so it cannot be renewed. It stays on your record.' : ' Renew it by sending fresh evidence for review. It stays on your record either way.';
  return (
    <div className="mt-3 space-y-2" data-renewal-note>
      <p>{when}{then}</p>
      {!standing.renewalStopped && !retired ? <RenewForm action={startRenewalAction} microCredentialId={microCredentialId} title={title} /> : null}
    </div>
  );
}

function NextStep({ slug, microCredentialId, title, standing, signedIn, proposalRequired, retired, withdrawn, stoppedWork, resources }: { slug: string; microCredentialId: string; title: string; standing: Standing; signedIn: boolean; proposalRequired: boolean; retired: boolean; withdrawn: WithdrawnAward | null; stoppedWork: StoppedWork | null; resources: ResourceProgress }) {
  // Kept work after stopping: enrolling again picks it up, also when the credential has been retired.
  if (standing.state === 'not-enrolled' && stoppedWork) {
    const what = stoppedWork.renewal ? 'renewal' : 'application';
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>
          {stoppedWork.status === 'NEEDS_REVISION'
            ? `You have a saved revision of your ${what}: a reviewer asked for changes, and what you wrote or uploaded is kept.`
            : stoppedWork.renewal ? 'You have a saved draft of your renewal. Everything you wrote or uploaded is kept.' : 'You have a saved draft. Everything you wrote or uploaded is kept.'}
        </p>
        <PickUpAgainForm action={enrollAction} microCredentialId={microCredentialId} slug={slug} label="Pick up where you left off" />
      </div>
    );
  }
  if (retired && standing.state === 'not-enrolled') {
    return <p>This micro-credential takes no new enrolments. <Link href="/catalog">Find another in the catalogue</Link>.</p>;
  }
  if (!signedIn) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p>Free for teachers: enrol, collect evidence and earn this badge.</p>
        <EnrolAsGuest back={`/micro-credentials/${slug}`} />
      </div>
    );
  }
  switch (standing.state) {
    case 'not-enrolled':
      return (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <p>Enrol to track the resources and start your application whenever you are ready.</p>
            {/* Said before enrolling, not only after: the teacher's district rule (needsProposal), so signed-in renders only. */}
            {proposalRequired ? <p className="mt-1 text-sm text-slate-800" data-proposal-note>Your district asks for a short proposal, approved by your district leader, before you send your evidence: you write it after you enrol.</p> : null}
          </div>
          <EnrollForm action={enrollAction} hidden={{ microCredentialId, slug }} label="Enrol in this micro-credential" />
        </div>
      );
    case 'enrolled':
    case 'proposal':
      if (proposalRequired) {
        const status = standing.state === 'proposal' ? standing.proposalStatus : null;
        return (
          <div className="flex flex-wrap items-center justify-between gap-3">
            <div>
              <p>
                {status === 'SUBMITTED'
                  ? 'Your proposal is with your district leader. You can start collecting evidence; you can submit once it is approved.'
                  : status === 'RETURNED'
                    ? 'Your district leader returned your proposal with a comment. Update it and send it again.'
                    : 'Your district asks you to explain how this study will serve your students before you submit.'}
              </p>
              <ResourceProgressLine resources={resources} />
            </div>
            <div className="flex gap-2">
              <ButtonLink href={`/micro-credentials/${slug}/proposal`} variant={status === 'SUBMITTED' ? 'secondary' : 'primary'}>
                {status === 'DRAFT' ? 'Finish your proposal' : status ? 'View proposal' : 'Write a proposal'}
              </ButtonLink>
              <ButtonLink href={`/apply/${slug}`} variant="secondary">Collect evidence</ButtonLink>
            </div>
          </div>
        );
      }
      return (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <p>You are enrolled. Start your application when you are ready; it saves as you type.</p>
            <ResourceProgressLine resources={resources} />
          </div>
          <ButtonLink href={`/apply/${slug}`}>Start your application</ButtonLink>
        </div>
      );
    case 'DRAFT':
      return (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>{standing.renewal ? 'Your renewal is in progress. The badge you hold is unchanged until the renewed one is issued.' : 'Your application is in progress.'}</p>
          <ButtonLink href={`/apply/${slug}`}>{standing.renewal ? 'Continue your renewal' : 'Continue your application'}</ButtonLink>
        </div>
      );
    case 'SUBMITTED':
    case 'IN_REVIEW':
      return (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>{standing.renewal ? 'Your renewal' : 'Your application'} has been submitted and is waiting for a reviewer.</p>
          <ButtonLink href={`/apply/${slug}`} variant="secondary">View your submission</ButtonLink>
        </div>
      );
    case 'NEEDS_REVISION':
      return (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p>A reviewer asked for changes. Read the feedback and revise the parts that did not pass.</p>
          <ButtonLink href={`/apply/${slug}`}>Read feedback and revise</ButtonLink>
        </div>
      );
    case 'EARNED':
      if (withdrawn && withdrawnBadgeWords(withdrawn, withdrawn.issuer.name)) {
        return (
          <div className="space-y-3">
            <WithdrawnBadgeNotice award={withdrawn} awardId={withdrawn.id} issuer={withdrawn.issuer} />
            {standing.renewalStopped ? <ButtonLink href={`/apply/${slug}`} variant="secondary">Continue your renewal</ButtonLink> : null}
          </div>
        );
      }
      return (
        <div>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p>
              {standing.renewal ? 'You renewed this micro-credential.' : 'You earned this micro-credential.'}
              {standing.renewalStopped ? ' You started renewing it and stopped; your renewal draft is kept.' : ''}
            </p>
            <div className="flex gap-2">
              {standing.renewalStopped ? <ButtonLink href={`/apply/${slug}`} variant="secondary">Continue your renewal</ButtonLink> : null}
              {standing.awardId ? <ButtonLink href={`/credentials/${standing.awardId}`}>View your badge</ButtonLink> : null}
            </div>
          </div>
          <RenewalNote standing={standing} microCredentialId={microCredentialId} title={title} retired={retired} />
        </div>
      );
  }
}

const publishedFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The versions teachers could have earned, each with the id `version-N` that older badges' signed
 * achievement id points at (`/micro-credentials/{slug}#version-N`), linked to that version's own
 * read-only page.
 */
function VersionsNote({ slug, current, versions }: { slug: string; current: number; versions: { version: number; publishedAt: Date | null }[] }) {
  const when = (d: Date | null) => (d ? `, published ${publishedFmt.format(d)}` : '');
  if (versions.length <= 1) {
    const only = versions[0] ?? { version: current, publishedAt: null };
    return <p id={`version-${only.version}`} className="mt-3 text-sm">Version {only.version}{when(only.publishedAt)}</p>;
  }
  return (
    <div className="mt-3 text-sm">
      <p className="font-medium">Versions</p>
      <p className="text-slate-700">A badge names the version it was earned on.</p>
      <ul className="list-disc pl-5">
        {versions.map((x) => (
          <li key={x.version} id={`version-${x.version}`}>
            <Link href={`/micro-credentials/${slug}/versions/${x.version}`}>Version {x.version}</Link>
            {x.version === current ? ' (current)' : ''}
            {when(x.publishedAt)}
          </li>
        ))}
      </ul>
    </div>
  );
}

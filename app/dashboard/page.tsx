import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { badgeHref, CARDS_PER_COLUMN, COLUMN_LABEL, columnFor, DashboardSearch, groupIntoColumns, nextLevelToOffer, nextStep, type DashboardColumn } from '@/lib/enrollment/dashboard';
import { DASHBOARD_MAX_ENROLLMENTS, getTeacherDashboard } from '@/lib/enrollment/queries';
import { renewalsOpen } from '@/lib/reporting/teacher';
import { validPartAwards } from '@/lib/awards/queries';
import { listStacksInProgress } from '@/lib/awards/stack-progress';
import { getNextTrackLevels } from '@/lib/catalog/queries';
import { StacksInProgress } from '@/components/credentials/stacks-in-progress';
import { Alert, Card, EmptyState, PageHeader, Pill, Stat, type Tone } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { VerifyEmailNotice } from '@/components/account/verify-email-notice';
import { isEmailVerified } from '@/lib/auth/email-verification';
import { PickUpAgainForm } from '@/components/enrollment/pick-up-again-form';
import { listRecommendationsForTeacher } from '@/lib/district/recommendations';
import { DistrictRecommendations } from '@/components/dashboard/district-recommendations';
import { TeachingSuggestions } from '@/components/dashboard/teaching-suggestions';
import { listTeachingSuggestions } from '@/lib/teaching/queries';
import { pickUpAgainAction } from './actions';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'My learning' };

const columnTone: Record<DashboardColumn, Tone> = { 'in-progress': 'neutral', submitted: 'info', 'needs-revision': 'warning', earned: 'success' };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser('/dashboard');
  const { show, welcome } = DashboardSearch.parse(await searchParams);
  const [{ enrollments, truncated, submissions, awards, proposals, resourceStats, proposalRequired, stopped }, verified, renewals, stacks, recommended, suggested] = await Promise.all([
    getTeacherDashboard(actor), isEmailVerified(actor.id), renewalsOpen(actor.id), listStacksInProgress(actor.id), listRecommendationsForTeacher(actor), listTeachingSuggestions(actor),
  ]);
  const subByMc = new Map(submissions.map((s) => [s.microCredentialId, s]));
  const propByMc = new Map(proposals.map((p) => [p.microCredentialId, p]));

  const shown = enrollments
    .filter((e) => e.microCredential?.currentVersion)
    .map((e) => {
      const mc = e.microCredential!;
      const sub = subByMc.get(mc.id);
      return { mc, sub, column: columnFor(sub?.status) };
    });
  // "View badge" opens the badge itself: the one that counts now (newest, valid) for each earned card.
  const earnedIds = shown.filter((r) => r.column === 'earned').map((r) => r.mc.id);
  // Once a level is earned, the track's next level is the next step, unless it is started already.
  const [badges, nextLevels] = await Promise.all([earnedIds.length ? validPartAwards(actor.id, earnedIds) : [], getNextTrackLevels(earnedIds)]);
  const badgeByMc = new Map(badges.map((b) => [b.microCredentialId, b.id]));
  const started = new Set([...shown.map((r) => r.mc.id), ...submissions.map((s) => s.microCredentialId)]);
  const rows = shown.map(({ mc, sub, column }) => {
    const prop = propByMc.get(mc.id);
    const stats = resourceStats.get(mc.currentVersion!.id) ?? { total: 0, done: 0 };
    const nextLevel = column === 'earned' ? nextLevelToOffer(nextLevels.get(mc.id), started) : null;
    const next = nextStep({ slug: mc.slug, column, hasSubmission: Boolean(sub), proposalStatus: prop?.status, proposalRequired, resources: stats, awardId: badgeByMc.get(mc.id), nextLevel });
    // The badge stays one click away when the next step is the next level.
    const badge = nextLevel ? badgeHref(badgeByMc.get(mc.id)) : null;
    return { mc, column, stats, next, nextLevel, badge, sub, prop };
  });
  const columns = groupIntoColumns(rows, show);
  const count = (key: DashboardColumn) => columns.find((c) => c.key === key)?.total ?? 0;

  return (
    <div>
      <PageHeader
        title={`Welcome, ${actor.name.split(' ')[0]}`}
        description="Everything you are working on, and what to do next."
        actions={
          <>
            <ButtonLink href="/catalog" variant="secondary">Find a micro-credential</ButtonLink>
            {/* No query behind it: /colleagues says whether the teacher has a school and shares. */}
            <ButtonLink href="/colleagues" variant="secondary">Colleagues at my school</ButtonLink>
          </>
        }
      />
      {!verified ? (
        <div className="mb-6">
          <VerifyEmailNotice email={actor.email} why="You can do everything else meanwhile; you need it to submit evidence for review." />
        </div>
      ) : null}
      {renewals.length ? (
        <div className="mb-6">
          <Alert tone="warning" title={renewals.length === 1 ? `Your badge “${renewals[0].title}” is due for renewal` : `${renewals.length} of your badges are due for renewal`}>
            {renewals.length === 1 ? `It ${renewals[0].validUntil <= new Date() ? 'expired on' : 'expires on'} ${dayFmt.format(renewals[0].validUntil)}. ` : ''}
            Renew by showing the skill again with fresh evidence. <Link href="/badges#renewals">See your renewals</Link>
          </Alert>
        </div>
      ) : null}
      {welcome ? (
        <div className="mb-6">
          <Alert tone="success" title="Your account is ready">
            Browse the catalogue and enrol in a micro-credential to get started.
          </Alert>
        </div>
      ) : null}
      <dl className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {/* Named as the sections below are, so a tile's count is found under its own heading. */}
        <Stat label={COLUMN_LABEL['in-progress']} value={count('in-progress')} />
        <Stat label={COLUMN_LABEL.submitted} value={count('submitted')} />
        <Stat label="Badges earned" value={awards.count} />
        <Stat label="PD hours earned" value={awards.pdHours} />
      </dl>
      {rows.length === 0 ? (
        <EmptyState title="You are not enrolled in anything yet" action={<ButtonLink href="/catalog">Browse the catalogue</ButtonLink>}>
          Pick a skill you want to grow. Level 1 credentials show your understanding; level 2 credentials show the skill in your own classroom.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {columns.map((col) => {
            const id = `col-${col.key}`;
            return (
              <section key={col.key} aria-labelledby={id}>
                <h2 id={id} className="mb-3 flex items-center gap-2 text-lg font-semibold">
                  {col.label} <Pill tone={columnTone[col.key]}>{col.total}</Pill>
                </h2>
                <ul className="grid gap-4 md:grid-cols-2">
                  {col.rows.map(({ mc, stats, next, nextLevel, badge, sub, prop }) => (
                    <li key={mc.id}>
                      <Card as="div" className="flex h-full gap-4">
                        <BadgeMark color={mc.currentVersion!.badgeColor} level={mc.level} size={52} />
                        <div className="min-w-0 flex-1">
                          <h3 className="font-semibold">
                            <Link href={`/micro-credentials/${mc.slug}`}>{mc.currentVersion!.title}</Link>
                          </h3>
                          <p className="text-sm text-slate-700">
                            {mc.issuer.name}
                            {mc.track ? ` · ${mc.track.title}` : ''}
                          </p>
                          {sub && sub.cycle > 1 && sub.status !== 'EARNED' ? <p className="mt-1 text-sm text-slate-800">Renewing your badge</p> : null}
                          {/* Once earned, how many resources were opened no longer says anything about the badge. */}
                          {stats.total && col.key !== 'earned' ? (
                            <div className="mt-2">
                              <ProgressBar value={stats.done} max={stats.total} label={`Resources studied for ${mc.currentVersion!.title}`} />
                              <p className="mt-1 text-xs text-slate-700">
                                {stats.done} of {stats.total} resources studied
                              </p>
                            </div>
                          ) : null}
                          {prop && prop.status !== 'APPROVED' ? (
                            <p className="mt-1 text-sm text-slate-800">Proposal: {prop.status === 'SUBMITTED' ? 'waiting for your district' : prop.status === 'RETURNED' ? 'returned with a comment' : 'draft'}</p>
                          ) : null}
                          {sub?.attempts[0]?.dueAt && (sub.status === 'SUBMITTED' || sub.status === 'IN_REVIEW') ? (
                            <p className="mt-1 text-sm text-slate-800">Decision expected by {dayFmt.format(sub.attempts[0].dueAt)}</p>
                          ) : null}
                          <p className="mt-2">
                            <Link href={next.href} className="font-semibold">
                              {next.label}
                              {/* Which credential the level is, said once, in the link: the track it is in is named under the card's title. */}
                              {nextLevel ? `: ${nextLevel.title}` : null} →
                            </Link>
                          </p>
                          {badge ? (
                            <p className="mt-1 text-sm">
                              <Link href={badge}>View badge<span className="sr-only">: {mc.currentVersion!.title}</span></Link>
                            </p>
                          ) : null}
                        </div>
                      </Card>
                    </li>
                  ))}
                </ul>
                {col.hidden > 0 ? (
                  <p className="mt-3">
                    <Link href={`/dashboard?show=${col.key}#${id}`} className="font-semibold">
                      Show all {col.total} {col.label.toLowerCase()}
                    </Link>
                  </p>
                ) : show === col.key && col.total > CARDS_PER_COLUMN ? (
                  <p className="mt-3">
                    <Link href={`/dashboard#${id}`}>Show fewer</Link>
                  </p>
                ) : null}
              </section>
            );
          })}
          {truncated ? (
            <p className="text-sm text-slate-700">
              Showing your {DASHBOARD_MAX_ENROLLMENTS} most recent enrolments. Older ones are still in your{' '}
              <Link href="/badges">badges</Link> and the <Link href="/catalog">catalogue</Link>.
            </p>
          ) : null}
        </div>
      )}
      <StacksInProgress stacks={stacks} />
      {recommended ? <div className="mt-8"><DistrictRecommendations districtName={recommended.districtName} items={recommended.items} /></div> : null}
      <div className="mt-8">
        <TeachingSuggestions teaching={suggested.teaching} items={suggested.items} />
      </div>
      {stopped.length ? (
        // Folded: out of the way of current work, but the kept drafts are never lost from sight.
        // The heading stays outside <summary>, where some screen readers drop its heading role.
        <section aria-labelledby="stopped-heading" className="no-print mt-8">
          <h2 id="stopped-heading" className="mb-3 flex items-center gap-2 text-lg font-semibold">
            Stopped — your work is kept <Pill tone="neutral">{stopped.length}</Pill>
          </h2>
          <details className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <summary className="cursor-pointer font-medium text-slate-800">
              {stopped.length === 1 ? 'Show the micro-credential you stopped working on' : `Show the ${stopped.length} micro-credentials you stopped working on`}
            </summary>
            <p className="mt-2 text-sm text-slate-700">Everything you wrote or uploaded is saved: pick one up again to carry on where you left off.</p>
            <ul className="mt-4 space-y-4">
              {stopped.map(({ microCredential: mc, submission, withdrawnAt }) => (
                <li key={mc.id} className="flex flex-wrap items-center gap-4">
                  <BadgeMark color={mc.currentVersion.badgeColor} level={mc.level} size={40} />
                  <div className="min-w-0 flex-1">
                    <h3 className="font-semibold">
                      <Link href={`/micro-credentials/${mc.slug}`}>{mc.currentVersion.title}</Link>
                    </h3>
                    <p className="text-sm text-slate-700">
                      {mc.issuer.name}
                      {mc.status === 'RETIRED' ? ' · Retired by the issuer: you can still finish it' : ''}
                    </p>
                    <p className="text-sm text-slate-800">
                      {submission.cycle > 1 ? 'Renewal' : 'Application'} {submission.status === 'NEEDS_REVISION' ? 'revision' : 'draft'} kept · stopped {dayFmt.format(withdrawnAt)}
                    </p>
                  </div>
                  <PickUpAgainForm action={pickUpAgainAction} microCredentialId={mc.id} slug={mc.slug} title={mc.currentVersion.title} variant="secondary" />
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
    </div>
  );
}

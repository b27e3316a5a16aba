import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { getAdminHome } from '@/lib/authoring/queries';
import { countUnansweredFeedbackQuestions } from '@/lib/feedback-questions/queries';
import { countUnansweredCredentialQuestions } from '@/lib/credential-questions/queries';
import { countAdjudicationFor } from '@/lib/review/adjudication-count';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { formatDayTime } from '@/lib/time-format';

export const metadata = { title: 'Issuer administration' };

export default async function AdminHomePage() {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin');
  const [home, adjudication, questions, credentialQuestions] = await Promise.all([
    getAdminHome(actor),
    countAdjudicationFor(actor),
    countUnansweredFeedbackQuestions(actor),
    countUnansweredCredentialQuestions(actor),
  ]);
  return (
    <div>
      <PageHeader
        title="Issuer administration"
        description="Define micro-credentials, organise them into tracks and stacks, manage reviewers and follow how review is going."
        actions={
          <>
            <ButtonLink href="/admin/credentials/new">New micro-credential</ButtonLink>
            <ButtonLink href="/admin/credentials/import" variant="secondary">Import JSON</ButtonLink>
          </>
        }
      />
      {home.issuers.length === 0 ? (
        <EmptyState title="You do not administer an issuing organisation">Ask a platform administrator to add you to one.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {home.issuers.map((i) => (
            <Card key={i.id}>
              <h2 className="text-lg font-semibold">{i.name}</h2>
              <dl className="mt-3 grid grid-cols-3 gap-3 text-sm">
                <Stat label="Published" value={i.credentials.PUBLISHED ?? 0} of={i.name} href={`/admin/credentials?issuer=${i.id}&status=PUBLISHED`} />
                <Stat label="Drafts" value={i.credentials.DRAFT ?? 0} of={i.name} href={`/admin/credentials?issuer=${i.id}&status=DRAFT`} />
                <Stat label="Retired" value={i.credentials.RETIRED ?? 0} of={i.name} href={`/admin/credentials?issuer=${i.id}&status=RETIRED`} />
                <Stat label="Tracks" value={i.tracks} of={i.name} href="/admin/tracks" />
                <Stat label="Stacks" value={i.stacks} of={i.name} href="/admin/stacks" />
                <Stat label="Members" value={i.members} of={i.name} href={`/admin/people?org=${i.id}`} />
              </dl>
            </Card>
          ))}
        </div>
      )}
      <div className="mt-6 grid gap-4 md:grid-cols-3">
        <Card>
          <h2 className="font-semibold">Review</h2>
          <dl className="mt-2 space-y-2 text-sm">
            <div>
              <dt className="text-slate-700">Waiting for review</dt>
              <dd className="text-3xl font-bold">
                {/* The list shows one issuer at a time: linked when the figure is one issuer's. */}
                {home.issuers.length === 1 ? (
                  <Link href="/admin/submissions?status=undecided" className="text-slate-900">
                    {home.pendingReview}<span className="sr-only">: list the applications waiting for a decision</span>
                  </Link>
                ) : (
                  home.pendingReview
                )}
              </dd>
              {/* The applications list shows one issuer at a time: each issuer's share links to its own. */}
              {home.issuers.length > 1 && home.pendingReview > 0 ? (
                <dd className="text-sm text-slate-700">
                  <ul>
                    {home.issuers.filter((i) => i.waitingForReview > 0).map((i) => (
                      <li key={i.id}>
                        <Link href={`/admin/submissions?${new URLSearchParams({ issuer: i.id, status: 'undecided' })}`} className="inline-flex min-h-6 items-center">{i.name}: {i.waitingForReview}</Link>
                      </li>
                    ))}
                  </ul>
                </dd>
              ) : null}
            </div>
            <div>
              <dt className="text-slate-700">Needs adjudication</dt>
              <dd className="text-xl font-bold">
                <Link href="/admin/review-quality#adjudication" className="text-slate-900">
                  {adjudication.yours}<span className="sr-only">: open the submissions to adjudicate</span>
                </Link>
              </dd>
              {adjudication.others ? <dd className="text-sm text-slate-700">{adjudication.others} more for another admin to settle</dd> : null}
            </div>
            <div>
              <dt className="text-slate-700">Past the decision date</dt>
              <dd className="text-xl font-bold">
                <Link href="/admin/review-quality#assign" className="text-slate-900">
                  {home.pastDecisionDate}<span className="sr-only">: open the submissions to assign, oldest first</span>
                </Link>
              </dd>
            </div>
            <div>
              <dt className="text-slate-700">Unanswered questions about feedback</dt>
              <dd className="text-xl font-bold">
                {questions.oldest ? (
                  <Link href={`/admin/submissions/${questions.oldest.submissionId}#question-${questions.oldest.questionId}`} className="text-slate-900">
                    {questions.count}<span className="sr-only">: open the oldest question</span>
                  </Link>
                ) : (
                  questions.count
                )}
              </dd>
              {questions.others ? <dd className="text-sm text-slate-700">{questions.others} more for another admin to answer</dd> : null}
            </div>
            {/* Teachers' questions before they apply (what counts as evidence), apart from those about decided work above. */}
            <div>
              <dt className="text-slate-700">Unanswered questions about micro-credentials</dt>
              <dd className="text-xl font-bold">
                <Link href="/admin/questions" className="text-slate-900">
                  {credentialQuestions}<span className="sr-only">: open the questions teachers asked before applying, oldest first</span>
                </Link>
              </dd>
            </div>
          </dl>
          <p className="mt-2 text-sm"><Link href="/admin/dashboard">Turnaround and workload →</Link></p>
        </Card>
        <Card className="md:col-span-2">
          <h2 className="font-semibold">Recent activity</h2>
          {home.recent.length === 0 ? (
            <p className="mt-2 text-sm text-slate-700">Nothing yet.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {home.recent.map((r) => (
                <li key={r.id} className="flex justify-between gap-4 py-1.5">
                  <span className="min-w-0 break-words">
                    <strong>{r.who}</strong>: {r.description}
                    {r.link ? <> · <Link href={r.link.href}>{r.link.label}</Link></> : null}
                  </span>
                  <time dateTime={r.at.toISOString()} className="shrink-0 text-slate-600">{formatDayTime(r.at, actor.timeZone)}</time>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-sm"><Link href="/admin/audit">See the full audit log →</Link></p>
        </Card>
      </div>
    </div>
  );
}

/** A linked figure named by its issuer and label too ("Demo Issuer, drafts: 2"), not by its number alone. */
function Stat({ label, value, href, of }: { label: string; value: number; href: string; of: string }) {
  return (
    <div>
      <dt className="text-slate-700">{label}</dt>
      <dd className="text-xl font-bold">
        <Link href={href} aria-label={`${of}, ${label.toLowerCase()}: ${value}`} className="text-slate-900">
          {value}
        </Link>
      </dd>
    </div>
  );
}

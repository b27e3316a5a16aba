import Link from 'next/link';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getActor, requireRole } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { isDomainError } from '@/lib/errors';
import { getCredentialFeedbackReport, type CredentialFeedbackReport } from '@/lib/credential-feedback/queries';
import { formatAverage, formatHours, hoursComparison, ratingInWords, SUMMARY_MIN_RATINGS } from '@/lib/credential-feedback/policy';
import { FeedbackReportSearchInput, RATING_WORDS } from '@/lib/credential-feedback/schemas';
import { Card, EmptyState, PageHeader, Stat } from '@/components/ui/card';
import { BarChart } from '@/components/charts/bar-chart';
import { CommentPages } from '@/components/credential-feedback/comment-pages';

// What teachers said about one of the issuer's micro-credentials, for its admins: how useful they
// found it, how long it took them against the PD hours stated, and their comments. Never who said
// it (getCredentialFeedbackReport reads no names or accounts).

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// Loaded once per request for the title and the page: both get the request's actor from getActor and
// pass the same parsed page number, so React's cache (keyed on each argument) finds one entry.
const loadReport = cache((actor: Actor, id: string, page: number) => getCredentialFeedbackReport({ actor, microCredentialId: id, page }));

// The credential's title in the page title, for whoever may read it; anyone else gets the plain one.
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const actor = await getActor();
  const { page } = FeedbackReportSearchInput.parse(await searchParams);
  const report = actor ? await loadReport(actor, (await params).id, page).catch(() => null) : null;
  return { title: report ? `Teacher feedback: ${report.mc.title}` : 'Teacher feedback', robots: { index: false } };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const hoursWord = (h: number) => `${formatHours(h)} ${h === 1 ? 'hour' : 'hours'}`;

export default async function CredentialFeedbackReportPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { page } = FeedbackReportSearchInput.parse(await searchParams);
  const actor = await requireRole(['ISSUER_ADMIN'], `/admin/credentials/${id}/feedback`);
  // Another issuer's credential looks exactly like a missing one, as on its edit and preview pages.
  const report = await loadReport(actor, id, page).catch((e) => {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return null;
    throw e;
  });
  if (!report) notFound();
  const { mc } = report;
  return (
    <div className="max-w-4xl">
      <p className="text-sm"><Link href={`/admin/credentials/${mc.id}/edit`}>← {mc.title}</Link></p>
      <PageHeader
        title="Teacher feedback"
        description={`What teachers said about “${mc.title}” once a reviewer had decided on their work: how useful it was for their teaching, how long it took them, and anything else. Teachers give it without their name, and you see none.`}
      />
      {report.count === 0 ? (
        <EmptyState title="No feedback yet">
          Teachers can give feedback once a reviewer has decided on their work, whether they earned the badge or were asked to revise. Their ratings, hours and comments will appear here, without their names.
        </EmptyState>
      ) : (
        <>
          <Ratings report={report} />
          <Hours report={report} />
          <Comments report={report} />
        </>
      )}
    </div>
  );
}

function Ratings({ report }: { report: CredentialFeedbackReport }) {
  return (
    <section aria-labelledby="ratings-heading" className="mb-10">
      <h2 id="ratings-heading" className="text-xl font-semibold">How useful teachers found it</h2>
      <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Stat label="Teachers who rated it" value={report.count.toLocaleString('en-GB')} />
        <Stat label="Average rating" value={report.average === null ? '—' : `${formatAverage(report.average)} out of 5`} />
      </dl>
      <BarChart
        title="Ratings, from 5 (very useful) to 1 (not useful)"
        description="How many teachers gave each rating to “How useful was this for your teaching?”"
        data={[...report.distribution].reverse().map((d) => ({
          label: ratingInWords(d.rating),
          value: d.count,
          display: `${plural(d.count, 'teacher', 'teachers')} (${Math.round((d.count / report.count) * 100)}%)`,
        }))}
        max={report.count}
        valueHeading="Teachers"
      />
      {report.publicCount === null && report.count >= SUMMARY_MIN_RATINGS ? (
        // Withdrawn when fewer than five were left; they come back after five ratings new since then.
        <p className="text-sm text-slate-700">
          The public page shows no figures for now: they were withdrawn when fewer than {SUMMARY_MIN_RATINGS} ratings were left, and come back once {SUMMARY_MIN_RATINGS} teachers have rated it since, so no single rating can be told apart.
        </p>
      ) : report.publicCount === null ? (
        <p className="text-sm text-slate-700">
          The public page shows the average and typical hours once {SUMMARY_MIN_RATINGS} teachers have rated it{report.count < SUMMARY_MIN_RATINGS ? ` (${plural(SUMMARY_MIN_RATINGS - report.count, 'more', 'more')} to go)` : ''}: with fewer, a single teacher’s answer could be told apart.
        </p>
      ) : (
        <p className="text-sm text-slate-700">
          The public page shows teachers the average rating and the typical hours from {plural(report.publicCount, 'rating', 'ratings')}. They are worked out again from all ratings after every {SUMMARY_MIN_RATINGS} new ones, so no single rating, change or deletion can be told apart there.
        </p>
      )}
    </section>
  );
}

function Hours({ report }: { report: CredentialFeedbackReport }) {
  const { hours, statedHours } = report;
  const compared = hours.median === null ? null : hoursComparison(hours.median, statedHours);
  return (
    <section aria-labelledby="hours-heading" className="mb-10">
      <h2 id="hours-heading" className="text-xl font-semibold">How long it took</h2>
      {hours.count === 0 || hours.median === null ? (
        <p className="mt-2 text-slate-800">No teacher has said how many hours it took yet (the question is optional). You state {hoursWord(statedHours)}.</p>
      ) : (
        <>
          <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-3">
            <Stat label="Typical time (median)" value={hoursWord(hours.median)} />
            <Stat label="PD hours you state" value={hoursWord(statedHours)} />
            <Stat label="Teachers who said" value={hours.count.toLocaleString('en-GB')} />
          </dl>
          <p className="mt-1 max-w-3xl text-slate-800" data-hours-comparison>
            Half of the {plural(hours.count, 'teacher', 'teachers')} who said took {hoursWord(hours.median)} or less
            {hours.count >= 4 && hours.p25 !== null && hours.p75 !== null ? `; the middle half took between ${formatHours(hours.p25)} and ${hoursWord(hours.p75)}` : ''}.{' '}
            {compared === 'longer'
              ? `That is well over the ${hoursWord(statedHours)} you state: consider raising the PD hours, or trimming what it asks for.`
              : compared === 'shorter'
                ? `That is well under the ${hoursWord(statedHours)} you state: check whether the PD hours are more than the work takes.`
                : `That is about the ${hoursWord(statedHours)} you state.`}
          </p>
        </>
      )}
    </section>
  );
}

function Comments({ report }: { report: CredentialFeedbackReport }) {
  const { comments } = report;
  const basePath = `/admin/credentials/${report.mc.id}/feedback`;
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="text-xl font-semibold">Comments</h2>
      {comments.total === 0 ? (
        <p className="mt-2 text-slate-800">No teacher has left a comment yet: the comment is optional.</p>
      ) : (
        <>
          <p className="mt-1 mb-3 text-sm text-slate-700">
            {plural(comments.total, 'comment', 'comments')}, by the month they were written, newest month first{comments.pageCount > 1 && comments.page <= comments.pageCount ? ` (page ${comments.page.toLocaleString('en-GB')} of ${comments.pageCount.toLocaleString('en-GB')})` : ''}. Each is dated by month only and, within a month, shown in no particular order, with the rating and hours the same teacher gave.
          </p>
          {comments.items.length ? (
            <ul className="space-y-3">
              {/* Keyed by position: a row id (a cuid) would carry its creation time into the page's payload. */}
              {comments.items.map((c, i) => (
                <li key={i}>
                  <Card as="article">
                    <p className="text-sm font-semibold text-slate-900">
                      Rated {c.rating} out of 5 ({RATING_WORDS[c.rating as keyof typeof RATING_WORDS] ?? ''})
                      {c.hoursSpent !== null ? ` · took about ${hoursWord(c.hoursSpent)}` : ''}
                      <span className="font-normal text-slate-700"> · <time dateTime={c.month}>{c.writtenIn}</time></span>
                    </p>
                    <p className="mt-2 whitespace-pre-line break-words text-slate-900">{c.comment}</p>
                  </Card>
                </li>
              ))}
            </ul>
          ) : (
            <p data-no-such-page>
              There is no page {comments.page.toLocaleString('en-GB')} of comments: they fill {plural(comments.pageCount, 'page', 'pages')}. <Link href={basePath}>Go to the first page of comments</Link>.
            </p>
          )}
          <CommentPages basePath={basePath} page={comments.page} pageCount={comments.pageCount} />
        </>
      )}
    </section>
  );
}

import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { listMyReviewHistory } from '@/lib/review/history';
import { attemptOutcomeLabel, decisionLabel, doubleScoringText, reviewKindLabel, secondLookText } from '@/lib/review/history-words';
import { HistoryFilterInput } from '@/lib/review/schemas';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { ButtonLink } from '@/components/ui/button';
import { TableScroll } from '@/components/ui/table-scroll';
import { dayFmt } from '@/lib/dates';

export const metadata = { title: 'Your review history' };

export default async function ReviewHistoryPage({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const actor = await requireRole(['REVIEWER', 'ISSUER_ADMIN'], '/review/history');
  const filter = HistoryFilterInput.parse(await searchParams);
  const history = await listMyReviewHistory({ actor, cursor: filter.cursor });

  return (
    <div>
      <PageHeader
        title="Your review history"
        description="The reviews you have sent, newest first, with the day you sent each one. Where a submission was scored twice, you can see whether the other reviewer reached the same outcome and how any disagreement was settled."
        actions={<ButtonLink href="/review" variant="secondary">Review queue</ButtonLink>}
      />
      {history.items.length === 0 ? (
        <EmptyState title={filter.cursor ? 'No more reviews' : 'You have not sent any reviews yet'}>
          {filter.cursor ? <Link href="/review/history">Back to the first page</Link> : 'Reviews appear here once you submit your scores.'}
        </EmptyState>
      ) : (
        <TableScroll label="Your sent reviews" className="">
          <table className="w-full min-w-[48rem] border-collapse text-sm">
            <caption className="sr-only">Your sent reviews, newest first</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Micro-credential</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Teacher</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Reviewed</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Your decision</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Double scoring</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Outcome</th>
              </tr>
            </thead>
            <tbody>
              {history.items.map((i) => (
                <tr key={i.reviewId}>
                  <th scope="row" className="border-b border-slate-200 p-2 text-left align-top font-medium">
                    {i.canOpen ? <Link href={`/review/${i.reviewId}`}>{i.credentialTitle}</Link> : i.credentialTitle}
                    <span className="block text-xs font-normal text-slate-700">
                      {i.issuerName} · attempt {i.attemptNumber}{i.renewal ? ' · renewal' : ''}
                    </span>
                    {/* Named only when it is not the ordinary first review; plain text, not a pill that looks like a button. */}
                    {i.kind === 'PRIMARY' ? null : <span className="block text-xs font-semibold text-slate-800">{reviewKindLabel[i.kind]}</span>}
                  </th>
                  <td className="border-b border-slate-200 p-2 align-top">
                    {i.teacher ? `${i.teacher.name}${i.teacher.schoolName ? `, ${i.teacher.schoolName}` : ''}` : <span className="text-slate-700">Hidden (blind review)</span>}
                  </td>
                  {/* The day this review was sent, not the day the teacher sent the work (the queue's "Submitted"). */}
                  <td className="border-b border-slate-200 p-2 align-top">
                    <time dateTime={i.submittedAt.toISOString()}>{dayFmt.format(i.submittedAt)}</time>
                  </td>
                  <td className="border-b border-slate-200 p-2 align-top">{decisionLabel[i.decision]}</td>
                  <td className="border-b border-slate-200 p-2 align-top">{doubleScoringText(i.kind, i.doubleScoring)}</td>
                  <td className="border-b border-slate-200 p-2 align-top">
                    {attemptOutcomeLabel[i.attemptStatus]}
                    {secondLookText(i.kind, i.secondLook) ? <span className="block text-xs text-slate-700">{secondLookText(i.kind, i.secondLook)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination basePath="/review/history" params={{}} nextCursor={history.nextCursor} hasPrevious={Boolean(filter.cursor)} />
    </div>
  );
}

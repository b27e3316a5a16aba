import Link from 'next/link';
import { requireRole } from '@/lib/auth/session';
import { issuerScopeForPage } from '@/lib/authoring/page-issuer';
import { listIssuerQuestions } from '@/lib/credential-questions/queries';
import { AdminQuestionsQuery, type QuestionFilter } from '@/lib/credential-questions/schemas';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';
import { Pagination } from '@/components/ui/pagination';
import { AdminQuestionItem } from './question-item';
import { NoIssuerPage } from '@/components/admin/no-issuer-page';

export const metadata = { title: 'Questions from teachers' };

const FILTER_LABEL: Record<QuestionFilter, string> = {
  waiting: 'Waiting for an answer (oldest first)',
  answered: 'Answered (latest first)',
  shared: 'Shared on the public page (latest first)',
};

const EMPTY: Record<QuestionFilter, { title: string; text: string }> = {
  waiting: { title: 'No question is waiting for an answer', text: 'When a teacher asks about one of your micro-credentials, it is listed here and you are notified.' },
  answered: { title: 'No answered questions yet', text: 'Questions you and the other admins answer are listed here, to share on the public page or stop sharing.' },
  shared: { title: 'No question is shared on a public page', text: 'Share an answered question to show it, without any name, on its micro-credential’s page.' },
};

/**
 * The issuer's inbox of teachers' questions about its micro-credentials: those waiting for an answer,
 * oldest first, with the form to answer each; answered ones and shared ones on their own lists, with
 * the share toggle. Across every issuer the admin administers, or one of them. The teacher who asked
 * is never named: issuer admins may score their work under blind review.
 */
export default async function AdminQuestionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireRole(['ISSUER_ADMIN'], '/admin/questions');
  const query = AdminQuestionsQuery.parse(await searchParams);
  const { issuers, scope } = await issuerScopeForPage(actor, query.issuer);
  if (!issuers.length) {
    return <NoIssuerPage title="Questions from teachers" />;
  }
  const { items, nextCursor } = await listIssuerQuestions({ actor, issuerIds: scope.map((i) => i.id), status: query.status, cursor: query.cursor });
  const params = { issuer: query.issuer, status: query.status === 'waiting' ? undefined : query.status };
  const whose = scope.length === 1 ? `${scope[0].name}’s` : 'your';
  return (
    <div>
      <PageHeader
        title="Questions from teachers"
        description={`What teachers ask about ${whose} micro-credentials before or while they apply. The teacher who asked is not named, as some of you may review their work. Answer each one; you can then share it, without any name, on the micro-credential’s public page.`}
      />
      <form method="get" role="search" aria-label="Choose questions" className="mb-6 flex flex-wrap items-end gap-3">
        {issuers.length > 1 ? (
          <div>
            <label htmlFor="issuer" className="block text-sm font-semibold">Issuer</label>
            <select id="issuer" name="issuer" defaultValue={query.issuer ?? ''} className={inputClass}>
              <option value="">All your issuers</option>
              {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="status" className="block text-sm font-semibold">Questions</label>
          <select id="status" name="status" defaultValue={query.status} className={inputClass}>
            {Object.entries(FILTER_LABEL).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        <button type="submit" className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
      </form>
      <h2 className="sr-only">{FILTER_LABEL[query.status]}{query.cursor ? ', a later page' : ''}</h2>
      {items.length === 0 ? (
        <EmptyState title={query.cursor ? 'No more questions' : EMPTY[query.status].title}>
          {query.cursor ? <Link href={`/admin/questions${query.status === 'waiting' ? '' : `?status=${query.status}`}`}>Back to the first page</Link> : EMPTY[query.status].text}
        </EmptyState>
      ) : (
        <ol className="space-y-4" aria-label={FILTER_LABEL[query.status]}>
          {items.map((q) => (
            <li key={q.id}>
              <AdminQuestionItem q={q} timeZone={actor.timeZone} heading />
            </li>
          ))}
        </ol>
      )}
      <Pagination basePath="/admin/questions" params={params} nextCursor={nextCursor} hasPrevious={Boolean(query.cursor)} />
    </div>
  );
}

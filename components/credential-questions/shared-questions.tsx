import Link from 'next/link';
import { QuestionAndAnswer, questionDay } from './question-and-answer';
import { askHref, questionsPath } from '@/lib/credential-questions/policy';

export type SharedQuestion = { id: string; body: string; answer: string | null; answeredAt: Date | null; sharedAt: Date | null };

/**
 * The shared questions as a list; `anchored`: each gets its `shared-…` id (one list per page has
 * them). `timeZone`: the signed-in viewer's, for the dates (questionDay); none for anonymous visitors.
 */
export function SharedQuestionList({ items, issuerName, anchored = false, timeZone }: { items: SharedQuestion[]; issuerName: string; anchored?: boolean; timeZone?: string | null }) {
  return (
    <ul className="mt-3 space-y-3">
      {items.map((q) => (
        <li key={q.id} id={anchored ? `shared-${q.id}` : undefined} className="rounded-md border border-slate-200 p-3 text-sm">
          <QuestionAndAnswer
            asked={q.sharedAt ? <>A teacher asked (shared <time dateTime={q.sharedAt.toISOString()}>{questionDay(q.sharedAt, timeZone)}</time>):</> : 'A teacher asked:'}
            body={q.body}
            answer={q.answer}
            answeredAt={q.answeredAt}
            issuerName={issuerName}
            timeZone={timeZone}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * "Questions teachers asked" on a micro-credential's public page: the answered questions its issuer
 * chose to share (the newest few, and a link to all of them when there are more), and a way to ask.
 * Nothing personal: the same markup for every anonymous visitor, who is cached one copy for all
 * (ADR 006), with UTC days; someone signed in (never cached) reads the days in their own zone
 * (`timeZone`), as on the questions page, and the ask link goes straight to the form (askHref).
 */
export function SharedQuestionsSection({ slug, issuerName, items, more, signedIn, timeZone }: { slug: string; issuerName: string; items: SharedQuestion[]; more: boolean; signedIn: boolean; timeZone?: string | null }) {
  return (
    <section id="questions" aria-labelledby="questions-heading" className="scroll-mt-4">
      <h2 id="questions-heading" className="text-xl font-semibold">Questions teachers asked</h2>
      {items.length ? (
        <>
          <p className="mt-1 text-sm text-slate-700">Shared by {issuerName} with its answers. Teachers’ names are never shown.</p>
          <SharedQuestionList items={items} issuerName={issuerName} timeZone={timeZone} />
          {more ? (
            <p className="mt-3 text-sm">
              <Link href={`${questionsPath(slug)}#shared`}>See all the questions {issuerName} has answered</Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-700">{issuerName} has not shared any answers here yet.</p>
      )}
      <p className="no-print mt-3 text-sm">
        Not sure what counts as evidence, or whether something you already have will do?{' '}
        <Link href={askHref(slug, signedIn)} className="font-semibold">Ask the issuer a question</Link>
        {signedIn ? null : <span className="text-slate-700"> (sign in first)</span>}
      </p>
    </section>
  );
}

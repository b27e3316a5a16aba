import Link from 'next/link';
import type { IssuerQuestion } from '@/lib/credential-questions/queries';
import { OWN_QUESTION } from '@/lib/credential-questions/policy';
import { Pill } from '@/components/ui/card';
import { formatDayTime } from '@/lib/time-format';
import { AnswerQuestionForm } from './answer-form';
import { ShareQuestionForm } from './share-form';

/**
 * One teacher's question as the issuer's admins see it: the credential, when it was asked, the words,
 * and the answer or the form to answer it; once answered, whether it is shared on the public page
 * and the button to change that. Never who asked (lib/credential-questions/queries.ts). `heading`:
 * in the inbox each question has its own (h3, under the list's h2); on its own page the page's h1 names it.
 */
export function AdminQuestionItem({ q, timeZone, heading }: { q: IssuerQuestion; timeZone?: string | null; heading: boolean }) {
  const headingId = `question-heading-${q.id}`;
  return (
    <article id={`question-${q.id}`} aria-labelledby={heading ? headingId : undefined} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      {heading ? (
        <h3 id={headingId} className="text-lg font-semibold">
          About “{q.credential.title}”
        </h3>
      ) : null}
      <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        {q.answeredAt ? (q.sharedAt ? <Pill tone="success">Answered · shared on the public page</Pill> : <Pill tone="info">Answered · not shared</Pill>) : <Pill tone="warning">Waiting for an answer</Pill>}
        <span>
          Asked <time dateTime={q.askedAt.toISOString()}>{formatDayTime(q.askedAt, timeZone)}</time>
          {q.yours ? ' by you' : ''} · {q.credential.issuerName} · <Link href={`/micro-credentials/${q.credential.slug}`}>public page<span className="sr-only"> of {q.credential.title}</span></Link>
          {q.credential.status === 'RETIRED' ? ' (retired)' : ''}
        </span>
      </p>
      <p className="mt-3 whitespace-pre-wrap break-words text-slate-900">{q.body}</p>
      {q.answer && q.answeredAt ? (
        <>
          <div className="mt-3 border-l-4 border-brand-700 pl-3 text-sm">
            <p className="font-semibold">
              Answered{q.answeredBy ? ` by ${q.answeredBy}` : ''} on <time dateTime={q.answeredAt.toISOString()}>{formatDayTime(q.answeredAt, timeZone)}</time>:
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{q.answer}</p>
          </div>
          {q.sharedAt ? (
            <p className="mt-3 text-sm text-slate-700">
              Shown on the public page since <time dateTime={q.sharedAt.toISOString()}>{formatDayTime(q.sharedAt, timeZone)}</time>, without any name.
            </p>
          ) : null}
          <ShareQuestionForm questionId={q.id} shared={Boolean(q.sharedAt)} title={q.credential.title} />
        </>
      ) : q.yours ? (
        // No form: answerCredentialQuestion refuses it, after the answer was typed.
        <p className="mt-3 text-sm text-slate-800">{OWN_QUESTION}</p>
      ) : (
        <AnswerQuestionForm questionId={q.id} title={q.credential.title} />
      )}
    </article>
  );
}

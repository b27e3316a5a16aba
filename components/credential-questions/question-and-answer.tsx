import type { ReactNode } from 'react';

const dayFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A day as the questions pages print it (UTC, so the anonymous cached copy is the same for everyone). */
export function questionDay(d: Date): string {
  return dayFmt.format(d);
}

/**
 * One question and, once there is one, the issuer's answer. `asked` says who asked, in words that
 * name nobody on a shared question ("A teacher asked"); `waiting` is said in place of an answer.
 * Never the name of the teacher or of the admin who answered: the answer is the issuer's.
 */
export function QuestionAndAnswer({ asked, body, answer, answeredAt, issuerName, waiting, children }: {
  asked: ReactNode;
  body: string;
  answer: string | null;
  answeredAt: Date | null;
  issuerName: string;
  waiting?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <>
      <p className="font-semibold">{asked}</p>
      <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{body}</p>
      {answer && answeredAt ? (
        <div className="mt-3 border-l-4 border-brand-700 pl-3">
          <p className="font-semibold">
            Answer from {issuerName}, <time dateTime={answeredAt.toISOString()}>{questionDay(answeredAt)}</time>:
          </p>
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{answer}</p>
        </div>
      ) : waiting ? (
        <p className="mt-2 text-slate-700">{waiting}</p>
      ) : null}
      {children}
    </>
  );
}

import type { ReactNode } from 'react';
import { displayTimeZone, formatDayTime } from '@/lib/time-format';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A day as the questions pages print it ("5 March 2026"), in the viewer's time zone (ADR 023). No
 * zone (an anonymous visitor, whose cached copy of the public page is the same for everyone, or
 * someone whose zone is not known yet): the UTC day, as the public pages write their other dates.
 */
export function questionDay(d: Date, timeZone?: string | null): string {
  const zone = displayTimeZone(timeZone);
  let f = dayFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone });
    dayFormats.set(zone, f);
  }
  return f.format(d);
}

/**
 * One question and, once there is one, the issuer's answer. `asked` says who asked, in words that
 * name nobody on a shared question ("A teacher asked"); `waiting` is said in place of an answer.
 * Never the name of the teacher or of the admin who answered: the answer is the issuer's.
 * `timeZone`: the viewer's, for the answer's date; `withTime`: with its time of day as well, where
 * `asked` gives the question's (the teacher's own list), so the two read on one clock.
 */
export function QuestionAndAnswer({ asked, body, answer, answeredAt, issuerName, timeZone, withTime = false, waiting, children }: {
  asked: ReactNode;
  body: string;
  answer: string | null;
  answeredAt: Date | null;
  issuerName: string;
  timeZone?: string | null;
  withTime?: boolean;
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
            Answer from {issuerName}, <time dateTime={answeredAt.toISOString()}>{withTime ? formatDayTime(answeredAt, timeZone) : questionDay(answeredAt, timeZone)}</time>:
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

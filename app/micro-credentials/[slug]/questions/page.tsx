import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getMicroCredentialPage } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/actor';
import { getAskState, listOwnQuestions, listSharedQuestions } from '@/lib/credential-questions/queries';
import { QuestionsPageQuery } from '@/lib/credential-questions/schemas';
import { questionsPath } from '@/lib/credential-questions/policy';
import { Alert, Card, Pill } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Pagination } from '@/components/ui/pagination';
import { QuestionAndAnswer } from '@/components/credential-questions/question-and-answer';
import { SharedQuestionList } from '@/components/credential-questions/shared-questions';
import { formatDayTime } from '@/lib/time-format';
import { AskQuestionForm } from './ask-form';
import { WithdrawQuestionForm } from './withdraw-form';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The credential's public page is cached per request (getMicroCredentialPage), so the page reuses this load.
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const mc = await getMicroCredentialPage((await params).slug);
  return { title: mc ? `Questions about ${mc.version.title}` : 'Not found' };
}

/**
 * Questions to the issuer about one micro-credential: the form to ask one, the signed-in person's own
 * questions with the answers (newest first), and every answered question the issuer has shared.
 * Open to anyone for the shared ones (the public page links here for "see all"); asking needs an
 * account, and a visitor is sent through sign-in and back.
 */
export default async function CredentialQuestionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const sp = await searchParams;
  const query = QuestionsPageQuery.parse(sp);
  const mc = await getMicroCredentialPage(slug);
  if (!mc) notFound();
  const actor = await getActor();
  const [shared, own, ask] = await Promise.all([
    listSharedQuestions({ microCredentialId: mc.id, cursor: query.cursor }),
    actor ? listOwnQuestions({ actor, microCredentialId: mc.id, cursor: query.mine }) : null,
    actor ? getAskState(actor, { id: mc.id, status: mc.status }) : null,
  ]);
  const withdrawn = Boolean(actor) && sp.withdrawn === '1';
  const issuerName = mc.issuer.name;
  const title = mc.version.title;

  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link href={`/micro-credentials/${mc.slug}`}>← {title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">Questions about {title}</h1>
      <p className="mt-2 text-slate-700">
        Ask {issuerName}, the issuer, about this micro-credential before or while you apply. They answer here, and we notify you when they do.
      </p>

      {/* After "Withdraw": that button is gone with the question, so the notice takes focus. */}
      {withdrawn ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title="Question withdrawn">It is deleted, and {issuerName} no longer sees it.</Alert>
        </ArrivalNotice>
      ) : null}

      <section id="ask" aria-labelledby="ask-heading" className="mt-6 scroll-mt-4">
        <Card as="div">
          <h2 id="ask-heading" className="text-xl font-semibold">Ask the issuer a question</h2>
          <div className="mt-3">
            {actor && ask ? (
              <AskQuestionForm microCredentialId={mc.id} issuerName={issuerName} refusal={ask.refusal} waiting={ask.waiting} />
            ) : (
              <p>
                <Link href={`/sign-in?callbackUrl=${encodeURIComponent(questionsPath(mc.slug))}`} className="font-semibold">Sign in to ask a question</Link>
                {' '}(or <Link href={`/sign-up?callbackUrl=${encodeURIComponent(questionsPath(mc.slug))}`}>create a free account</Link>). {issuerName} sees your question without your name.
              </p>
            )}
          </div>
        </Card>
      </section>

      {actor && own ? <OwnQuestions actor={actor} slug={mc.slug} issuerName={issuerName} own={own} sharedCursor={query.cursor} mineCursor={query.mine} /> : null}

      <section id="shared" aria-labelledby="shared-heading" className="mt-8 scroll-mt-4">
        <h2 id="shared-heading" className="text-xl font-semibold">Questions teachers asked</h2>
        {shared.items.length ? (
          <>
            <p className="mt-1 text-sm text-slate-700">Answered questions {issuerName} has shared to help other teachers, most recently shared first. Teachers’ names are never shown.</p>
            <SharedQuestionList items={shared.items} issuerName={issuerName} anchored timeZone={actor?.timeZone} />
            <Pagination basePath={questionsPath(mc.slug)} params={{ mine: query.mine }} nextCursor={shared.nextCursor} hasPrevious={Boolean(query.cursor)} />
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-700">{query.cursor ? 'No more shared questions.' : `${issuerName} has not shared any answers yet.`}</p>
        )}
      </section>
    </div>
  );
}

type OwnList = NonNullable<Awaited<ReturnType<typeof listOwnQuestions>>>;

/**
 * The signed-in person's own questions, newest first, each with the id a notice links to
 * (#question-…). A waiting one can be withdrawn; a shared one says it is on the public page.
 */
function OwnQuestions({ actor, slug, issuerName, own, sharedCursor, mineCursor }: { actor: Actor; slug: string; issuerName: string; own: OwnList; sharedCursor?: string; mineCursor?: string }) {
  const base = questionsPath(slug);
  const link = (mine?: string) => {
    const q = new URLSearchParams();
    if (sharedCursor) q.set('cursor', sharedCursor);
    if (mine) q.set('mine', mine);
    const s = q.toString();
    return `${s ? `${base}?${s}` : base}#mine`;
  };
  return (
    <section id="mine" aria-labelledby="mine-heading" className="mt-8 scroll-mt-4">
      <h2 id="mine-heading" className="text-xl font-semibold">Your questions</h2>
      {own.items.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">{mineCursor ? 'No older questions.' : 'You have not asked about this micro-credential yet.'}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {own.items.map((q) => {
            const askedOn = formatDayTime(q.createdAt, actor.timeZone);
            return (
              <li key={q.id} id={`question-${q.id}`} className="scroll-mt-4 rounded-md border border-slate-200 p-3 text-sm">
                <p className="mb-1">
                  {q.answeredAt ? (
                    q.sharedAt ? <Pill tone="success">Answered · shared on the public page without your name</Pill> : <Pill tone="success">Answered</Pill>
                  ) : (
                    <Pill tone="warning">Waiting for an answer</Pill>
                  )}
                </p>
                <QuestionAndAnswer
                  asked={<>You asked on <time dateTime={q.createdAt.toISOString()}>{askedOn}</time>:</>}
                  body={q.body}
                  answer={q.answer}
                  answeredAt={q.answeredAt}
                  issuerName={issuerName}
                  timeZone={actor.timeZone}
                  withTime
                  waiting={`Waiting for an answer from ${issuerName}. We will notify you when it comes.`}
                >
                  {q.answeredAt ? null : <WithdrawQuestionForm questionId={q.id} askedOn={askedOn} />}
                </QuestionAndAnswer>
              </li>
            );
          })}
        </ul>
      )}
      {own.nextCursor || mineCursor ? (
        <nav aria-label="Pages of your questions" className="mt-4 flex items-center justify-between gap-4 text-sm">
          {mineCursor ? <Link href={link()}>← Your newest questions</Link> : <span />}
          {own.nextCursor ? <Link href={link(own.nextCursor)} rel="next">Your older questions →</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

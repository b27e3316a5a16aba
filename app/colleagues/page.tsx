import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { ColleaguesListInput } from '@/lib/colleagues/schemas';
import { listColleagues } from '@/lib/colleagues/queries';
import { Alert, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { ColleagueCard } from '@/components/colleagues/colleague-card';
import { SharingForm } from '@/components/colleagues/sharing-form';
import { setSharingFromColleaguesAction } from './actions';

export const metadata = { title: 'Colleagues at your school' };

const PATH = '/colleagues';
const SAME_PATH = '/colleagues?same=1';

/** What a colleague who shares sees of you, and what never leaves your account: said before sharing starts. */
function WhatIsShared() {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2">
      <div>
        <h3 className="font-semibold">What colleagues who share see of you</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
          <li>Your name and your portfolio headline</li>
          <li>A link to your public portfolio, if you made it public</li>
          <li>The badges on your portfolio, with their level and the month you earned them: not badges you hid from your portfolio, nor any revoked, suspended or past its end date</li>
          <li>The micro-credentials you are working on, with their level</li>
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">What they never see</h3>
        <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
          <li>Your evidence and answers</li>
          <li>Scores, feedback or where an application stands</li>
          <li>Any date finer than the month</li>
          <li>Your email address</li>
          <li>Anything your district keeps about you</li>
        </ul>
      </div>
    </div>
  );
}

/**
 * Colleagues at one's school (docs/decisions/028): teachers at the same school who share what they
 * are working on and the badges on their portfolio, seen only by colleagues who share too. Three
 * states, each said in plain words: no school on this site yet (and how a teacher gets one), not
 * sharing (what sharing shows and never shows, and a button to start), and sharing (everyone who
 * shares, or those working on the same as the viewer, a page at a time, and a way to stop).
 */
export default async function ColleaguesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = ColleaguesListInput.parse(await searchParams);
  const actor = await requireUser(query.same ? SAME_PATH : PATH);
  const view = await listColleagues({ actor, cursor: query.cursor, sameAsMe: query.same });

  if (view.state === 'no-school') {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title="Colleagues at your school" />
        <Card>
          <h2 className="text-xl font-semibold">You have no school on this site yet</h2>
          <p className="mt-2">
            Colleagues are teachers at your school who use this site too and choose to share what they are working on and the badges they hold. You see them once you have a school here.
          </p>
          <p className="mt-2">
            Your school comes with your district: it is set when your district’s leaders confirm you at your school, or when you accept their invitation to it. Ask to join your district on your account page, or ask your district office for an invitation; if you are in your district already, ask its leaders to place you at your school.
          </p>
          <p className="mt-4">
            <Link href="/account#district">Ask to join your district on your account page</Link>
          </p>
        </Card>
      </div>
    );
  }

  const stopped = query.now === 'stopped' ? (
    <ArrivalNotice className="mb-4">
      <Alert tone="success">You stopped sharing. Colleagues no longer see you, and you no longer see them.</Alert>
    </ArrivalNotice>
  ) : null;

  if (view.state === 'not-sharing') {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={`Colleagues at ${view.schoolName}`} />
        {stopped}
        <Card>
          <h2 className="text-xl font-semibold">Share with colleagues at {view.schoolName}</h2>
          <p id="sharing-rule" className="mt-2">
            Colleagues see each other only when both share. Share to see who at {view.schoolName} is working on the same micro-credentials as you, and to let them see you.
          </p>
          <WhatIsShared />
          <p className="mt-4 text-sm text-slate-700">
            You can stop at any time, here or on your <Link href="/account#colleagues">account page</Link>: you leave your colleagues’ lists at once.
          </p>
          <SharingForm action={setSharingFromColleaguesAction} shares label="Share and see my colleagues" pendingLabel="Sharing…" describedBy="sharing-rule" />
        </Card>
      </div>
    );
  }

  const heading = view.sameAsMe ? 'Working on the same as me' : 'Everyone who shares';
  const tabs = [
    { href: PATH, label: 'Everyone who shares', current: !view.sameAsMe },
    { href: SAME_PATH, label: 'Working on the same as me', current: view.sameAsMe },
  ];
  return (
    <div className="mx-auto max-w-4xl">
      <PageHeader
        title={`Colleagues at ${view.schoolName}`}
        description="Teachers at your school who share what they are working on and the badges they hold, as you do. Find someone working on the same micro-credential, or ask a colleague who holds a badge how they went about it."
      />
      {query.now === 'sharing' ? (
        <ArrivalNotice className="mb-4">
          <Alert tone="success">You are sharing. Colleagues at {view.schoolName} who share see you, and you see them below.</Alert>
        </ArrivalNotice>
      ) : null}
      <nav aria-label="Which colleagues" className="mb-4 flex flex-wrap gap-2">
        {tabs.map((t) => (
          <Link
            key={t.href}
            href={t.href}
            aria-current={t.current ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-semibold no-underline ${t.current ? 'bg-slate-800 text-white' : 'bg-white text-slate-800 ring-1 ring-slate-300'}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>

      <section aria-labelledby="colleagues-heading">
        <h2 id="colleagues-heading" className="text-xl font-semibold">{heading}{view.continued ? ' (continued)' : ''}</h2>
        {view.sameAsMe ? (
          <p className="mt-1 text-sm text-slate-700">Colleagues working on, or holding the badge of, a micro-credential you are working on.</p>
        ) : null}
        {view.items.length ? (
          <ul className="mt-3 space-y-4">
            {view.items.map((c) => <ColleagueCard key={c.id} colleague={c} />)}
          </ul>
        ) : view.continued ? (
          <p className="mt-2">There are no more colleagues after the previous page.</p>
        ) : view.sameAsMe && !view.workingOn ? (
          <div className="mt-3">
            <EmptyState headingLevel={3} title="You are not working on a micro-credential right now" action={<ButtonLink href="/catalog">Find a micro-credential</ButtonLink>}>
              Enrol in one, and this lists the colleagues working on it or holding its badge. <Link href={PATH}>See everyone who shares</Link>.
            </EmptyState>
          </div>
        ) : view.sameAsMe ? (
          <div className="mt-3">
            <EmptyState headingLevel={3} title="No colleague who shares is working on the same as you yet">
              None of the colleagues who share is working on, or holds the badge of, a micro-credential you are working on. <Link href={PATH}>See everyone who shares</Link>.
            </EmptyState>
          </div>
        ) : (
          <div className="mt-3">
            <EmptyState headingLevel={3} title={`No one else at ${view.schoolName} shares yet`}>
              Colleagues appear here once they share too: the setting is on their account page, under “Colleagues at your school”. Tell them about it.
            </EmptyState>
          </div>
        )}
        <Pagination basePath={PATH} params={{ same: view.sameAsMe ? '1' : undefined }} nextCursor={view.nextCursor} hasPrevious={view.continued} />
      </section>

      <Card className="mt-8">
        <h2 className="text-lg font-semibold">Stop sharing</h2>
        <p id="stop-what" className="mt-1 text-sm text-slate-700">
          Colleagues no longer see you, at once, and you no longer see them. You can share again at any time.
        </p>
        <SharingForm action={setSharingFromColleaguesAction} shares={false} label="Stop sharing" pendingLabel="Stopping…" describedBy="stop-what" />
      </Card>
    </div>
  );
}

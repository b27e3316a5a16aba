import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getStackPage } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import { getStandings } from '@/lib/enrollment/queries';
import { getStackProgress, partStep, type PartProgress } from '@/lib/awards/stack-progress';
import { Markdown } from '@/components/markdown';
import { Alert, Card, Pill } from '@/components/ui/card';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { ProgressBar } from '@/components/ui/progress';
import { getRecommendationForItem } from '@/lib/district/recommendations';
import { RecommendedByDistrict } from '@/components/catalog/district-recommendation';
import { EnrolAsGuest } from '@/components/catalog/enrol-as-guest';
import { EnrolInStack } from './enrol-in-stack';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const s = await getStackPage((await params).slug);
  return { title: s?.title ?? 'Not found', description: s?.summary };
}

const dateFmt = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export default async function StackPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  // Published, or retired: a retired stack keeps its page, as the criteria of every stack badge
  // issued for it (lib/awards/issue.ts) and the link from their badge pages.
  const stack = await getStackPage(slug);
  if (!stack) notFound();
  const retired = stack.status === 'RETIRED';
  const actor = await getActor();
  // Every part counts toward the stack (lib/awards/issue.ts), offered or not: a part retired after
  // the stack was published is still listed, marked, so progress never looks complete without it.
  const items = stack.items.map((i) => i.microCredential);
  // The district's recommendation is per teacher, so signed-in only: the anonymous page is cached and shared (ADR 006).
  const [standings, progress, recommendation] = actor
    ? await Promise.all([getStandings(actor, items.map((m) => m.id)), getStackProgress({ userId: actor.id, stackId: stack.id, partIds: items.map((m) => m.id) }), getRecommendationForItem(actor, 'STACK', stack.id)])
    : [null, null, null];
  // A part counts when its badge is held and valid, as the awarding job counts it (docs/decisions/012).
  const part = (id: string): PartProgress => progress?.parts.get(id) ?? { state: 'not-held' };
  const earned = progress?.earned ?? 0;
  const unavailable = items.filter((m) => m.status !== 'PUBLISHED' && part(m.id).state !== 'earned');
  const badge = progress?.badge ?? { state: 'none' as const };
  const hours = items.reduce((s, m) => s + Number(m.currentVersion?.pdHours ?? 0), 0);
  // Where each part stands for "Enrol in all parts", by the rule enrollInStack follows: a part
  // earned (badge held, on hold, revoked or being issued) has nothing to add; one never published,
  // or retired and not started, takes no enrolment; the rest are added unless already there.
  const plan = (m: (typeof items)[number]): 'earned' | 'withdrawn' | 'closed' | 'enrolled' | 'open' => {
    const held = part(m.id).state;
    const standing = standings?.get(m.id)?.state ?? 'not-enrolled';
    if (held === 'earned' || (held === 'not-held' && standing === 'EARNED')) return 'earned';
    if (held !== 'not-held') return 'withdrawn';
    if (standing !== 'not-enrolled') return m.status === 'DRAFT' ? 'closed' : 'enrolled';
    return m.status === 'PUBLISHED' ? 'open' : 'closed';
  };
  const plans = actor ? items.map(plan) : [];
  return (
    <article>
      <div className="flex gap-4">
        <BadgeMark color={stack.badgeColor} size={88} />
        <div>
          <Pill tone="purple">Stack</Pill>
          <h1 className="mt-2 text-3xl font-bold">{stack.title}</h1>
          {/* The catalogue lists published stacks only: a retired one has nothing to filter by. */}
          <p className="mt-1 text-slate-700">From <Link href={`/issuers/${stack.issuer.slug}`}>{stack.issuer.name}</Link> · {items.length} micro-credentials · {hours} PD hours in all{retired ? null : <> · <Link href={`/catalog?stack=${stack.slug}`}>Filter the catalogue by this stack</Link></>}</p>
        </div>
      </div>
      <p className="mt-4 max-w-3xl text-lg">{stack.summary}</p>
      {recommendation ? <div className="mt-4 max-w-3xl"><RecommendedByDistrict recommendation={recommendation} /></div> : null}
      <div className="mt-4 max-w-3xl">
        {retired ? (
          // Retired: no enrolment (enrollInStack refuses it) and no new stack badges (the awarding job
          // issues published stacks only); the badges already issued are not touched.
          <Alert tone="warning" title="This stack is no longer offered">
            <p>{stack.issuer.name} has retired it: it takes no new enrolments, and no new stack badges are awarded for it. Stack badges already earned stay valid.</p>
          </Alert>
        ) : !actor ? (
          <EnrolAsGuest back={`/stacks/${slug}`} />
        ) : (
          <EnrolInStack stackId={stack.id} open={plans.includes('open')}>
            {plans.includes('enrolled') ? (
              <p className="font-medium text-green-900">
                You are enrolled in every part you have not earned yet. <Link href="/dashboard">Go to your dashboard</Link>
              </p>
            ) : plans.every((p) => p === 'earned') ? (
              <p className="font-medium text-green-900">You have earned every part of this stack.</p>
            ) : (
              <p>There is no part left that you can enrol in.</p>
            )}
          </EnrolInStack>
        )}
      </div>
      {stack.description ? <Markdown source={stack.description} className="mt-4 max-w-3xl" headingBase={1} /> : null}
      <h2 id="parts-heading" className="mt-8 text-xl font-semibold">{items.length === 1 ? 'The micro-credential in this stack' : `The ${items.length} micro-credentials in this stack`}</h2>
      {/* The platform's promise, always said here (an issuer's description may not say it, or may say it differently); not for a retired stack, which is no longer awarded. */}
      {retired ? null : <p className="mt-1 max-w-3xl">Earn every one and the stack credential is awarded to you automatically, with each badge as its evidence.</p>}
      {unavailable.length && !retired ? (
        <div className="mt-4 max-w-3xl">
          <Alert tone="warning" title="Part of this stack is no longer offered">
            {unavailable.map((m) => `“${m.currentVersion?.title ?? m.slug}”`).join(', ')} {unavailable.length > 1 ? 'take' : 'takes'} no new enrolments, so only teachers who already hold {unavailable.length > 1 ? 'them' : 'it'} can complete this stack.
          </Alert>
        </div>
      ) : null}
      {actor ? (
        <div className="mt-4 max-w-md">
          {/* A retired stack is no longer awarded: no progress toward it, only the badge already held, if any. */}
          {retired ? null : (
            <>
              <ProgressBar value={earned} max={items.length} label="Stack progress" />
              <p className="mt-1 text-sm">{earned} of {items.length} earned</p>
            </>
          )}
          {badge.state === 'held' ? (
            <p className="mt-2 font-semibold">
              You hold this stack. <Link href={`/credentials/${badge.awardId}`}>View your stack credential</Link>
            </p>
          ) : badge.state === 'issuing' && !retired ? (
            <p className="mt-2">You hold every part: your stack credential is being issued and will be in <Link href="/badges">My badges</Link> within a few minutes.</p>
          ) : badge.state === 'on-hold' ? (
            <div className="mt-2">
              <Alert tone="warning" title="Your stack credential is on hold">
                <p>
                  It has been on hold since {dateFmt.format(badge.since)}. {badge.reason ?? 'The issuer put it on hold.'} While it is on hold, anyone who checks it is told it is suspended.
                </p>
                <p className="mt-1"><Link href={`/credentials/${badge.awardId}`}>View your stack credential</Link></p>
              </Alert>
            </div>
          ) : badge.state === 'revoked' ? (
            <div className="mt-2">
              <Alert tone="danger" title="Your stack credential was revoked">
                <p>The issuer revoked it on {dateFmt.format(badge.since)}{badge.reason ? `: ${badge.reason}` : '.'}</p>
                <p className="mt-1"><Link href={`/credentials/${badge.awardId}`}>View your stack credential</Link></p>
              </Alert>
            </div>
          ) : null}
        </div>
      ) : null}
      <ul className="mt-6 grid gap-4 md:grid-cols-2" aria-labelledby="parts-heading">
        {items.map((m) => {
          const title = m.currentVersion?.title ?? m.slug;
          const held = part(m.id);
          const step = actor && held.state !== 'earned' ? partStep(standings?.get(m.id), m.status) : null;
          // Said in words, not only by the link or a colour.
          const label =
            held.state === 'earned' ? 'earned'
            : held.state === 'revoked' ? 'badge revoked'
            : held.state === 'suspended' ? 'badge on hold'
            : standings?.get(m.id)?.state === 'EARNED' ? 'badge being issued'
            : standings?.get(m.id)?.state === 'enrolled' && step ? 'enrolled'
            : step?.status.toLowerCase();
          return (
            <li key={m.id}>
              <Card as="div">
                <h3 className="font-semibold">
                  {/* A retired credential keeps its public page; a never-published one has none. */}
                  {m.status === 'DRAFT' ? title : <Link href={`/micro-credentials/${m.slug}`}>{title}</Link>}
                </h3>
                {m.status !== 'PUBLISHED' ? <p className="mt-1"><Pill tone="warning">No longer offered</Pill></p> : null}
                <p className="text-sm text-slate-700">
                  {Number(m.currentVersion?.pdHours ?? 0)} PD hours{label ? ` · ${label}` : ''}
                </p>
                <p className="mt-1 text-sm">{m.currentVersion?.summary}</p>
                {/* The next step for the signed-in teacher, named with the part for a list of links. */}
                {step ? (
                  <p className="mt-2">
                    <Link href={`/micro-credentials/${m.slug}`} className="inline-block py-0.5 font-semibold">
                      {step.action}<span className="sr-only">: {title}</span>
                    </Link>
                  </p>
                ) : held.state !== 'not-held' ? (
                  <p className="mt-2">
                    <Link href={`/credentials/${held.awardId}`} className="inline-block py-0.5 font-semibold">
                      {held.state === 'earned' ? 'View your badge' : held.state === 'revoked' ? 'See why it was revoked' : 'See why it is on hold'}<span className="sr-only">: {title}</span>
                    </Link>
                  </p>
                ) : null}
              </Card>
            </li>
          );
        })}
      </ul>
    </article>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getPublishedStack } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import { getStandings, type Standing } from '@/lib/enrollment/queries';
import { getOwnStackStanding } from '@/lib/awards/queries';
import { Markdown } from '@/components/markdown';
import { Alert, Card, Pill } from '@/components/ui/card';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { ProgressBar } from '@/components/ui/progress';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const s = await getPublishedStack((await params).slug);
  return { title: s?.title ?? 'Not found', description: s?.summary };
}

/**
 * What a signed-in teacher can do next on a part they have not earned, on its own page: enrol, or go
 * on with it. Null where there is nothing to do there: a part that takes no new enrolments and that
 * they have not started (a retired one), or one never published.
 */
function partStep(standing: Standing | undefined, status: string): { status: string; action: string } | null {
  const state = standing?.state ?? 'not-enrolled';
  if (status === 'DRAFT' || (status !== 'PUBLISHED' && state === 'not-enrolled')) return null;
  switch (state) {
    case 'EARNED':
      return null;
    case 'not-enrolled':
      return { status: 'Not started', action: 'Enrol to start' };
    case 'SUBMITTED':
    case 'IN_REVIEW':
      return { status: 'Waiting for review', action: 'See where it stands' };
    case 'NEEDS_REVISION':
      return { status: 'Needs revision', action: 'Read the feedback' };
    default:
      return { status: 'In progress', action: 'Continue' };
  }
}

export default async function StackPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const stack = await getPublishedStack(slug);
  if (!stack) notFound();
  const actor = await getActor();
  // Every part counts toward the stack (lib/awards/issue.ts), offered or not: a part retired after
  // the stack was published is still listed, marked, so progress never looks complete without it.
  const items = stack.items.map((i) => i.microCredential);
  const standings = actor ? await getStandings(actor, items.map((m) => m.id)) : null;
  const earned = items.filter((m) => standings?.get(m.id)?.state === 'EARNED').length;
  const isEarned = (id: string) => standings?.get(id)?.state === 'EARNED';
  const unavailable = items.filter((m) => m.status !== 'PUBLISHED' && !isEarned(m.id));
  // The award and the "on its way" note follow the awarding job's rule (valid awards for every part).
  const standing = actor && items.length > 0 && earned === items.length ? await getOwnStackStanding(actor.id, stack.id) : null;
  const own = standing?.award ?? null;
  const complete = Boolean(standing?.complete || own);
  const hours = items.reduce((s, m) => s + Number(m.currentVersion?.pdHours ?? 0), 0);
  return (
    <article>
      <div className="flex gap-4">
        <BadgeMark color={stack.badgeColor} size={88} />
        <div>
          <Pill tone="purple">Stack</Pill>
          <h1 className="mt-2 text-3xl font-bold">{stack.title}</h1>
          <p className="mt-1 text-slate-700">From <Link href={`/issuers/${stack.issuer.slug}`}>{stack.issuer.name}</Link> · {items.length} micro-credentials · {hours} PD hours in all · <Link href={`/catalog?stack=${stack.slug}`}>Filter the catalogue by this stack</Link></p>
        </div>
      </div>
      <p className="mt-4 max-w-3xl text-lg">{stack.summary}</p>
      {stack.description ? <Markdown source={stack.description} className="mt-4 max-w-3xl" /> : null}
      <p className="mt-4 max-w-3xl">Earn every micro-credential below and the stack credential is awarded to you automatically, with each badge as its evidence.</p>
      {unavailable.length ? (
        <div className="mt-4 max-w-3xl">
          <Alert tone="warning" title="Part of this stack is no longer offered">
            {unavailable.map((m) => `“${m.currentVersion?.title ?? m.slug}”`).join(', ')} {unavailable.length > 1 ? 'take' : 'takes'} no new enrolments, so only teachers who already hold {unavailable.length > 1 ? 'them' : 'it'} can complete this stack.
          </Alert>
        </div>
      ) : null}
      {actor ? (
        <div className="mt-4 max-w-md">
          <ProgressBar value={earned} max={items.length} label="Stack progress" />
          <p className="mt-1 text-sm">{earned} of {items.length} earned</p>
          {complete ? (
            own ? (
              <p className="mt-2 font-semibold">
                You hold this stack. <Link href={`/credentials/${own.id}`}>View your stack credential</Link>
              </p>
            ) : (
              <p className="mt-2">You hold every part: your stack credential is being issued and will be in <Link href="/badges">My badges</Link> within a few minutes.</p>
            )
          ) : null}
        </div>
      ) : null}
      <ul className="mt-6 grid gap-4 md:grid-cols-2">
        {items.map((m) => {
          const title = m.currentVersion?.title ?? m.slug;
          const standing = standings?.get(m.id);
          const step = actor ? partStep(standing, m.status) : null;
          const awardId = standing?.state === 'EARNED' ? standing.awardId : null;
          return (
            <li key={m.id}>
              <Card as="div">
                <h2 className="font-semibold">
                  {/* A retired credential keeps its public page; a never-published one has none. */}
                  {m.status === 'DRAFT' ? title : <Link href={`/micro-credentials/${m.slug}`}>{title}</Link>}
                </h2>
                {m.status !== 'PUBLISHED' ? <p className="mt-1"><Pill tone="warning">No longer offered</Pill></p> : null}
                <p className="text-sm text-slate-700">
                  {Number(m.currentVersion?.pdHours ?? 0)} PD hours{isEarned(m.id) ? ' · earned' : step ? ` · ${step.status.toLowerCase()}` : ''}
                </p>
                <p className="mt-1 text-sm">{m.currentVersion?.summary}</p>
                {/* The next step for the signed-in teacher, named with the part for a list of links. */}
                {step ? (
                  <p className="mt-2">
                    <Link href={`/micro-credentials/${m.slug}`} className="inline-block py-0.5 font-semibold">
                      {step.action}<span className="sr-only">: {title}</span>
                    </Link>
                  </p>
                ) : awardId ? (
                  <p className="mt-2">
                    <Link href={`/credentials/${awardId}`} className="inline-block py-0.5 font-semibold">
                      View your badge<span className="sr-only">: {title}</span>
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

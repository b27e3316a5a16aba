import Link from 'next/link';
import { notFound } from 'next/navigation';
import { noLevelOpen } from '@/lib/enrollment/mutations';
import { getPublishedTrack } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import { getStandings, type Standing } from '@/lib/enrollment/queries';
import { Markdown } from '@/components/markdown';
import { Alert, Card, Pill, type Tone } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { BadgeMark } from '@/components/catalog/badge-mark';
import { EnrollForm } from '@/components/catalog/enroll-form';
import { EnrolAsGuest } from '@/components/catalog/enrol-as-guest';
import { getRecommendationForItem } from '@/lib/district/recommendations';
import { RecommendedByDistrict } from '@/components/catalog/district-recommendation';
import { enrollTrackAction } from './actions';

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const t = await getPublishedTrack((await params).slug);
  return { title: t?.title ?? 'Not found', description: t?.summary };
}

function standingLabel(s: Standing): { text: string; tone: Tone } {
  switch (s.state) {
    case 'not-enrolled': return { text: 'Not started', tone: 'neutral' };
    case 'enrolled': return { text: 'Enrolled', tone: 'info' };
    case 'proposal': return { text: `Proposal ${s.proposalStatus.toLowerCase()}`, tone: 'info' };
    case 'DRAFT': return { text: 'Application in progress', tone: 'info' };
    case 'SUBMITTED': case 'IN_REVIEW': return { text: 'Submitted', tone: 'info' };
    case 'NEEDS_REVISION': return { text: 'Needs revision', tone: 'warning' };
    case 'EARNED': return { text: 'Earned', tone: 'success' };
  }
}

export default async function TrackPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams?: Promise<{ enrolled?: string | string[] }> }) {
  const { slug } = await params;
  const enrolled = (await searchParams)?.enrolled === '1';
  const track = await getPublishedTrack(slug);
  if (!track) notFound();
  const levels = track.microCredentials.length;
  const actor = await getActor();
  // The district's recommendation is per teacher, so signed-in only: the anonymous page is cached and shared (ADR 006).
  const [standings, recommendation] = actor
    ? await Promise.all([getStandings(actor, track.microCredentials.map((m) => m.id)), getRecommendationForItem(actor, 'TRACK', track.id)])
    : [null, null];
  // Not with no level published (older data): that would say "enrolled in every level" of none.
  const allEnrolled = standings && levels ? [...standings.values()].every((s) => s.state !== 'not-enrolled') : false;
  return (
    <article>
      <Pill tone="info">{track.kind === 'COURSE' ? 'Course' : 'Badge track'}</Pill>
      <h1 className="mt-2 text-3xl font-bold">{track.title}</h1>
      <p className="mt-1 text-slate-700">
        From <Link href={`/issuers/${track.issuer.slug}`}>{track.issuer.name}</Link> · {levels === 1 ? '1 level' : levels ? `${levels} levels` : 'no level open yet'}
      </p>
      <p className="mt-3 max-w-3xl text-lg">{track.summary}</p>
      {recommendation ? <div className="mt-4 max-w-3xl"><RecommendedByDistrict recommendation={recommendation} /></div> : null}
      <div className="mt-4">
        {!levels ? (
          // Nothing to enrol in, for guests too: no button that could only be refused.
          <p className="font-medium">
            {noLevelOpen(track.kind)} <Link href="/catalog">Find another in the catalogue</Link>.
          </p>
        ) : !actor ? (
          <EnrolAsGuest back={`/tracks/${slug}`} />
        ) : allEnrolled && enrolled ? (
          // After "Enrol in all levels": that button is gone, so the notice takes focus.
          <ArrivalNotice className="max-w-3xl">
            <Alert tone="success" title="You are enrolled in every level">
              Every level is on your dashboard with your progress. Open a level below to start its application when you are ready.
            </Alert>
          </ArrivalNotice>
        ) : allEnrolled ? (
          <p className="font-medium text-green-900">You are enrolled in every level.</p>
        ) : (
          <EnrollForm action={enrollTrackAction} hidden={{ trackId: track.id, slug }} label="Enrol in all levels" />
        )}
      </div>
      {track.description ? <Markdown source={track.description} className="mt-6 max-w-3xl" headingBase={1} /> : null}
      <section aria-labelledby="levels" className="mt-8">
        <h2 id="levels" className="text-xl font-semibold">Levels, in order</h2>
        {!levels ? (
          <p className="mt-3 text-slate-700">None is open yet.</p>
        ) : (
          <ol className="mt-3 space-y-4">
            {track.microCredentials.map((m) => {
              const s = standings?.get(m.id);
              const label = s ? standingLabel(s) : null;
              return (
                <li key={m.id}>
                  <Card as="div" className="flex gap-4">
                    <BadgeMark color={m.currentVersion?.badgeColor ?? '#1d4ed8'} level={m.level} size={56} />
                    <div className="flex-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <h3 className="text-lg font-semibold">
                          Level {m.level}: <Link href={`/micro-credentials/${m.slug}`}>{m.currentVersion?.title}</Link>
                        </h3>
                        {label ? <Pill tone={label.tone}>{label.text}</Pill> : null}
                      </div>
                      <p className="text-sm text-slate-700">{m.level === 1 ? 'Shows understanding' : 'Demonstrated in your own classroom'} · {Number(m.currentVersion?.pdHours ?? 0)} PD hours</p>
                      <p className="mt-1">{m.currentVersion?.summary}</p>
                    </div>
                  </Card>
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </article>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session';
import { getMicroCredentialPage } from '@/lib/catalog/queries';
import { getFeedbackForm } from '@/lib/credential-feedback/queries';
import { feedbackPath, SUMMARY_MIN_RATINGS } from '@/lib/credential-feedback/policy';
import { formatDateTime } from '@/lib/time-format';
import { Alert, Card } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { DeleteFeedbackForm, FeedbackForm } from './feedback-form';

// The credential's public page data is cached per request (getMicroCredentialPage): public, so the
// title is the same for everyone, signed in or not.
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const mc = await getMicroCredentialPage((await params).slug);
  return { title: mc ? `Your feedback: ${mc.version.title}` : 'Your feedback', robots: { index: false } };
}

/**
 * A teacher tells the issuer how a micro-credential went: how useful it was for their teaching, about
 * how many hours it took, and anything else. Only once a reviewer has decided on their work; before
 * that the page says why and where their application stands. Their saved feedback comes back here to
 * change or delete.
 */
export default async function CredentialFeedbackPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ deleted?: string | string[] }> }) {
  const { slug } = await params;
  const deleted = (await searchParams).deleted === '1';
  const actor = await requireUser(feedbackPath(slug));
  const page = await getFeedbackForm(actor, slug);
  if (!page) notFound();
  const { mc, saved, refusal, standing } = page;
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm">
        <Link href={`/micro-credentials/${mc.slug}`}>← {mc.title}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">How did “{mc.title}” go?</h1>
      <p className="mt-2 text-slate-700">
        Tell {mc.issuerName} how useful it was for your teaching and how long it took you. They use what teachers say to improve the micro-credential and to check that the PD hours they state are realistic.
      </p>
      <div className="mt-4">
        <Alert tone="info" live={false} title="Who sees your feedback">
          <p>{mc.issuerName} sees your rating, hours and comment without your name. Where only a few teachers have taken it, they might still guess who wrote a comment, so leave out anything that would identify you, your school or your students.</p>
          <p className="mt-1">Teachers looking at the micro-credential see only the average rating and the typical hours, once at least {SUMMARY_MIN_RATINGS} teachers have rated it. Those figures are updated after every five new ratings, so a rating you give, change or delete may not show there straight away.</p>
        </Alert>
      </div>
      {deleted && !saved ? (
        <ArrivalNotice className="mt-4">
          <Alert tone="success" title="Your feedback was deleted">The issuer no longer sees it. The figures teachers see leave it out from their next update.</Alert>
        </ArrivalNotice>
      ) : null}

      {refusal ? (
        <Card className="mt-6">
          <h2 className="text-lg font-semibold">Not yet</h2>
          <p className="mt-1 text-slate-800" data-feedback-refusal>{refusal}</p>
          <div className="mt-3">
            {standing === 'none' ? (
              <ButtonLink href={`/micro-credentials/${mc.slug}`} variant="secondary">Back to the micro-credential</ButtonLink>
            ) : (
              <ButtonLink href={`/apply/${mc.slug}`} variant="secondary">{standing === 'draft' ? 'Continue your application' : 'See where your application stands'}</ButtonLink>
            )}
          </div>
        </Card>
      ) : (
        <Card className="mt-6">
          <h2 className="sr-only">Your feedback</h2>
          {/* An instant, so in the teacher's own time zone (ADR 023): a UTC day could be the day before or after theirs. */}
          {saved ? <p className="mb-4 text-sm text-slate-700">You last saved this on <time dateTime={saved.updatedAt.toISOString()}>{formatDateTime(saved.updatedAt, actor.timeZone)}</time>. Change anything and save again.</p> : null}
          <FeedbackForm microCredentialId={mc.id} statedHours={page.statedHours} saved={saved} />
        </Card>
      )}

      {saved ? (
        <section aria-labelledby="delete-feedback-heading" className="mt-6">
          <h2 id="delete-feedback-heading" className="text-lg font-semibold">Delete your feedback</h2>
          <p className="mt-1 mb-3 text-sm text-slate-700">Changed your mind? You can take your feedback back at any time.</p>
          <DeleteFeedbackForm microCredentialId={mc.id} />
        </section>
      ) : null}
    </div>
  );
}

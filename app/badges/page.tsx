import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { AwardListInput, getPortfolioPreview, listUserAwards } from '@/lib/awards/queries';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { ButtonLink } from '@/components/ui/button';
import { Pagination } from '@/components/ui/pagination';
import { AwardGrid } from '@/components/awards/award-grid';
import { LicenceRenewalCard, RecordPanel, SalaryCard } from '@/components/awards/record-panel';
import { getTeacherRecord } from '@/lib/reporting/teacher';
import { listStacksInProgress } from '@/lib/awards/stack-progress';
import { StacksInProgress } from '@/components/credentials/stacks-in-progress';
import { startRenewalAction } from '@/app/apply/[slug]/actions';
import { PortfolioPreview } from '@/components/awards/portfolio-preview';
import { BadgePortfolioForm } from '@/components/awards/badge-portfolio-form';
import { badgePortfolioStatus } from '@/components/awards/portfolio-words';
import { getOwnExternalLearningTotals } from '@/lib/external-learning/queries';
import { OtherLearningSummary } from '@/components/external-learning/badges-summary';
import { setBadgeOnPortfolioAction } from './actions';
import { feedbackPath } from '@/lib/credential-feedback/policy';

export const metadata = { title: 'My badges' };

export default async function BadgesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser('/badges');
  const { cursor } = AwardListInput.parse(await searchParams);
  // What the badges count toward and the stacks under way are the whole record's: the first page's.
  // Its totals count every badge; the badges themselves are listed below, a page at a time.
  const [awards, portfolio, record, stacks, otherLearning] = await Promise.all([
    listUserAwards({ userId: actor.id, cursor }),
    getPortfolioPreview(actor.id),
    cursor ? null : getTeacherRecord(actor, new Date(), { rows: false }),
    cursor ? [] : listStacksInProgress(actor.id),
    // Learning done elsewhere, as the teacher recorded it: its own total, never the verified one.
    cursor ? null : getOwnExternalLearningTotals({ actor }),
  ]);
  // The transcript prints other professional learning too, so it is worth opening with either.
  const transcript = awards.total > 0 || Boolean(otherLearning?.entries);
  // After the badges (whose cards say whether each is on it), or alone once public with none yet.
  const portfolioPreview = portfolio && (awards.total || portfolio.isPublic) ? (
    <section aria-labelledby="portfolio-preview-heading" className="my-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="portfolio-preview-heading" className="text-lg font-semibold">What visitors see on your portfolio</h2>
      <PortfolioPreview preview={portfolio} settingsHref="/account#portfolio" />
      {awards.total ? <p className="mt-1 text-sm text-slate-700">Each badge above says whether it is on your portfolio, with a button to hide it or show it again.</p> : null}
    </section>
  ) : null;
  return (
    <div>
      <PageHeader
        title="My badges"
        description={
          portfolio?.isPublic && portfolio.handle ? (
            <>Your public portfolio is on at <Link href={`/u/${portfolio.handle}`}>/u/{portfolio.handle}</Link>.</>
          ) : (
            <>Your portfolio is private. <Link href="/account">Turn on a public portfolio</Link> to share all your badges with one link.</>
          )
        }
        actions={transcript ? (
          <>
            <ButtonLink href="/badges/transcript" variant="secondary">PD transcript (print or PDF)</ButtonLink>
            {awards.total ? <ButtonLink href="/badges/export.json" variant="secondary" prefetch={false}>Download my badges as a file for another badge site (JSON)</ButtonLink> : null}
          </>
        ) : null}
      />
      {awards.total ? (
        // The JSON file is data for a badge site or wallet to import, not pictures or a document:
        // a record to print or file as PDF is the transcript.
        <p className="-mt-3 mb-6 max-w-3xl text-sm text-slate-700" data-download-help>
          Need a PDF of your badges? Open your <Link href="/badges/transcript">PD transcript</Link> and print it or save it as a PDF. The JSON file is for another badge site to import: it is not pictures or a document to print.
        </p>
      ) : null}
      {awards.total ? (
        <>
          <section aria-labelledby="badges-heading">
            <h2 id="badges-heading" className="text-xl font-semibold">Your badges</h2>
            <p className="mb-3 text-sm text-slate-700">
              {awards.total === 1 ? '1 badge' : `${awards.total.toLocaleString('en-GB')} badges`}, newest first{awards.continued ? ' (continued)' : ''}.
            </p>
            {awards.items.length ? (
              <AwardGrid
                awards={awards.items}
                controls={(a) => {
                  const status = badgePortfolioStatus(a, { isPublic: Boolean(portfolio?.isPublic) });
                  return (
                    <>
                      {status.control ? (
                        <BadgePortfolioForm action={setBadgeOnPortfolioAction} awardId={a.id} title={a.title} hidden={a.hiddenFromPortfolio} status={status.text} />
                      ) : (
                        <p className="mt-3 border-t border-slate-200 pt-2 text-sm text-slate-800">{status.text}</p>
                      )}
                      {/* A micro-credential's badge (not a stack's, not a revoked one): the way to tell its issuer how it went (ADR 027). */}
                      {a.microCredential?.slug && !a.revokedAt ? (
                        <p className="mt-2 text-sm">
                          <Link href={feedbackPath(a.microCredential.slug)}>Tell the issuer how it went<span className="sr-only">: {a.title}</span></Link>
                        </p>
                      ) : null}
                    </>
                  );
                }}
              />
            ) : <p>There are no more badges after the previous page.</p>}
            <Pagination basePath="/badges" params={{}} nextCursor={awards.nextCursor} hasPrevious={awards.continued} />
          </section>
          {portfolioPreview}
          {record ? <RecordPanel record={record} renewAction={startRenewalAction} /> : null}
          {otherLearning ? <OtherLearningSummary totals={otherLearning} /> : null}
        </>
      ) : (
        <>
          <EmptyState title="No badges yet" action={<ButtonLink href="/catalog">Find a micro-credential</ButtonLink>}>When a reviewer awards your evidence, your verifiable badge appears here.</EmptyState>
          {/* What badges would count toward, before the first one: the district's salary steps. */}
          {record ? (
            <section aria-labelledby="counts-heading" className="mt-6">
              <h2 id="counts-heading" className="mb-3 text-xl font-semibold">What your badges can count toward</h2>
              <SalaryCard record={record} />
              <div className="mt-4"><LicenceRenewalCard renewal={record.licenceRenewal} /></div>
            </section>
          ) : null}
          {otherLearning ? <div className="mt-6"><OtherLearningSummary totals={otherLearning} /></div> : null}
          {portfolioPreview}
        </>
      )}
      <StacksInProgress stacks={stacks} />
    </div>
  );
}

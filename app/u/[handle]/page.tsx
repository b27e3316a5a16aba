import { notFound } from 'next/navigation';
import { AwardListInput, getPublicPortfolio } from '@/lib/awards/queries';
import { EmptyState } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { AwardGrid } from '@/components/awards/award-grid';
import { portfolioHeading } from '@/components/awards/portfolio-words';

type Props = { params: Promise<{ handle: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The same arguments in both, so the request's cache answers the page from the metadata's query.
async function portfolioFor({ params, searchParams }: Props) {
  const [{ handle }, query] = await Promise.all([params, searchParams]);
  return getPublicPortfolio(handle, AwardListInput.parse(query).cursor);
}

export async function generateMetadata(props: Props) {
  const p = await portfolioFor(props);
  return { title: p ? portfolioHeading(p).title : 'Portfolio not found' };
}

export default async function PortfolioPage(props: Props) {
  const [{ handle }, p] = await Promise.all([props.params, portfolioFor(props)]);
  if (!p) notFound();
  // The owner's previews (My badges, the account page) state this same header.
  const heading = portfolioHeading(p);
  return (
    <div>
      {/* PageHeader's layout, with the teacher's own headline, when they wrote one, right under their name. */}
      <div className="mb-6">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{heading.title}</h1>
        {p.headline ? <p className="mt-1 max-w-3xl text-lg font-medium text-slate-800">{p.headline}</p> : null}
        <p className="mt-1 max-w-3xl text-slate-700">{heading.description}</p>
      </div>
      {p.awards.length ? (
        <AwardGrid awards={p.awards} headingLevel={2} />
      ) : p.continued ? (
        <EmptyState title="No more badges">There are no more badges after the previous page.</EmptyState>
      ) : (
        <EmptyState title="No badges yet" />
      )}
      <Pagination basePath={`/u/${handle}`} params={{}} nextCursor={p.nextCursor} hasPrevious={p.continued} />
    </div>
  );
}

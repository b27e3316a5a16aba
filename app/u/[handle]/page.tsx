import { notFound } from 'next/navigation';
import { AwardListInput, getPublicPortfolio } from '@/lib/awards/queries';
import { PageHeader, EmptyState } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { AwardGrid } from '@/components/awards/award-grid';

type Props = { params: Promise<{ handle: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The same arguments in both, so the request's cache answers the page from the metadata's query.
async function portfolioFor({ params, searchParams }: Props) {
  const [{ handle }, query] = await Promise.all([params, searchParams]);
  return getPublicPortfolio(handle, AwardListInput.parse(query).cursor);
}

export async function generateMetadata(props: Props) {
  const p = await portfolioFor(props);
  return { title: p ? `${p.name}’s badges` : 'Portfolio not found' };
}

export default async function PortfolioPage(props: Props) {
  const p = await portfolioFor(props);
  if (!p) notFound();
  const { handle } = await props.params;
  return (
    <div>
      <PageHeader title={`${p.name}’s badges`} description={`${p.school ? `${p.school} · ` : ''}${p.credentials} credential${p.credentials === 1 ? '' : 's'}, ${p.pdHours} PD hours. Every badge links to its verification page.`} />
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

import { notFound } from 'next/navigation';
import { getPublicPortfolio } from '@/lib/awards/queries';
import { PageHeader, EmptyState } from '@/components/ui/card';
import { AwardGrid } from '@/components/awards/award-grid';

export async function generateMetadata({ params }: { params: Promise<{ handle: string }> }) {
  const p = await getPublicPortfolio((await params).handle);
  return { title: p ? `${p.name}’s badges` : 'Portfolio not found' };
}

export default async function PortfolioPage({ params }: { params: Promise<{ handle: string }> }) {
  const p = await getPublicPortfolio((await params).handle);
  if (!p) notFound();
  const hours = p.pdHours;
  return (
    <div>
      <PageHeader title={`${p.name}’s badges`} description={`${p.school ? `${p.school} · ` : ''}${p.awards.length} credential${p.awards.length === 1 ? '' : 's'}, ${hours} PD hours. Every badge links to its verification page.`} />
      {p.awards.length ? <AwardGrid awards={p.awards} headingLevel={2} /> : <EmptyState title="No badges yet" />}
    </div>
  );
}

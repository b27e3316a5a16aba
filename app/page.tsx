import Link from 'next/link';
import { searchCatalog } from '@/lib/catalog/queries';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { CatalogCard } from '@/components/catalog/catalog-card';
import { ButtonLink } from '@/components/ui/button';

export default async function HomePage() {
  const { items } = await searchCatalog(CatalogSearchInput.parse({}));
  return (
    <div>
      <section className="on-dark rounded-2xl bg-gradient-to-br from-brand-800 to-brand-600 px-6 py-12 text-white sm:px-10">
        <h1 className="max-w-3xl text-3xl font-bold text-white sm:text-4xl">Get credit for the teaching you already do.</h1>
        <p className="mt-4 max-w-2xl text-lg text-blue-50">
          Micro-credentials recognise one skill at a time. Study the method, try it with your students, upload your evidence, and earn a
          verifiable badge you can share on LinkedIn, your résumé or your portfolio, and count toward PD hours and salary steps.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <ButtonLink href="/catalog" variant="secondary">Browse the catalogue</ButtonLink>
          <Link href="/sign-up" className="rounded-md px-4 py-2 font-semibold text-white underline">
            Create a free account
          </Link>
        </div>
      </section>
      <section className="mt-10 grid gap-6 md:grid-cols-3" aria-label="How it works">
        {[
          ['1. Choose a skill', 'Level 1 shows you understand a method; level 2 shows you used it in your own classroom.'],
          ['2. Show your evidence', 'Lesson plans, student work, a short video, and your reflection. Reviewers score it against a published rubric.'],
          ['3. Earn and share', 'A verifiable Open Badges 3.0 credential, stackable into larger credentials your district recognises.'],
        ].map(([title, body]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="font-semibold">{title}</h2>
            <p className="mt-1 text-slate-700">{body}</p>
          </div>
        ))}
      </section>
      <section className="mt-10" aria-labelledby="new-heading">
        <div className="mb-3 flex items-end justify-between">
          <h2 id="new-heading" className="text-xl font-semibold">New in the catalogue</h2>
          <Link href="/catalog">See everything</Link>
        </div>
        <ul className="grid gap-4 md:grid-cols-2">
          {items.slice(0, 6).map((item) => (
            <CatalogCard key={item.id} item={item} />
          ))}
        </ul>
      </section>
    </div>
  );
}

import Link from 'next/link';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { getCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { CatalogCard } from '@/components/catalog/catalog-card';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { inputClass } from '@/components/ui/field';

export const metadata = { title: 'Catalogue' };

type SP = Record<string, string | string[] | undefined>;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SP> }) {
  const raw = await searchParams;
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const input = CatalogSearchInput.parse(flat);
  const [{ items, nextCursor }, facets] = await Promise.all([searchCatalog(input), getCatalogFacets()]);
  const params = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === undefined ? undefined : String(v)]));
  const filtered = Object.entries(input).some(([k, v]) => k !== 'cursor' && v !== undefined);

  return (
    <div>
      <PageHeader
        title="Catalogue"
        description="Courses, badge tracks and micro-credentials you can earn by showing your practice. Free to browse; create an account to enrol."
      />
      <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
        <form method="get" action="/catalog" role="search" aria-label="Search the catalogue" className="space-y-4">
          <div>
            <label htmlFor="q" className="block text-sm font-semibold">
              Search
            </label>
            <input id="q" name="q" type="search" defaultValue={input.q ?? ''} placeholder="e.g. feedback, team agenda" className={inputClass} />
          </div>
          <Filter label="Type" name="kind" value={input.kind} options={[['TRACK', 'Courses and tracks'], ['MICRO_CREDENTIAL', 'Micro-credentials'], ['STACK', 'Stacks']]} />
          <Filter label="Issuer" name="issuer" value={input.issuer} options={facets.issuers.map((i) => [i.id, i.name])} />
          <Filter label="Topic" name="topic" value={input.topic} options={facets.topics.map((t) => [t, t])} />
          <Filter label="Level" name="level" value={input.level?.toString()} options={[['1', 'Level 1: understanding'], ['2', 'Level 2: in my classroom']]} />
          <Filter label="Grade band" name="gradeBand" value={input.gradeBand} options={facets.gradeBands.map((t) => [t, t])} />
          <Filter label="Subject" name="subject" value={input.subject} options={facets.subjects.map((t) => [t, t])} />
          <StackFilter value={input.stack} stacks={facets.stacks} />
          <Filter label="PD hours" name="maxHours" value={input.maxHours?.toString()} options={[['5', 'Up to 5 hours'], ['10', 'Up to 10 hours'], ['20', 'Up to 20 hours']]} />
          <div className="flex gap-2">
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              Apply
            </button>
            {filtered ? (
              <Link href="/catalog" className="rounded-md px-4 py-2 font-medium">
                Clear all
              </Link>
            ) : null}
          </div>
        </form>
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="sr-only">
            Results
          </h2>
          <p className="mb-3 text-sm text-slate-700" aria-live="polite">
            {items.length === 0 ? 'No matches.' : input.q ? `Best matches for “${input.q}”` : 'Newest first'}
          </p>
          {items.length ? (
            <ul className="grid gap-4 md:grid-cols-2">
              {items.map((item) => (
                <CatalogCard key={item.id} item={item} />
              ))}
            </ul>
          ) : (
            <EmptyState title={filtered ? 'Nothing matches those filters' : 'The catalogue is empty'} action={filtered ? <Link href="/catalog">Clear the filters</Link> : undefined}>
              {filtered ? 'Try fewer filters or a shorter search.' : 'Issuers have not published any credentials yet.'}
            </EmptyState>
          )}
          <Pagination basePath="/catalog" params={params} nextCursor={nextCursor} hasPrevious={Boolean(input.cursor)} />
        </section>
      </div>
    </div>
  );
}

// Past this many stacks a drop-down is too long to use (and weighs on every catalogue page); the
// filter is then reached from a stack's own page, and shown here only while it is applied.
const MAX_STACK_OPTIONS = 40;

function StackFilter({ value, stacks }: { value?: string; stacks: { slug: string; title: string }[] }) {
  if (stacks.length <= MAX_STACK_OPTIONS) return <Filter label="Stack" name="stack" value={value} options={stacks.map((s) => [s.slug, s.title])} />;
  const selected = value ? stacks.find((s) => s.slug === value) : undefined;
  if (!selected) return null;
  return <Filter label="Stack" name="stack" value={value} options={[[selected.slug, selected.title]]} />;
}

function Filter({ label, name, value, options }: { label: string; name: string; value?: string; options: [string, string][] }) {
  if (!options.length) return null;
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ''} className={inputClass}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

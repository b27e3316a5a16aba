import type { ReactNode } from 'react';
import Link from 'next/link';
import { CatalogSearchInput } from '@/lib/catalog/schemas';
import { correctCatalogSearch, getCatalogFacets, searchCatalog } from '@/lib/catalog/queries';
import { getActor } from '@/lib/auth/session';
import { getOwnTeaching } from '@/lib/teaching/queries';
import { saysWhatTheyTeach, type Teaching } from '@/lib/teaching/policy';
import { matchRuleInWords } from '@/lib/teaching/words';
import { recommendedCatalogKeys } from '@/lib/district/recommendations';
import { activeCatalogFilters, catalogSearchHref, type CatalogFilters } from '@/lib/catalog/search-links';
import { CatalogCard } from '@/components/catalog/catalog-card';
import { catalogResultLine, countedResults } from '@/components/catalog/result-count';
import { EmptyState, PageHeader } from '@/components/ui/card';
import { Pagination } from '@/components/ui/pagination';
import { inputClass } from '@/components/ui/field';

export const metadata = { title: 'Catalogue' };

type SP = Record<string, string | string[] | undefined>;

/** Where a teacher says what they teach. */
const TEACHING_SETTINGS = '/account#teaching';

// The filters fold into a <details> on narrow screens, so results come right after the search box.
// On wide screens the sidebar shows them unfolded with no script: where the browser can style
// ::details-content, the summary is hidden and the content shown whatever the open state. A browser
// that cannot keeps the folded <details> there too, which still works. (Class names written out in
// full: Tailwind finds them by reading this file.)
const filtersDetails =
  'rounded-md border border-slate-300 bg-white lg:details-content:[content-visibility:visible] supports-[selector(::details-content)]:lg:border-0 supports-[selector(::details-content)]:lg:bg-transparent';
const filtersSummary = 'cursor-pointer rounded-md px-3 py-2.5 font-semibold supports-[selector(::details-content)]:lg:hidden';
const filtersBody = 'space-y-4 px-3 pb-3 supports-[selector(::details-content)]:lg:p-0';

export default async function CatalogPage({ searchParams }: { searchParams: Promise<SP> }) {
  const raw = await searchParams;
  const flat = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // Anonymous visitors share one cached copy of this page (ADR 006): everything about a district's
  // recommendations is for a signed-in teacher with a confirmed district only, and what the teacher
  // teaches is for that signed-in teacher only; each filter is dropped for anyone else (nothing is
  // even read for a visitor), so their page is the same whoever asks.
  const actor = await getActor();
  const inDistrict = Boolean(actor?.districtId);
  const parsed = CatalogSearchInput.parse(flat);
  // The keys tag the cards, and filter the search when asked: then they are read first. So is what
  // the teacher teaches, for "Matches what I teach" (else alongside the search, for the form).
  const keysLoad = actor && inDistrict ? recommendedCatalogKeys(actor) : Promise.resolve(new Set<string>());
  const teachingLoad = actor ? getOwnTeaching(actor) : Promise.resolve(null);
  const teachingFirst = parsed.forMe ? await teachingLoad : null;
  const input = { ...parsed, recommended: inDistrict ? parsed.recommended : undefined, forMe: saysWhatTheyTeach(teachingFirst) ? parsed.forMe : undefined };
  const recommended = input.recommended ? await keysLoad : null;
  const context = { recommended, teaching: teachingFirst, count: true };
  const [found, facets, recommendedKeys, teaching] = await Promise.all([searchCatalog(input, context), getCatalogFacets(), keysLoad, teachingLoad]);
  // Only a search that found nothing looks for a correction (one more search at most).
  const correction = found.items.length === 0 ? await correctCatalogSearch(input, context) : null;
  const { items, nextCursor, total } = correction ?? found;
  const filters = activeCatalogFilters(input);
  const activeCount = Object.keys(filters).length;
  const filtered = activeCount > 0 || Boolean(input.q);
  const params: Record<string, string | undefined> = { q: correction?.q ?? input.q, ...filters, cursor: input.cursor };

  return (
    <div>
      <PageHeader
        title="Catalogue"
        description={`Courses, badge tracks and micro-credentials you can earn by showing your practice. ${actor ? 'Enrol in any of them from its page.' : 'Free to browse; create an account to enrol.'}`}
      />
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr] lg:gap-8">
        <form method="get" action="/catalog" role="search" aria-label="Search the catalogue" className="space-y-4 lg:self-start">
          <div>
            <label htmlFor="q" className="block text-sm font-semibold">
              Search
            </label>
            <input id="q" name="q" type="search" defaultValue={input.q ?? ''} placeholder="e.g. feedback, team agenda" className={inputClass} />
          </div>
          <details className={filtersDetails}>
            <summary className={filtersSummary}>
              Filters <span className="font-normal text-slate-700">({activeCount} active)</span>
            </summary>
            <div className={filtersBody}>
              <Filter label="Type" name="kind" value={input.kind} options={[['TRACK', 'Courses and tracks'], ['MICRO_CREDENTIAL', 'Micro-credentials'], ['STACK', 'Stacks']]} />
              {/* A filter from the address (an old link, one typed in) keeps its choice in the drop-down even when it is not one of the options, so Apply does not drop it unseen. */}
              <Filter label="Issuer" name="issuer" value={input.issuer} options={withChosen(facets.issuers.map((i) => [i.id, i.name]), input.issuer, 'The issuer in your link (nothing listed now)')} />
              <Filter label="Topic" name="topic" value={input.topic} options={withChosen(facets.topics.map((t) => [t, t]), input.topic)} />
              <Filter label="Level" name="level" value={input.level?.toString()} options={levelOptions(facets.levels, input.level)} />
              <Filter label="Grade band" name="gradeBand" value={input.gradeBand} options={withChosen(facets.gradeBands.map((t) => [t, t]), input.gradeBand)} />
              <Filter label="Subject" name="subject" value={input.subject} options={withChosen(facets.subjects.map((t) => [t, t]), input.subject)} />
              <StackFilter value={input.stack} stacks={facets.stacks} />
              <Filter label="PD hours" name="maxHours" value={input.maxHours?.toString()} options={hoursOptions(input.maxHours)} />
              {inDistrict ? <RecommendedFilter checked={Boolean(input.recommended)} /> : null}
              {teaching ? <TeachingFilter checked={Boolean(input.forMe)} teaching={teaching} /> : null}
            </div>
          </details>
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
          {correction ? (
            <div className="mb-3 space-y-1 text-sm text-slate-700" role="status">
              <p>
                No results for “{input.q}”. Did you mean{' '}
                <Link href={catalogSearchHref({ ...filters, q: correction.q })} className="font-semibold">
                  {correction.q}
                </Link>
                ?
              </p>
              <p className="font-semibold text-slate-900">Showing results for “{correction.q}”: {countedResults(items.length, items.map((i) => i.kind), Boolean(nextCursor), total)}</p>
            </div>
          ) : items.length ? (
            <p className="mb-3 text-sm text-slate-700" role="status">
              {catalogResultLine({ q: input.q, filtered: activeCount > 0, count: items.length, kinds: items.map((i) => i.kind), more: Boolean(nextCursor), continued: Boolean(input.cursor), total })}
            </p>
          ) : null}
          {items.length ? (
            <ul className="grid gap-4 md:grid-cols-2">
              {items.map((item) => (
                <CatalogCard key={item.id} item={item} recommended={recommendedKeys.has(`${item.kind}:${item.refId}`)} />
              ))}
            </ul>
          ) : (
            <NoResults q={input.q} filters={filters} />
          )}
          <Pagination basePath="/catalog" params={params} nextCursor={nextCursor} hasPrevious={Boolean(input.cursor)} />
        </section>
      </div>
    </div>
  );
}

/** Says whether the words or the filters found nothing, with a way out that keeps the other. */
function NoResults({ q, filters }: { q?: string; filters: CatalogFilters }) {
  const hasFilters = Object.keys(filters).length > 0;
  if (q) {
    return (
      <EmptyState
        title={hasFilters ? `No results for “${q}” with these filters` : `No results for “${q}”`}
        action={
          <Actions>
            {hasFilters ? <Link href={catalogSearchHref({ q })}>Search all of the catalogue for “{q}”</Link> : null}
            <Link href={catalogSearchHref(filters)}>Clear the search</Link>
          </Actions>
        }
      >
        {hasFilters ? 'Nothing with the filters you chose matches your search. Search without the filters, or try other words.' : 'Check the spelling, or try other or fewer words.'}
      </EmptyState>
    );
  }
  if (hasFilters) {
    const only = Object.keys(filters).length === 1;
    if (only && filters.forMe) {
      return (
        <EmptyState
          title="Nothing matches what you teach yet"
          action={
            <Actions>
              <Link href="/catalog">See the whole catalogue</Link>
              <Link href={TEACHING_SETTINGS}>Change what I teach</Link>
            </Actions>
          }
        >
          No course, track, stack or micro-credential in the catalogue is for the subjects and grades you chose. Issuers publish new ones often.
        </EmptyState>
      );
    }
    return (
      <EmptyState title="Nothing matches these filters" action={<Link href="/catalog">Clear the filters</Link>}>
        {filters.recommended && only ? 'Your district has not recommended anything to you yet.' : 'Try fewer filters.'}
      </EmptyState>
    );
  }
  return <EmptyState title="The catalogue is empty">Issuers have not published any credentials yet.</EmptyState>;
}

function Actions({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap justify-center gap-x-6 gap-y-2">{children}</div>;
}

// Past this many stacks a drop-down is too long to use (and weighs on every catalogue page); the
// filter is then reached from a stack's own page, and shown here only while it is applied.
const MAX_STACK_OPTIONS = 40;

function StackFilter({ value, stacks }: { value?: string; stacks: { slug: string; title: string }[] }) {
  // A stack not published now (or a mistyped one) is kept as chosen, named by its address.
  const chosen = (options: [string, string][]) => withChosen(options, value, `${value} (not listed now)`);
  if (stacks.length <= MAX_STACK_OPTIONS) return <Filter label="Stack" name="stack" value={value} options={chosen(stacks.map((s) => [s.slug, s.title]))} />;
  const selected = value ? stacks.find((s) => s.slug === value) : undefined;
  return <Filter label="Stack" name="stack" value={value} options={chosen(selected ? [[selected.slug, selected.title]] : [])} />;
}

/**
 * The options with the value the search applies added when it is not one of them (labelled
 * `label`, else by the value itself), so the drop-down shows the filter that is on.
 */
function withChosen(options: [string, string][], chosen: string | undefined, label = chosen): [string, string][] {
  if (!chosen || options.some(([v]) => v === chosen)) return options;
  return [...options, [chosen, label ?? chosen]];
}

const fmtHours = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** The PD-hours limits offered, and any other limit asked for in the address, smallest first. */
function hoursOptions(chosen: number | undefined): [string, string][] {
  const all = [...new Set([5, 10, 20, ...(chosen !== undefined ? [chosen] : [])])].sort((a, b) => a - b);
  return all.map((h) => [String(h), `Up to ${fmtHours.format(h)} ${h === 1 ? 'hour' : 'hours'}`]);
}

/**
 * Levels 1 and 2 always (what the catalogue explains), and any higher level an issuer uses, or the
 * one asked for: level 1 shows understanding, 2 and above the skill in the teacher's own classroom.
 */
function levelOptions(levels: number[], chosen: number | undefined): [string, string][] {
  const all = [...new Set([1, 2, ...levels, ...(chosen ? [chosen] : [])])].sort((a, b) => a - b);
  return all.map((l) => [String(l), l === 1 ? 'Level 1: understanding' : `Level ${l}: in my classroom`]);
}

/** Only for a signed-in teacher with a confirmed district: what their district recommends to them. */
function RecommendedFilter({ checked }: { checked: boolean }) {
  return (
    <div className="flex items-start gap-2">
      <input id="f-recommended" name="recommended" type="checkbox" value="1" defaultChecked={checked} className="mt-1 h-4 w-4" />
      <label htmlFor="f-recommended" className="text-sm font-semibold">
        Recommended by my district
      </label>
    </div>
  );
}

/**
 * Only for a signed-in teacher. Once they have said what they teach (account page): "Matches what
 * I teach", with what it matches in words and the way to change it. Until then, the way to say it.
 */
function TeachingFilter({ checked, teaching }: { checked: boolean; teaching: Teaching }) {
  if (!saysWhatTheyTeach(teaching)) {
    return (
      <p className="text-sm text-slate-800">
        <Link href={TEACHING_SETTINGS} className="font-semibold">Say what you teach</Link> to see the micro-credentials made for your subjects and grades.
      </p>
    );
  }
  return (
    <div className="flex items-start gap-2">
      <input id="f-forMe" name="forMe" type="checkbox" value="1" defaultChecked={checked} aria-describedby="f-forMe-hint" className="mt-1 h-4 w-4" />
      <div>
        <label htmlFor="f-forMe" className="text-sm font-semibold">
          Matches what I teach
        </label>
        <p id="f-forMe-hint" className="text-sm text-slate-700">{matchRuleInWords(teaching)}</p>
        <p className="text-sm">
          <Link href={TEACHING_SETTINGS}>Change what I teach</Link>
        </p>
      </div>
    </div>
  );
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

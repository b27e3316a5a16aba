import { inputClass } from '@/components/ui/field';

/**
 * The "Name or email" search above a list of people: a plain GET form, so it works before (and
 * without) JavaScript. `keep` carries the page's other parameters (which organisation or district).
 */
export function PeopleSearch({ label, q, keep = {}, fieldLabel = 'Name or email' }: { label: string; q?: string; keep?: Record<string, string | undefined>; fieldLabel?: string }) {
  return (
    <form method="get" role="search" aria-label={label} className="mb-4 flex items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <div>
        <label htmlFor="q" className="block text-sm font-semibold">{fieldLabel}</label>
        <input id="q" name="q" defaultValue={q ?? ''} className={inputClass} />
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Search</button>
    </form>
  );
}

import { inputClass } from '@/components/ui/field';

/** The district's schools as a labelled filter (empty: all schools), for GET forms of reports and lists. */
export function SchoolSelect({ id, schools, selected }: { id: string; schools: { id: string; name: string }[]; selected: string | null }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">School</label>
      <select id={id} name="school" defaultValue={selected ?? ''} className={inputClass}>
        <option value="">All schools</option>
        {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
    </div>
  );
}

/**
 * "Filter by school" beside a list's search: a plain GET form with the school drop-down; `keep`
 * carries the page's other parameters (district, search, tab). Nothing when the district has no
 * schools.
 */
export function SchoolFilterForm({ schools, selected, keep }: { schools: { id: string; name: string }[]; selected: string | null; keep: Record<string, string | undefined> }) {
  if (!schools.length) return null;
  return (
    <form method="get" aria-label="Filter by school" className="mb-4 flex items-end gap-2">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <SchoolSelect id="school-filter" schools={schools} selected={selected} />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold">Show</button>
    </form>
  );
}

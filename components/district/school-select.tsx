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

import { inputClass } from '@/components/ui/field';

/** A GET form to switch school (shown only to people who lead several, or platform admins). */
export function SchoolPicker({ schools, current, keep = {} }: { schools: { id: string; name: string; districtName: string }[]; current: string; keep?: Record<string, string | undefined> }) {
  if (schools.length < 2) return null;
  // Two schools of one name in different districts stay apart.
  const manyDistricts = new Set(schools.map((s) => s.districtName)).size > 1;
  return (
    <form method="get" className="mb-4 flex items-end gap-2">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div>
        <label htmlFor="school-picker" className="block text-sm font-semibold">School</label>
        <select id="school-picker" name="school" defaultValue={current} className={inputClass}>
          {schools.map((s) => <option key={s.id} value={s.id}>{manyDistricts ? `${s.name} (${s.districtName})` : s.name}</option>)}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold">Switch</button>
    </form>
  );
}

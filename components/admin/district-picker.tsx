import { inputClass } from '@/components/ui/field';

/** A GET form to switch district (shown only to people who lead several, or platform admins). */
export function DistrictPicker({ districts, current, keep = {} }: { districts: { id: string; name: string }[]; current: string; keep?: Record<string, string | undefined> }) {
  if (districts.length < 2) return null;
  return (
    <form method="get" className="mb-4 flex items-end gap-2">
      {Object.entries(keep).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <div>
        <label htmlFor="district" className="block text-sm font-semibold">District</label>
        <select id="district" name="district" defaultValue={current} className={inputClass}>
          {districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold">Switch</button>
    </form>
  );
}

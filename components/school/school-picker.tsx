import { inputClass } from '@/components/ui/field';
import { ADMIN_PICKER_LIMIT } from '@/lib/school/schemas';

type School = { id: string; name: string; districtName: string };

/**
 * GET forms to switch school, shown only to people who lead several (or platform admins). A
 * platform admin's list stops at ADMIN_PICKER_LIMIT schools: it says so, and a search by name finds
 * any other.
 */
export function SchoolPicker({ schools, current, cutOff = false, find, keep = {} }: { schools: School[]; current: School; cutOff?: boolean; find?: string; keep?: Record<string, string | undefined> }) {
  // The school shown is always an option, even when a search left it out.
  const options = schools.some((s) => s.id === current.id) ? schools : [current, ...schools];
  const searching = cutOff || Boolean(find);
  if (options.length < 2 && !searching) return null;
  // Two schools of one name in different districts stay apart.
  const manyDistricts = new Set(options.map((s) => s.districtName)).size > 1;
  const hidden = (values: Record<string, string | undefined>) => Object.entries(values).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null));
  const showAll = `?${new URLSearchParams(Object.entries({ ...keep, school: current.id }).filter((e): e is [string, string] => Boolean(e[1])))}`;
  return (
    <div className="mb-4 space-y-2">
      <form method="get" className="flex flex-wrap items-end gap-2">
        {hidden({ ...keep, find })}
        <div>
          <label htmlFor="school-picker" className="block text-sm font-semibold">School</label>
          <select id="school-picker" name="school" defaultValue={current.id} className={inputClass}>
            {options.map((s) => <option key={s.id} value={s.id}>{manyDistricts ? `${s.name} (${s.districtName})` : s.name}</option>)}
          </select>
        </div>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold">Switch</button>
      </form>
      {searching ? (
        <>
          <form method="get" role="search" aria-label="Find a school" className="flex flex-wrap items-end gap-2">
            {hidden({ ...keep, school: current.id })}
            <div>
              <label htmlFor="school-find" className="block text-sm font-semibold">Find a school by name</label>
              <input id="school-find" name="find" type="search" defaultValue={find} maxLength={100} className={inputClass} />
            </div>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold">Find</button>
            {find ? <a href={showAll} className="py-2 text-sm font-semibold">Clear the search</a> : null}
          </form>
          <p className="text-sm text-slate-700">
            {find && !schools.length
              ? `No school’s name contains “${find}”.`
              : cutOff
                ? `The list shows the first ${ADMIN_PICKER_LIMIT} schools${find ? ` whose name contains “${find}”` : ''}, A to Z. To open another, find it by name.`
                : `${schools.length} ${schools.length === 1 ? 'school’s name contains' : 'schools’ names contain'} “${find}”.`}
          </p>
        </>
      ) : null}
    </div>
  );
}

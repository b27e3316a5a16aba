import { inputClass } from '@/components/ui/field';

/** A GET form to switch issuer (shown only to people who administer several, or platform admins). */
export function IssuerPicker({ issuers, current }: { issuers: { id: string; name: string }[]; current: string }) {
  if (issuers.length < 2) return null;
  return (
    <form method="get" className="mb-4 flex items-end gap-2">
      <div>
        <label htmlFor="org" className="block text-sm font-semibold">Organisation</label>
        <select id="org" name="org" defaultValue={current} className={inputClass}>{issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}</select>
      </div>
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold">Switch</button>
    </form>
  );
}

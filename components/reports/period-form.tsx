import type { ReactNode } from 'react';
import { reportBounds, type Period } from '@/lib/reporting/schemas';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { inputClass } from '@/components/ui/field';

/**
 * The reporting period as a GET form. `keep` travels as hidden fields (the district or school being
 * shown); `children` go between the dates and the button (a school filter). The date fields offer
 * only the days resolvePeriod accepts (reportBounds); a link with others is narrowed and says so.
 */
export function PeriodForm({ label, period, keep, children, now = new Date() }: { label: string; period: Period; keep: Record<string, string>; children?: ReactNode; now?: Date }) {
  const { earliest, latest } = reportBounds(now);
  return (
    <form method="get" className="mb-2 flex flex-wrap items-end gap-3" aria-label={label}>
      {Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div>
        <label htmlFor="from" className="block text-sm font-semibold">From (UTC)</label>
        <input id="from" name="from" type="date" min={earliest} max={latest} defaultValue={period.fromLabel} className={inputClass} />
      </div>
      <div>
        <label htmlFor="to" className="block text-sm font-semibold">To (inclusive, UTC)</label>
        <input id="to" name="to" type="date" min={earliest} max={latest} defaultValue={period.toLabel} className={inputClass} />
      </div>
      {children}
      <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">Show</button>
    </form>
  );
}

/** Links to the school years (July to June, as teachers' own records count them) and calendar year around `now`. */
/** `current`: the period shown (its first and last days), whose link is marked as the current one. */
export function QuickPeriods({ path, keep, now, current }: { path: string; keep: Record<string, string>; now: Date; current?: { fromLabel: string; toLabel: string } }) {
  const y = schoolYearOf(now).startYear;
  const presets = [
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y, 6, 1))).label}`, from: `${y}-07-01`, to: `${y + 1}-06-30` },
    { label: `School year ${schoolYearOf(new Date(Date.UTC(y - 1, 6, 1))).label}`, from: `${y - 1}-07-01`, to: `${y}-06-30` },
    { label: `Calendar year ${now.getUTCFullYear()}`, from: `${now.getUTCFullYear()}-01-01`, to: `${now.getUTCFullYear()}-12-31` },
  ];
  // Chips at least 24px tall and spaced apart, so a finger on a phone finds each one (WCAG 2.5.8).
  return (
    <nav aria-labelledby="quick-periods" className="mb-6 text-sm">
      <p id="quick-periods" className="font-semibold">Quick periods</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
        {presets.map((p) => (
          <li key={p.label}>
            <a
              href={`${path}?${new URLSearchParams({ from: p.from, to: p.to, ...keep })}`}
              aria-current={current && current.fromLabel === p.from && current.toLabel === p.to ? 'page' : undefined}
              className="inline-flex min-h-6 items-center rounded-full border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
            >
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import Link from 'next/link';
import { presetRange, TRANSCRIPT_PRESETS, type TranscriptPeriod, type TranscriptPreset } from '@/lib/reporting/transcript';
import { schoolYearOf } from '@/lib/reporting/teacher-record';
import { dayFmt, utcDay } from '@/lib/dates';
import { TextField } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

const day = (label: string) => dayFmt.format(utcDay(label)!);

function presetLabel(preset: TranscriptPreset, now: Date): string {
  const range = presetRange(preset, now);
  if (!range) return 'All time';
  if (preset === 'this-school-year') return `This school year (${schoolYearOf(now).label})`;
  // A common licence renewal cycle.
  return `Last 5 years (${day(range.fromLabel)} to ${day(range.toLabel)})`;
}

/**
 * The transcript's period: quick choices as links, or dates in a GET form. Never printed (`no-print`):
 * the transcript's header says the period it covers.
 */
export function TranscriptPeriodForm({ current, values, fieldErrors = {}, now }: {
  current: TranscriptPeriod | null;
  values: { from: string; to: string };
  fieldErrors?: Partial<Record<'period' | 'from' | 'to', string[]>>;
  now: Date;
}) {
  return (
    <section aria-labelledby="period-heading" className="no-print mb-8 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="period-heading" className="text-lg font-semibold">Period</h2>
      <p className="mt-1 text-sm text-slate-700">The transcript lists the badges issued in the period you choose. Dates are whole days in UTC.</p>
      <nav aria-label="Quick periods" className="mt-3">
        <ul className="flex flex-wrap gap-x-4 gap-y-2">
          {TRANSCRIPT_PRESETS.map((p) => {
            const active = current?.choice === p;
            return (
              <li key={p}>
                <Link href={p === 'all' ? '/badges/transcript' : `/badges/transcript?period=${p}`} aria-current={active ? 'page' : undefined} className={active ? 'font-semibold' : undefined}>
                  {presetLabel(p, now)}
                </Link>
                {active ? <span className="text-sm text-slate-700"> (shown)</span> : null}
              </li>
            );
          })}
        </ul>
      </nav>
      <form method="get" action="/badges/transcript" className="mt-4">
        <fieldset>
          <legend className="text-sm font-semibold">Or choose the dates</legend>
          <div className="mt-2 grid gap-x-4 sm:grid-cols-2 sm:max-w-xl">
            <TextField type="date" label="From" name="from" hint="First day included. Leave empty to start from your first badge." defaultValue={values.from} errors={fieldErrors.from} />
            <TextField type="date" label="To" name="to" hint="Last day included. Leave empty to go up to today." defaultValue={values.to} errors={fieldErrors.to} />
          </div>
        </fieldset>
        <Button type="submit">Show this period</Button>
      </form>
    </section>
  );
}

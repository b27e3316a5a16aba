import { ChartFigure } from '@/components/charts/chart-parts';

export type BarDatum = { label: string; value: number | null; /** Shown beside the bar and in the table, e.g. "82% (n=40)". */ display?: string };

/**
 * Horizontal bar chart in plain HTML, rendered on the server: no chart library, no client JavaScript.
 * Labels and values are page text, so they keep the page's type size at every width and wrap instead
 * of being cut. The rows are a list a screen reader reads as "label: value"; the bars themselves are
 * decoration (hidden from assistive technology), and the same numbers are in a data table, so nothing
 * depends on colour or on seeing a bar's length.
 */
export function BarChart({ title, description = '', data, max, format = (v) => String(v), valueHeading = 'Value', referenceValue, referenceLabel, color = '#1d4ed8' }: {
  title: string;
  description?: string;
  /** Bar colour; values are always written beside the bars, so colour carries no meaning. */
  color?: string;
  data: BarDatum[];
  max?: number;
  format?: (v: number) => string;
  valueHeading?: string;
  referenceValue?: number;
  referenceLabel?: string;
}) {
  const top = Math.max(max ?? 0, ...data.map((d) => d.value ?? 0), referenceValue ?? 0) || 1;
  const share = (v: number) => `${Math.min(100, (Math.max(0, v) / top) * 100)}%`;
  const shown = (d: BarDatum) => (d.value === null ? 'no data' : (d.display ?? format(d.value)));
  const reference = referenceValue === undefined ? null : (referenceLabel ?? format(referenceValue));
  return (
    <ChartFigure framed={false} title={title} description={description} table={{ headers: ['Item', valueHeading], rows: data.map((d) => [d.label, shown(d)]) }}>
      {data.length === 0 ? (
        <p className="text-sm text-slate-700">No data for this period.</p>
      ) : (
        <>
          {/* Narrow (a phone, half a dashboard): label and value on one line, the bar full width under
              them. Wider: label, bar and value side by side, the values lined up in one column. */}
          <ul className="grid max-w-3xl grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-2 text-sm @lg:grid-cols-[minmax(7rem,14rem)_minmax(6rem,1fr)_auto] @lg:gap-y-1.5">
            {data.map((d, i) => (
              <li key={`${d.label}-${i}`} className="col-span-2 grid grid-cols-subgrid items-center gap-y-1 @lg:col-span-3">
                <span className="min-w-0 text-slate-900">{d.label}<span className="sr-only">: </span></span>
                <span aria-hidden="true" className="relative col-span-2 row-start-2 block h-3.5 border-l border-slate-500 @lg:col-span-1 @lg:col-start-2 @lg:row-start-1">
                  {d.value !== null && d.value > 0 ? <span className="block h-full min-w-0.5 rounded-r-sm" style={{ width: share(d.value), background: color }} /> : null}
                  {referenceValue !== undefined ? <span className="absolute -inset-y-1 border-l-2 border-dashed border-red-700" style={{ left: share(referenceValue) }} /> : null}
                </span>
                <span className="col-start-2 row-start-1 text-right tabular-nums text-slate-900 @lg:col-start-3 @lg:text-left">{shown(d)}</span>
              </li>
            ))}
          </ul>
          {reference ? (
            <p className="mt-2 flex items-center gap-2 text-sm text-slate-800">
              <span aria-hidden="true" className="inline-block h-4 border-l-2 border-dashed border-red-700" />
              <span><span className="sr-only">Reference line: </span>{reference}</span>
            </p>
          ) : null}
        </>
      )}
    </ChartFigure>
  );
}

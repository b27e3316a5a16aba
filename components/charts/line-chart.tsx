import { useId } from 'react';
import { CHART_COLORS, ChartFigure, axisLabelIndices, niceTicks } from '@/components/charts/chart-parts';

type Props = {
  title: string;
  description?: string;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
  format?: (v: number) => string;
  /** A horizontal reference line, such as an SLA target. */
  reference?: { value: number; label: string };
  yMax?: number;
  /** Heading of the first column of the data table. */
  xHeading?: string;
};

// Each series differs in three ways besides colour: marker shape, line weight and dash. The first is
// drawn widest and underneath, later ones narrower on top, so where two series share values (both
// zero for months) both stay visible: a dashed line running along a wider solid one.
const STYLES = [
  { width: 4, dash: undefined, marker: 'circle' },
  { width: 2, dash: '7 4', marker: 'square' },
  { width: 2, dash: '2 3', marker: 'triangle' },
  { width: 2, dash: '10 3 2 3', marker: 'diamond' },
] as const;
const MARKERS = {
  circle: 'M-5.5,0a5.5,5.5 0 1,0 11,0a5.5,5.5 0 1,0 -11,0Z',
  square: 'M-3.5,-3.5h7v7h-7Z',
  triangle: 'M0,-4.5L4,3H-4Z',
  diamond: 'M0,-4.5L4.5,0L0,4.5L-4.5,0Z',
} as const;
const style = (i: number) => ({ ...STYLES[i % STYLES.length], color: CHART_COLORS[i % CHART_COLORS.length] });

/** The line style and marker of series `i`, drawn the same in the legend as in the chart. */
function Swatch({ index }: { index: number }) {
  const s = style(index);
  return (
    <svg width="32" height="14" viewBox="-16 -7 32 14" aria-hidden="true" className="shrink-0 overflow-visible">
      <line x1="-15" x2="15" y1="0" y2="0" stroke={s.color} strokeWidth={s.width} strokeDasharray={s.dash} />
      <path d={MARKERS[s.marker]} fill={index === 0 ? s.color : '#fff'} stroke={s.color} strokeWidth={index === 0 ? 0 : 2} />
    </svg>
  );
}

/**
 * Server-rendered line chart. The plot is an SVG drawn in percentages of its box with no viewBox, so
 * it stretches to any width without scaling what is drawn; the axis labels are page text beside it,
 * so they keep a readable size at every width. Markers (so single points show), a legend, and the
 * numbers as a table; to assistive technology the chart is one image described in words.
 */
export function LineChart({ title, description, labels, series, format = (v) => String(v), reference, yMax, xHeading = 'Period' }: Props) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = yMax ?? Math.max(0, ...values, reference?.value ?? 0);
  // Counts get whole-number ticks. A share (yMax 1) or any fractional value keeps fractional ones.
  const integer = yMax === undefined && values.every(Number.isInteger) && (!reference || Number.isInteger(reference.value));
  const ticks = niceTicks(max, 4, { integer });
  const top = ticks[ticks.length - 1] || 1;
  const x = (i: number) => (labels.length <= 1 ? 50 : (100 * i) / (labels.length - 1));
  const y = (v: number) => 100 - (Math.max(0, Math.min(v, top)) / top) * 100;
  const pc = (n: number) => `${Number(n.toFixed(3))}%`;
  const summary = series.map((s) => `${s.name}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? 'no data' : format(v)}`).join(', ')}`).join('. ');
  // How many period labels fit: on a phone or in half a dashboard, at full width.
  const narrow = new Set(axisLabelIndices(labels.length, 4));
  const medium = new Set(axisLabelIndices(labels.length, 7));
  const wide = new Set(axisLabelIndices(labels.length, 12));
  const widestTick = ticks.map((t) => format(t)).reduce((a, b) => (b.length > a.length ? b : a), '');
  return (
    <ChartFigure
      title={title}
      description={description}
      table={{ headers: [xHeading, ...series.map((s) => s.name)], rows: labels.map((l, i) => [l, ...series.map((s) => (s.values[i] === null ? '—' : format(s.values[i]!)))]) }}
    >
      {series.length > 1 ? (
        <ul className="mb-2 flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name} className="flex items-center gap-2"><Swatch index={i} />{s.name}</li>
          ))}
        </ul>
      ) : null}
      <div role="img" aria-label={`${title}. ${labels.length ? summary : 'No data for this period.'}`} className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 pt-3 pr-7 pl-2 text-xs text-slate-700">
        {/* The y-axis labels; the invisible copy of the widest one gives the column its width. */}
        <div className="relative">
          <span className="invisible block h-0 overflow-hidden tabular-nums">{widestTick}</span>
          {ticks.map((t) => (
            <span key={t} className="absolute right-0 -translate-y-1/2 tabular-nums whitespace-nowrap" style={{ top: pc(y(t)) }}>{format(t)}</span>
          ))}
        </div>
        <div className="relative h-44 @md:h-52">
          <svg className="absolute inset-0 h-full w-full overflow-visible" aria-hidden="true" focusable="false">
            <defs>
              {STYLES.map((s, i) => <path key={s.marker} id={`${uid}-m${i}`} d={MARKERS[s.marker]} />)}
            </defs>
            {ticks.map((t) => <line key={t} x1="0" x2="100%" y1={pc(y(t))} y2={pc(y(t))} stroke="#e2e8f0" />)}
            <line x1="0" x2="100%" y1="100%" y2="100%" stroke="#64748b" />
            {reference ? <line x1="0" x2="100%" y1={pc(y(reference.value))} y2={pc(y(reference.value))} stroke="#b91c1c" strokeWidth="1.5" strokeDasharray="6 4" /> : null}
            {series.map((s, si) => {
              const { color, width, dash } = style(si);
              // Gaps (null) break the line instead of pretending the value was zero.
              return (
                <g key={s.name}>
                  {s.values.map((v, i) => {
                    const next = s.values[i + 1];
                    return v === null || next === null || next === undefined ? null : (
                      <line key={i} x1={pc(x(i))} y1={pc(y(v))} x2={pc(x(i + 1))} y2={pc(y(next))} stroke={color} strokeWidth={width} strokeDasharray={dash} strokeLinecap={dash ? 'butt' : 'round'} />
                    );
                  })}
                  {s.values.map((v, i) => (v === null ? null : (
                    <use key={i} href={`#${uid}-m${si % STYLES.length}`} x={pc(x(i))} y={pc(y(v))} fill={si === 0 ? color : '#fff'} stroke={color} strokeWidth={si === 0 ? 0 : 2} />
                  )))}
                </g>
              );
            })}
          </svg>
          {reference ? (
            <span className="absolute right-0 -translate-y-full bg-white/90 px-1 pb-0.5 font-medium text-red-800" style={{ top: pc(y(reference.value)) }}>{reference.label}</span>
          ) : null}
          {!labels.length ? <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-700">No data for this period</p> : null}
        </div>
        {/* The period labels, centred under their points; the padding either side of the plot leaves
            room for half a label, so the first and last stay inside the box. */}
        <div className="relative col-start-2 mt-1.5 h-4">
          {labels.map((l, i) => {
            if (!narrow.has(i) && !medium.has(i) && !wide.has(i)) return null;
            const shown = `${narrow.has(i) ? 'block' : 'hidden'} ${medium.has(i) ? '@md:block' : '@md:hidden'} ${wide.has(i) ? '@3xl:block' : '@3xl:hidden'}`;
            return <span key={i} className={`absolute top-0 -translate-x-1/2 whitespace-nowrap ${shown}`} style={{ left: pc(x(i)) }}>{l}</span>;
          })}
        </div>
      </div>
    </ChartFigure>
  );
}

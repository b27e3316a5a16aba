import { CHART_COLORS, ChartFigure, niceTicks } from '@/components/charts/chart-parts';

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

const W = 640;
const H = 260;
const M = { top: 12, right: 12, bottom: 48, left: 52 };

/** Server-rendered SVG line chart with markers (so single points show), a legend and a data table. */
export function LineChart({ title, description, labels, series, format = (v) => String(v), reference, yMax, xHeading = 'Period' }: Props) {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = yMax ?? Math.max(0, ...values, reference?.value ?? 0);
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const x = (i: number) => M.left + (labels.length <= 1 ? iw / 2 : (iw * i) / (labels.length - 1));
  const y = (v: number) => M.top + ih - (Math.min(v, top) / top) * ih;
  const summary = series.map((s) => `${s.name}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? 'no data' : format(v)}`).join(', ')}`).join('. ');
  const labelEvery = Math.ceil(labels.length / 10);
  return (
    <ChartFigure
      title={title}
      description={description}
      table={{ headers: [xHeading, ...series.map((s) => s.name)], rows: labels.map((l, i) => [l, ...series.map((s) => (s.values[i] === null ? '—' : format(s.values[i]!)))]) }}
    >
      {series.length > 1 ? (
        <ul className="mb-1 flex flex-wrap gap-4 text-sm" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name} className="flex items-center gap-1.5"><span className="inline-block h-2.5 w-4 rounded" style={{ background: CHART_COLORS[i % CHART_COLORS.length] }} />{s.name}</li>
          ))}
        </ul>
      ) : null}
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${labels.length ? summary : 'No data for this period.'}`} className="h-auto w-full">
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#334155">{format(t)}</text>
          </g>
        ))}
        {reference ? (
          <g>
            <line x1={M.left} x2={W - M.right} y1={y(reference.value)} y2={y(reference.value)} stroke="#b91c1c" strokeDasharray="6 4" />
            <text x={W - M.right} y={y(reference.value) - 4} textAnchor="end" fontSize="11" fill="#b91c1c">{reference.label}</text>
          </g>
        ) : null}
        {labels.map((l, i) =>
          i % labelEvery === 0 ? (
            <text key={i} x={x(i)} y={H - M.bottom + 16} textAnchor="middle" fontSize="11" fill="#334155">{l}</text>
          ) : null,
        )}
        {series.map((s, si) => {
          const color = CHART_COLORS[si % CHART_COLORS.length];
          // Gaps (null) break the line instead of pretending the value was zero.
          const segments: string[] = [];
          let current = '';
          s.values.forEach((v, i) => {
            if (v === null) {
              if (current) segments.push(current);
              current = '';
            } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
          });
          if (current) segments.push(current);
          return (
            <g key={s.name}>
              {segments.map((d, k) => <path key={k} d={d} fill="none" stroke={color} strokeWidth="2.5" strokeDasharray={si % 2 ? '5 3' : undefined} />)}
              {s.values.map((v, i) => (v === null ? null : (
                <circle key={i} cx={x(i)} cy={y(v)} r="3.5" fill={color}>
                  <title>{`${s.name}, ${labels[i]}: ${format(v)}`}</title>
                </circle>
              )))}
            </g>
          );
        })}
        <line x1={M.left} x2={W - M.right} y1={M.top + ih} y2={M.top + ih} stroke="#64748b" />
        {!labels.length ? <text x={W / 2} y={H / 2} textAnchor="middle" fontSize="13" fill="#475569">No data for this period</text> : null}
      </svg>
    </ChartFigure>
  );
}

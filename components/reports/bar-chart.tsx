import { ChartFigure, niceTicks } from '@/components/reports/chart-parts';

type Props = {
  title: string;
  description?: string;
  data: { label: string; value: number }[];
  /** How values read in labels and the table, e.g. (v) => `${v} h`. */
  format?: (v: number) => string;
  valueLabel?: string;
  color?: string;
};

const W = 640;
const H = 260;
const M = { top: 12, right: 12, bottom: 56, left: 48 };

/** Server-rendered SVG bar chart: no client JavaScript, a text alternative and a data table. */
export function BarChart({ title, description, data, format = (v) => String(v), valueLabel = 'Value', color = '#1d4ed8' }: Props) {
  const max = Math.max(0, ...data.map((d) => d.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] || 1;
  const iw = W - M.left - M.right;
  const ih = H - M.top - M.bottom;
  const band = data.length ? iw / data.length : iw;
  const bw = Math.max(2, Math.min(48, band * 0.7));
  const y = (v: number) => M.top + ih - (v / top) * ih;
  const summary = data.length ? data.map((d) => `${d.label}: ${format(d.value)}`).join('; ') : 'No data for this period.';
  const labelEvery = Math.ceil(data.length / 12);
  return (
    <ChartFigure title={title} description={description} table={{ headers: ['', valueLabel], rows: data.map((d) => [d.label, format(d.value)]) }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${summary}`} className="h-auto w-full">
        <title>{title}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={M.left - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#334155">{format(t)}</text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = M.left + band * i + (band - bw) / 2;
          return (
            <g key={i}>
              <rect x={x} y={y(d.value)} width={bw} height={Math.max(0, M.top + ih - y(d.value))} fill={color} rx="2">
                <title>{`${d.label}: ${format(d.value)}`}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={x + bw / 2} y={H - M.bottom + 14} textAnchor="end" fontSize="11" fill="#334155" transform={`rotate(-35 ${x + bw / 2} ${H - M.bottom + 14})`}>
                  {d.label.length > 16 ? `${d.label.slice(0, 15)}…` : d.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={M.left} x2={W - M.right} y1={M.top + ih} y2={M.top + ih} stroke="#64748b" />
        {!data.length ? <text x={W / 2} y={H / 2} textAnchor="middle" fontSize="13" fill="#475569">No data for this period</text> : null}
      </svg>
    </ChartFigure>
  );
}

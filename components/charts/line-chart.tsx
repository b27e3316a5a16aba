import { useId } from 'react';

export type LinePoint = { label: string; value: number | null; display?: string };

/**
 * A time series as server-rendered SVG: a line with a visible marker and value label at every point,
 * an optional dashed reference line (e.g. the SLA), a title and description for assistive
 * technology, and the same data as a table inside <details>.
 */
export function LineChart({ title, description, points, format = (v) => String(v), valueHeading = 'Value', xHeading = 'Period', referenceValue, referenceLabel }: {
  title: string;
  description: string;
  points: LinePoint[];
  format?: (v: number) => string;
  valueHeading?: string;
  xHeading?: string;
  referenceValue?: number;
  referenceLabel?: string;
}) {
  const id = useId();
  const width = 640;
  const height = 240;
  const pad = { l: 44, r: 16, t: 16, b: 40 };
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const top = Math.max(1, ...values, referenceValue ?? 0) * 1.1;
  const innerW = width - pad.l - pad.r;
  const innerH = height - pad.t - pad.b;
  const x = (i: number) => pad.l + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => pad.t + innerH - (v / top) * innerH;
  const ticks = [0, top / 2, top].map((v) => Math.round(v * 10) / 10);
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i)},${y(p.value)}`))
    .reduce<string[]>((acc, pt, i, all) => {
      if (!pt) return acc;
      acc.push(`${i === 0 || all[i - 1] === null ? 'M' : 'L'}${pt}`);
      return acc;
    }, [])
    .join(' ');
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <figure className="my-4">
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      {points.length === 0 ? (
        <p className="text-sm text-slate-700">No data for this period.</p>
      ) : (
        <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-3xl">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>
            {description} {points.map((p) => `${p.label}: ${p.value === null ? 'no data' : (p.display ?? format(p.value))}`).join('; ')}.
          </desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={pad.l} x2={width - pad.r} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
              <text x={pad.l - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize="11" fill="#334155">
                {format(t)}
              </text>
            </g>
          ))}
          <line x1={pad.l} x2={pad.l} y1={pad.t} y2={pad.t + innerH} stroke="#475569" />
          <line x1={pad.l} x2={width - pad.r} y1={pad.t + innerH} y2={pad.t + innerH} stroke="#475569" />
          {referenceValue !== undefined ? (
            <g>
              <line x1={pad.l} x2={width - pad.r} y1={y(referenceValue)} y2={y(referenceValue)} stroke="#b91c1c" strokeDasharray="5 4" />
              <text x={width - pad.r} y={y(referenceValue) - 5} textAnchor="end" fontSize="11" fill="#7f1d1d">
                {referenceLabel ?? format(referenceValue)}
              </text>
            </g>
          ) : null}
          <path d={path} fill="none" stroke="#1d4ed8" strokeWidth="2.5" />
          {points.map((p, i) =>
            p.value === null ? null : (
              <g key={`${p.label}-${i}`}>
                <rect x={x(i) - 4} y={y(p.value) - 4} width="8" height="8" fill="#1d4ed8" />
                <text x={x(i)} y={y(p.value) - 9} textAnchor="middle" fontSize="10" fill="#0f172a">
                  {p.display ?? format(p.value)}
                </text>
              </g>
            ),
          )}
          {points.map((p, i) =>
            i % labelEvery === 0 ? (
              <text key={`x-${p.label}-${i}`} x={x(i)} y={height - pad.b + 16} textAnchor="middle" fontSize="11" fill="#334155">
                {p.label}
              </text>
            ) : null,
          )}
        </svg>
      )}
      {points.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">Show the data as a table</summary>
          <table className="mt-2 border-collapse">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left">{xHeading}</th>
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left">{valueHeading}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p, i) => (
                <tr key={`${p.label}-${i}`}>
                  <th scope="row" className="border-b border-slate-200 px-2 py-1 text-left font-normal">{p.label}</th>
                  <td className="border-b border-slate-200 px-2 py-1">{p.value === null ? 'no data' : (p.display ?? format(p.value))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}

import { useId } from 'react';

export type BarDatum = { label: string; value: number | null; /** Shown beside the bar and in the table, e.g. "82% (n=40)". */ display?: string };

/**
 * Horizontal bar chart rendered on the server as SVG: no chart library, no client JavaScript.
 * The SVG has role="img" with a title and description; the same numbers are in a data table inside
 * <details> for screen-reader and keyboard users, and every bar carries its value as text, so
 * nothing depends on colour or on seeing the bar length.
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
  const id = useId();
  const rowH = 28;
  const labelW = 200;
  const chartW = 360;
  const valueW = 130;
  const width = labelW + chartW + valueW;
  const height = Math.max(1, data.length) * rowH + 24;
  const top = Math.max(max ?? 0, ...data.map((d) => d.value ?? 0), referenceValue ?? 0) || 1;
  const x = (v: number) => labelW + (Math.max(0, v) / top) * chartW;
  const truncate = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return (
    <figure className="my-4">
      <figcaption className="mb-2">
        <span className="font-semibold">{title}</span>
        {description ? <span className="block text-sm text-slate-700">{description}</span> : null}
      </figcaption>
      {data.length === 0 ? (
        <p className="text-sm text-slate-700">No data for this period.</p>
      ) : (
        <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-3xl" preserveAspectRatio="xMinYMin meet">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>
            {description ? `${description} ` : ''}{data.map((d) => `${d.label}: ${d.value === null ? 'no data' : (d.display ?? format(d.value))}`).join('; ')}.
          </desc>
          <line x1={labelW} x2={labelW} y1={0} y2={height - 20} stroke="#475569" />
          {data.map((d, i) => {
            const y = i * rowH + 4;
            return (
              <g key={`${d.label}-${i}`}>
                <text x={labelW - 8} y={y + rowH / 2} textAnchor="end" dominantBaseline="middle" fontSize="12" fill="#0f172a">
                  {truncate(d.label)}
                </text>
                {d.value !== null ? <rect x={labelW} y={y + 4} width={Math.max(1, x(d.value) - labelW)} height={rowH - 10} fill={color} /> : null}
                <text x={d.value !== null ? x(d.value) + 6 : labelW + 6} y={y + rowH / 2} dominantBaseline="middle" fontSize="12" fill="#0f172a">
                  {d.value === null ? 'no data' : (d.display ?? format(d.value))}
                </text>
              </g>
            );
          })}
          {referenceValue !== undefined ? (
            <g>
              <line x1={x(referenceValue)} x2={x(referenceValue)} y1={0} y2={height - 20} stroke="#b91c1c" strokeDasharray="4 3" />
              <text x={x(referenceValue)} y={height - 6} textAnchor="middle" fontSize="11" fill="#7f1d1d">
                {referenceLabel ?? format(referenceValue)}
              </text>
            </g>
          ) : null}
        </svg>
      )}
      {data.length ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-brand-700">Show the data as a table</summary>
          <table className="mt-2 border-collapse">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left">Item</th>
                <th scope="col" className="border-b border-slate-300 px-2 py-1 text-left">{valueHeading}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d, i) => (
                <tr key={`${d.label}-${i}`}>
                  <th scope="row" className="border-b border-slate-200 px-2 py-1 text-left font-normal">{d.label}</th>
                  <td className="border-b border-slate-200 px-2 py-1">{d.value === null ? 'no data' : (d.display ?? format(d.value))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </figure>
  );
}

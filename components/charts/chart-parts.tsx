import type { ReactNode } from 'react';

export const CHART_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490'];

/** Round-number axis ticks from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** The accessible wrapper every chart shares: a figure, its caption, and the numbers as a table. */
export function ChartFigure({ title, description, table, children }: { title: string; description?: string; table: { headers: string[]; rows: (string | number)[][] }; children: ReactNode }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="mb-2">
        <span className="font-semibold">{title}</span>
        {description ? <span className="block text-sm text-slate-700">{description}</span> : null}
      </figcaption>
      {children}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show the data as a table</summary>
        {/* Focusable, so keyboard users can scroll a long or wide table (it holds nothing else to focus). */}
        <div className="mt-2 max-h-80 overflow-auto" tabIndex={0} role="region" aria-label={`${title}: data`}>
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>{table.headers.map((h, i) => <th key={i} scope="col" className="border-b border-slate-300 p-1.5">{h}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>{r.map((c, j) => (j === 0 ? <th key={j} scope="row" className="border-b border-slate-100 p-1.5 font-normal">{c}</th> : <td key={j} className="border-b border-slate-100 p-1.5 tabular-nums">{c}</td>))}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

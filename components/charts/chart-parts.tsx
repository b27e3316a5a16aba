import type { ReactNode } from 'react';

export const CHART_COLORS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490'];

/**
 * Round-number axis ticks from 0 to at least `max`. With `integer`, for counts, every step is a
 * whole number: a chart of enrolments never shows "0.5 enrolments".
 */
export function niceTicks(max: number, count = 4, { integer = false }: { integer?: boolean } = {}): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  // 2.5 × 10ⁿ is whole from 25 up; below that, and below 1, take the next whole step.
  if (integer && !Number.isInteger(step)) step = Math.max(1, step === 2.5 ? 5 : Math.ceil(step));
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/**
 * Which of `count` x-axis labels to print when at most `max` fit: evenly spaced, counted back from
 * the last (the latest period is the one people look for), so none is squeezed against another.
 */
export function axisLabelIndices(count: number, max: number): number[] {
  if (count <= 0) return [];
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  if (max <= 1) return [count - 1];
  const stride = Math.ceil((count - 1) / (max - 1));
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i -= stride) out.unshift(i);
  return out;
}

/** The numbers behind a chart as a table, in a focusable region so keyboard users can scroll it. */
export function ChartTable({ title, table }: { title: string; table: { headers: string[]; rows: (string | number)[][] } }) {
  return (
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
  );
}

/**
 * The accessible wrapper every chart shares: a figure, its caption, and the numbers as a table. The
 * figure is a size container, so a chart lays itself out for the width it is given (a phone, or half
 * of a two-column dashboard) rather than for the window.
 */
export function ChartFigure({ title, description, table, children, framed = true }: { title: string; description?: string; table: { headers: string[]; rows: (string | number)[][] }; children: ReactNode; framed?: boolean }) {
  return (
    <figure className={`@container min-w-0 ${framed ? 'rounded-lg border border-slate-200 bg-white p-4' : 'my-4'}`}>
      <figcaption className="mb-2">
        <span className="font-semibold">{title}</span>
        {description ? <span className="block text-sm text-slate-700">{description}</span> : null}
      </figcaption>
      {children}
      {table.rows.length ? <ChartTable title={title} table={table} /> : null}
    </figure>
  );
}

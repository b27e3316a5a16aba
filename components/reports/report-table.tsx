import type { ReactNode } from 'react';
import { TableScroll } from '@/components/ui/table-scroll';

/**
 * A report table, scrollable on its own: focusable and named, so a keyboard user can scroll a table
 * wider than the screen. `more` rows left out are in the CSV download.
 */
export function ReportTable({ caption, headers, rows, more, empty = 'Nothing in this period.' }: { caption: string; headers: string[]; rows: ReactNode[][]; more: number; empty?: string }) {
  return (
    <TableScroll label={caption}>
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>{headers.map((h) => <th key={h} scope="col" className="p-2.5">{h}</th>)}</tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr><td colSpan={headers.length} className="p-4 text-center text-slate-700">{empty}</td></tr>
          ) : rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">{r.map((c, j) => <td key={j} className="p-2.5 align-top">{c}</td>)}</tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="border-t border-slate-100 p-2.5 text-sm text-slate-700">{more} more in the CSV download.</p> : null}
    </TableScroll>
  );
}

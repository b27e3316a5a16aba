import type { ReactNode } from 'react';

/**
 * A report's heading row: the heading (its `id` names the section around it, through
 * aria-labelledby) and the report's CSV download beside it.
 */
export function ReportHeading({ id, title, csvHref, csvLabel }: { id: string; title: ReactNode; csvHref: string; csvLabel: ReactNode }) {
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <h2 id={id} className="text-xl font-semibold">{title}</h2>
      <a href={csvHref} className="text-sm font-semibold">{csvLabel}</a>
    </div>
  );
}

import type { ReactNode } from 'react';
import { TableScroll } from '@/components/ui/table-scroll';

type Score = { criterionId: string; feedback: string };

/**
 * One review's scores as a table: each criterion, its level (rendered by the caller: a label, a
 * pill, points) and the reviewer's feedback. The teacher's feedback and the reviewer's view of
 * earlier attempts both use it. When the caller gives a criterion's `part` (the part of the
 * application it scores; null for one that scores no single part), a column says it.
 */
export function CriterionFeedbackTable<S extends Score>({ caption, criteria, scores, level, className = '', tableClassName = '' }: {
  caption: string;
  criteria: { id: string; title: string; part?: string | null }[];
  scores: S[];
  level: (score: S | undefined) => ReactNode;
  className?: string;
  tableClassName?: string;
}) {
  const showPart = criteria.some((c) => c.part !== undefined);
  return (
    <TableScroll label={caption} className={className}>
      <table className={`w-full border-collapse text-sm ${tableClassName}`}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="border-b border-slate-300 p-2 text-left">Criterion</th>
            {showPart ? <th scope="col" className="border-b border-slate-300 p-2 text-left">Part it scores</th> : null}
            <th scope="col" className="border-b border-slate-300 p-2 text-left">Level</th>
            <th scope="col" className="border-b border-slate-300 p-2 text-left">Feedback</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c) => {
            const s = scores.find((x) => x.criterionId === c.id);
            return (
              <tr key={c.id}>
                <th scope="row" className="border-b border-slate-200 p-2 text-left align-top font-medium">{c.title}</th>
                {showPart ? <td className="border-b border-slate-200 p-2 align-top">{c.part ?? 'The application as a whole'}</td> : null}
                <td className="border-b border-slate-200 p-2 align-top">{level(s)}</td>
                <td className="whitespace-pre-wrap border-b border-slate-200 p-2 align-top">{s?.feedback || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

import type { ScoringPatterns } from '@/lib/review/quality';
import { leniencyText, signedLevels } from '@/lib/review/leniency-words';
import { BarChart } from '@/components/charts/bar-chart';
import { Pill } from '@/components/ui/card';
import { TableScroll } from '@/components/ui/table-scroll';

const pct = (v: number) => `${Math.round(v * 100)}%`;
const levels = (v: number) => (Math.round(v * 100) / 100).toFixed(2);

/**
 * Per-reviewer scoring patterns (leniency) and, per credential, the share of criterion scores below
 * the passing level. Server-rendered; the charts carry their numbers as a table too.
 */
export function ScoringPatternsView({ patterns }: { patterns: ScoringPatterns }) {
  const { reviewers, criteria, minReviews, gap, sampled, sample } = patterns;
  return (
    <>
      {reviewers.length === 0 ? (
        <p className="mt-3 text-slate-700">No reviews were submitted in this period.</p>
      ) : (
        <TableScroll label="Scoring patterns by reviewer" className="mt-3">
          <table className="w-full min-w-[44rem] border-collapse text-sm">
            <caption className="sr-only">Scoring patterns by reviewer, for reviews submitted in the period</caption>
            <thead>
              <tr>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Reviewer</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-right">Reviews</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-right">Pass rate</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-right">Mean level</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-right">Difference from the credential mean</th>
                <th scope="col" className="border-b border-slate-300 p-2 text-left">Pattern</th>
              </tr>
            </thead>
            <tbody>
              {reviewers.map((r) => (
                <tr key={r.reviewerId}>
                  <th scope="row" className="border-b border-slate-200 p-2 text-left font-medium">{r.name}</th>
                  <td className="border-b border-slate-200 p-2 text-right tabular-nums">{r.reviews}</td>
                  <td className="border-b border-slate-200 p-2 text-right tabular-nums">{r.passRate === null ? '—' : pct(r.passRate)}</td>
                  <td className="border-b border-slate-200 p-2 text-right tabular-nums">{r.meanRank === null ? '—' : levels(r.meanRank)}</td>
                  <td className="border-b border-slate-200 p-2 text-right tabular-nums">{r.difference === null ? '—' : signedLevels(r.difference)}</td>
                  <td className="border-b border-slate-200 p-2">
                    {r.flag ? <Pill tone="warning">{leniencyText(r, minReviews)}</Pill> : <span className="text-slate-700">{leniencyText(r, minReviews)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-sm text-slate-700">
            Flagged when the difference is {gap} levels or more and the reviewer submitted at least {minReviews} reviews in the period. A flag is a prompt to look at their reviews, not a verdict.
            {sampled ? ` The period has more than ${sample.toLocaleString('en-GB')} reviews: these figures rest on the newest ${sample.toLocaleString('en-GB')}.` : ''}
          </p>
        </TableScroll>
      )}
      {criteria.length ? (
        <div className="grid gap-6 lg:grid-cols-2">
          {criteria.map((c) => (
            <BarChart
              key={c.id}
              title={`Scored below passing: ${c.title}`}
              description="Share of each criterion’s scores below the passing level of the rubric scored."
              data={c.criteria.map((x) => ({ label: x.title, value: x.share, display: `${pct(x.share)} (${x.below} of ${x.scores})` }))}
              max={1}
              format={pct}
              valueHeading="Scored below passing"
            />
          ))}
        </div>
      ) : null}
    </>
  );
}

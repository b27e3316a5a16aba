import type { ReviewerWorkload } from '@/lib/reporting/issuer';
import { plural } from '@/lib/plural';
import { Card } from '@/components/ui/card';

/** The workload chart's description: says when it names only the busiest of more reviewers. */
export function workloadDescription(w: Pick<ReviewerWorkload, 'submitted' | 'submittedReviewers'>): string {
  return w.submittedReviewers > w.submitted.length
    ? `Reviews submitted in the period: the ${w.submitted.length} busiest of ${w.submittedReviewers} reviewers`
    : 'Reviews submitted in the period, busiest first';
}

/**
 * Claims open now, per reviewer, read on their own (not from the workload chart's reviewers), so
 * a reviewer whose only work is a claim is listed. A claim whose time ran out is not counted.
 */
export function OpenClaimsCard({ workload: w }: { workload: Pick<ReviewerWorkload, 'open' | 'openReviewers' | 'openClaims'> }) {
  const more = w.openReviewers - w.open.length;
  return (
    <Card className="mt-4">
      <h2 className="font-semibold">Open claims now</h2>
      {w.open.length ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            {plural(w.openClaims, 'claim')} held by {plural(w.openReviewers, 'reviewer')}, whatever the period above. A claim whose time has run out is not counted: the submission is back in the queue.
          </p>
          <ul className="mt-2 text-sm">
            {w.open.map((r) => <li key={r.reviewerId}>{r.name}: {r.count}</li>)}
          </ul>
          {more > 0 ? <p className="mt-1 text-sm text-slate-700">and {plural(more, 'more reviewer')} with fewer claims.</p> : null}
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-700">No reviewer has an open claim.</p>
      )}
    </Card>
  );
}

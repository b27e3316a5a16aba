'use client';

import { useActionState } from 'react';
import { initialActionState } from '@/lib/action-result';
import { assignReviewAction } from '@/app/admin/review-quality/actions';
import { filterSelectClass } from '@/components/ui/field';

type Candidate = { id: string; name: string; email: string; kinds: ('PRIMARY' | 'SECOND' | 'ADJUDICATION')[] };

const kindLabel = { PRIMARY: 'Review', SECOND: 'Second score', ADJUDICATION: 'Adjudication' } as const;

export function AssignForm({ attemptId, kinds, reviewers }: { attemptId: string; kinds: ('PRIMARY' | 'SECOND' | 'ADJUDICATION')[]; reviewers: Candidate[] }) {
  const [state, action, pending] = useActionState(assignReviewAction, initialActionState);
  return (
    <form action={action} className="space-y-4">
      <input type="hidden" name="attemptId" value={attemptId} />
      {!state.ok ? (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950">
          {state.formError}
        </div>
      ) : null}
      <div className="max-w-full">
        <label htmlFor="kind" className="block text-sm font-semibold">Kind of work</label>
        <select id="kind" name="kind" defaultValue={kinds[0]} className={filterSelectClass}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="reviewerId" className="block text-sm font-semibold">Reviewer</label>
        <p id="reviewerId-hint" className="text-sm text-slate-700">Only qualified, calibrated reviewers without a conflict of interest are listed, with the kinds of work each can take.</p>
        <select id="reviewerId" name="reviewerId" required aria-describedby="reviewerId-hint" className="mt-1 block w-full max-w-lg rounded-md border border-slate-400 bg-white px-3 py-2">
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.email}) — can take: {r.kinds.map((k) => kindLabel[k]).join(', ')}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={pending || reviewers.length === 0} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Assigning…' : 'Assign'}
      </button>
    </form>
  );
}

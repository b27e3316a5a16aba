'use client';

import { useActionState } from 'react';
import { submitAttemptAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { submitAfter } from '@/components/ui/keep-input';
import { flushAllDrafts } from '@/components/evidence/draft-registry';
import { Alert } from '@/components/ui/card';

export function SubmitForm({ attemptId, slug, publicSummary, blocked }: { attemptId: string; slug: string; publicSummary: string; blocked: string | null }) {
  const [state, action, pending] = useActionState(submitAttemptAction, initialActionState);
  const problems = state.ok ? [] : Object.values(state.fieldErrors ?? {}).flat();
  return (
    <form action={action} onSubmit={submitAfter(flushAllDrafts, action)} className="space-y-4">
      <input type="hidden" name="attemptId" value={attemptId} />
      <input type="hidden" name="slug" value={slug} />
      <div>
        <label htmlFor="publicSummary" className="block text-sm font-semibold">
          Public summary of your evidence (optional)
        </label>
        <p id="publicSummary-hint" className="text-sm text-slate-700">
          If you earn the badge, this short summary appears on its public page. Your files and answers always stay private.
        </p>
        <textarea id="publicSummary" name="publicSummary" defaultValue={publicSummary} rows={3} maxLength={1500} aria-describedby="publicSummary-hint" className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2" />
      </div>
      {!state.ok ? (
        <Alert tone="danger" title={state.formError}>
          {problems.length ? (
            <ul className="list-disc pl-5">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {blocked ? <Alert tone="warning">{blocked}</Alert> : null}
      <button type="submit" disabled={pending || Boolean(blocked)} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Submitting…' : 'Submit for review'}
      </button>
    </form>
  );
}

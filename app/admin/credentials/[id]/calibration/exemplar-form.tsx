'use client';

import { useActionState } from 'react';
import { createExemplarAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

type Props = {
  microCredentialId: string;
  parts: { id: string; title: string; responseType: string }[];
  criteria: { id: string; title: string }[];
  levels: { rank: number; label: string }[];
};

export function ExemplarForm({ microCredentialId, parts, criteria, levels }: Props) {
  const [state, action, pending] = useActionState(createExemplarAction, initialActionState);
  return (
    <form {...keepInputForm(action)} className="space-y-4">
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      {!state.ok ? <Alert tone="danger" title={state.formError}>{Object.values(state.fieldErrors ?? {}).flat().join(' ')}</Alert> : null}
      <div>
        <label htmlFor="title" className="block text-sm font-semibold">Title shown to reviewers</label>
        <input id="title" name="title" required className={inputClass} placeholder="Sample C: grade 5 team" />
      </div>
      {parts.map((p) => (
        <div key={p.id}>
          <input type="hidden" name="partTitle" value={p.title} />
          <label htmlFor={`text-${p.id}`} className="block text-sm font-semibold">Answer to “{p.title}”</label>
          <textarea id={`text-${p.id}`} name="text" rows={5} className={inputClass} />
        </div>
      ))}
      <fieldset>
        <legend className="text-sm font-semibold">Agreed level for each criterion</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {criteria.map((c) => (
            <div key={c.id}>
              <label htmlFor={`rank-${c.id}`} className="block text-sm">{c.title}</label>
              <select id={`rank-${c.id}`} name="expectedRank" defaultValue="" required className={inputClass}>
                <option value="" disabled>Choose a level</option>
                {levels.map((l) => (
                  <option key={l.rank} value={l.rank}>{l.label}</option>
                ))}
              </select>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add calibration sample'}
      </button>
    </form>
  );
}

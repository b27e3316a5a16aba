'use client';

import { useActionState } from 'react';
import { createExemplarAction, rescoreExemplarAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { Alert } from '@/components/ui/card';
import { inputClass } from '@/components/ui/field';

type Criterion = { id: string; title: string };
type Level = { rank: number; label: string };

/** One "expectedRank" select per criterion, in rubric order; `idPrefix` keeps ids unique per form. */
function AgreedLevelFields({ idPrefix, criteria, levels }: { idPrefix: string; criteria: Criterion[]; levels: Level[] }) {
  return (
    <div className="mt-2 grid gap-3 sm:grid-cols-2">
      {criteria.map((c) => (
        <div key={c.id}>
          <label htmlFor={`${idPrefix}${c.id}`} className="block text-sm">{c.title}</label>
          <select id={`${idPrefix}${c.id}`} name="expectedRank" defaultValue="" required className={inputClass}>
            <option value="" disabled>Choose a level</option>
            {levels.map((l) => (
              <option key={l.rank} value={l.rank}>{l.label}</option>
            ))}
          </select>
        </div>
      ))}
    </div>
  );
}

type Props = {
  microCredentialId: string;
  parts: { id: string; title: string; responseType: string }[];
  criteria: Criterion[];
  levels: Level[];
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
        <AgreedLevelFields idPrefix="rank-" criteria={criteria} levels={levels} />
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Adding…' : 'Add calibration sample'}
      </button>
    </form>
  );
}

type RescoreProps = {
  microCredentialId: string;
  exemplar: { id: string; title: string };
  criteria: Criterion[];
  levels: Level[];
};

/** Agreed levels for a sample scored on an earlier rubric, given again on the current one. */
export function RescoreExemplarForm({ microCredentialId, exemplar, criteria, levels }: RescoreProps) {
  const [state, action, pending] = useActionState(rescoreExemplarAction, initialActionState);
  return (
    <form {...keepInputForm(action)} className="space-y-3">
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="exemplarId" value={exemplar.id} />
      {!state.ok ? <Alert tone="danger" title={state.formError}>{Object.values(state.fieldErrors ?? {}).flat().join(' ')}</Alert> : null}
      <fieldset>
        <legend className="text-sm font-semibold">Agreed level on the current rubric<span className="sr-only"> for {exemplar.title}</span></legend>
        <AgreedLevelFields idPrefix={`rescore-${exemplar.id}-`} criteria={criteria} levels={levels} />
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Saving…' : 'Save agreed levels'}<span className="sr-only"> for {exemplar.title}</span>
      </button>
    </form>
  );
}

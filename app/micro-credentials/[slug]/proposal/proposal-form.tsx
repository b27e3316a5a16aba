'use client';

import { useActionState } from 'react';
import { saveProposalAction } from './actions';
import { initialActionState } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { TextArea } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

export function ProposalForm({ microCredentialId, slug, studentGoals, plan, locked }: { microCredentialId: string; slug: string; studentGoals: string; plan: string; locked: boolean }) {
  const [state, action, pending] = useActionState(saveProposalAction, initialActionState);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <form {...keepInputForm(action)}>
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="slug" value={slug} />
      <ActionAlerts state={state} />
      <TextArea
        label="How will this study serve your students’ learning goals?"
        name="studentGoals"
        defaultValue={studentGoals}
        readOnly={locked}
        required
        hint="Name the students or classes, the goal you are working toward, and why this skill helps."
        errors={errors?.studentGoals}
      />
      <TextArea label="Your plan (optional)" name="plan" defaultValue={plan} readOnly={locked} hint="When you will try it, and what evidence you expect to collect." errors={errors?.plan} />
      {!locked ? (
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? 'Sending…' : 'Send to my district'}
          </button>
          <button type="submit" name="intent" value="save" disabled={pending} className="rounded-md border border-slate-300 bg-white px-5 py-2.5 font-semibold hover:bg-slate-100 disabled:opacity-60">
            Save draft
          </button>
        </div>
      ) : null}
    </form>
  );
}

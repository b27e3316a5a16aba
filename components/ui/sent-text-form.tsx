'use client';

import { useActionState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';

/**
 * A form of one required text and a button that goes away once it has worked (`open` false: the
 * page then shows what was sent). The outcome stays mounted above it and takes focus, so focus is not
 * lost with the button; failures are said in the form, at the field. Serves the reply to a teacher's
 * question and the request for a second look.
 */
export function SentTextForm({ action: send, open, hidden, field, submitLabel, pendingLabel }: {
  action: (state: ActionResult, formData: FormData) => Promise<ActionResult>;
  open: boolean;
  hidden: Record<string, string | number>;
  field: { id: string; name: string; label: string; hint: string; rows: number; maxLength: number };
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, action, pending] = useActionState(send, initialActionState);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {open ? (
        <form {...keepInputForm(action)} noValidate className="mt-3">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {/* Failures only: success is said above, where it stays once this form is gone. */}
          <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
          <TextArea {...field} errors={state.ok ? undefined : state.fieldErrors?.[field.name]} required />
          <button type="submit" disabled={pending} className="min-h-10 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
            {pending ? pendingLabel : submitLabel}
          </button>
        </form>
      ) : null}
    </div>
  );
}

'use client';

import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';

/** Said when a send got no answer: it may have got through, and the button says what to press again. */
export function sentTextUnreachable(submitLabel: string) {
  return couldNotReach('what you wrote may not have been sent', `It is still here: check your connection and press ${submitLabel} again.`);
}

/**
 * A form of one required text and a button that goes away once it has worked (`open` false: the
 * page then shows what was sent). The outcome stays mounted above it and takes focus, so focus is not
 * lost with the button; failures are said in the form, at the field. Serves the reply to a teacher's
 * question and the request for a second look. A send that got no answer (offline, a deploy since the
 * page loaded) is said at the form too, with the text kept, to send again (useReachableActionState).
 */
export function SentTextForm({ action: send, open, hidden, field, submitLabel, pendingLabel }: {
  action: (state: ActionResult, formData: FormData) => Promise<ActionResult>;
  open: boolean;
  hidden: Record<string, string | number>;
  field: { id: string; name: string; label: string; hint: string; rows: number; maxLength: number };
  submitLabel: string;
  pendingLabel: string;
}) {
  const unreachable: ActionResult = { ok: false, formError: sentTextUnreachable(submitLabel) };
  const { state, pending, formProps } = useReachableActionState(send, initialActionState, unreachable);
  return (
    <div>
      <SentOutcome state={state} className={state.ok && state.message ? 'mt-3' : ''} />
      {open ? (
        <form {...formProps} noValidate className="mt-3">
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

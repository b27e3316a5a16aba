'use client';

import { revokeAwardAction, suspensionAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { FieldError, TextArea } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';

type Props = {
  awardId: string;
  hidden?: Record<string, string>;
  action: (prev: ActionResult, formData: FormData) => Promise<ActionResult>;
  field: 'reason' | 'note';
  label: string;
  hint: string;
  required: boolean;
  button: string;
  pendingText: string;
  /** What pressing the button does to the badge, as in "the badge may not have been suspended". */
  done: string;
  danger?: boolean;
  /** Ids on the page: the suspend and revoke forms both have a "reason". */
  idPrefix: string;
  /** A box to tick first, for what cannot be undone. */
  confirm?: string;
};

/**
 * Said when the request got no answer (offline, a deploy since the page loaded): the form stays, with
 * the text, to send again. Sending again is safe: a badge already suspended, reinstated or revoked is
 * refused as such.
 */
export function statusUnreachable(button: string, done: string) {
  return couldNotReach(`the badge may not have been ${done}`, `What you wrote is still here: check your connection and press ${button} again.`);
}

function StatusForm({ awardId, hidden, action: serverAction, field, label, hint, required, button, pendingText, done, danger, idPrefix, confirm }: Props) {
  const { state, pending, formProps } = useReachableActionState(serverAction, initialActionState, { ok: false, formError: statusUnreachable(button, done) });
  const errors = state.ok ? undefined : state.fieldErrors;
  const confirmError = errors?.confirm?.join(' ');
  const confirmErrorId = `${idPrefix}-confirm-error`;
  return (
    <form {...formProps} noValidate className="mt-4">
      <input type="hidden" name="awardId" value={awardId} />
      {Object.entries(hidden ?? {}).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <ActionAlerts state={state} className="" />
      <TextArea label={label} name={field} id={`${idPrefix}-${field}`} rows={3} required={required} errors={errors?.[field]} hint={hint} />
      {confirm ? (
        <div className="mb-4">
          <div className="flex items-start gap-2">
            <input
              type="checkbox" id={`${idPrefix}-confirm`} name="confirm" value="yes" required className="mt-1 h-4 w-4 shrink-0"
              aria-invalid={confirmError ? true : undefined} aria-describedby={confirmError ? confirmErrorId : undefined}
            />
            <label htmlFor={`${idPrefix}-confirm`} className="text-sm">{confirm}</label>
          </div>
          <FieldError id={confirmErrorId} errors={confirmError} />
        </div>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-4 py-2 font-semibold disabled:opacity-60 ${danger ? 'bg-red-700 text-white hover:bg-red-800' : 'border border-slate-400 bg-white text-slate-900 hover:bg-slate-50'}`}
      >
        {pending ? pendingText : button}
      </button>
    </form>
  );
}

/** Suspend or, once suspended, reinstate: one form, so its outcome message stays after the switch. */
export function SuspensionForm({ awardId, suspended }: { awardId: string; suspended: boolean }) {
  return suspended ? (
    <StatusForm
      awardId={awardId} hidden={{ mode: 'reinstate' }} action={suspensionAction} field="note" required={false} idPrefix="reinstate"
      label="Note to the recipient (optional)" hint="The badge verifies as valid again as soon as you reinstate it."
      button="Reinstate this badge" pendingText="Reinstating…" done="reinstated"
    />
  ) : (
    <StatusForm
      awardId={awardId} hidden={{ mode: 'suspend' }} action={suspensionAction} field="reason" required idPrefix="suspend"
      label="Reason for suspending" hint="A temporary hold, for example while a complaint is looked into. Shown to the recipient and on the public verification page; you can reinstate the badge later."
      button="Suspend this badge" pendingText="Suspending…" done="suspended"
    />
  );
}

export function RevokeForm({ awardId }: { awardId: string }) {
  return (
    <StatusForm
      awardId={awardId} action={revokeAwardAction} field="reason" required danger idPrefix="revoke"
      confirm="I understand that revoking is permanent: the badge can never verify again."
      label="Reason for revoking" hint="Permanent. Shown to the recipient and on the public verification page."
      button="Revoke this badge" pendingText="Revoking…" done="revoked"
    />
  );
}

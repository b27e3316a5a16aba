'use client';

import Link from 'next/link';
import { importCredentialAction } from '@/app/admin/credentials/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';

/**
 * Said when importing got no answer (offline, a deploy since the page loaded): the form stays, with
 * the file, the pasted text and the address as they were, to send again. Each import is a new draft,
 * but under the web address the definition (or the box) gives, which no two credentials share: if
 * the first did go through, importing the same again is refused as an address already used. That is
 * the moment to look for the draft, not to choose another address, which would make a second one.
 */
export const IMPORT_UNREACHABLE = couldNotReach(
  'the credential may not have been imported',
  'What you entered is still here. If pressing again says the web address is already used, your first import may have gone through: check the credentials list for the draft before choosing another address. Check your connection and press Import as draft again.',
);
const unreachable: ActionResult<{ id: string }> = { ok: false, formError: IMPORT_UNREACHABLE };

export function ImportForm({ issuers }: { issuers: { id: string; name: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(importCredentialAction, initialActionState, unreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  const pathErrors = errors ? Object.entries(errors).filter(([k]) => !['issuerId', 'json', 'slug'].includes(k)) : [];
  return (
    <form {...formProps} className="rounded-lg border border-slate-200 bg-white p-5">
      {/* Always on the page, so the outcome is read out when it appears; after a failure it takes focus to the first field to correct. */}
      <ActionAlerts state={state}>
        {state.ok && state.data ? (
          <>
            {' '}<Link href={`/admin/credentials/${state.data.id}/edit`}>Open it in the editor</Link> to review and publish.
          </>
        ) : pathErrors.length ? (
          <ul className="mt-1 list-disc pl-5">
            {pathErrors.map(([path, msgs]) => (
              <li key={path}><code>{path || '(whole file)'}</code>: {msgs.join(' ')}</li>
            ))}
          </ul>
        ) : null}
      </ActionAlerts>
      {issuers.length > 1 ? (
        <SelectField label="Issuing organisation" name="issuerId" errors={errors?.issuerId}>
          {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </SelectField>
      ) : (
        <input type="hidden" name="issuerId" value={issuers[0].id} />
      )}
      <div className="mb-4">
        <label htmlFor="file" className="block text-sm font-semibold">JSON file</label>
        <input id="file" name="file" type="file" accept="application/json,.json" className="mt-1 block max-w-full text-sm" />
      </div>
      <TextArea label="…or paste the JSON" name="json" rows={12} errors={errors?.json} />
      <TextField label="Use a different web address (optional)" name="slug" hint="Useful when importing a copy of a credential that already exists here." errors={errors?.slug} />
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Checking…' : 'Import as draft'}
      </button>
    </form>
  );
}

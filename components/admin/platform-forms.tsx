'use client';

import { useActionState } from 'react';
import { createOrganizationAction } from '@/app/platform/actions';
import type { ActionResult } from '@/lib/action-result';
import { keepInputForm } from '@/components/ui/keep-input';
import { SelectField, TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';

type Created = { name: string; link: string | null };

export function NewOrganizationForm() {
  const [state, action, pending] = useActionState(createOrganizationAction, { ok: true } as ActionResult<Created>);
  const errors = state.ok ? undefined : state.fieldErrors;
  return (
    <>
      {/* Outside the form, which starts empty again after a success. */}
      <InvitationOutcome message={state.ok ? state.message : undefined} link={state.ok ? state.data?.link : null} />
    <form {...keepInputForm(action)} key={state.ok && state.data ? state.data.name : 'form'}>
      {!state.ok && state.formError ? <div className="mb-3"><Alert tone="danger">{state.formError}</Alert></div> : null}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField label="Kind" name="kind" defaultValue="ISSUER" errors={errors?.kind} hint="Issuers author credentials and review; districts place teachers, decide proposals and report.">
          <option value="ISSUER">Issuing organisation</option>
          <option value="DISTRICT">School district</option>
        </SelectField>
        <TextField label="Name" name="name" required maxLength={120} errors={errors?.name} />
        <TextField
          label="Address (optional)"
          name="slug"
          maxLength={60}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          hint="Lowercase letters, digits and hyphens, used in its public address; made from the name if left empty. It cannot change later."
          errors={errors?.slug}
        />
        <TextField label="First admin or leader’s email (optional)" name="firstEmail" type="email" autoComplete="off" hint="They get an invitation and can invite everyone else." errors={errors?.firstEmail} />
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
        {pending ? 'Creating…' : 'Create organisation'}
      </button>
    </form>
    </>
  );
}

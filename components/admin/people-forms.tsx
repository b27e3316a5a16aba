'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { bulkEnrolAction, changeRoleAction, inviteAction, resendInvitationAction } from '@/app/admin/people/actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { SelectField, TextArea, TextField } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { InvitationOutcome } from '@/components/admin/invitation-outcome';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ROLE_LABELS } from '@/lib/people/schemas';
import { smallButtonClass } from '@/components/ui/button';
import { plural } from '@/lib/plural';
import { notAskedPreview, notAskedResult, notAskedRow } from '@/lib/people/enrol-words';
import { InlineActionForm } from '@/components/admin/inline-action-form';
import { announce } from '@/components/ui/announcer';

const noSubscription = () => () => undefined;

type RoleRemovals = { removed: (text: string) => void };
const RoleRemovalsContext = createContext<RoleRemovals | null>(null);

/**
 * Wraps a list of people whose roles can be removed (RemoveRoleForm). A removed role leaves the
 * list when the page revalidates, taking its row and the form's own message with it, and the
 * invitations the person sent that stopped working just leave the open invitations: so what was
 * done is said here, above the list, and stays until the next removal. Its live region is on the
 * page from the start (one created together with its text is often not read), and the message in it
 * carries no role of its own, so it is read out once.
 */
export function RoleRemovalNotices({ children }: { children: ReactNode }) {
  // `n` tells one removal from the next with the same words: a new Alert, read out again.
  const [said, setSaid] = useState<{ text: string; n: number } | null>(null);
  const [removals] = useState<RoleRemovals>(() => ({ removed: (text) => setSaid((prev) => ({ text, n: (prev?.n ?? 0) + 1 })) }));
  return (
    <RoleRemovalsContext.Provider value={removals}>
      <div role="status" aria-live="polite" className={said ? 'mb-4' : undefined}>
        {said ? <Alert key={said.n} tone="success" live={false}>{said.text}</Alert> : null}
      </div>
      {children}
    </RoleRemovalsContext.Provider>
  );
}

/**
 * Said when removing a role got no answer. Pressing again removes nothing more: a role removed
 * already is refused as not there (changeRole).
 */
export const REMOVE_ROLE_UNREACHABLE = couldNotReach('the role may not have been removed', 'Check your connection and try again, or reload the page to see whether it was.');

/**
 * "Yes, remove the role". The row goes with the role and takes the form's own message with it, so
 * once scripts run the server's answer (how many invitations the person sent stopped working, and
 * to be what) is shown after `removedMessage` above the list (RoleRemovalNotices), or, outside one,
 * read out through the page's announcer. Before they run (or without them) the form posts to the
 * server action itself, like every other form, and `removedMessage` alone is said when the row goes.
 */
export function RemoveRoleForm({ hidden, removedMessage, children }: { hidden: Record<string, string>; removedMessage: string; children: ReactNode }) {
  const scripted = useSyncExternalStore(noSubscription, () => true, () => false);
  const removals = useContext(RoleRemovalsContext);
  const removeAndTell = useCallback(
    async (prev: ActionResult, formData: FormData) => {
      const result = await changeRoleAction(prev, formData);
      if (result.ok) {
        const text = result.message ? `${removedMessage} ${result.message}` : removedMessage;
        if (removals) removals.removed(text);
        else announce(text);
      }
      return result;
    },
    [removedMessage, removals],
  );
  return (
    <InlineActionForm action={scripted ? removeAndTell : changeRoleAction} hidden={hidden} removedMessage={scripted ? undefined : removedMessage} unreachable={REMOVE_ROLE_UNREACHABLE}>
      {children}
    </InlineActionForm>
  );
}

/**
 * Said when inviting got no answer (offline, a deploy since the page loaded): the form stays, with
 * what was typed and chosen, to send again. Sending again is safe: an address with an open
 * invitation for the same role and place (for a teacher, anywhere in the district) is refused as
 * such, so a press that did get through is told, not sent twice.
 */
export const INVITE_UNREACHABLE = couldNotReach('the invitation may not have been sent', 'What you typed and chose is still here, and nobody is invited twice: check your connection and press Send invitation again.');
const inviteUnreachable: ActionResult<{ link: string | null; emailed: boolean }> = { ok: false, formError: INVITE_UNREACHABLE };

/**
 * Invites someone by email. With `organizations` (a district and its schools), the person chooses
 * where the invitation is to; otherwise it is to `organizationId`.
 */
export function InviteForm({ organizationId, roles, organizations }: { organizationId: string; roles: (keyof typeof ROLE_LABELS)[]; organizations?: { id: string; name: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(inviteAction, initialActionState, inviteUnreachable);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Sent: the address is cleared, so a second press cannot send the same invitation again (the
  // outcome above names who it went to). The role and place stay, for inviting the next person.
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.ok && state.message && emailRef.current) emailRef.current.value = '';
  }, [state]);
  return (
    <form {...formProps} noValidate>
      {organizations && organizations.length > 1 ? (
        <SelectField label="Invite to" name="organizationId" defaultValue={organizationId} errors={errors?.organizationId} hint="A teacher invited to a school is placed at that school when they accept.">
          {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </SelectField>
      ) : (
        <input type="hidden" name="organizationId" value={organizationId} />
      )}
      <InvitationOutcome message={state.ok ? state.message : undefined} link={state.ok ? state.data?.link : null} />
      {/* Its success is InvitationOutcome's to tell (with the link); a failure takes focus to the first field to correct. */}
      <ActionAlerts state={state.ok ? initialActionState : state} className="mb-3" />
      {/* The address has the whole width (long addresses stay readable); the role is as wide as its
          longest name from the small breakpoint up, and the full width on phones. */}
      <TextField ref={emailRef} label="Email" name="email" type="email" autoComplete="off" errors={errors?.email} required />
      <div className="flex flex-wrap items-end gap-x-4">
        <div className="w-full sm:w-auto sm:max-w-full">
          <SelectField label="Role" name="role" errors={errors?.role}>
            {roles.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </SelectField>
        </div>
        <div className="mb-4">
          <button type="submit" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">{pending ? 'Sending…' : 'Send invitation'}</button>
        </div>
      </div>
    </form>
  );
}

/**
 * Said when resending got no answer. Not the same as pressing once: every resend that reaches the
 * server makes a new link and emails it (resendInvitation), so if the first did get through, the
 * person gets a second email, and only the newest link works.
 */
export const RESEND_INVITATION_UNREACHABLE = couldNotReach(
  'the invitation may not have been sent again',
  'Check your connection and press Resend again. If the first did go through, this sends one more email, and only the newest link works.',
);
const resendUnreachable: ActionResult<{ link: string | null }> = { ok: false, formError: RESEND_INVITATION_UNREACHABLE };

/**
 * Sends an open invitation again (a new link; the old one stops working). The row stays, so the
 * outcome shows beside the button, and if the email could not be sent, the new link to pass on.
 */
export function ResendInvitationForm({ invitationId, email }: { invitationId: string; email: string }) {
  const { state, pending, formProps } = useReachableActionState(resendInvitationAction, { ok: true }, resendUnreachable);
  const link = state.ok ? state.data?.link : null;
  return (
    <form {...formProps} className="inline-flex flex-wrap items-center gap-1" aria-busy={pending}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <button type="submit" disabled={pending} className={`${smallButtonClass} min-h-6 disabled:opacity-60`}>Resend<span className="sr-only"> the invitation to {email}</span></button>
      {!state.ok && state.formError ? <span role="alert" className="text-xs font-medium text-red-700">{state.formError}</span> : null}
      {/* Always mounted, so screen readers announce the outcome when it appears. */}
      <span role="status" className={`text-xs font-medium ${link ? 'text-amber-900' : 'text-green-800'}`}>
        {state.ok && state.message ? state.message : ''}
        {link ? <code className="mt-0.5 block break-all">{link}</code> : null}
      </span>
    </form>
  );
}

type EnrolData = NonNullable<Extract<Awaited<ReturnType<typeof bulkEnrolAction>>, { ok: true }>['data']>;

/**
 * Said when the request got no answer (offline, a deploy since the page loaded): the form stays, with
 * the list and choices as they were, to send again. Checking writes nothing. Importing again is safe:
 * accounts are found by their address and enrolments are not doubled, so if the first import did go
 * through the second creates and enrols nobody new (and asks no district again).
 */
export const ENROL_CHECK_UNREACHABLE = couldNotReach('the file was not checked', 'What you chose and pasted is still here: check your connection and press Check the file again.');
export const ENROL_IMPORT_UNREACHABLE = couldNotReach('the teachers may not have been enrolled', 'Importing again creates no second account or enrolment: check your connection and press the Import button again.');
const enrolCheckUnreachable: ActionResult<EnrolData> = { ok: false, formError: ENROL_CHECK_UNREACHABLE };
const enrolImportUnreachable: ActionResult<EnrolData> = { ok: false, formError: ENROL_IMPORT_UNREACHABLE };

export function BulkEnrolForm({ issuers, targets }: { issuers: { id: string; name: string }[]; targets: { value: string; label: string; issuerId: string }[] }) {
  const { state, pending, formProps } = useReachableActionState(bulkEnrolAction, initialActionState, (sent) => (sent.get('intent') === 'import' ? enrolImportUnreachable : enrolCheckUnreachable));
  // A request with no answer leaves the last answer's preview in place under its message: its rows,
  // what it checked, the box as it was, and the Import button, to press again.
  const lost = state === enrolCheckUnreachable || state === enrolImportUnreachable;
  const [answered, setAnswered] = useState(state);
  if (!lost && answered !== state) setAnswered(state);
  const shown = lost ? answered : state;
  const [issuerId, setIssuerId] = useState(issuers[0]?.id ?? '');
  const errors = state.ok ? undefined : state.fieldErrors;
  const data = state.ok ? state.data : undefined;
  const shownData: EnrolData | undefined = shown.ok ? shown.data : undefined;
  const preview = shownData?.step === 'preview' ? shownData : null;
  // The list in the box, as the last answer that had one to show put it there: a preview's list,
  // or none once imported. A refusal (a row the import found wrong, a choice missing) leaves the box
  // as it is, as a request with no answer does: not emptied, nor remounted over what was pasted.
  const [box, setBox] = useState('');
  const boxNow = shown.ok ? (preview?.csv ?? '') : box;
  if (boxNow !== box) setBox(boxNow);
  const lineErrors = errors ? Object.entries(errors).filter(([k]) => k.startsWith('line ')) : [];
  const asking = preview ? preview.rows.filter((r) => !r.errors.length && r.joinRequest === 'ask') : [];
  const askedDistricts = [...new Set(asking.map((r) => r.district?.name ?? ''))].filter(Boolean);
  const notAsking = preview ? preview.rows.filter((r) => !r.errors.length && r.joinRequest === 'not_asked').length : 0;
  // How many people the import asked districts about (the action passes the import's result on).
  // What checking the file found, in a sentence (nothing when the file itself could not be read: its error says so).
  const checked = !preview || preview.fileError
    ? ''
    : preview.errorCount
      ? `${preview.errorCount} of ${preview.rows.length} rows have problems. Fix them in the file and check again; nothing is imported while any row is wrong.`
      : `All ${preview.rows.length} rows are ready to import.`;
  const requested = data?.step === 'done' && 'requested' in data && typeof data.requested === 'number' ? data.requested : 0;
  const notAsked = data?.step === 'done' && 'notAsked' in data && typeof data.notAsked === 'number' ? data.notAsked : 0;
  return (
    <form {...formProps} className="space-y-4">
      {/* What the preview showed (the list and what to enrol them in): the import goes ahead only for that. */}
      <input type="hidden" name="checked" value={preview?.checked ?? ''} />
      {/* Always on the page, so the outcome is read out when it appears; after a failure it takes focus to the first field to correct. */}
      <ActionAlerts state={data?.step === 'done' ? { ok: true, message: 'Imported.' } : state} className="">
        {data?.step === 'done' ? (
          <>
            {' '}{plural(data.rows, 'row')}: {plural(data.created, 'new account')} created, {plural(data.enrolled, 'teacher')} newly enrolled in “{data.title}”.
            {requested ? ` ${requested} ${requested === 1 ? 'teacher asks' : 'teachers ask'} to join the district named in the file: its leaders have been told and confirm or decline them; until then the district does not count them.` : null}
            {notAsked ? ` ${notAskedResult(notAsked)}` : null}
          </>
        ) : lineErrors.length ? (
          <ul className="mt-1 list-disc pl-5">{lineErrors.map(([k, v]) => <li key={k}>{k}: {v.join(' ')}</li>)}</ul>
        ) : null}
      </ActionAlerts>
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        {issuers.length > 1 ? (
          <SelectField label="Issuer" name="issuerId" value={issuerId} onChange={(e) => setIssuerId(e.target.value)}>
            {issuers.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </SelectField>
        ) : (
          <input type="hidden" name="issuerId" value={issuerId} />
        )}
        <SelectField label="Enrol them in" name="target" errors={errors?.target}>
          {targets.filter((t) => t.issuerId === issuerId).map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
        </SelectField>
        <div className="mb-4">
          <label htmlFor="file" className="block text-sm font-semibold">CSV file</label>
          <p id="file-hint" className="text-sm text-slate-600">Columns: <code>email</code>, <code>name</code> and optionally <code>school</code> (the school’s name as listed here) and <code>district</code> (needed when several districts have a school of that name). The first row names the columns. Naming a school does not place anyone there: for an account the import creates, it asks the school’s district to confirm the teacher, and the district counts them only once one of its leaders has. People who already have an account are enrolled but not asked to join a district: they can ask from their account page.</p>
          <input id="file" name="file" type="file" accept=".csv,text/csv" aria-describedby="file-hint" className="mt-1 block max-w-full text-sm" />
        </div>
        <TextArea label="…or paste the CSV" name="csv" rows={6} defaultValue={boxNow} key={boxNow || 'empty'} errors={errors?.csv} placeholder={'email,name,school,district\nana@school.org,Ana Díaz,Lincoln High School,Kettle Moraine'} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" name="intent" value="preview" disabled={pending} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100 disabled:opacity-60">
            {pending ? 'Checking…' : 'Check the file'}
          </button>
          {preview && !preview.fileError && preview.errorCount === 0 ? (
            <button type="submit" name="intent" value="import" disabled={pending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
              Import {plural(preview.rows.length, 'teacher')}
            </button>
          ) : null}
        </div>
      </div>
      {/* Always on the page (the preview below is not), so the check's outcome is read out when it appears. */}
      <p role="status" className="sr-only">
        {[preview?.notice, checked].filter(Boolean).join(' ')}
      </p>
      {preview ? (
        <section aria-labelledby="preview-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="preview-h" className="text-lg font-semibold">Preview: enrol in “{preview.title}”</h2>
          {preview.notice ? <div className="my-3"><Alert tone="warning" live={false}>{preview.notice}</Alert></div> : null}
          {preview.fileError ? <Alert tone="danger">{preview.fileError}</Alert> : (
            <>
              <p className="mb-3 text-sm">{checked}</p>
              {!preview.errorCount && asking.length ? (
                <div className="mb-3">
                  <Alert tone="info" title="Districts will be asked to confirm">
                    {asking.length === 1 ? '1 new account' : `${asking.length} new accounts`} will ask to join {askedDistricts.join(', ')}. The import does not place anyone in a district: each district’s leaders are told once and confirm or decline each teacher, and until then the district does not count them.
                  </Alert>
                </div>
              ) : null}
              {!preview.errorCount && notAsking ? (
                <div className="mb-3">
                  <Alert tone="info" title="Existing accounts are not asked to join a district">{notAskedPreview(notAsking)}</Alert>
                </div>
              ) : null}
              {/* Focusable, so keyboard users can scroll the rows (the table holds nothing else to focus). */}
              <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Rows in the file">
                <table className="w-full text-sm">
                  <caption className="sr-only">Rows in the file</caption>
                  <thead className="bg-slate-50 text-left"><tr><th scope="col" className="p-2">Line</th><th scope="col" className="p-2">Email</th><th scope="col" className="p-2">Name</th><th scope="col" className="p-2">School (district)</th><th scope="col" className="p-2">Result</th></tr></thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={r.line} className={`border-t border-slate-100 ${r.errors.length ? 'bg-red-50' : ''}`}>
                        <td className="p-2">{r.line}</td>
                        <td className="p-2">{r.email}</td>
                        <td className="p-2">{r.name}</td>
                        <td className="p-2">{r.errors.length ? r.schoolText || r.districtText || '—' : r.district ? `${r.schoolText || '—'} (${r.district.name})` : '—'}</td>
                        <td className="p-2">
                          {r.errors.length ? <span className="font-medium text-red-800">{r.errors.join(' ')}</span> : r.alreadyEnrolled ? 'Already enrolled' : r.existingUser ? 'Existing account, will be enrolled' : 'New account, will be enrolled'}
                          {!r.errors.length && r.joinRequest === 'ask' ? <span className="block text-slate-600">{r.district?.name} will be asked to confirm them.</span> : null}
                          {!r.errors.length && r.joinRequest === 'unchanged' ? <span className="block text-slate-600">Already in a district or asking to join one: left as it is.</span> : null}
                          {!r.errors.length && r.joinRequest === 'not_asked' ? <span className="block text-slate-600">{notAskedRow(r.district?.name ?? '')}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      ) : null}
    </form>
  );
}

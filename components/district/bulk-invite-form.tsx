'use client';

import Link from 'next/link';
import { useState } from 'react';
import { bulkInviteAction } from '@/app/district/people/actions';
import { initialActionState } from '@/lib/action-result';
import { FieldError, TextArea } from '@/components/ui/field';
import { Alert } from '@/components/ui/card';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { MAX_INVITE_ROWS } from '@/lib/people/schemas';
import { buttonClass } from '@/components/ui/button';

type State = Awaited<ReturnType<typeof bulkInviteAction>>;
type Data = NonNullable<Extract<State, { ok: true }>['data']>;
type Preview = Extract<Data, { step: 'preview' }>;
type Row = Preview['rows'][number];

/**
 * Said when the request got no answer (offline, a deploy since the page loaded): the form stays, with
 * the list as it was, to send again. Checking writes nothing. Inviting again is safe: the rows are
 * checked again on the server, one file at a time, and anyone with an open invitation (the first
 * press's, if it got through) is skipped as already invited.
 */
export const CHECK_LIST_UNREACHABLE = couldNotReach('the list was not checked', 'It is still here: check your connection and press Check the list again.');
export const BULK_INVITE_UNREACHABLE = couldNotReach('the invitations may not have been sent', 'Nobody is invited twice, so it is safe to send them again: check your connection and press the Invite button again.');
const checkUnreachable: State = { ok: false, formError: CHECK_LIST_UNREACHABLE };
const inviteUnreachable: State = { ok: false, formError: BULK_INVITE_UNREACHABLE };

/** What happens to a row, in words (the row's colour only repeats it). */
function rowResult(r: Row, districtName: string) {
  switch (r.status) {
    case 'problem':
      return <><strong className="text-red-800">Problem:</strong> {r.errors.join(' ')}</>;
    case 'member':
      return <><strong>Skipped:</strong> already in the district.</>;
    case 'invited':
      return <><strong>Skipped:</strong> already invited.</>;
    default:
      return <><strong>Will be invited</strong> to {r.school ? r.school.name : `${districtName} (district-wide)`}.</>;
  }
}

/**
 * Inviting a district's teachers from a CSV file or a pasted list, in two steps: "Check the list"
 * shows every row and what will happen to it; "Invite" appears once every row is right, and sends
 * for exactly the rows shown (the server checks the list again).
 */
export function BulkInviteForm({ districtId, districtName, peopleHref }: { districtId: string; districtName: string; peopleHref: string }) {
  const { state, pending, formProps } = useReachableActionState(bulkInviteAction, initialActionState, (sent) => (sent.get('intent') === 'invite' ? inviteUnreachable : checkUnreachable));
  const [intent, setIntent] = useState<'preview' | 'invite'>('preview');
  // A request with no answer leaves the last answer's preview in place under its message: its rows,
  // what it checked, and the Invite button, to press again.
  const lost = state === checkUnreachable || state === inviteUnreachable;
  const [answered, setAnswered] = useState(state);
  if (!lost && answered !== state) setAnswered(state);
  const shown = lost ? answered : state;
  // The answer the list was changed after (a file chosen, the box edited): its rows are no longer the ones to send.
  const [editedAfter, setEditedAfter] = useState<State | null>(null);
  const data: Data | undefined = state.ok ? state.data : undefined;
  const shownData: Data | undefined = shown.ok ? shown.data : undefined;
  const preview = shownData?.step === 'preview' ? shownData : null;
  const done = data?.step === 'done' ? data : null;
  const errors = state.ok ? undefined : state.fieldErrors;
  const edited = preview !== null && editedAfter === shown;
  const canInvite = preview !== null && !preview.fileError && preview.counts.problem === 0 && preview.counts.invite > 0 && !edited;
  const problems = preview ? preview.rows.filter((r) => r.status === 'problem') : [];
  // After each answer the file input is remounted (cleared) and the box shows the text checked (or is
  // emptied once sent); a refusal keeps both as they were, so nothing typed is lost.
  const [view, setView] = useState({ state, key: 0 });
  if (view.state !== state) setView({ state, key: state.ok ? view.key + 1 : view.key });
  const formKey = view.key;
  const busyText = pending ? (intent === 'invite' ? 'Sending the invitations…' : 'Checking the list…') : '';

  return (
    <form {...formProps} className="space-y-6" aria-busy={pending}>
      <input type="hidden" name="districtId" value={districtId} />
      <input type="hidden" name="checked" value={preview?.checked ?? ''} />
      {/* Always on the page, so the outcome is read out when it appears. */}
      <ActionAlerts state={done ? state : state.ok ? initialActionState : state} className="">
        {done ? <> {/* To the list's heading (OPEN_INVITATIONS_HEADING_ID in components/admin/open-invitations.tsx). */}<Link href={`${peopleHref}#open-invitations-h`}>See the open invitations on the People page</Link>.</> : null}
      </ActionAlerts>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-5">
        <legend className="px-1 text-lg font-semibold">Your list of teachers</legend>
        <div className="mb-4">
          <label htmlFor="file" className="block text-sm font-semibold">CSV file</label>
          <p id="file-hint" className="text-sm text-slate-600">
            A file saved from a spreadsheet as “CSV (comma separated)”, at most {MAX_INVITE_ROWS} teachers. Its rows are copied into the box below when you check it, so you can correct them there.
          </p>
          <input
            key={`file-${formKey}`}
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={errors?.file ? 'file-hint file-error' : 'file-hint'}
            aria-invalid={errors?.file ? true : undefined}
            onChange={() => setEditedAfter(shown)}
            className="mt-1 block max-w-full text-sm"
          />
          <FieldError id="file-error" errors={errors?.file} />
        </div>
        <TextArea
          key={`csv-${formKey}`}
          label="…or paste the list"
          name="csv"
          rows={8}
          defaultValue={preview?.csv ?? ''}
          errors={errors?.csv}
          hint="One teacher per line, after a first line naming the columns. A chosen file is used instead of what is in this box."
          placeholder={'email,name,school\nana.diaz@yourdistrict.org,Ana Díaz,North Elementary'}
          spellCheck={false}
          onChange={() => setEditedAfter(shown)}
        />
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" name="intent" value="preview" disabled={pending} onClick={() => setIntent('preview')} className={buttonClass(canInvite ? 'secondary' : 'primary')}>
            {pending && intent === 'preview' ? 'Checking…' : preview ? 'Check the list again' : 'Check the list'}
          </button>
          {canInvite ? (
            <button type="submit" name="intent" value="invite" disabled={pending} onClick={() => setIntent('invite')} className={buttonClass('primary')}>
              {pending && intent === 'invite' ? 'Sending the invitations…' : `Invite ${preview.counts.invite === 1 ? '1 teacher' : `${preview.counts.invite} teachers`}`}
            </button>
          ) : null}
        </div>
        {edited ? <p className="mt-2 text-sm text-slate-700">You changed the list after checking it: check it again before inviting anyone.</p> : null}
      </fieldset>

      {/*
        Always on the page (the preview is not), so the check's outcome is read out when it appears:
        why nothing was sent (notice), then the file's problem or the summary. The preview's alerts
        below show the same words and are not live regions, so nothing is read out twice.
      */}
      <p role="status" className="sr-only">{busyText || (preview ? [preview.notice, preview.fileError ?? preview.summary].filter(Boolean).join(' ') : '')}</p>

      {preview ? (
        <section aria-labelledby="preview-h" className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 id="preview-h" className="mb-2 text-lg font-semibold">What will happen</h2>
          {preview.notice ? <div className="mb-3"><Alert tone="warning" live={false}>{preview.notice}</Alert></div> : null}
          {preview.fileError ? <Alert tone="danger" live={false}>{preview.fileError}</Alert> : (
            <>
              <p className="mb-3 text-sm">{preview.summary}</p>
              {problems.length ? (
                <div className="mb-4">
                  <h3 className="text-sm font-semibold">Rows to fix</h3>
                  <ul className="mt-1 list-disc pl-5 text-sm text-red-800">
                    {problems.map((r) => <li key={r.line}>Line {r.line}: {r.errors.join(' ')}</li>)}
                  </ul>
                </div>
              ) : null}
              {/* Focusable, so keyboard users can scroll a long list (the table holds nothing else to focus). */}
              <div className="max-h-[36rem] overflow-auto" tabIndex={0} role="region" aria-labelledby="rows-caption">
                <table className="w-full text-sm">
                  <caption id="rows-caption" className="mb-2 text-left text-sm text-slate-700">
                    Every row of the list: {preview.counts.invite} to invite, {preview.counts.member} already in the district, {preview.counts.invited} already invited, {preview.counts.problem} with a problem.
                  </caption>
                  <thead className="bg-slate-50 text-left">
                    <tr>
                      <th scope="col" className="p-2">Line</th>
                      <th scope="col" className="p-2">Email</th>
                      <th scope="col" className="p-2">Name</th>
                      <th scope="col" className="p-2">School</th>
                      <th scope="col" className="p-2">What happens</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((r) => (
                      <tr key={r.line} className={`border-t border-slate-100 align-top ${r.status === 'problem' ? 'bg-red-50' : r.status === 'invite' ? '' : 'bg-slate-50'}`}>
                        <th scope="row" className="p-2 text-left font-normal">{r.line}</th>
                        <td className="break-all p-2">{r.email || '—'}</td>
                        <td className="p-2">{r.name || '—'}</td>
                        <td className="p-2">{r.school?.name ?? (r.schoolText || 'District-wide')}</td>
                        <td className="p-2">
                          {rowResult(r, districtName)}
                          {r.notes.map((n) => <span key={n} className="block text-slate-700">{n}</span>)}
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

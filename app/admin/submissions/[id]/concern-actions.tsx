'use client';

import { closeEvidenceConcernAction, removeEvidenceFileAction } from './actions';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { SelectField, TextArea } from '@/components/ui/field';
import { SentOutcome } from '@/components/ui/sent-outcome';
import { CLOSE_NOTE_MAX, REMOVAL_REASON_MAX } from '@/lib/evidence/schemas';

// Said when a request got no answer (offline, a deploy since the page loaded): the form stays, with
// what was written, to send again (useReachableActionState).
export const REMOVE_FILE_UNREACHABLE = couldNotReach('the file may not have been removed', 'Your reason is still here: check your connection and press the button again.');
export const CLOSE_CONCERN_UNREACHABLE = couldNotReach('the concern may not have been closed', 'Your note is still here: check your connection and press Close without removing again.');
const removeUnreachable: ActionResult = { ok: false, formError: REMOVE_FILE_UNREACHABLE };
const closeUnreachable: ActionResult = { ok: false, formError: CLOSE_CONCERN_UNREACHABLE };

const buttonClass = 'min-h-10 rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-60';

/**
 * What an issuer admin does about one open concern: remove the file (a concern about the whole
 * attempt asks which one), with a reason the teacher reads, or close it without removing anything,
 * with a note for the record. Stays mounted once the concern is dealt with (`open` false: the page
 * then shows what was done), so the outcome is said where focus was.
 */
export function ConcernActions({ concernId, fileId, files, open }: { concernId: string; fileId: string | null; files: { id: string; fileName: string }[]; open: boolean }) {
  const { state: removed, pending: removing, formProps: removeForm } = useReachableActionState(removeEvidenceFileAction, initialActionState, removeUnreachable);
  const { state: closed, pending: closing, formProps: closeForm } = useReachableActionState(closeEvidenceConcernAction, initialActionState, closeUnreachable);
  const pending = removing || closing;
  // A concern about a file that is gone (removed after another concern) has nothing left to remove.
  const removable = fileId ? true : files.length > 0;
  return (
    <div className="mt-3">
      <SentOutcome state={removed} />
      <SentOutcome state={closed} />
      {open ? (
        <div className="space-y-2">
          {removable ? (
            <details className="rounded-md border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-semibold">Remove {fileId ? 'this file' : 'a file'}</summary>
              <form {...removeForm} noValidate className="mt-3">
                <input type="hidden" name="concernId" value={concernId} />
                {fileId ? <input type="hidden" name="fileId" value={fileId} /> : null}
                <ActionAlerts state={removed.ok ? initialActionState : removed} className="mb-3" />
                {fileId ? null : (
                  <SelectField id={`remove-file-${concernId}`} name="fileId" label="File to remove" defaultValue="" required errors={removed.ok ? undefined : removed.fieldErrors?.fileId}>
                    {/* Posted empty when left here (a disabled option is not posted at all), so the server's "Choose the file to remove." shows at this select. */}
                    <option value="">Choose a file</option>
                    {files.map((f) => (
                      <option key={f.id} value={f.id}>
                        {f.fileName}
                      </option>
                    ))}
                  </SelectField>
                )}
                <TextArea
                  id={`remove-reason-${concernId}`}
                  name="reason"
                  label="Why it is removed"
                  hint="The teacher reads this in place of the file, and so do reviewers of this attempt: say it plainly, without naming students. The file is deleted from storage and cannot be restored."
                  rows={3}
                  maxLength={REMOVAL_REASON_MAX}
                  required
                  errors={removed.ok ? undefined : removed.fieldErrors?.reason}
                />
                <button type="submit" disabled={pending} className={`${buttonClass} bg-red-700 text-white hover:bg-red-800`}>
                  {removing ? 'Removing…' : fileId ? 'Remove this file' : 'Remove the chosen file'}
                </button>
              </form>
            </details>
          ) : null}
          <details className="rounded-md border border-slate-200 p-3">
            <summary className="cursor-pointer text-sm font-semibold">Close without removing</summary>
            <form {...closeForm} noValidate className="mt-3">
              <input type="hidden" name="concernId" value={concernId} />
              <ActionAlerts state={closed.ok ? initialActionState : closed} className="mb-3" />
              <TextArea
                id={`close-note-${concernId}`}
                name="note"
                label="Why nothing is removed"
                hint="For the issuer’s record on this page. The teacher and the reviewer are not told."
                rows={3}
                maxLength={CLOSE_NOTE_MAX}
                required
                errors={closed.ok ? undefined : closed.fieldErrors?.note}
              />
              <button type="submit" disabled={pending} className={`${buttonClass} border border-slate-300 bg-white hover:bg-slate-100`}>
                {closing ? 'Closing…' : 'Close without removing'}
              </button>
            </form>
          </details>
        </div>
      ) : null}
    </div>
  );
}

'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { initialActionState, type ActionResult } from '@/lib/action-result';
import { couldNotReach, useReachableActionState } from '@/components/ui/unreachable';
import { CERTIFICATE_ACCEPT, certificateFileProblem } from '@/lib/external-learning/certificate-files';
import type { AttachedCertificate, CertificateTicket } from '@/lib/external-learning/certificates';
import type { CertificateStep } from '@/app/badges/other-learning/actions';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { ConfirmDisclosure } from '@/components/admin/confirm-disclosure';

// Attaching a certificate of completion to one entry of other learning: the file goes from the
// browser straight to storage (a URL the server signs for its exact size and type), then the server
// checks it and attaches it (lib/external-learning/certificates.ts). Only this part runs in the
// browser; the entry and its certificate are shown by the page.

type RequestAction = (input: { learningId: string; fileName: string; contentType: string; size: number }) => Promise<CertificateStep<CertificateTicket>>;
type CompleteAction = (input: { certificateId: string }) => Promise<CertificateStep<AttachedCertificate>>;
type CancelAction = (input: { certificateId: string }) => Promise<CertificateStep<null>>;

type Phase = 'idle' | 'starting' | 'uploading' | 'checking' | 'failed' | 'done';

/** An upload URL lives 15 minutes: a Retry later than this asks for a new one rather than being refused by storage. */
const TICKET_REUSE_MS = 10 * 60_000;

const button = 'inline-flex min-h-6 items-center rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-semibold text-slate-800 hover:bg-slate-100';

/**
 * The file input ("Attach a certificate", or "Replace the certificate" when one is on file), with a
 * labelled progress bar while the file is sent, Cancel while it is, Retry when the connection or
 * storage failed, and one polite live region saying what happens. A file of the wrong type or size
 * is refused here, before any request, in the words the server would use. Focus goes to the outcome
 * once the upload has finished, whichever way.
 */
export function CertificateUpload({ learningId, entryTitle, hasCertificate, request, complete, cancel }: { learningId: string; entryTitle: string; hasCertificate: boolean; request: RequestAction; complete: CompleteAction; cancel: CancelAction }) {
  const id = useId();
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [message, setMessage] = useState('');
  const [retryable, setRetryable] = useState(false);
  const [fileName, setFileName] = useState('');
  const file = useRef<File | null>(null);
  const ticket = useRef<(CertificateTicket & { at: number }) | null>(null);
  // The file reached storage under the current ticket: Retry then only asks for the check again.
  const delivered = useRef(false);
  const xhr = useRef<XMLHttpRequest | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const retryButton = useRef<HTMLButtonElement>(null);
  // Where focus goes once an upload ends (the file input is disabled while it runs, so focus left
  // it): Retry when it is offered, else the file input. The outcome itself is read out by the live
  // region; it is not focused as well, which would have it read twice.
  const [focusAfter, setFocusAfter] = useState<'retry' | 'input' | null>(null);
  useEffect(() => {
    if (!focusAfter) return;
    (focusAfter === 'retry' ? retryButton.current : input.current)?.focus();
  }, [focusAfter, phase]);
  const busy = phase === 'starting' || phase === 'uploading' || phase === 'checking';
  // "Attached: …" is said until the certificate goes (removed, here or in another tab): then it is no longer true.
  const shown = phase === 'done' && !hasCertificate ? '' : message;

  /** Lets the server drop an upload this page gave up, so it holds none of the entry's places. */
  function giveUp() {
    const t = ticket.current;
    ticket.current = null;
    delivered.current = false;
    if (t) void cancel({ certificateId: t.certificateId }).catch(() => undefined);
  }

  function fail(text: string, retry: boolean, focus: boolean) {
    setPhase('failed');
    setRetryable(retry);
    setMessage(text);
    if (focus) setFocusAfter(retry ? 'retry' : 'input');
  }

  async function finish(f: File, t: CertificateTicket) {
    setFocusAfter(null);
    setPhase('checking');
    setMessage(`Checking “${f.name}”…`);
    let r: CertificateStep<AttachedCertificate>;
    try {
      r = await complete({ certificateId: t.certificateId });
    } catch {
      return fail(`“${f.name}” was sent, but the answer did not come back. Check your connection, then Retry.`, true, true);
    }
    if (!r.ok) return fail(r.formError ?? `“${f.name}” could not be attached.`, r.retry, true);
    ticket.current = null;
    delivered.current = false;
    file.current = null;
    if (input.current) input.current.value = '';
    setPhase('done');
    setMessage(r.message ?? `Attached: “${f.name}”.`);
    setFocusAfter('input');
  }

  function send(f: File, t: CertificateTicket) {
    setFocusAfter(null);
    setPhase('uploading');
    setPercent(0);
    setMessage(`Uploading “${f.name}”…`);
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open('PUT', t.url);
    req.setRequestHeader('Content-Type', t.contentType);
    req.upload.onprogress = (e) => setPercent(Math.floor((e.loaded / (e.total || f.size)) * 100));
    req.onload = () => {
      xhr.current = null;
      if (req.status >= 200 && req.status < 300) {
        delivered.current = true;
        return void finish(f, t);
      }
      // An expired URL (403) is replaced by Retry; anything else storage said is worth another try too.
      if (req.status === 403) giveUp();
      fail(`The upload of “${f.name}” did not go through (file storage answered ${req.status}). Retry, or choose the file again.`, true, true);
    };
    req.onerror = () => {
      xhr.current = null;
      fail(`The connection dropped while “${f.name}” was uploading. Check your connection, then Retry.`, true, true);
    };
    req.onabort = () => {
      xhr.current = null;
      giveUp();
      setPhase('idle');
      setMessage(`Upload cancelled. “${f.name}” was not attached.`);
      // The Cancel button is gone: back to the file input, once it is enabled again.
      setFocusAfter('input');
    };
    req.send(f);
  }

  async function start(f: File) {
    file.current = f;
    // Another file chosen after a failed upload: the earlier one gives up its place.
    giveUp();
    setFileName(f.name);
    const problem = certificateFileProblem({ name: f.name, type: f.type, size: f.size });
    if (problem) return fail(problem, false, false);
    setPhase('starting');
    setPercent(0);
    setMessage(`Uploading “${f.name}”…`);
    let r: CertificateStep<CertificateTicket>;
    try {
      r = await request({ learningId, fileName: f.name, contentType: f.type, size: f.size });
    } catch {
      return fail(`“${f.name}” could not be sent: the connection dropped. Check your connection, then Retry.`, true, true);
    }
    if (!r.ok) return fail(r.formError ?? `“${f.name}” could not be attached.`, r.retry, true);
    ticket.current = { ...r.data, at: Date.now() };
    send(f, r.data);
  }

  function retry() {
    const f = file.current;
    if (!f) return;
    const t = ticket.current;
    // The file arrived but the check's answer was lost: ask for the check again, without sending it twice.
    if (t && delivered.current) void finish(f, t);
    else if (t && Date.now() - t.at < TICKET_REUSE_MS) send(f, t);
    else void start(f);
  }

  const label = hasCertificate ? 'Replace the certificate' : 'Attach a certificate';
  // Why the last file was not attached, tied to the file input (which gets focus back): marked
  // invalid when the file itself was refused (its type, size or content), not for a dropped
  // connection, which Retry answers.
  const statusId = `${id}-status`;
  const failed = phase === 'failed';
  return (
    <div className="mt-2">
      <label htmlFor={`${id}-file`} className="block font-semibold">
        {label}<span className="sr-only"> of “{entryTitle}”</span> <span className="font-normal">(PDF or image, up to 10 MB)</span>
      </label>
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        accept={CERTIFICATE_ACCEPT}
        disabled={busy}
        aria-invalid={failed && !retryable ? true : undefined}
        aria-describedby={failed ? statusId : undefined}
        className="mt-1 block max-w-full text-sm file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-0.5 file:text-xs file:font-semibold"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) void start(f);
        }}
      />
      {busy ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <label htmlFor={`${id}-progress`} className="text-xs">{phase === 'checking' ? 'Checking the file' : 'Upload progress'}</label>
          <progress id={`${id}-progress`} max={100} value={phase === 'checking' ? 100 : percent} className="h-2 w-40">{percent}%</progress>
          <span className="text-xs" aria-hidden="true">{phase === 'checking' ? '100%' : `${percent}%`}</span>
          {phase === 'uploading' ? (
            <button type="button" className={button} onClick={() => xhr.current?.abort()}>
              Cancel<span className="sr-only"> the upload</span>
            </button>
          ) : null}
        </div>
      ) : null}
      <p id={statusId} role="status" aria-live="polite" className={`mt-1 text-sm ${failed ? 'text-red-800' : ''}`}>
        {shown}
      </p>
      {failed && retryable ? (
        <button ref={retryButton} type="button" className={`${button} mt-1`} onClick={retry}>
          Retry<span className="sr-only"> uploading “{fileName}”</span>
        </button>
      ) : null}
    </div>
  );
}

/**
 * Said when removing a certificate got no answer. Pressing again is safe: an entry with no
 * certificate left answers as done (removeCertificate).
 */
export function removeCertificateUnreachable(fileName: string | null): string {
  return couldNotReach(fileName ? `“${fileName}” may not have been removed` : 'the certificate may not have been removed', 'Check your connection and press Yes, remove it again.');
}

/**
 * "Remove…" on an entry's certificate: the first click only opens what will happen and the real
 * button (WCAG 3.3.4). Stays on the page once the certificate is gone (`fileName` null), so the
 * outcome is said where the button was, and focus, whose button went, is sent to it.
 */
export function RemoveCertificateForm({ action, learningId, fileName }: { action: (prev: ActionResult, fd: FormData) => Promise<ActionResult>; learningId: string; fileName: string | null }) {
  const unreachable: ActionResult = { ok: false, formError: removeCertificateUnreachable(fileName) };
  const { state, pending, formProps } = useReachableActionState(action, initialActionState, unreachable);
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.ok && state.message) outcome.current?.focus();
  }, [state]);
  return (
    <div className="mt-2">
      {fileName ? (
        <ConfirmDisclosure summary={<>Remove…<span className="sr-only"> the certificate “{fileName}”</span></>}>
          <form {...formProps}>
            <input type="hidden" name="learningId" value={learningId} />
            <p>Remove “{fileName}”? It is deleted, and your district’s leaders can no longer open it.</p>
            <button type="submit" disabled={pending} className="mt-1 inline-flex min-h-6 items-center rounded bg-red-700 px-2 py-0.5 text-xs font-semibold text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? 'Removing…' : 'Yes, remove it'}<span className="sr-only">: “{fileName}”</span>
            </button>
          </form>
        </ConfirmDisclosure>
      ) : null}
      {/* "Removed" is said while the entry has no certificate; once another is attached it is no longer true. */}
      <div ref={outcome} tabIndex={-1} className="focus:outline-2 focus:outline-offset-2 focus:outline-brand-700">
        {state.ok && fileName !== null ? null : <ActionAlerts state={state} className="mt-2" />}
      </div>
    </div>
  );
}

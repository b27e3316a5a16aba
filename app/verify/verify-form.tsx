'use client';

import { useState, useTransition } from 'react';
import { verifyAction } from './actions';
import type { VerifyFieldErrors, VerifyOutcome } from '@/lib/awards/verify-upload';
import { VerificationChecks } from '@/components/credential/verification-checks';
import { Alert } from '@/components/ui/card';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { verifyVerdict } from '@/components/credential/verify-verdict';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';

/** A check whose request got no answer (offline, a deploy since the page loaded): said in the form, which keeps what was pasted. */
const unreachable = (): VerifyOutcome => ({ ok: false, message: couldNotReach('the badge was not checked', 'Check your connection and press Verify again.') });

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const dateOf = (iso: string | undefined) => {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }) : null;
};

export function VerifyForm() {
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  // The address the shown result was checked against (the field may be edited afterwards).
  const [checkedEmail, setCheckedEmail] = useState('');
  const [outcome, setOutcomeState] = useState<VerifyOutcome | null>(null);
  // Counts the checks: each verdict is a new notice that takes focus, even one the same as the last.
  const [checks, setChecks] = useState(0);
  const setOutcome = (next: VerifyOutcome) => {
    setOutcomeState(next);
    setChecks((n) => n + 1);
  };
  const [dragging, setDragging] = useState(false);
  const [pending, start] = useTransition();
  // A failure that is about the form's own fields (nothing pasted, an email that is not one) is said
  // on those fields; any other outcome is the verdict.
  const fieldErrors = outcome && !outcome.ok && !pending ? outcome.fieldErrors : undefined;

  const checkFile = (file: File) =>
    start(async () => {
      if (file.size > 1_000_000) return setOutcome({ ok: false, message: 'That file is too large to be a badge (1 MB at most).' });
      setCheckedEmail(email.trim());
      const base64 = await fileToBase64(file);
      setOutcome(await unlessUnreachable(() => verifyAction({ kind: 'file', name: file.name, base64, email }), unreachable));
    });

  return (
    <div>
      <form
        // Before hydration a click posts (nothing lands in the URL); after it, onSubmit handles it.
        method="post"
        // The server checks the address and says what is wrong on the field, not a passing tooltip.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // The button stays enabled while a check runs (it keeps focus and its place in the tab
          // order); a second press then starts nothing.
          if (pending) return;
          start(async () => {
            setCheckedEmail(email.trim());
            setOutcome(await unlessUnreachable(() => verifyAction({ kind: 'text', text, email }), unreachable));
          });
        }}
      >
        <VerifyFields text={text} email={email} onText={setText} onEmail={setEmail} fieldErrors={fieldErrors} check={checks} />
        {/* Always enabled: a keyboard user reaches it, and pressing it with nothing pasted says what is missing. */}
        <button type="submit" className="mt-2 rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800">
          {pending ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files[0];
          if (f) checkFile(f);
        }}
        className={`mt-6 rounded-lg border-2 border-dashed p-6 text-center ${dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-white'}`}
      >
        <p className="font-semibold">Or drop a badge image (PNG or SVG) or a JSON file here</p>
        {/* The input is visually hidden (before its label, as a peer): the label shows the focus ring. */}
        <input id="credential-file" type="file" accept=".json,.png,.svg,application/json,image/png,image/svg+xml" className="peer sr-only" onChange={(e) => e.target.files?.[0] && checkFile(e.target.files[0])} />
        <label htmlFor="credential-file" className="mt-2 inline-block cursor-pointer rounded font-semibold text-brand-700 underline peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600">
          Choose a file
        </label>
      </div>
      {/* Only the wait is a live region; the verdict is not inside it (see Verdict). */}
      <div aria-live="polite">{pending ? <p className="mt-6">Checking…</p> : null}</div>
      {outcome && !pending && !fieldErrors ? <Verdict key={checks} outcome={outcome} checkedEmail={checkedEmail} /> : null}
    </div>
  );
}

/**
 * The form's two fields, each with its error (nothing pasted, an address that is not one) under it,
 * marked invalid and described by it (FieldError). `check` counts the checks made.
 */
export function VerifyFields({ text, email, onText, onEmail, fieldErrors, check }: { text: string; email: string; onText: (v: string) => void; onEmail: (v: string) => void; fieldErrors?: VerifyFieldErrors; check: number }) {
  return (
    <>
      <label htmlFor="recipient-email" className="block font-semibold">
        Recipient’s email <span className="font-normal text-slate-700">(optional)</span>
      </label>
      <p id="recipient-email-hint" className="text-sm text-slate-700">
        To check that the badge was issued to the person who gave it to you. Badges carry only a scrambled form of the address; what you type is not stored.
      </p>
      <input
        id="recipient-email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(e) => onEmail(e.target.value)}
        aria-invalid={fieldErrors?.email ? true : undefined}
        aria-describedby={fieldErrors?.email ? 'recipient-email-hint recipient-email-error' : 'recipient-email-hint'}
        className="mt-1 block w-full max-w-md rounded-md border border-slate-500 px-3 py-2 aria-[invalid=true]:border-red-600"
      />
      <FieldError id="recipient-email-error" message={fieldErrors?.email} check={check} />
      <label htmlFor="credential-text" className="mt-4 block font-semibold">
        Paste a badge link or a credential (JSON)
      </label>
      <textarea
        id="credential-text"
        value={text}
        onChange={(e) => onText(e.target.value)}
        rows={8}
        aria-invalid={fieldErrors?.text ? true : undefined}
        aria-describedby={fieldErrors?.text ? 'credential-text-error' : undefined}
        className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 font-mono text-sm aria-[invalid=true]:border-red-600"
      />
      <FieldError id="credential-text-error" message={fieldErrors?.text} check={check} />
    </>
  );
}

/**
 * A field's error, under it and tied to it (the field's aria-describedby names `id`), in an alert
 * region that is always on the page, so it is read out as it appears, once (the text has no role of
 * its own). Mounted anew for every check (`check`), so the same error after another press of Verify
 * is read out again. Focus stays on Verify, which is still there.
 */
export function FieldError({ id, message, check }: { id: string; message?: string; check: number }) {
  return (
    <div role="alert">
      {message ? (
        <p key={check} id={id} className="mt-1 text-sm font-medium text-red-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The result of one check. Not inside a live region: it takes focus when it comes (so keyboard and
 * screen-reader users land on it, not on the page), and its Alert's own role announces it, once.
 * Mounted anew for every check (the form keys it), so a second check takes focus too.
 */
export function Verdict({ outcome, checkedEmail }: { outcome: VerifyOutcome; checkedEmail: string }) {
  return (
    <ArrivalNotice className="mt-6 rounded-md">
      {outcome.ok ? (
        <>
          <Alert {...verifyVerdict(outcome, checkedEmail)}>
            {outcome.summary.name ? <p>{outcome.summary.name}{outcome.summary.issuer ? `, issued by ${outcome.summary.issuer}` : ''}</p> : null}
            {outcome.result.verified && outcome.summary.issuerOnPlatform === false ? (
              <p className="font-semibold">
                {outcome.summary.claimedIssuer ? `It names “${outcome.summary.claimedIssuer}” as its issuer, but` : 'But'} it was not signed with the key of any issuer on this platform, so we cannot tell who issued it. Anyone can make a signing key and write any name beside it. Check with the issuer directly before relying on it.
              </p>
            ) : null}
            {outcome.summary.keyRetiredBeforeIssue ? (
              <p className="font-semibold">
                {outcome.summary.issuer ?? 'The issuer'} stopped using the key that signed it on {dateOf(outcome.summary.keyRetiredBeforeIssue)}, before the date the badge gives for its issue. The issuer did not issue it with that key: do not rely on it, and tell the issuer.
              </p>
            ) : null}
            {dateOf(outcome.summary.validFrom) ? (
              <p>
                Issued {dateOf(outcome.summary.validFrom)}
                {dateOf(outcome.summary.validUntil) ? `, valid until ${dateOf(outcome.summary.validUntil)}` : ''}
              </p>
            ) : null}
            {outcome.summary.recipient === 'match' ? <p className="font-semibold">It was issued to {checkedEmail}.</p> : null}
            {outcome.summary.recipient === 'no-match' ? (
              <p className="font-semibold">The signature and status are in order, but it was issued to a different email address than the one you entered. Check with the person who gave you the badge before relying on it.</p>
            ) : null}
            {outcome.summary.url ? (
              <p>
                <a href={outcome.summary.url} className="font-semibold underline">
                  Open the badge’s page
                </a>
              </p>
            ) : null}
            {outcome.result.errors.length ? (
              <ul className="mt-1 list-disc pl-5">
                {outcome.result.errors.map((e) => <li key={e}>{e}</li>)}
              </ul>
            ) : null}
          </Alert>
          <VerificationChecks result={outcome.result} />
        </>
      ) : (
        <Alert tone="danger">{outcome.message}</Alert>
      )}
    </ArrivalNotice>
  );
}

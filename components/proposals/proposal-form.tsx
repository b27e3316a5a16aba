'use client';

import { useActionState, useEffect, useRef, useState, useTransition, type FormEvent, type ReactNode } from 'react';
// Imported here, not passed as props: a prop would be a new function after every autosave's
// refresh, and the autosaver (rebuilt on it) could then save twice from one version.
import { autosaveProposalAction, saveProposalAction } from '@/app/micro-credentials/[slug]/proposal/actions';
import { initialActionState } from '@/lib/action-result';
import { couldNotReach, unlessUnreachable } from '@/components/ui/unreachable';
import { PROPOSAL_FIELD_LABELS, PROPOSAL_TEXT_MAX, ProposalDraftInput, type ProposalFormResult } from '@/lib/proposals/schemas';
import { TextArea } from '@/components/ui/field';
import { ActionAlerts } from '@/components/ui/action-alerts';
import { createAutosaver, saveOnHideAndReconnect, type Autosaver, type AutosaveStatus } from '@/components/evidence/autosave';
import { clearLocalDraft, decideLocalProposal, localDraftKey, parseLocalProposal, readLocalDraft, writeLocalDraft, type LocalProposal, type ProposalText } from '@/components/ui/local-draft';
import { EarlierCopyNotice, previewOf } from '@/components/ui/earlier-copy-notice';
import { fromVersionRef, packProposalText, toVersionRef, unpackProposalText } from '@/components/proposals/proposal-text';
import { charCount } from '@/components/proposals/char-count';
import { SavingStoppedAlert } from '@/components/ui/saving-stopped-alert';
import { ArrivalNotice } from '@/components/ui/arrival-notice';
import { Alert } from '@/components/ui/card';
import { formatTime } from '@/lib/time-format';

type Props = {
  microCredentialId: string;
  /** Whose proposal, to which district: the browser copy is theirs alone (a shared computer). */
  ownerKey: string;
  studentGoals: string;
  plan: string;
  /** The saved proposal's version, or null when there is none for the teacher's district yet. */
  version: number | null;
  /** Sent or approved: shown, not edited, and never autosaved. */
  locked: boolean;
  /** The teacher's time zone (their account's; null or '' when they have none: UTC), for "Draft saved at". */
  timeZone?: string | null;
};

/**
 * Said when Save draft got no answer (offline, a deploy since the page loaded). The text stays in
 * this browser until the server has it. If the save did get through, the server has a newer
 * version than this page knows, so the next save from this page is refused as changed elsewhere:
 * saving stops and asks for a reload, the text still on this device. Nothing is saved twice.
 */
export const SAVE_PROPOSAL_UNREACHABLE = couldNotReach('your draft may not have been saved', 'Your text is kept on this device: check your connection and press Save draft again.');
/**
 * Said when Send got no answer. Sending again is safe: a proposal sent already is refused as such
 * (saveProposal), not sent twice.
 */
export const SEND_PROPOSAL_UNREACHABLE = couldNotReach(
  'your proposal may not have been sent',
  'Your text is kept on this device: check your connection and press Send to my district again. If it was sent already, you are told so.',
);

/** A box's hint with its live count under it (read with the hint, not on every key: not a live region). */
function withCount(hint: string, text: string, show: boolean): ReactNode {
  if (!show) return hint;
  const count = charCount(text, PROPOSAL_TEXT_MAX);
  return (
    <>
      {hint}
      <span className={`block ${count.over ? 'font-semibold text-red-700' : ''}`}>{count.text}</span>
    </>
  );
}

/**
 * The proposal: Save draft and Send post the form (also without JavaScript). With JavaScript, the
 * draft also saves itself 2 s after typing stops and when the page is hidden, and a copy is kept in
 * this browser until the server has it, so leaving the page loses nothing. Every save is checked
 * against the version the text was typed on: one from a stale window is refused instead of
 * replacing newer text, and saving stops with a message. A copy from an earlier visit is put back by
 * itself only if the saved proposal has not changed since; otherwise the teacher chooses.
 *
 * Messages name the boxes by their labels, each box counts its characters against the limit as
 * the teacher types, and Send checks with the app (noValidate), so an empty proposal gets the
 * page's own summary and the message under the box, not only the browser's bubble.
 */
export function ProposalForm({ microCredentialId, ownerKey, studentGoals, plan, version, locked, timeZone = null }: Props) {
  const [posted, formAction] = useActionState<ProposalFormResult, FormData>(saveProposalAction, initialActionState);
  // Set when the form was sent with JavaScript (the action is called here, after the autosave).
  const [result, setResult] = useState<ProposalFormResult | null>(null);
  const state = result ?? posted;
  // A post without JavaScript that failed: the page is rendered again with what was typed.
  const kept = !posted.ok ? posted.values : undefined;
  const [goals, setGoals] = useState(kept?.studentGoals ?? studentGoals);
  const [planText, setPlanText] = useState(kept?.plan ?? plan);
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  const [earlier, setEarlier] = useState<ProposalText | null>(null);
  const [copyNote, setCopyNote] = useState('');
  const [pending, startTransition] = useTransition();
  const [sending, setSending] = useState(false);
  const baseVersion = kept && kept.version !== undefined ? kept.version : version;

  const storageKey = localDraftKey(`proposal:${ownerKey}:${microCredentialId}`);
  const versionRef = useRef(toVersionRef(baseVersion));
  const lastSaved = useRef(packProposalText({ studentGoals, plan }));
  const textRef = useRef(packProposalText({ studentGoals: goals, plan: planText }));
  const stopped = useRef(false);
  const saver = useRef<Autosaver | null>(null);
  const errors = state.ok ? undefined : state.fieldErrors;
  // Sent: the buttons go (the proposal is locked), so the message takes focus (ArrivalNotice).
  const sentMessage = state.ok && state.data?.sent ? (state.message ?? 'Sent to your district.') : null;

  // The copy in this browser, with the version it was typed on (what saving it would replace).
  const keepLocal = (text: ProposalText) => writeLocalDraft(storageKey, { ...text, baseVersion: fromVersionRef(versionRef.current) } satisfies LocalProposal);

  // Only after hydration: localStorage exists in the browser alone. Compared with what this form was
  // loaded with (the refs), as later props may already include its own saves.
  useEffect(() => {
    if (locked) return;
    const local = parseLocalProposal(readLocalDraft(storageKey));
    const decision = decideLocalProposal(local, { ...unpackProposalText(lastSaved.current), version: fromVersionRef(versionRef.current) });
    if (!local || decision === 'none') {
      clearLocalDraft(storageKey);
      return;
    }
    const restore = setTimeout(() => {
      if (decision === 'ask') {
        setEarlier({ studentGoals: local.studentGoals, plan: local.plan });
        return;
      }
      setGoals(local.studentGoals);
      setPlanText(local.plan);
      textRef.current = packProposalText(local);
      void saver.current?.save();
    }, 0);
    return () => clearTimeout(restore);
  }, [locked, storageKey]);

  useEffect(() => {
    if (locked) return;
    const s = createAutosaver({
      send: async (text, rev) => {
        const input = { microCredentialId, ...unpackProposalText(text), version: fromVersionRef(rev) };
        // Too long is refused here, without a round trip every time the loop tries again.
        const check = ProposalDraftInput.safeParse(input);
        // The schema's messages name the box by its label.
        if (!check.success) return { ok: false, formError: `Not saved: ${check.error.issues[0]?.message ?? 'check the text.'}` };
        const r = await autosaveProposalAction(input);
        return r.ok ? { ok: true, revision: r.version, savedAt: r.savedAt } : { ok: false, formError: r.formError, conflict: r.stop };
      },
      text: () => textRef.current,
      revision: versionRef,
      lastSaved,
      stopped,
      onStatus: setStatus,
      onSaved: (value) => {
        // Typed on during the save: what is left is now typed on the version just saved.
        if (textRef.current === value) clearLocalDraft(storageKey);
        else writeLocalDraft(storageKey, { ...unpackProposalText(textRef.current), baseVersion: fromVersionRef(versionRef.current) } satisfies LocalProposal);
      },
      delayMs: 2000,
    });
    saver.current = s;
    const stopListening = saveOnHideAndReconnect(s);
    return () => {
      stopListening();
      if (saver.current === s) saver.current = null;
    };
  }, [locked, microCredentialId, storageKey]);

  const onChange = (next: ProposalText) => {
    setGoals(next.studentGoals);
    setPlanText(next.plan);
    textRef.current = packProposalText(next);
    keepLocal(next);
    saver.current?.schedule();
  };

  const takeEarlier = () => {
    if (!earlier) return;
    setEarlier(null);
    document.getElementById('studentGoals')?.focus();
    // Saved like a fresh edit, so it still meets the version check should the proposal change again.
    onChange(earlier);
    void saver.current?.save();
  };
  const discardEarlier = () => {
    // Anything typed since the notice appeared replaced the stored copy: that copy stays.
    const stored = parseLocalProposal(readLocalDraft(storageKey));
    if (stored && earlier && stored.studentGoals === earlier.studentGoals && stored.plan === earlier.plan) clearLocalDraft(storageKey);
    setEarlier(null);
    document.getElementById('studentGoals')?.focus();
  };

  // With JavaScript: unsaved text is autosaved first (and any save under way finishes), so the
  // post carries the version the server has now and is not refused as stale by this page's own save.
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = e.currentTarget;
    setSending(submitter?.value === 'submit');
    startTransition(async () => {
      await saver.current?.save();
      const fd = new FormData(form);
      if (submitter?.name) fd.set(submitter.name, submitter.value);
      fd.set('version', String(fromVersionRef(versionRef.current) ?? ''));
      const sentText = packProposalText({ studentGoals: String(fd.get('studentGoals') ?? ''), plan: String(fd.get('plan') ?? '') });
      // A request with no answer is said in place, by what was pressed; a redirect would still reach the router.
      const r = await unlessUnreachable<ProposalFormResult>(
        () => saveProposalAction(initialActionState, fd),
        () => ({ ok: false, formError: fd.get('intent') === 'submit' ? SEND_PROPOSAL_UNREACHABLE : SAVE_PROPOSAL_UNREACHABLE }),
      );
      setResult(r);
      if (r.ok && r.data) {
        versionRef.current = r.data.version;
        lastSaved.current = sentText;
        // Sent: nothing more is saved from this page (the server would refuse it anyway). Saved:
        // autosaving goes on, also if it had stopped (the server takes this page's saves again).
        if (r.data.sent) stopped.current = true;
        else saver.current?.resume();
        if (textRef.current === sentText) clearLocalDraft(storageKey);
        else keepLocal(unpackProposalText(textRef.current));
        if (!r.data.sent) setStatus({ kind: 'saved', at: new Date(r.data.savedAt) });
      } else if (!r.ok && r.stop) {
        stopped.current = true;
        setStatus({ kind: 'conflict', message: r.formError ?? 'Not saved.' });
      }
    });
  };

  const copy = async () => {
    const text = `${goals}\n\n${planText}`.trim();
    try {
      await navigator.clipboard.writeText(text);
      setCopyNote('Copied. Paste it somewhere safe before you reload.');
    } catch {
      const box = document.getElementById('studentGoals');
      if (box instanceof HTMLTextAreaElement) {
        box.focus();
        box.select();
      }
      setCopyNote('Your student goals are selected: press Ctrl+C (Command+C on a Mac) to copy them, then do the same for your plan.');
    }
  };

  const readOnly = locked || pending;
  return (
    // noValidate: the app checks Send itself (summary, message under the box, focus to it); the
    // boxes keep `required` for what it tells assistive technology.
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <input type="hidden" name="microCredentialId" value={microCredentialId} />
      <input type="hidden" name="version" value={baseVersion ?? ''} />
      {sentMessage ? (
        <ArrivalNotice className="mb-4">
          <Alert tone="success">{sentMessage}</Alert>
        </ArrivalNotice>
      ) : null}
      {/* Everything else (a saved draft, a problem) is said here; a sent proposal is said above. */}
      <ActionAlerts state={sentMessage ? initialActionState : state} />
      {/* Always on the page, so the notice is read out when it appears; it waits for a choice. */}
      <div aria-live="polite">
        {!locked && earlier ? (
          <EarlierCopyNotice
            className="mb-4"
            title="You have unsaved text from an earlier visit on this device."
            explanation="The saved proposal has changed since then, so it was not put back. Use it to replace what is in the boxes now, or discard it."
            useLabel="Use my earlier text"
            discardLabel="Discard it"
            onUse={takeEarlier}
            onDiscard={discardEarlier}
          >
            {earlier.studentGoals.trim() ? <p className="mt-1 whitespace-pre-wrap text-slate-800">Student goals: “{previewOf(earlier.studentGoals)}”</p> : null}
            {earlier.plan.trim() ? <p className="mt-1 whitespace-pre-wrap text-slate-800">Plan: “{previewOf(earlier.plan)}”</p> : null}
          </EarlierCopyNotice>
        ) : null}
      </div>
      <TextArea
        label={PROPOSAL_FIELD_LABELS.studentGoals}
        name="studentGoals"
        value={goals}
        onChange={(e) => onChange({ studentGoals: e.target.value, plan: planText })}
        onBlur={() => void saver.current?.save()}
        readOnly={readOnly}
        required={!locked}
        hint={withCount('Name the students or classes, the goal you are working toward, and why this skill helps. A draft can be a first line; sending needs a sentence or two.', goals, !locked)}
        errors={errors?.studentGoals}
      />
      <TextArea
        label={PROPOSAL_FIELD_LABELS.plan}
        name="plan"
        value={planText}
        onChange={(e) => onChange({ studentGoals: goals, plan: e.target.value })}
        onBlur={() => void saver.current?.save()}
        readOnly={readOnly}
        hint={withCount('When you will try it, and what evidence you expect to collect.', planText, !locked)}
        errors={errors?.plan}
      />
      {!locked ? (
        <>
          <p role="status" aria-live="polite" className="mb-3 min-h-5 text-sm text-slate-700">
            {status.kind === 'saving' ? 'Saving draft…' : null}
            {/* In the teacher's zone, as the site's other times (the browser's may differ). */}
            {status.kind === 'saved' ? `Draft saved at ${formatTime(status.at, timeZone)}` : null}
            {status.kind === 'offline' ? 'Not saved yet: kept on this device, will try again when you are back online' : null}
            {status.kind === 'error' ? <span className="font-semibold text-red-700">{status.message}</span> : null}
            {status.kind === 'conflict' ? <span className="font-semibold text-red-700">Not saved</span> : null}
          </p>
          {/* Mounted once, when saving stops: read out once, and it stays until the page is reloaded. */}
          {status.kind === 'conflict' ? (
            <SavingStoppedAlert
              className="mb-4"
              message={status.message}
              explanation="Saving has stopped for this proposal. Your text is kept on this device: after reloading, you can choose between it and the saved proposal if that can still be changed."
              onCopy={() => void copy()}
              onReload={() => window.location.reload()}
              copyNote={copyNote}
            />
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="submit" name="intent" value="submit" disabled={pending} className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 disabled:opacity-60">
              {pending && sending ? 'Sending…' : 'Send to my district'}
            </button>
            {/* An empty or short draft is fine: only sending asks for the student goals. */}
            <button type="submit" name="intent" value="save" formNoValidate disabled={pending} className="rounded-md border border-slate-400 bg-white px-5 py-2.5 font-semibold hover:bg-slate-100 disabled:opacity-60">
              {pending && !sending ? 'Saving…' : 'Save draft'}
            </button>
          </div>
        </>
      ) : null}
    </form>
  );
}

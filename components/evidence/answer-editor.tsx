'use client';

import { useEffect, useRef, useState } from 'react';
import { answerCount } from '@/components/evidence/answer-count';
import { ANSWER_MAX_CHARS, answerTooLong } from '@/lib/submissions/schemas';
import { saveResponseAction } from '@/app/apply/[slug]/actions';
import { registerDraftFlusher } from '@/components/evidence/draft-registry';
import { createAutosaver, saveOnHideAndReconnect, type Autosaver, type AutosaveStatus } from '@/components/evidence/autosave';
import { extractLinks } from '@/lib/submissions/links';
import { EarlierCopyNotice, previewOf } from '@/components/ui/earlier-copy-notice';
import { useSaveAnnouncer, type SaveEvent } from '@/components/ui/save-announcer';
import { adoptLegacyLocalDraft, clearLocalDraft, decideLocalAnswer, localDraftKey, parseLocalAnswer, readLocalDraft, writeLocalDraft, type LocalAnswer } from '@/components/ui/local-draft';
import { SavingStoppedAlert } from '@/components/ui/saving-stopped-alert';
import { formatTime } from '@/lib/time-format';

const OFFLINE_TEXT = 'Not saved yet: kept on this device, will retry when you are back online';

/** What a change of the save's status says to screen readers (a conflict has its own alert). */
export function saveEventOf(status: AutosaveStatus): SaveEvent {
  if (status.kind === 'saved') return { kind: 'saved' };
  if (status.kind === 'offline') return { kind: 'problem', text: OFFLINE_TEXT };
  if (status.kind === 'error') return { kind: 'problem', text: status.message };
  return { kind: 'quiet' };
}

type Props = {
  attemptId: string;
  partId: string;
  label: string;
  initialText: string;
  initialRevision: number;
  wordLimit: number | null;
  readOnly?: boolean;
  /** For a "links" part: each web address in the text is saved as a link. */
  collectLinks?: boolean;
  /** The teacher's time zone (ADR 023): "Saved at" is written in it, as the page's other times (UTC, labelled, without one). */
  timeZone?: string | null;
};

/**
 * A text answer that saves itself: 1 s after typing stops, on blur and when the page is hidden.
 * A local copy is kept until the server confirms, so a dropped connection loses nothing. If the
 * answer was saved from another window meanwhile, or the server refuses it for good (the attempt
 * was sent from another tab), saving stops and a lasting message asks the teacher to copy their
 * text and reload, instead of the editor trying again every second. The local
 * copy remembers which saved revision it was typed on: one from an earlier visit is only put back by
 * itself if the saved answer has not changed since; otherwise the teacher chooses.
 */
export function AnswerEditor({ attemptId, partId, label, initialText, initialRevision, wordLimit, readOnly, collectLinks, timeZone = null }: Props) {
  const draftName = `draft:${attemptId}:${partId}`;
  const storageKey = localDraftKey(draftName);
  const [text, setText] = useState(initialText);
  const [state, setState] = useState<AutosaveStatus>({ kind: 'idle' });
  const [copyNote, setCopyNote] = useState('');
  /** Text from an earlier visit that was typed on an answer the server no longer has: the teacher decides. */
  const [earlier, setEarlier] = useState<string | null>(null);
  const revision = useRef(initialRevision);
  const lastSaved = useRef(initialText);
  const stopped = useRef(false);
  const count = answerCount(text, { wordLimit, collectLinks });
  const textRef = useRef(text);
  const saver = useRef<Autosaver | null>(null);
  const { announcement, report } = useSaveAnnouncer('Answer saved.');

  // The copy in this browser, with the revision it was typed on (what a save of it would replace).
  const keepLocal = (value: string) => writeLocalDraft(storageKey, { text: value, baseRevision: revision.current } satisfies LocalAnswer);

  // Recover an unsaved local copy from a previous visit (e.g. the connection dropped).
  // localStorage only exists in the browser, so this runs after hydration. A copy typed on the
  // answer the server still has is put back and saved like any other edit; one typed on an older
  // answer (saved since from another window or computer) would silently replace newer text, so it
  // waits for the teacher. Compared with what this editor was loaded with (the refs, not the props:
  // a refresh after an upload brings props that already include this editor's own saves).
  useEffect(() => {
    if (readOnly) return;
    // A copy from before copies had a prefix and a revision: what it was typed on is unknown.
    adoptLegacyLocalDraft(draftName, (raw): LocalAnswer => ({ text: raw, baseRevision: null }));
    const local = parseLocalAnswer(readLocalDraft(storageKey));
    const decision = decideLocalAnswer(local, { text: lastSaved.current, revision: revision.current });
    if (!local || decision === 'none') {
      clearLocalDraft(storageKey);
      return;
    }
    const restore = setTimeout(() => {
      if (decision === 'ask') {
        setEarlier(local.text);
        return;
      }
      setText(local.text);
      textRef.current = local.text;
      setState({ kind: 'offline' });
      void saver.current?.save();
    }, 0);
    return () => clearTimeout(restore);
  }, [draftName, storageKey, readOnly]);

  useEffect(() => {
    textRef.current = text;
  }, [text]);

  useEffect(() => {
    if (readOnly) return;
    const s = createAutosaver({
      // An answer the server would refuse for its length is not sent (the editor tries again every
      // second while unsaved): the same words, from here.
      // A refusal saving again cannot get past (a conflict, an attempt sent meanwhile) stops saving.
      send: async (value, rev) => {
        if (value.length > ANSWER_MAX_CHARS) return { ok: false, formError: answerTooLong(value.length) };
        const r = await saveResponseAction({ attemptId, partId, text: value, links: collectLinks ? extractLinks(value) : [], revision: rev });
        return r.ok ? r : { ok: false, formError: r.formError, conflict: r.stop, waitForEdit: r.invalid };
      },
      text: () => textRef.current,
      revision,
      lastSaved,
      stopped,
      onStatus: (status) => {
        setState(status);
        report(saveEventOf(status));
      },
      onSaved: (value) => {
        // Typed on during the save: the copy left is now typed on the revision just saved.
        if (textRef.current === value) clearLocalDraft(storageKey);
        else writeLocalDraft(storageKey, { text: textRef.current, baseRevision: revision.current } satisfies LocalAnswer);
      },
    });
    saver.current = s;
    // Submitting saves this answer first, and is held back (naming it) while the server lacks it.
    const unregister = registerDraftFlusher({ id: `answer-${partId}`, label, flush: () => s.save() });
    const stopListening = saveOnHideAndReconnect(s);
    return () => {
      unregister();
      stopListening();
      if (saver.current === s) saver.current = null;
    };
  }, [attemptId, partId, label, readOnly, storageKey, collectLinks, report]);

  const onChange = (value: string) => {
    setText(value);
    textRef.current = value;
    keepLocal(value);
    saver.current?.schedule();
  };

  const id = `answer-${partId}`;

  // The teacher chose the earlier text over the saved answer: it is saved like a fresh edit (and
  // still meets the conflict check, should the answer change again meanwhile).
  const takeEarlier = () => {
    if (earlier === null) return;
    setText(earlier);
    textRef.current = earlier;
    keepLocal(earlier);
    setEarlier(null);
    document.getElementById(id)?.focus();
    void saver.current?.save();
  };
  const discardEarlier = () => {
    // Anything typed since the notice appeared replaced the stored copy: that copy stays.
    if (parseLocalAnswer(readLocalDraft(storageKey))?.text === earlier) clearLocalDraft(storageKey);
    setEarlier(null);
    document.getElementById(id)?.focus();
  };

  // The other window's answer is on the server: reloading shows it. This tab's local copy goes
  // (the message asks to copy it first), or it would be restored and saved over the other one.
  const reload = () => {
    clearLocalDraft(storageKey);
    window.location.reload();
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(textRef.current);
      setCopyNote('Copied. Paste it somewhere safe before you reload.');
    } catch {
      // No clipboard access (an older browser, a denied permission): select it for the keyboard.
      const box = document.getElementById(id);
      if (box instanceof HTMLTextAreaElement) {
        box.focus();
        box.select();
      }
      setCopyNote('Your text is selected: press Ctrl+C (Command+C on a Mac) to copy it.');
    }
  };

  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <textarea
        id={id}
        value={text}
        readOnly={readOnly}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => void saver.current?.save()}
        aria-describedby={`${id}-status ${id}-count`}
        rows={10}
        className="block w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 read-only:bg-slate-50"
      />
      <div className="mt-1 flex flex-wrap justify-between gap-2 text-sm">
        <span id={`${id}-count`} className={count.over ? 'font-semibold text-red-700' : 'text-slate-700'}>
          {count.text}
        </span>
        {/* Not a live region: it changes after every pause in typing. The region below says problems, and "saved" once a minute at most. */}
        <span id={`${id}-status`} className="text-slate-700">
          {readOnly ? 'Kept from your earlier attempt (passed)' : null}
          {!readOnly && state.kind === 'saving' ? 'Saving…' : null}
          {!readOnly && state.kind === 'saved' ? `Saved at ${formatTime(state.at, timeZone)}` : null}
          {!readOnly && state.kind === 'offline' ? OFFLINE_TEXT : null}
          {!readOnly && state.kind === 'error' ? <span className="font-semibold text-red-700">{state.message}</span> : null}
          {!readOnly && state.kind === 'conflict' ? <span className="font-semibold text-red-700">Not saved</span> : null}
        </span>
      </div>
      <span role="status" aria-live="polite" className="sr-only">
        {announcement}
      </span>
      {/* Always on the page, so the notice is read out when it appears; it waits for a choice. */}
      <div aria-live="polite">
        {!readOnly && earlier !== null ? (
          <EarlierCopyNotice
            className="mt-2"
            title="You have unsaved text from an earlier visit on this computer."
            explanation="The saved answer has changed since then, so it was not put back. Use it to replace what is in the box now, or discard it."
            useLabel="Use my earlier text"
            discardLabel="Discard it"
            name={label}
            onUse={takeEarlier}
            onDiscard={discardEarlier}
          >
            <p className="mt-1 whitespace-pre-wrap text-slate-800">“{previewOf(earlier)}”</p>
          </EarlierCopyNotice>
        ) : null}
      </div>
      {/* Mounted once, when saving stops: read out once, and it stays until the page is reloaded. */}
      {!readOnly && state.kind === 'conflict' ? (
        <SavingStoppedAlert
          className="mt-2"
          message={state.message}
          explanation="Saving has stopped for this answer. Copy your text first if you need it: reloading shows the saved version in place of what is in this box."
          onCopy={() => void copy()}
          onReload={reload}
          copyNote={copyNote}
          copyLabelSuffix={`: ${label}`}
        />
      ) : null}
    </div>
  );
}

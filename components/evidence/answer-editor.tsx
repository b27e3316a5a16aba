'use client';

import { useEffect, useRef, useState } from 'react';
import { countWords } from '@/lib/submissions/words';
import { saveResponseAction } from '@/app/apply/[slug]/actions';
import { registerDraftFlusher } from '@/components/evidence/draft-registry';
import { extractLinks } from '@/lib/submissions/links';

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
};


type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'offline' } | { kind: 'error'; message: string };

/**
 * A text answer that saves itself: 1 s after typing stops, on blur and when the page is hidden.
 * A local copy is kept until the server confirms, so a dropped connection loses nothing.
 */
export function AnswerEditor({ attemptId, partId, label, initialText, initialRevision, wordLimit, readOnly, collectLinks }: Props) {
  const storageKey = `draft:${attemptId}:${partId}`;
  const [text, setText] = useState(initialText);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const revision = useRef(initialRevision);
  const lastSaved = useRef(initialText);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const words = countWords(text);
  const over = wordLimit !== null && words > wordLimit;
  const textRef = useRef(text);
  const saveRef = useRef<() => Promise<void>>(async () => undefined);

  // Recover an unsaved local copy from a previous visit (e.g. the connection dropped).
  // localStorage only exists in the browser, so this runs after hydration; the restored text is
  // then saved to the server like any other edit.
  useEffect(() => {
    const local = window.localStorage.getItem(storageKey);
    if (local === null || local === initialText || readOnly) return;
    const restore = setTimeout(() => {
      setText(local);
      textRef.current = local;
      setState({ kind: 'offline' });
      void saveRef.current();
    }, 0);
    return () => clearTimeout(restore);
  }, [storageKey, initialText, readOnly]);

  useEffect(() => {
    textRef.current = text;
  }, [text]);

  useEffect(() => {
    const schedule = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveRef.current(), 1000);
    };
    let current: Promise<void> | null = null;
    const saveOnce = async () => {
      if (readOnly) return;
      const value = textRef.current;
      if (value === lastSaved.current) return;
      setState({ kind: 'saving' });
      try {
        const r = await saveResponseAction({ attemptId, partId, text: value, links: collectLinks ? extractLinks(value) : [], revision: revision.current });
        if (r.ok) {
          revision.current = r.revision;
          lastSaved.current = value;
          if (textRef.current === value) window.localStorage.removeItem(storageKey);
          setState({ kind: 'saved', at: new Date(r.savedAt) });
        } else {
          setState({ kind: 'error', message: r.formError });
        }
      } catch {
        setState({ kind: 'offline' });
      }
      if (textRef.current !== lastSaved.current) schedule();
    };
    // Saves run one after another: a caller arriving during a save waits for it, then saves
    // whatever is still unsaved (often nothing).
    saveRef.current = () => {
      if (timer.current) clearTimeout(timer.current);
      const previous = current;
      const next = (async () => {
        if (previous) await previous.catch(() => undefined);
        await saveOnce();
      })();
      current = next;
      return next;
    };
    const unregister = registerDraftFlusher(() => saveRef.current());
    const flush = () => {
      if (document.visibilityState === 'hidden') void saveRef.current();
    };
    const online = () => void saveRef.current();
    document.addEventListener('visibilitychange', flush);
    window.addEventListener('online', online);
    return () => {
      unregister();
      document.removeEventListener('visibilitychange', flush);
      window.removeEventListener('online', online);
    };
  }, [attemptId, partId, readOnly, storageKey, collectLinks]);

  const onChange = (value: string) => {
    setText(value);
    textRef.current = value;
    window.localStorage.setItem(storageKey, value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveRef.current(), 1000);
  };

  const id = `answer-${partId}`;
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
        onBlur={() => void saveRef.current()}
        aria-describedby={`${id}-status ${id}-count`}
        rows={10}
        className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 shadow-sm focus:border-brand-600 focus:outline-2 focus:outline-brand-600 read-only:bg-slate-50"
      />
      <div className="mt-1 flex flex-wrap justify-between gap-2 text-sm">
        <span id={`${id}-count`} className={over ? 'font-semibold text-red-700' : 'text-slate-700'}>
          {collectLinks ? `${extractLinks(text).length} link${extractLinks(text).length === 1 ? '' : 's'} · ` : null}
          {words} {words === 1 ? 'word' : 'words'}
          {wordLimit ? ` of ${wordLimit}` : ''}
          {over ? ` — ${words - wordLimit!} over the limit` : ''}
        </span>
        <span id={`${id}-status`} role="status" aria-live="polite" className="text-slate-700">
          {readOnly ? 'Kept from your earlier attempt (passed)' : null}
          {!readOnly && state.kind === 'saving' ? 'Saving…' : null}
          {!readOnly && state.kind === 'saved' ? `Saved at ${state.at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}` : null}
          {!readOnly && state.kind === 'offline' ? 'Not saved yet: kept on this device, will retry when you are back online' : null}
          {!readOnly && state.kind === 'error' ? <span className="font-semibold text-red-700">{state.message}</span> : null}
        </span>
      </div>
    </div>
  );
}

'use client';

import { useEffect, useId, useRef, useState, useTransition, type KeyboardEventHandler, type Ref } from 'react';
import { useRouter } from 'next/navigation';
import { removeFileAction } from '@/app/apply/[slug]/actions';
import { announce } from '@/components/ui/announcer';
import { focusAfterRemove, promptKeyHandler, removedText } from '@/components/evidence/removal';
import { REMOVE_STOPS_UPLOAD } from '@/lib/evidence/file-types';


/**
 * What can take focus once `row` has gone, looked up then (the page drawn afresh): the Remove button
 * of the next file still listed, whether any file is left, the part's control that adds files (the
 * list sits beside its uploader, and is replaced by "No files yet." once empty), and the heading.
 */
function focusTargetAfter(row: HTMLElement, headingId?: string): () => HTMLElement | null {
  const list = row.parentElement;
  const area = list?.parentElement ?? null;
  // Marked data-remove-file: each file's Remove button, as opposed to its other buttons.
  const later: Element[] = [];
  for (let el = row.nextElementSibling; el; el = el.nextElementSibling) later.push(el);
  return () =>
    focusAfterRemove<HTMLElement>({
      nextRemove: later.filter((el) => el.isConnected).map((el) => el.querySelector<HTMLElement>('[data-remove-file]')).find((b) => b) ?? null,
      filesLeft: Boolean(list?.isConnected && list.querySelector('li')),
      picker: area?.isConnected ? area.querySelector<HTMLInputElement>('input[type="file"]') : null,
      heading: headingId ? document.getElementById(headingId) : null,
    });
}

/**
 * Removing a file cannot be undone, so it asks first, in the page (keyboard and screen-reader
 * friendly, no browser dialog); Escape or "Keep it" closes the question and focus returns to Remove.
 * A failure is said. Once the file's row has gone (the page drawn afresh), focus moves to the next
 * file's Remove, else the part's files heading (`focusAfter`), or, with no file left, the control
 * that adds files; then "<file> removed." is read out once, through the page's live region (the row's
 * own markup went with it). `stopsUpload`: the file may still be uploading in another window or tab,
 * which removing it ends, so the question says so; `describedBy`: what the row says of the file.
 */
export function RemoveFileButton({ fileId, fileName, focusAfter, stopsUpload = false, describedBy }: { fileId: string; fileName: string; focusAfter?: string; stopsUpload?: boolean; describedBy?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  // Removed on the server: the row stays, saying so, until the page is drawn without it.
  const [removed, setRemoved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The question opens on its safe answer: Enter pressed twice keeps the file.
  const keepRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  // The question was closed without removing: focus goes back to the Remove button that opened it.
  const backToAsk = useRef(false);
  // Set once the file is removed: what happens when its row (and this button) goes.
  const whenGone = useRef<{ focusTarget: () => HTMLElement | null; said: string } | null>(null);
  const busy = pending || removed;

  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (backToAsk.current) {
      backToAsk.current = false;
      askRef.current?.focus();
    }
  }, [asking]);

  useEffect(() => {
    const gone = whenGone;
    return () => {
      const then = gone.current;
      if (!then) return;
      requestAnimationFrame(() => {
        // Unless the teacher has moved on meanwhile: the focused button went with the row.
        const active = document.activeElement;
        if (!active || active === document.body || !active.isConnected) then.focusTarget()?.focus();
        // After the move, which would otherwise cut it short.
        announce(then.said);
      });
    };
  }, []);

  const keep = () => {
    if (busy) return;
    backToAsk.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button ref={askRef} type="button" data-remove-file="" aria-describedby={describedBy} onClick={() => { setError(null); setAsking(true); }} className="font-semibold text-red-700 underline">
        Remove<span className="sr-only"> {fileName}</span>
      </button>
    );
  }
  return (
    <RemovePrompt
      fileName={fileName}
      stopsUpload={stopsUpload}
      busy={busy}
      error={error}
      confirmRef={confirmRef}
      keepRef={keepRef}
      onConfirm={() => {
        if (busy) return;
        const row = confirmRef.current?.closest('li') ?? null;
        start(async () => {
          const r = await removeFileAction({ fileId }).catch(() => null);
          if (!r?.ok) {
            setError((r && !r.ok && r.formError) || 'The file could not be removed. Check your connection and try again.');
            return;
          }
          whenGone.current = {
            focusTarget: row ? focusTargetAfter(row, focusAfter) : () => (focusAfter ? document.getElementById(focusAfter) : null),
            said: removedText(fileName),
          };
          setRemoved(true);
          router.refresh();
        });
      }}
      onKeep={keep}
      onKeyDown={(e) => promptKeyHandler(busy, keep)(e)}
    />
  );
}

/**
 * The open "Remove …?" question. While the removal is on its way its buttons say so and do nothing,
 * but stay enabled for assistive technology (aria-disabled): a disabled button would drop focus to
 * the page, and a failure's message is read out where the teacher is. `stopsUpload`: says that
 * removing the file ends its upload if another window or tab is still sending it, and both buttons
 * are described by the question, so a screen reader says it with the answer that has focus.
 */
export function RemovePrompt({ fileName, stopsUpload = false, busy, error, confirmRef, keepRef, onConfirm, onKeep, onKeyDown }: { fileName: string; stopsUpload?: boolean; busy: boolean; error: string | null; confirmRef?: Ref<HTMLButtonElement>; keepRef?: Ref<HTMLButtonElement>; onConfirm?: () => void; onKeep?: () => void; onKeyDown?: KeyboardEventHandler<HTMLSpanElement> }) {
  const questionId = useId();
  const describedBy = stopsUpload ? questionId : undefined;
  return (
    <span role="group" aria-label={`Remove ${fileName}?`} onKeyDown={onKeyDown} className="flex flex-wrap items-center gap-3">
      <span id={describedBy}>Remove “{fileName}”? {stopsUpload ? `${REMOVE_STOPS_UPLOAD} ` : ''}This cannot be undone.</span>
      <button ref={confirmRef} type="button" aria-disabled={busy || undefined} aria-describedby={describedBy} onClick={onConfirm} className="font-semibold text-red-700 underline aria-disabled:opacity-60">
        {busy ? 'Removing…' : 'Yes, remove it'}
      </button>
      <button ref={keepRef} type="button" aria-disabled={busy || undefined} aria-describedby={describedBy} onClick={onKeep} className="underline aria-disabled:opacity-60">
        Keep it
      </button>
      {error ? <span role="alert" className="basis-full font-medium text-red-700">{error}</span> : null}
    </span>
  );
}

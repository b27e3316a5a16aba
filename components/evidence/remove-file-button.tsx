'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { removeFileAction } from '@/app/apply/[slug]/actions';

/**
 * Removing a file cannot be undone, so it asks first, in the page (keyboard and screen-reader
 * friendly, no browser dialog). A failure is said; on success focus moves to the part's heading,
 * since the file's row disappears.
 */
export function RemoveFileButton({ fileId, fileName, focusAfter }: { fileId: string; fileName: string; focusAfter?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  if (!asking) {
    return (
      <button ref={askRef} type="button" onClick={() => { setError(null); setAsking(true); }} className="font-semibold text-red-700 underline">
        Remove<span className="sr-only"> {fileName}</span>
      </button>
    );
  }
  return (
    <span role="group" aria-label={`Remove ${fileName}?`} className="flex flex-wrap items-center gap-3">
      <span>Remove “{fileName}”? This cannot be undone.</span>
      <button
        ref={confirmRef}
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await removeFileAction({ fileId });
            if (!r.ok) {
              setError(r.formError ?? 'The file could not be removed. Try again.');
              return;
            }
            if (focusAfter) document.getElementById(focusAfter)?.focus();
            router.refresh();
          })
        }
        className="font-semibold text-red-700 underline disabled:opacity-60"
      >
        {pending ? 'Removing…' : 'Yes, remove it'}
      </button>
      <button type="button" disabled={pending} onClick={() => { setAsking(false); requestAnimationFrame(() => askRef.current?.focus()); }} className="underline">
        Keep it
      </button>
      {error ? <span role="alert" className="basis-full font-medium text-red-700">{error}</span> : null}
    </span>
  );
}

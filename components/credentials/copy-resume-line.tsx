'use client';

import { useId, useRef } from 'react';
import { useCopyMessage } from '@/components/credentials/use-copy-message';

// The line is in a read-only field, so it can be selected and copied by hand where the clipboard is
// not allowed, or without JavaScript (the button is `js-only`: hidden on the plain-HTML copies of
// public pages, lib/http/static-html.ts). The outcome is read out through a polite live region.

export function CopyResumeLine({ text }: { text: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { message, copy: run } = useCopyMessage();

  function copy() {
    return run(
      async () => {
        await navigator.clipboard.writeText(text);
        return 'Copied';
      },
      () => {
        input.current?.focus();
        input.current?.select();
        return 'Your browser did not allow copying. The line is selected: copy it with Ctrl+C, or Cmd+C on a Mac.';
      },
    );
  }

  return (
    <div className="mt-4 max-w-3xl">
      <label htmlFor={id} className="block text-sm font-semibold">Line for your résumé or CV</label>
      <div className="mt-1 flex flex-wrap gap-2">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={text}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-500 bg-slate-50 px-3 py-2 text-sm text-slate-900"
        />
        <button
          type="button"
          onClick={copy}
          className="js-only rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100"
        >
          Copy for résumé
        </button>
      </div>
      <p role="status" aria-live="polite" className="mt-1 min-h-5 text-sm text-slate-800">{message}</p>
    </div>
  );
}

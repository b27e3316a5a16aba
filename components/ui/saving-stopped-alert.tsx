import type { ReactNode } from 'react';

/**
 * What an autosaving box says once saving has stopped (another window saved first): the reason,
 * what reloading does, and the two ways on, copying the text or reloading. Mounted once, when
 * saving stops, so it is read out once; it stays until the page is reloaded.
 */
export function SavingStoppedAlert({ message, explanation, onCopy, onReload, copyNote, copyLabelSuffix, className }: {
  message: string;
  explanation: string;
  onCopy: () => void;
  onReload: () => void;
  /** What the copy did ("Copied. …", or how to copy by hand), once it was asked for. */
  copyNote: string;
  /** Read after "Copy my text" where a page has several boxes (": Reflection"). */
  copyLabelSuffix?: ReactNode;
  /** Its margin where it sits. */
  className: string;
}) {
  return (
    <div role="alert" className={`${className} rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950`}>
      <p className="font-semibold">{message}</p>
      <p className="mt-1">{explanation}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" onClick={onCopy} className="min-h-10 rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50">
          Copy my text{copyLabelSuffix ? <span className="sr-only">{copyLabelSuffix}</span> : null}
        </button>
        <button type="button" onClick={onReload} className="min-h-10 rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800">
          Reload the page
        </button>
      </div>
      {copyNote ? <p className="mt-1">{copyNote}</p> : null}
    </div>
  );
}

import type { ReactNode } from 'react';

/** The first 200 characters of a copy, for the notice's preview. */
export const previewOf = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/**
 * A browser copy from an earlier visit, typed on a saved version that has changed since (ADR 013):
 * it was not put back by itself, as saving it would replace newer work. The person chooses. The
 * caller places it inside a live region that is always on the page, so it is read out when it
 * appears. `name` (screen readers only) says which form the buttons act on, where a page has several.
 */
export function EarlierCopyNotice(props: {
  title: string;
  explanation: string;
  children: ReactNode;
  useLabel: string;
  discardLabel: string;
  onUse: () => void;
  onDiscard: () => void;
  name?: string;
  className?: string;
}) {
  return (
    <div className={`rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 ${props.className ?? ''}`}>
      <p className="font-semibold">{props.title}</p>
      <p className="mt-1">{props.explanation}</p>
      {props.children}
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" onClick={props.onUse} className="min-h-10 rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800">
          {props.useLabel}
          {props.name ? <span className="sr-only">: {props.name}</span> : null}
        </button>
        <button type="button" onClick={props.onDiscard} className="min-h-10 rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50">
          {props.discardLabel}
          {props.name ? <span className="sr-only">: {props.name}</span> : null}
        </button>
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';

/**
 * A step before an action that loses something (a role, a qualification and its calibration): the
 * first click only opens the explanation and the real button. Plain HTML, so it works with the
 * keyboard and without JavaScript.
 */
export function ConfirmDisclosure({ summary, children }: { summary: ReactNode; children: ReactNode }) {
  return (
    <details className="inline-block text-xs">
      <summary className="inline-flex min-h-6 cursor-pointer items-center rounded border border-slate-300 bg-white px-2 py-0.5 font-semibold text-slate-800 hover:bg-slate-100">{summary}</summary>
      <div className="mt-1 max-w-xs space-y-1 rounded border border-slate-200 bg-white p-2 text-slate-800 shadow-sm">{children}</div>
    </details>
  );
}

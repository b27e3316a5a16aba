'use client';

import type { ProposalText } from '@/components/ui/local-draft';

const preview = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/**
 * Text from an earlier visit on this device, typed on a proposal that has changed since: it was not
 * put back by itself, as saving it would replace newer text. The teacher chooses.
 */
export function EarlierProposalNotice({ earlier, onUse, onDiscard }: { earlier: ProposalText; onUse: () => void; onDiscard: () => void }) {
  return (
    <div className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
      <p className="font-semibold">You have unsaved text from an earlier visit on this device.</p>
      <p className="mt-1">The saved proposal has changed since then, so it was not put back. Use it to replace what is in the boxes now, or discard it.</p>
      {earlier.studentGoals.trim() ? <p className="mt-1 whitespace-pre-wrap text-slate-800">Student goals: “{preview(earlier.studentGoals)}”</p> : null}
      {earlier.plan.trim() ? <p className="mt-1 whitespace-pre-wrap text-slate-800">Plan: “{preview(earlier.plan)}”</p> : null}
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" onClick={onUse} className="min-h-10 rounded-md bg-brand-700 px-3 py-1.5 font-semibold text-white hover:bg-brand-800">
          Use my earlier text
        </button>
        <button type="button" onClick={onDiscard} className="min-h-10 rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50">
          Discard it
        </button>
      </div>
    </div>
  );
}

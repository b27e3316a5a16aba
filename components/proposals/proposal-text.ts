// The proposal's two boxes as the one text the autosave loop (components/evidence/autosave.ts)
// compares and sends, and the version it checks. Pure, so it is unit tested.
import type { ProposalText } from '@/components/ui/local-draft';

/** The autosave loop keeps a number: this one stands for "no proposal saved yet". */
export const NO_PROPOSAL_VERSION = -1;

export const toVersionRef = (version: number | null) => version ?? NO_PROPOSAL_VERSION;
export const fromVersionRef = (version: number) => (version < 0 ? null : version);

export function packProposalText(text: ProposalText): string {
  return JSON.stringify([text.studentGoals, text.plan]);
}

export function unpackProposalText(packed: string): ProposalText {
  const [studentGoals, plan] = JSON.parse(packed) as [string, string];
  return { studentGoals, plan };
}

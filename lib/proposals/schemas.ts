import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { figure } from '@/lib/plural';

/** The least a proposal needs before it goes to the district: a sentence or two about student goals. */
export const PROPOSAL_GOALS_MIN = 20;
export const PROPOSAL_TEXT_MAX = 4000;

/**
 * The proposal's boxes as the form labels them. Messages name a box by its label: they also show
 * away from it (the autosave's status line, the summary), where an internal name would mean nothing.
 */
export const PROPOSAL_FIELD_LABELS = {
  studentGoals: 'How will this study serve your students’ learning goals?',
  plan: 'Your plan (optional)',
} as const;

const GOALS_TOO_SHORT = `Answer “${PROPOSAL_FIELD_LABELS.studentGoals}” in a sentence or two before sending (at least ${PROPOSAL_GOALS_MIN} characters).`;

/** "“Your plan” is too long: use at most 4,000 characters (it has 4,312)." */
export function proposalTooLong(field: keyof typeof PROPOSAL_FIELD_LABELS, chars: number): string {
  const name = field === 'plan' ? 'Your plan' : PROPOSAL_FIELD_LABELS[field];
  return `“${name}” is too long: use at most ${figure(PROPOSAL_TEXT_MAX)} characters (it has ${figure(chars)}).`;
}

/**
 * Whether the text is complete enough to send. Only sending asks for it: a draft may be a first
 * line jotted on a phone, or empty.
 */
export function proposalSendProblems(text: { studentGoals: string }): Record<string, string[]> | null {
  return text.studentGoals.trim().length < PROPOSAL_GOALS_MIN ? { studentGoals: [GOALS_TOO_SHORT] } : null;
}

const proposalText = (field: keyof typeof PROPOSAL_FIELD_LABELS) =>
  str()
    .trim()
    .max(PROPOSAL_TEXT_MAX, { error: (issue) => proposalTooLong(field, typeof issue.input === 'string' ? issue.input.length : PROPOSAL_TEXT_MAX + 1) })
    .default('');

/**
 * The proposal version the text was typed on, for the optimistic check: null (or '' from a form)
 * when there was no proposal yet. Digits only, so a stray value is refused rather than read as 0.
 */
const ProposalVersion = z.union([
  z.null(),
  z.literal('').transform(() => null),
  z.number().int().min(0).max(2_147_483_647),
  z.string().regex(/^\d{1,9}$/).transform(Number),
], { error: 'This page is out of date. Copy your text, reload the page and try again.' });

/**
 * The proposal form (Save draft / Send). `version` is required: a post without it could rewrite a
 * proposal the teacher never saw (the check against stale windows would be skipped).
 */
export const ProposalInput = z
  .object({
    microCredentialId: str().min(1).max(40),
    studentGoals: proposalText('studentGoals'),
    plan: proposalText('plan'),
    intent: z.enum(['save', 'submit']).default('submit'),
    version: ProposalVersion,
  })
  .superRefine((d, ctx) => {
    if (d.intent !== 'submit') return;
    for (const [path, messages] of Object.entries(proposalSendProblems(d) ?? {})) {
      for (const message of messages) ctx.addIssue({ code: 'custom', path: [path], message });
    }
  });

/** An autosave of the draft: always checked against the version it was typed on. */
export const ProposalDraftInput = z.object({
  microCredentialId: str().min(1).max(40),
  studentGoals: proposalText('studentGoals'),
  plan: proposalText('plan'),
  version: ProposalVersion,
});

export type ProposalFormValues = { studentGoals: string; plan: string; version: number | null | undefined };

/** What the proposal form's action answers (a form post, with or without JavaScript). */
export type ProposalFormResult =
  | { ok: true; message?: string; data?: { version: number; savedAt: string; sent: boolean } }
  | {
      ok: false;
      formError?: string;
      fieldErrors?: Record<string, string[]>;
      /** What was posted, so a page rendered without JavaScript shows it again instead of losing it. */
      values?: ProposalFormValues;
      /** Saving again cannot succeed (changed elsewhere, already sent): autosaving stops. */
      stop?: boolean;
    };

/** What an autosave answers; `stop` as above. */
export type ProposalAutosaveResult = { ok: true; version: number; savedAt: string } | { ok: false; formError: string; stop: boolean };

export const ProposalDecisionInput = z
  .object({
    proposalId: str().min(1).max(40),
    decision: z.enum(['APPROVED', 'RETURNED']),
    comment: str().trim().max(4000).default(''),
    version: z.coerce.number().int().min(0),
  })
  .refine((d) => d.decision === 'APPROVED' || d.comment.length >= 5, { message: 'Tell the teacher what to change when you return a proposal.', path: ['comment'] });

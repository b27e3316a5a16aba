import { z } from 'zod';

export const ProposalInput = z.object({
  microCredentialId: z.string().min(1).max(40),
  studentGoals: z.string().trim().min(20, 'Say in a sentence or two which student goals this study serves (at least 20 characters).').max(4000, 'Use at most 4,000 characters.'),
  plan: z.string().trim().max(4000, 'Use at most 4,000 characters.').default(''),
  intent: z.enum(['save', 'submit']).default('submit'),
});

export const ProposalDecisionInput = z
  .object({
    proposalId: z.string().min(1).max(40),
    decision: z.enum(['APPROVED', 'RETURNED']),
    comment: z.string().trim().max(4000).default(''),
    version: z.coerce.number().int().min(0),
  })
  .refine((d) => d.decision === 'APPROVED' || d.comment.length >= 5, { message: 'Tell the teacher what to change when you return a proposal.', path: ['comment'] });

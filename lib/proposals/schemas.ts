import { z } from 'zod';
import { str } from '@/lib/zod-text';


export const ProposalInput = z.object({
  microCredentialId: str().min(1).max(40),
  studentGoals: str().trim().min(20, 'Say in a sentence or two which student goals this study serves (at least 20 characters).').max(4000, 'Use at most 4,000 characters.'),
  plan: str().trim().max(4000, 'Use at most 4,000 characters.').default(''),
  intent: z.enum(['save', 'submit']).default('submit'),
});

export const ProposalDecisionInput = z
  .object({
    proposalId: str().min(1).max(40),
    decision: z.enum(['APPROVED', 'RETURNED']),
    comment: str().trim().max(4000).default(''),
    version: z.coerce.number().int().min(0),
  })
  .refine((d) => d.decision === 'APPROVED' || d.comment.length >= 5, { message: 'Tell the teacher what to change when you return a proposal.', path: ['comment'] });

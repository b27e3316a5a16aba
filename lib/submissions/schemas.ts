import { z } from 'zod';

export const SaveResponseInput = z.object({
  attemptId: z.string().min(1).max(40),
  partId: z.string().min(1).max(40),
  text: z.string().max(200_000, 'This answer is too long to save.').default(''),
  links: z
    .array(z.string().trim().url('Each link must be a full web address starting with https://').max(2000).refine((u) => /^https?:\/\//i.test(u), 'Links must start with http:// or https://'))
    .max(20)
    .default([]),
  // The revision the browser last saw; a stale one means another tab saved in between.
  revision: z.coerce.number().int().min(0),
});

export const SubmitAttemptInput = z.object({
  attemptId: z.string().min(1).max(40),
  publicSummary: z.string().trim().max(1500, 'Use at most 1,500 characters.').optional(),
});

export const StartRevisionInput = z.object({ submissionId: z.string().min(1).max(40) });

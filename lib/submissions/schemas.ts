import { z } from 'zod';
import { str } from '@/lib/zod-text';


export const SaveResponseInput = z.object({
  attemptId: str().min(1).max(40),
  partId: str().min(1).max(40),
  text: str().max(200_000, 'This answer is too long to save.').default(''),
  links: z
    .array(str().trim().url('Each link must be a full web address starting with https://').max(2000).refine((u) => /^https?:\/\//i.test(u), 'Links must start with http:// or https://'))
    .max(20)
    .default([]),
  // The revision the browser last saw; a stale one means another tab saved in between.
  revision: z.coerce.number().int().min(0),
});

/** What the submit form's checkbox says; the page shows it and reviewers read that it was confirmed. */
export const ATTESTATION_TEXT =
  'This evidence is from my own teaching. Students who can be recognised in it (by name, face or voice) have permission to appear, or I have removed or blurred what identifies them.';

export const ATTESTATION_MISSING = 'Tick the box to confirm that this evidence is from your own teaching and that students who can be recognised have permission to appear.';

export const SubmitAttemptInput = z.object({
  attemptId: str().min(1).max(40),
  publicSummary: str().trim().max(1500, 'Use at most 1,500 characters.').optional(),
  // The checkbox posts "yes" when ticked and nothing when not.
  attested: z.literal('yes', { error: ATTESTATION_MISSING }).transform(() => true as const),
});

export const StartRevisionInput = z.object({ submissionId: str().min(1).max(40) });

export const StartRenewalInput = z.object({ microCredentialId: str().min(1).max(40) });

import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { figure } from '@/lib/plural';
import { linkProblem } from '@/lib/submissions/links';

/** The most characters a text answer holds, whatever its word limit (which is the reviewers' guide, not a block). */
export const ANSWER_MAX_CHARS = 200_000;

/** Said beside the answer (before it is sent) and by the server alike, with the real limit. */
export const answerTooLong = (chars: number) => `This answer is too long to save: at most ${figure(ANSWER_MAX_CHARS)} characters (it has ${figure(chars)}).`;

export const SaveResponseInput = z.object({
  attemptId: str().min(1).max(40),
  partId: str().min(1).max(40),
  text: str()
    .max(ANSWER_MAX_CHARS, { error: (issue) => answerTooLong(typeof issue.input === 'string' ? issue.input.length : ANSWER_MAX_CHARS + 1) })
    .default(''),
  // A refused link is named, with why (linkProblem), so the teacher knows which one to fix.
  links: z
    .array(
      str()
        .trim()
        .superRefine((link, ctx) => {
          const problem = linkProblem(link);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    )
    .max(20, 'An answer keeps at most 20 links. Remove some, or put them in one document and link to that.')
    .default([]),
  // The revision the browser last saw; a stale one means another tab saved in between.
  revision: z.coerce.number().int().min(0),
});

/**
 * What the submit form's checkbox says; the page shows it and reviewers read that it was confirmed.
 * Worded for classroom evidence and for evidence from work with colleagues (a team meeting) alike.
 */
export const ATTESTATION_TEXT =
  'This evidence is from my own teaching or professional practice. Students or colleagues who can be recognised in it (by name, face or voice) have given permission to appear, as my school’s policy requires, or I have removed or blurred what identifies them.';

/**
 * The same rule said before any evidence is collected, not first at the submit tick-box, when the
 * class has already been filmed: on the "Start my application" card and beside the first file
 * uploader of the application page. In ATTESTATION_TEXT's terms (recognised by name, face or voice,
 * permission to appear, the school's rules, blurring or removing what identifies them), which is also
 * what a reviewer can report (a student who can be identified without consent, lib/evidence/schemas.ts).
 */
export const PRIVACY_REMINDER =
  'Before you film, photograph or record your class, check your school’s permission rules. Anyone who can be recognised by name, face or voice needs permission to appear; if they don’t have it, blur, crop or cut out what identifies them, including names on student work.';

export const ATTESTATION_MISSING = 'Tick the box to confirm that this evidence is from your own practice and that students or colleagues who can be recognised in it have given permission to appear.';

export const SubmitAttemptInput = z.object({
  attemptId: str().min(1).max(40),
  publicSummary: str().trim().max(1500, 'Use at most 1,500 characters.').optional(),
  // The checkbox posts "yes" when ticked and nothing when not.
  attested: z.literal('yes', { error: ATTESTATION_MISSING }).transform(() => true as const),
});

export const StartRevisionInput = z.object({ submissionId: str().min(1).max(40) });

export const StartRenewalInput = z.object({ microCredentialId: str().min(1).max(40) });

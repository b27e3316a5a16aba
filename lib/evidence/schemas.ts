import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { withoutHiddenCharacters } from '@/lib/evidence/file-types';
import type { EvidenceConcernReason } from '@/lib/generated/prisma/enums';


export const RequestUploadInput = z.object({
  attemptId: str().min(1).max(40),
  partId: str().min(1).max(40),
  // Without control or format characters: a name that hides its real extension ("notes\u202Etxt.bat")
  // or runs onto a line of its own is stored, shown and served without them.
  fileName: str().overwrite(withoutHiddenCharacters).trim().min(1, 'The file needs a name.').max(255, 'The file name is too long (255 characters at most).'),
  contentType: str().trim().max(200).default('application/octet-stream'),
  size: z.coerce.number().int().min(1, 'That file is empty.').max(50 * 1024 ** 3),
});

export const PresignPartsInput = z.object({
  fileId: str().min(1).max(40),
  partNumbers: z.array(z.coerce.number().int().min(1).max(10_000)).min(1).max(100),
});

export const CompleteUploadInput = z.object({
  fileId: str().min(1).max(40),
  parts: z.array(z.object({ partNumber: z.coerce.number().int().min(1).max(10_000), etag: str().min(1).max(200) })).max(10_000).optional(),
});

export const FileIdInput = z.object({ fileId: str().min(1).max(40) });

// ── Concerns about evidence (lib/evidence/concerns.ts) ──

/** What a reviewer may report, in the order the form offers them. */
export const CONCERN_REASONS = ['STUDENT_IDENTIFIABLE', 'STUDENT_PERSONAL_DATA', 'NOT_OWN_WORK', 'OTHER'] as const satisfies readonly EvidenceConcernReason[];

export const CONCERN_REASON_LABELS: Record<EvidenceConcernReason, string> = {
  STUDENT_IDENTIFIABLE: 'A student can be identified without consent',
  STUDENT_PERSONAL_DATA: 'Personal information about students',
  NOT_OWN_WORK: 'Not the teacher’s own work',
  OTHER: 'Something else',
};

export const CONCERN_NOTE_MAX = 1000;
/** The removal reason is shown to the teacher (and the attempt's reviewers) in place of the file. */
export const REMOVAL_REASON_MAX = 500;
export const CLOSE_NOTE_MAX = 1000;

/** A reviewer reports a concern about one file of the attempt they review, or (no fileId) the whole attempt. */
export const ReportConcernInput = z
  .object({
    reviewId: str().min(1).max(40),
    // The form's "The whole attempt" posts an empty value.
    fileId: str().max(40).optional().transform((v) => v || null),
    reason: z.enum(CONCERN_REASONS, { message: 'Choose what the concern is about.' }),
    note: str().trim().max(CONCERN_NOTE_MAX, 'Use at most 1,000 characters.').optional().default(''),
  })
  .superRefine((v, ctx) => {
    // "Something else" alone tells the issuer nothing to act on.
    if (v.reason === 'OTHER' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'Say what the concern is.' });
  });

/** An issuer admin removes a file a concern is about (or, for a concern about the whole attempt, one they choose). */
export const RemoveEvidenceFileInput = z.object({
  concernId: str().min(1).max(40),
  fileId: str().min(1, 'Choose the file to remove.').max(40),
  reason: str().trim().min(1, 'Say why the file is removed: the teacher reads it.').max(REMOVAL_REASON_MAX, 'Use at most 500 characters.'),
});

/** An issuer admin closes a concern without removing anything. */
export const CloseConcernInput = z.object({
  concernId: str().min(1).max(40),
  note: str().trim().min(1, 'Say why nothing is removed.').max(CLOSE_NOTE_MAX, 'Use at most 1,000 characters.'),
});

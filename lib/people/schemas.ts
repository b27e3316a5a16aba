import { z } from 'zod';
import { str } from '@/lib/zod-text';
import { EmailInput, PersonNameInput } from '@/lib/auth/schemas';


export const ROLE_LABELS = {
  TEACHER: 'Teacher',
  REVIEWER: 'Reviewer',
  ISSUER_ADMIN: 'Issuer admin',
  DISTRICT_LEADER: 'District leader',
  SCHOOL_LEADER: 'School leader',
  PLATFORM_ADMIN: 'Platform admin',
} as const;

export const InviteInput = z
  .object({
    organizationId: str().trim().max(40).default(''),
    email: EmailInput,
    role: z.enum(['TEACHER', 'REVIEWER', 'ISSUER_ADMIN', 'DISTRICT_LEADER', 'SCHOOL_LEADER']),
  })
  // Only the school-leader form leaves the choice open (it starts on "Choose a school"), so the
  // missing choice is named there; other forms send their organisation themselves.
  .superRefine((v, ctx) => {
    if (!v.organizationId) ctx.addIssue({ code: 'custom', path: ['organizationId'], message: v.role === 'SCHOOL_LEADER' ? 'Choose a school.' : 'Choose where to invite them.' });
  });

export const RoleChangeInput = z.object({
  organizationId: str().min(1).max(40),
  userId: str().min(1).max(40),
  role: z.enum(['TEACHER', 'REVIEWER', 'ISSUER_ADMIN', 'DISTRICT_LEADER', 'SCHOOL_LEADER']),
  op: z.enum(['add', 'remove']),
});

export const QualificationInput = z.object({
  userId: str().min(1).max(40),
  microCredentialId: str().min(1).max(40),
  op: z.enum(['add', 'remove']),
});

/** An admin or district leader cancelling, or resending, one of the open invitations they manage. */
export const InvitationIdInput = z.object({ invitationId: str().min(1).max(40) });

export const AcceptNewAccountInput = z.object({
  token: str().min(10).max(200),
  name: PersonNameInput,
  password: str().min(10, 'Use at least 10 characters.').max(200, 'Use at most 200 characters.'),
});

export const BulkEnrolTarget = z.object({
  issuerId: str().min(1).max(40),
  // "mc:<id>" or "track:<id>" from the picker.
  target: str().regex(/^(mc|track):[a-z0-9]{1,40}$/i, 'Choose what to enrol them in.'),
});
export const MAX_ENROL_ROWS = 2000;
/** The largest file (or pasted list) of people to enrol, in bytes. */
export const MAX_ENROL_FILE_BYTES = 2 * 1024 * 1024;

/** A district leader placing one of the district's teachers at a school ('' = no particular school). */
export const TeacherSchoolInput = z.object({
  districtId: str().min(1).max(40),
  userId: str().min(1).max(40),
  schoolId: str().max(40).transform((v) => v || null),
});

/** A district leader unlinking a teacher who has left the district. */
export const TeacherRemoveInput = z.object({
  districtId: str().min(1).max(40),
  userId: str().min(1).max(40),
});

/** A teacher asking to join a district. */
export const DistrictRequestInput = z.object({ districtId: str().min(1, 'Choose a district.').max(40) });

/** A district leader confirming (optionally at a school, '' = district-wide) or declining a request to join. */
export const DistrictRequestDecisionInput = z.object({
  districtId: str().min(1).max(40),
  userId: str().min(1).max(40),
  decision: z.enum(['confirm', 'decline']),
  schoolId: str().max(40).optional().transform((v) => v || null),
});

/** Rows one file of teachers to invite may hold (a whole school's staff; a bigger district sends several files). */
export const MAX_INVITE_ROWS = 500;
/** The largest file of teachers to invite, in bytes (500 rows take a small fraction of it). */
export const MAX_INVITE_FILE_BYTES = 1024 * 1024;

/**
 * A district leader inviting teachers from a file: `intent` "preview" checks every row and writes
 * nothing; "invite" checks again on the server and sends. `checked` is the fingerprint of the text
 * the preview showed, so an invitation is never sent for rows the leader has not seen.
 */
export const BulkInviteInput = z.object({
  districtId: str().min(1).max(40),
  intent: z.enum(['preview', 'invite']).catch('preview'),
  checked: str().max(128).optional(),
});

/** The queued job that emails one invitation made from a file (lib/people/bulk-invite.ts). */
export const INVITATION_EMAIL_JOB = 'people.invitation-email';

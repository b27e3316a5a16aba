// Pure review permissions: who may score whose work. Every query and mutation in lib/review goes
// through these, so the queue, the claim and the decision all apply the same rules.
import type { Actor, ActorRole, FormerPlacement } from '@/lib/auth/actor';
import { formerPlacementColumns, formerPlacementOf, hasRole, isIssuerAdmin } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { OrgKind } from '@/lib/generated/prisma/enums';
import { institutionDomain } from '@/lib/review/email-domain';
import { DAY_MS } from '@/lib/dates';

/** A role at a school or district as the conflict rules read it (`affiliations`), for a reviewer or a teacher. */
export type AffiliationRole = Pick<ActorRole, 'organizationId' | 'organizationKind' | 'parentOrganizationId'>;

/**
 * `teacherFormer`: where the teacher was placed before their latest move (see FORMER_PLACEMENT_DAYS).
 * `teacherRoles`: the schools and districts they hold a role at. A principal sending their own work
 * is not placed at the school they lead (ADR 016), yet its teachers are their colleagues.
 */
export type TeacherRef = {
  teacherId: string; teacherSchoolId: string | null; teacherDistrictId: string | null; teacherEmail?: string | null; teacherFormer?: FormerPlacement | null;
  teacherRoles: readonly AffiliationRole[];
};

/**
 * How long a school or district someone left still counts for the conflict rules, on either side:
 * a reviewer who leaves their district, or a teacher who leaves it after sending their work, does
 * not thereby make a former colleague's review independent.
 */
export const FORMER_PLACEMENT_DAYS = 365;

/** A Membership row with its organisation, as `affiliationMemberships` selects it. */
export type AffiliationMembership = { organizationId: string; organization: { kind: OrgKind; parentId: string | null } };

/**
 * The memberships the conflict rules count: any role at a school or a district, with a school's
 * district. The queue's SQL (eligibilityChecks in lib/review/queries.ts) reads the same rows.
 */
export const affiliationMemberships = {
  where: { organization: { kind: { in: ['SCHOOL', 'DISTRICT'] } } },
  select: { organizationId: true, organization: { select: { kind: true, parentId: true } } },
} satisfies Prisma.User$membershipsArgs;

export function affiliationRoles(memberships: readonly AffiliationMembership[]): AffiliationRole[] {
  return memberships.map((m) => ({ organizationId: m.organizationId, organizationKind: m.organization.kind, parentOrganizationId: m.organization.parentId }));
}

/** A teacher's account row as the conflict rules read it: select `teacherConflictSelect` where a TeacherRef is needed. */
export type TeacherPlacementRow = {
  id: string; schoolId: string | null; districtId: string | null; email: string;
  formerSchoolIds?: readonly string[] | null; formerDistrictIds?: readonly string[] | null; placementChangedAt?: Date | null;
  memberships: readonly AffiliationMembership[];
};

export const teacherConflictSelect = {
  id: true, schoolId: true, districtId: true, email: true, ...formerPlacementColumns, memberships: affiliationMemberships,
} satisfies Prisma.UserSelect;

export function teacherRef(u: TeacherPlacementRow): TeacherRef {
  return {
    teacherId: u.id, teacherSchoolId: u.schoolId, teacherDistrictId: u.districtId, teacherEmail: u.email,
    teacherFormer: formerPlacementOf(u), teacherRoles: affiliationRoles(u.memberships),
  };
}

/** Moves after this instant still count (FORMER_PLACEMENT_DAYS before `now`); the queue's SQL compares with it too. */
export function formerPlacementCutoff(now: Date): Date {
  return new Date(now.getTime() - FORMER_PLACEMENT_DAYS * DAY_MS);
}

/** The former placement if it changed within FORMER_PLACEMENT_DAYS of `now`, else null. */
export function recentFormer(former: FormerPlacement | null | undefined, now: Date): FormerPlacement | null {
  return former && former.changedAt > formerPlacementCutoff(now) ? former : null;
}

/**
 * The review rules an issuer chooses. The same school is not among them: colleagues at one school
 * never review each other's work, whatever the issuer (conflictOfInterest, ADR 019).
 */
export type IssuerReviewSettings = {
  blockSameDistrict: boolean;
  calibrationRequired: boolean;
};

/**
 * How the reviewer stands for one micro-credential. `granted`: a ReviewerQualification row from an
 * admin; `earned`: the reviewer holds an unrevoked award for it; `calibratedAt` from the row;
 * `hasExemplars`: calibration is only asked for when the credential has exemplars to score.
 */
export type QualificationState = {
  granted: boolean;
  earned: boolean;
  calibratedAt: Date | null;
  hasExemplars: boolean;
};

export type ReviewDenial = 'OWN_WORK' | 'SAME_SCHOOL' | 'SAME_DISTRICT' | 'SAME_EMAIL_DOMAIN' | 'NOT_REVIEWER' | 'NOT_QUALIFIED' | 'NOT_CALIBRATED' | 'ALREADY_SCORED' | 'ASKED_FOR_SECOND_LOOK';

export type ReviewPermission = { ok: true } | { ok: false; reason: ReviewDenial };

export const denialMessages: Record<ReviewDenial, string> = {
  OWN_WORK: 'You cannot review your own work.',
  SAME_SCHOOL: 'You cannot review work from your own school: people at the same school never review each other’s work.',
  SAME_DISTRICT: 'This issuer does not allow reviewing work from your own district.',
  SAME_EMAIL_DOMAIN: 'This issuer does not allow reviewing work from your own district, and this teacher’s email address is on the same domain as yours.',
  NOT_REVIEWER: 'Only reviewers can score submissions.',
  NOT_QUALIFIED: 'You are not qualified to review this micro-credential.',
  NOT_CALIBRATED: 'Complete the calibration exercise for this micro-credential before your first live review.',
  ALREADY_SCORED: 'You have already scored this submission; it needs an independent reviewer.',
  ASKED_FOR_SECOND_LOOK: 'You asked for this second look, so someone independent of the request reviews it.',
};

/** The denials that name a tie between reviewer and teacher: a school, a district or an email domain they share. */
const TIE_DENIALS: ReadonlySet<ReviewDenial> = new Set(['SAME_SCHOOL', 'SAME_DISTRICT', 'SAME_EMAIL_DOMAIN']);

/**
 * Whether telling the reviewer which conflict rule applies would tell them about the teacher: under
 * blind review, "you and the teacher are at the same school" says that a colleague applied, which is
 * what blind review hides. They are then told only that a conflict-of-interest rule applies.
 */
export function hidesConflictTie(denial: ReviewDenial, issuer: { blindReview: boolean }): boolean {
  return issuer.blindReview && TIE_DENIALS.has(denial);
}

/** denialMessages[denial] for a reviewer of this issuer's work, with the tie left unsaid under blind review (hidesConflictTie). */
export function denialMessageFor(denial: ReviewDenial, issuer: { blindReview: boolean }): string {
  return hidesConflictTie(denial, issuer)
    ? 'A conflict-of-interest rule keeps you from reviewing this work. This issuer reviews blind, so which rule is not said: it would tell you something about who the teacher is.'
    : denialMessages[denial];
}

/** A reviewer (or adjudicating admin) as the conflict rules see them: where they are placed, and their roles. */
export type ReviewerRef = Pick<Actor, 'id' | 'schoolId' | 'districtId'> & {
  email?: string;
  roles?: readonly AffiliationRole[];
  former?: FormerPlacement | null;
};

/**
 * The schools and districts a person belongs to, for the conflict rules, on either side (the
 * reviewer, and the teacher through `teacherAffiliations`): their placement (a teacher's school and
 * district), the one they left within FORMER_PLACEMENT_DAYS, and every school or district they hold
 * a role at. A principal or a district leader is not placed (invitations to lead add a role only),
 * yet is as close to that school's teachers as any colleague; a school's district counts for
 * whoever works at the school.
 */
export function affiliations(reviewer: ReviewerRef, now: Date = new Date()): { schools: string[]; districts: string[] } {
  const schools = new Set<string>();
  const districts = new Set<string>();
  const former = recentFormer(reviewer.former, now);
  for (const id of [reviewer.schoolId, ...(former?.schoolIds ?? [])]) if (id) schools.add(id);
  for (const id of [reviewer.districtId, ...(former?.districtIds ?? [])]) if (id) districts.add(id);
  for (const r of reviewer.roles ?? []) {
    if (r.organizationKind === 'SCHOOL') {
      schools.add(r.organizationId);
      if (r.parentOrganizationId) districts.add(r.parentOrganizationId);
    } else if (r.organizationKind === 'DISTRICT') {
      districts.add(r.organizationId);
    }
  }
  return { schools: [...schools], districts: [...districts] };
}

/** The teacher's schools and districts, read exactly as a reviewer's are (`affiliations`). */
export function teacherAffiliations(teacher: TeacherRef, now: Date = new Date()): { schools: string[]; districts: string[] } {
  return affiliations({ id: teacher.teacherId, schoolId: teacher.teacherSchoolId, districtId: teacher.teacherDistrictId, roles: teacher.teacherRoles, former: teacher.teacherFormer }, now);
}

/**
 * Conflicts of interest only (who the teacher is), independent of qualification. One's own work and
 * a colleague's at one's school (now, lately, or led) always; the same district, or the same
 * institutional email domain, where the issuer blocks the district.
 */
export function conflictOfInterest(actor: ReviewerRef, teacher: TeacherRef, settings: Pick<IssuerReviewSettings, 'blockSameDistrict'>, now: Date = new Date()): ReviewDenial | null {
  if (actor.id === teacher.teacherId) return 'OWN_WORK';
  const mine = affiliations(actor, now);
  const theirs = teacherAffiliations(teacher, now);
  const shares = (ids: string[], theirIds: string[]) => theirIds.some((id) => ids.includes(id));
  // Not an issuer's choice: "a reviewer never scores their own or a colleague's work".
  if (shares(mine.schools, theirs.schools)) return 'SAME_SCHOOL';
  if (settings.blockSameDistrict && shares(mine.districts, theirs.districts)) return 'SAME_DISTRICT';
  // School and district are what people pick at sign-up (and may leave empty); a shared
  // institutional email domain is the same district whatever they picked (lib/review/email-domain.ts).
  // Districts usually give every school one domain, so it says nothing about the school.
  if (settings.blockSameDistrict) {
    const domain = institutionDomain(actor.email);
    if (domain && domain === institutionDomain(teacher.teacherEmail)) return 'SAME_EMAIL_DOMAIN';
  }
  return null;
}

/** Whether the qualification lets the reviewer score live work (calibration included). */
export function qualificationDenial(settings: Pick<IssuerReviewSettings, 'calibrationRequired'>, q: QualificationState | null): ReviewDenial | null {
  if (!q || (!q.granted && !q.earned)) return 'NOT_QUALIFIED';
  if (settings.calibrationRequired && q.hasExemplars && !q.calibratedAt) return 'NOT_CALIBRATED';
  return null;
}

/**
 * Whether the actor reviews for this issuer: its reviewer role or its admin role. A role at another
 * issuer does not count, even with a qualification (an earned badge, a stray grant) for this one.
 */
export function reviewsFor(actor: Actor, issuerId: string): boolean {
  return hasRole(actor, 'REVIEWER', issuerId) || isIssuerAdmin(actor, issuerId);
}

/**
 * reviewsFor as a condition on User, for reading many people at once (stillReviewingFor): the
 * reviewer or admin role at the issuer, or platform admin (isIssuerAdmin counts one). The two must
 * say the same: tests/integration/reviews-for-where.test.ts holds them to it over every role.
 */
export function reviewsForWhere(issuerId: string): Prisma.UserWhereInput {
  return { memberships: { some: { OR: [{ organizationId: issuerId, role: { in: ['REVIEWER', 'ISSUER_ADMIN'] } }, { role: 'PLATFORM_ADMIN' }] } } };
}

/** Whether the actor may score (claim, draft, decide) live work of this teacher for this issuer's credential. */
export function canReview(actor: Actor, issuerId: string, teacher: TeacherRef, settings: IssuerReviewSettings, qualification: QualificationState | null): ReviewPermission {
  const conflict = conflictOfInterest(actor, teacher, settings);
  if (conflict) return { ok: false, reason: conflict };
  if (!reviewsFor(actor, issuerId)) return { ok: false, reason: 'NOT_REVIEWER' };
  const q = qualificationDenial(settings, qualification);
  if (q) return { ok: false, reason: q };
  return { ok: true };
}

/**
 * Adjudication is an issuer admin's call: no qualification needed, but the same conflicts of
 * interest apply, and neither of the two reviewers who disagreed may settle it.
 */
export function canAdjudicate(actor: Actor, issuerId: string, teacher: TeacherRef, settings: IssuerReviewSettings, scorerIds: string[]): ReviewPermission {
  if (!isIssuerAdmin(actor, issuerId)) return { ok: false, reason: 'NOT_REVIEWER' };
  const conflict = conflictOfInterest(actor, teacher, settings);
  if (conflict) return { ok: false, reason: conflict };
  if (scorerIds.includes(actor.id)) return { ok: false, reason: 'ALREADY_SCORED' };
  return { ok: true };
}

/**
 * A second look (lib/review/second-look.ts) is one independent review of a decided attempt: the
 * reviewer must be able to review the credential as for any live work (conflicts of interest, role,
 * qualification and calibration), must not have scored the attempt already (`scorerIds`: whoever
 * submitted a review of it), and must not be the admin who asked for it (`requestedById`), who has
 * read the set-aside decision and argued against it.
 */
export function canTakeSecondLook(
  actor: Actor, issuerId: string, teacher: TeacherRef, settings: IssuerReviewSettings, qualification: QualificationState | null,
  opts: { scorerIds: string[]; requestedById: string | null },
): ReviewPermission {
  const p = canReview(actor, issuerId, teacher, settings, qualification);
  if (!p.ok) return p;
  if (opts.scorerIds.includes(actor.id)) return { ok: false, reason: 'ALREADY_SCORED' };
  if (opts.requestedById === actor.id) return { ok: false, reason: 'ASKED_FOR_SECOND_LOOK' };
  return { ok: true };
}

/**
 * When a claim ends after the reviewer works on it (an autosave, "Keep my claim"): `claimMinutes`
 * from now, but never earlier than it already ends: an admin's assignment runs to the deadline.
 */
export function claimEndAfterActivity(current: Date | null, now: Date, claimMinutes: number): Date {
  return new Date(Math.max(now.getTime() + claimMinutes * 60_000, current?.getTime() ?? 0));
}

/** Blind review hides who the teacher is from everyone scoring (admins adjudicating included). */
export function showsTeacherIdentity(settings: { blindReview: boolean }): boolean {
  return !settings.blindReview;
}

import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { affiliations, affiliationRoles, canAdjudicate, canTakeSecondLook, FORMER_PLACEMENT_DAYS, canReview, conflictOfInterest, teacherAffiliations, teacherRef, type AffiliationRole, type IssuerReviewSettings, type QualificationState, type ReviewerRef, type TeacherRef } from '@/lib/review/policy';
import { institutionDomain } from '@/lib/review/email-domain';

const reviewer: Actor = {
  id: 'rev', email: 'r@example.test', name: 'R', schoolId: 'school-1', districtId: 'district-1',
  roles: [{ role: 'REVIEWER', organizationId: 'issuer-1', organizationKind: 'ISSUER', organizationName: 'Issuer', parentOrganizationId: null }],
};
const admin: Actor = { ...reviewer, id: 'adm', roles: [{ role: 'ISSUER_ADMIN', organizationId: 'issuer-1', organizationKind: 'ISSUER', organizationName: 'Issuer', parentOrganizationId: null }] };
const teacherOnly: Actor = { ...reviewer, id: 'tch', roles: [] };

const open: IssuerReviewSettings = { blockSameDistrict: false, calibrationRequired: false };
const strict: IssuerReviewSettings = { blockSameDistrict: true, calibrationRequired: true };
const granted: QualificationState = { granted: true, earned: false, calibratedAt: null, hasExemplars: true };
const calibrated: QualificationState = { ...granted, calibratedAt: new Date() };

const sameSchool = { teacherId: 't1', teacherSchoolId: 'school-1', teacherDistrictId: 'district-1', teacherRoles: [] };
const sameDistrict = { teacherId: 't1', teacherSchoolId: 'school-2', teacherDistrictId: 'district-1', teacherRoles: [] };
const elsewhere = { teacherId: 't1', teacherSchoolId: 'school-9', teacherDistrictId: 'district-9', teacherRoles: [] };
const unknownSchool = { teacherId: 't1', teacherSchoolId: null, teacherDistrictId: null, teacherRoles: [] };
const own = { teacherId: 'rev', teacherSchoolId: 'school-1', teacherDistrictId: 'district-1', teacherRoles: [] };

describe('canReview: conflict-of-interest matrix', () => {
  const cases: [string, TeacherRef, IssuerReviewSettings, string | true][] = [
    ['own work, open issuer', own, open, 'OWN_WORK'],
    ['own work, strict issuer', own, { ...strict, calibrationRequired: false }, 'OWN_WORK'],
    // The same school whatever the issuer chose: colleagues never review each other's work.
    ['same school, district rule off', sameSchool, open, 'SAME_SCHOOL'],
    ['same school, district rule on', sameSchool, { ...open, blockSameDistrict: true }, 'SAME_SCHOOL'],
    ['same district other school, district rule off', sameDistrict, open, true],
    ['same district other school, district rule on', sameDistrict, { ...open, blockSameDistrict: true }, 'SAME_DISTRICT'],
    ['elsewhere, both rules on', elsewhere, { ...strict, calibrationRequired: false }, true],
    ['teacher with no school, both rules on', unknownSchool, { ...strict, calibrationRequired: false }, true],
  ];
  it.each(cases)('%s', (_name, teacher, settings, expected) => {
    const r = canReview(reviewer, 'issuer-1', teacher, settings, calibrated);
    expect(r.ok ? true : r.reason).toBe(expected);
  });

  it('a reviewer without a school is never "same school"', () => {
    const r = canReview({ ...reviewer, schoolId: null, districtId: null }, 'issuer-1', sameSchool, { ...strict, calibrationRequired: false }, granted);
    expect(r.ok).toBe(true);
  });
});

describe('canReview: qualification and calibration', () => {
  it('needs a grant or an earned award', () => {
    expect(canReview(reviewer, 'issuer-1', elsewhere, open, null)).toEqual({ ok: false, reason: 'NOT_QUALIFIED' });
    expect(canReview(reviewer, 'issuer-1', elsewhere, open, { granted: false, earned: false, calibratedAt: new Date(), hasExemplars: false })).toEqual({ ok: false, reason: 'NOT_QUALIFIED' });
    expect(canReview(reviewer, 'issuer-1', elsewhere, open, { granted: false, earned: true, calibratedAt: null, hasExemplars: false })).toEqual({ ok: true });
  });

  it('needs calibration only when the issuer requires it and the credential has exemplars', () => {
    expect(canReview(reviewer, 'issuer-1', elsewhere, { ...open, calibrationRequired: true }, granted)).toEqual({ ok: false, reason: 'NOT_CALIBRATED' });
    expect(canReview(reviewer, 'issuer-1', elsewhere, { ...open, calibrationRequired: true }, calibrated)).toEqual({ ok: true });
    expect(canReview(reviewer, 'issuer-1', elsewhere, { ...open, calibrationRequired: true }, { ...granted, hasExemplars: false })).toEqual({ ok: true });
    expect(canReview(reviewer, 'issuer-1', elsewhere, open, granted)).toEqual({ ok: true });
  });

  it('needs the reviewer (or issuer admin) role', () => {
    expect(canReview(teacherOnly, 'issuer-1', elsewhere, open, calibrated)).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canReview(admin, 'issuer-1', elsewhere, open, calibrated)).toEqual({ ok: true });
  });

  it('needs that role at the credential’s own issuer: a role elsewhere plus an earned badge or a grant is not enough', () => {
    const earned: QualificationState = { granted: false, earned: true, calibratedAt: null, hasExemplars: false };
    expect(canReview(reviewer, 'issuer-2', elsewhere, open, earned)).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canReview(reviewer, 'issuer-2', elsewhere, open, calibrated)).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canReview(admin, 'issuer-2', elsewhere, open, calibrated)).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canReview(reviewer, 'issuer-1', elsewhere, open, earned)).toEqual({ ok: true });
  });
});

describe('canAdjudicate', () => {
  it('is for admins of the issuer who did not score the attempt and have no conflict', () => {
    expect(canAdjudicate(admin, 'issuer-1', elsewhere, open, ['a', 'b'])).toEqual({ ok: true });
    expect(canAdjudicate(admin, 'issuer-2', elsewhere, open, [])).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canAdjudicate(reviewer, 'issuer-1', elsewhere, open, [])).toEqual({ ok: false, reason: 'NOT_REVIEWER' });
    expect(canAdjudicate(admin, 'issuer-1', elsewhere, open, ['adm'])).toEqual({ ok: false, reason: 'ALREADY_SCORED' });
    expect(canAdjudicate(admin, 'issuer-1', sameSchool, open, [])).toEqual({ ok: false, reason: 'SAME_SCHOOL' });
  });
});

describe('a shared institutional email domain', () => {
  it('counts as the same district when an issuer blocks reviewing its own district', () => {
    expect(institutionDomain('Ann@KMSD.k12.wi.us')).toBe('kmsd.k12.wi.us');
    expect(institutionDomain('ann@gmail.com')).toBeNull();
    expect(institutionDomain('ann@school.test')).toBeNull();
    expect(institutionDomain('no-at-sign')).toBeNull();
    const reviewer = { id: 'r', schoolId: null, districtId: null, email: 'rae@kmsd.k12.wi.us' };
    // The teacher left school and district empty at sign-up: the domain still gives them away.
    const teacher = { teacherId: 't', teacherSchoolId: null, teacherDistrictId: null, teacherEmail: 'tess@kmsd.k12.wi.us', teacherRoles: [] };
    expect(conflictOfInterest(reviewer, teacher, { blockSameDistrict: true })).toBe('SAME_EMAIL_DOMAIN');
    // One domain usually covers every school of a district: it says nothing about the school, so
    // the same-school rule that always applies does not read it.
    expect(conflictOfInterest(reviewer, teacher, { blockSameDistrict: false })).toBeNull();
    expect(conflictOfInterest({ ...reviewer, email: 'rae@gmail.com' }, { ...teacher, teacherEmail: 'tess@gmail.com' }, { blockSameDistrict: true })).toBeNull();
    expect(conflictOfInterest(reviewer, { ...teacher, teacherEmail: 'tess@other.k12.wi.us' }, { blockSameDistrict: true })).toBeNull();
  });
});

describe('conflicts of leaders who also review (placement is not the only tie)', () => {
  // Invitations to lead a school or district add a role only: the leader has no school or district of their own.
  const unplaced = { ...reviewer, schoolId: null, districtId: null, email: 'p@mail.test' };
  const principal: Actor = { ...unplaced, id: 'prn', roles: [...reviewer.roles, { role: 'SCHOOL_LEADER', organizationId: 'school-1', organizationKind: 'SCHOOL', organizationName: 'School 1', parentOrganizationId: 'district-1' }] };
  const leader: Actor = { ...unplaced, id: 'ldr', roles: [...reviewer.roles, { role: 'DISTRICT_LEADER', organizationId: 'district-1', organizationKind: 'DISTRICT', organizationName: 'District 1', parentOrganizationId: null }] };

  it('counts the schools and districts a person holds a role at, and a school’s district', () => {
    expect(affiliations(principal)).toEqual({ schools: ['school-1'], districts: ['district-1'] });
    expect(affiliations(leader)).toEqual({ schools: [], districts: ['district-1'] });
    expect(affiliations(reviewer)).toEqual({ schools: ['school-1'], districts: ['district-1'] });
  });

  it('refuses a principal the work of their school’s teachers always, and of their district where that is blocked', () => {
    expect(conflictOfInterest(principal, sameSchool, { blockSameDistrict: false })).toBe('SAME_SCHOOL');
    expect(conflictOfInterest(principal, sameDistrict, { blockSameDistrict: false })).toBeNull();
    expect(conflictOfInterest(principal, sameDistrict, { blockSameDistrict: true })).toBe('SAME_DISTRICT');
    expect(conflictOfInterest(principal, elsewhere, strict)).toBeNull();
  });

  it('refuses a district leader the work of their district’s teachers', () => {
    expect(conflictOfInterest(leader, sameDistrict, { blockSameDistrict: true })).toBe('SAME_DISTRICT');
    // A district leader belongs to no school: the same-school rule alone does not stop them.
    expect(conflictOfInterest(leader, sameSchool, { blockSameDistrict: false })).toBeNull();
    expect(canReview(leader, 'issuer-1', sameDistrict, { ...strict, calibrationRequired: false }, granted)).toEqual({ ok: false, reason: 'SAME_DISTRICT' });
  });
});

describe('a school or district left within the year still counts', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  const rules = { blockSameDistrict: true };

  it('for a reviewer who left the teacher’s district', () => {
    const left = { ...reviewer, schoolId: null, districtId: null, former: { schoolIds: ['school-1'], districtIds: ['district-1'], changedAt: daysAgo(10) } };
    expect(conflictOfInterest(left, sameSchool, rules, now)).toBe('SAME_SCHOOL');
    expect(conflictOfInterest(left, sameDistrict, rules, now)).toBe('SAME_DISTRICT');
    const longAgo = { ...left, former: { ...left.former, changedAt: daysAgo(FORMER_PLACEMENT_DAYS + 1) } };
    expect(conflictOfInterest(longAgo, sameDistrict, rules, now)).toBeNull();
  });

  it('for a teacher who left the reviewer’s school after sending their work', () => {
    const moved = { teacherId: 't1', teacherSchoolId: null, teacherDistrictId: null, teacherRoles: [], teacherFormer: { schoolIds: ['school-1'], districtIds: ['district-1'], changedAt: daysAgo(1) } };
    expect(conflictOfInterest(reviewer, moved, rules, now)).toBe('SAME_SCHOOL');
    // The school left counts whatever the issuer chose about districts.
    expect(conflictOfInterest(reviewer, moved, { blockSameDistrict: false }, now)).toBe('SAME_SCHOOL');
    expect(conflictOfInterest(reviewer, { ...moved, teacherFormer: { ...moved.teacherFormer, schoolIds: [] } }, rules, now)).toBe('SAME_DISTRICT');
    expect(conflictOfInterest(reviewer, { ...moved, teacherFormer: { ...moved.teacherFormer, changedAt: daysAgo(FORMER_PLACEMENT_DAYS + 1) } }, rules, now)).toBeNull();
  });
});

describe('every school and district left within the year counts, not only the latest', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
  it('a reviewer who left district-1 and then district-2 within the year is still tied to district-1', () => {
    const twice = { ...reviewer, schoolId: 'school-3', districtId: 'district-3', former: { schoolIds: ['school-1', 'school-2'], districtIds: ['district-1', 'district-2'], changedAt: daysAgo(5) } };
    expect(affiliations(twice, now)).toEqual({ schools: ['school-3', 'school-1', 'school-2'], districts: ['district-3', 'district-1', 'district-2'] });
    expect(conflictOfInterest(twice, sameSchool, { blockSameDistrict: false }, now)).toBe('SAME_SCHOOL');
    expect(conflictOfInterest({ ...twice, former: { ...twice.former, schoolIds: [] } }, sameDistrict, { blockSameDistrict: true }, now)).toBe('SAME_DISTRICT');
    expect(conflictOfInterest({ ...twice, former: { ...twice.former, changedAt: daysAgo(FORMER_PLACEMENT_DAYS + 1) } }, sameDistrict, { blockSameDistrict: true }, now)).toBeNull();
  });
});

describe('a leader whose own work is reviewed (the teacher side counts roles too)', () => {
  // A principal or a district leader applying for a credential is the teacher here. Leading adds a
  // role, not a placement (ADR 016), so their school and district are only in their roles.
  const leads = (organizationId: string, kind: 'SCHOOL' | 'DISTRICT', parent: string | null = null): AffiliationRole =>
    ({ organizationId, organizationKind: kind, parentOrganizationId: parent });
  const principalOf1: TeacherRef = { teacherId: 'prn', teacherSchoolId: null, teacherDistrictId: null, teacherRoles: [leads('school-1', 'SCHOOL', 'district-1')] };
  const leaderOf1: TeacherRef = { teacherId: 'ldr', teacherSchoolId: null, teacherDistrictId: null, teacherRoles: [leads('district-1', 'DISTRICT')] };
  // Reviewers: placed at school-1 (district-1), at school-2 of the same district, and elsewhere.
  const atSchool1 = { id: 'r1', schoolId: 'school-1', districtId: 'district-1' };
  const atSchool2 = { id: 'r2', schoolId: 'school-2', districtId: 'district-1' };
  const farAway = { id: 'r9', schoolId: 'school-9', districtId: 'district-9' };
  const noDistrictRule = { blockSameDistrict: false };
  const districtRule = { blockSameDistrict: true };

  it('reads a teacher’s schools and districts as a reviewer’s: placement, former placement and roles, a led school’s district with it', () => {
    expect(teacherAffiliations(principalOf1)).toEqual({ schools: ['school-1'], districts: ['district-1'] });
    expect(teacherAffiliations(leaderOf1)).toEqual({ schools: [], districts: ['district-1'] });
    const both: TeacherRef = { ...principalOf1, teacherSchoolId: 'school-7', teacherDistrictId: 'district-7' };
    expect(teacherAffiliations(both)).toEqual(affiliations({ id: 'prn', schoolId: 'school-7', districtId: 'district-7', roles: both.teacherRoles }));
    expect(teacherAffiliations(both)).toEqual({ schools: ['school-7', 'school-1'], districts: ['district-7', 'district-1'] });
  });

  it('refuses a teacher of the school the work of its principal, whatever the issuer chose', () => {
    expect(conflictOfInterest(atSchool1, principalOf1, noDistrictRule)).toBe('SAME_SCHOOL');
    expect(conflictOfInterest(atSchool1, principalOf1, districtRule)).toBe('SAME_SCHOOL');
    expect(canReview({ ...reviewer, ...atSchool1 }, 'issuer-1', principalOf1, open, calibrated)).toEqual({ ok: false, reason: 'SAME_SCHOOL' });
    expect(canAdjudicate({ ...admin, ...atSchool1 }, 'issuer-1', principalOf1, open, [])).toEqual({ ok: false, reason: 'SAME_SCHOOL' });
    expect(canTakeSecondLook({ ...reviewer, ...atSchool1 }, 'issuer-1', principalOf1, open, calibrated, { scorerIds: [], requestedById: null })).toEqual({ ok: false, reason: 'SAME_SCHOOL' });
    // Another school of the district is not the same school; where district reviewing is blocked, it is the same district.
    expect(conflictOfInterest(atSchool2, principalOf1, noDistrictRule)).toBeNull();
    expect(conflictOfInterest(atSchool2, principalOf1, districtRule)).toBe('SAME_DISTRICT');
    expect(conflictOfInterest(farAway, principalOf1, districtRule)).toBeNull();
  });

  it('refuses a teacher of the district the work of its leader where same-district reviewing is blocked', () => {
    expect(conflictOfInterest(atSchool1, leaderOf1, districtRule)).toBe('SAME_DISTRICT');
    expect(conflictOfInterest(atSchool2, leaderOf1, districtRule)).toBe('SAME_DISTRICT');
    // A district leader belongs to no school: the same-school rule alone does not stop the district's teachers.
    expect(conflictOfInterest(atSchool1, leaderOf1, noDistrictRule)).toBeNull();
    expect(conflictOfInterest(farAway, leaderOf1, districtRule)).toBeNull();
  });

  it('counts a school’s district for a school role on either side (two principals of one district)', () => {
    const principalOf2: ReviewerRef = { id: 'p2', schoolId: null, districtId: null, roles: [leads('school-2', 'SCHOOL', 'district-1')] };
    expect(conflictOfInterest(principalOf2, principalOf1, districtRule)).toBe('SAME_DISTRICT');
    expect(conflictOfInterest(principalOf2, principalOf1, noDistrictRule)).toBeNull();
  });

  it('builds the teacher’s roles from their memberships (teacherRef), schools and districts alike', () => {
    const memberships = [
      { organizationId: 'school-1', organization: { kind: 'SCHOOL' as const, parentId: 'district-1' } },
      { organizationId: 'district-3', organization: { kind: 'DISTRICT' as const, parentId: null } },
    ];
    expect(affiliationRoles(memberships)).toEqual([leads('school-1', 'SCHOOL', 'district-1'), leads('district-3', 'DISTRICT')]);
    const ref = teacherRef({ id: 'prn', schoolId: null, districtId: null, email: 'p@gmail.com', memberships });
    expect(teacherAffiliations(ref)).toEqual({ schools: ['school-1'], districts: ['district-1', 'district-3'] });
    expect(conflictOfInterest(atSchool1, ref, noDistrictRule)).toBe('SAME_SCHOOL');
  });
});

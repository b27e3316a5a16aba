// The pure rules of a "second look" (lib/review/second-look-rules.ts, policy.ts): when an issuer admin
// may set a returned decision aside, who may take the independent review, and how the decision, the
// history and the audit log read afterwards.
import { describe, expect, it } from 'vitest';
import { SECOND_LOOK_ALREADY, SECOND_LOOK_NOT_PUBLISHED, SECOND_LOOK_NOT_RETURNED, SECOND_LOOK_REVISION_STARTED, secondLookRefusal } from '@/lib/review/second-look-rules';
import { canTakeSecondLook, type QualificationState } from '@/lib/review/policy';
import { decidingReviews } from '@/lib/submissions/deciding-reviews';
import { doubleScoringText, reviewKindLabel, secondLookText } from '@/lib/review/history-words';
import { describeAuditEntry } from '@/lib/audit/describe';
import { RequestSecondLookInput } from '@/lib/review/schemas';
import { aboutEarlierDecision, ALREADY_ASKED, askRefusal, openAboutCurrentDecision } from '@/lib/feedback-questions/policy';
import type { Actor } from '@/lib/auth/actor';

const returned = { status: 'RETURNED' as const, number: 2, secondLookRequestedAt: null };

describe('secondLookRefusal', () => {
  it('allows the latest returned attempt of a published or retired credential', () => {
    expect(secondLookRefusal(returned, 2, 'PUBLISHED')).toBeNull();
    // Retiring keeps in-flight applications going and their badges issuable.
    expect(secondLookRefusal(returned, 2, 'RETIRED')).toBeNull();
  });
  it('refuses a second request, pending or done', () => {
    expect(secondLookRefusal({ ...returned, secondLookRequestedAt: new Date() }, 2, 'PUBLISHED')).toBe(SECOND_LOOK_ALREADY);
    expect(secondLookRefusal({ ...returned, status: 'SUBMITTED', secondLookRequestedAt: new Date() }, 2, 'PUBLISHED')).toBe(SECOND_LOOK_ALREADY);
  });
  it('refuses an attempt that is not returned', () => {
    for (const status of ['DRAFT', 'SUBMITTED', 'PASSED'] as const) expect(secondLookRefusal({ ...returned, status }, 2, 'PUBLISHED')).toBe(SECOND_LOOK_NOT_RETURNED);
  });
  it('refuses once the teacher has started a revision (a newer attempt, even a draft)', () => {
    expect(secondLookRefusal(returned, 3, 'PUBLISHED')).toBe(SECOND_LOOK_REVISION_STARTED);
  });
  it('refuses a credential that could not issue a badge', () => {
    expect(secondLookRefusal(returned, 2, 'DRAFT')).toBe(SECOND_LOOK_NOT_PUBLISHED);
  });
});

describe('canTakeSecondLook', () => {
  const issuerId = 'iss';
  const settings = { blockSameDistrict: false, calibrationRequired: false };
  const teacher = { teacherId: 't', teacherSchoolId: 'school-1', teacherDistrictId: null, teacherRoles: [] };
  const qualified: QualificationState = { granted: true, earned: false, calibratedAt: null, hasExemplars: false };
  const reviewer = (id: string, schoolId: string | null = null): Actor =>
    ({ id, email: `${id}@example.test`, name: id, schoolId, districtId: null, roles: [{ role: 'REVIEWER', organizationId: issuerId }] }) as unknown as Actor;
  const opts = { scorerIds: ['first'], requestedById: 'admin' };

  it('lets a qualified, unconflicted reviewer who has not scored the attempt take it', () => {
    expect(canTakeSecondLook(reviewer('fresh'), issuerId, teacher, settings, qualified, opts)).toEqual({ ok: true });
  });
  it('refuses whoever scored it, whoever asked for it, the teacher, a conflict and the unqualified', () => {
    expect(canTakeSecondLook(reviewer('first'), issuerId, teacher, settings, qualified, opts)).toEqual({ ok: false, reason: 'ALREADY_SCORED' });
    expect(canTakeSecondLook(reviewer('admin'), issuerId, teacher, settings, qualified, opts)).toEqual({ ok: false, reason: 'ASKED_FOR_SECOND_LOOK' });
    expect(canTakeSecondLook(reviewer('t'), issuerId, teacher, settings, qualified, opts)).toEqual({ ok: false, reason: 'OWN_WORK' });
    expect(canTakeSecondLook(reviewer('colleague', 'school-1'), issuerId, teacher, settings, qualified, opts)).toEqual({ ok: false, reason: 'SAME_SCHOOL' });
    expect(canTakeSecondLook(reviewer('fresh'), issuerId, teacher, settings, null, opts)).toEqual({ ok: false, reason: 'NOT_QUALIFIED' });
  });
});

describe('the decision after a second look', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
  it('is the second look alone, whatever decided the attempt before', () => {
    const primary = { id: 'p', kind: 'PRIMARY' as const, submittedAt: at(1) };
    const second = { id: 's', kind: 'SECOND' as const, submittedAt: at(2) };
    const adjudication = { id: 'a', kind: 'ADJUDICATION' as const, submittedAt: at(3) };
    const look = { id: 'l', kind: 'SECOND_LOOK' as const, submittedAt: at(4) };
    expect(decidingReviews([primary, look]).map((r) => r.id)).toEqual(['l']);
    expect(decidingReviews([primary, second, adjudication, look]).map((r) => r.id)).toEqual(['l']);
    // Until it is given, the earlier decision reads as before.
    expect(decidingReviews([primary, second]).map((r) => r.id)).toEqual(['p', 's']);
  });
  it('reads truthfully in a reviewer’s history: never as double scoring', () => {
    expect(reviewKindLabel.SECOND_LOOK).toBe('Second look');
    expect(doubleScoringText('SECOND_LOOK', null)).toBe('Not part of double scoring');
    expect(secondLookText('SECOND_LOOK', null)).toBe('A second look: your decision was final for this attempt');
    expect(secondLookText('PRIMARY', 'PENDING')).toBe('Set aside for a second look, which is under way');
    expect(secondLookText('PRIMARY', 'PASS')).toBe('Set aside for a second look: meets the standard');
    expect(secondLookText('PRIMARY', null)).toBeNull();
  });
  it('is worded in the audit log without the admin’s reason, which stays on the application record', () => {
    // The audit text is read on /admin/audit and the admin home by co-admins who may yet take the second look.
    const text = describeAuditEntry({ action: 'review.second-look-request', entityType: 'Attempt', entityId: 'x', data: { number: 1, reason: 'Paragraph two was missed.' } });
    expect(text).toBe('Asked for a second look at attempt 1: its decision was set aside for one independent review, with a reason (on the application record)');
    expect(text).not.toContain('Paragraph two');
    expect(describeAuditEntry({ action: 'review.second-look-withdraw', entityType: 'Attempt', entityId: 'x', data: { number: 2 } }))
      .toBe('Withdrew the second look at attempt 2 before anyone took it: its earlier decision stands');
    expect(describeAuditEntry({ action: 'review.second-look-decide', entityType: 'Attempt', entityId: 'x', data: { number: 1, decision: 'PASS' } })).toBe('Decided attempt 1 on a second look: passed');
    expect(describeAuditEntry({ action: 'review.submit', entityType: 'Review', entityId: 'x', data: { kind: 'SECOND_LOOK', decision: 'REVISE' } })).toBe('Submitted a second look: revision needed');
  });
});

describe('questions about a decision a second look replaced', () => {
  const requested = new Date('2026-03-06T10:00:00Z');
  const after = new Date('2026-03-10T10:00:00Z');
  const returned = { status: 'RETURNED' as const, number: 1, secondLookRequestedAt: requested };
  const earlier = (answeredAt: Date | null) => ({ answeredAt, aboutSecondLook: false });
  const aboutNew = (answeredAt: Date | null) => ({ answeredAt, aboutSecondLook: true });
  it('are about the earlier decision when asked before the request', () => {
    expect(aboutEarlierDecision(returned, earlier(null))).toBe(true);
    expect(aboutEarlierDecision(returned, aboutNew(null))).toBe(false);
    expect(aboutEarlierDecision({ secondLookRequestedAt: null }, earlier(null))).toBe(false);
  });
  it('do not hold the open question about the new decision, answered or not', () => {
    expect(askRefusal(returned, [earlier(after)], 1)).toBeNull();
    expect(askRefusal(returned, [earlier(null)], 1)).toBeNull();
    expect(openAboutCurrentDecision(returned, [earlier(null)])).toBe(false);
  });
  it('one open question about the new decision is the one allowed', () => {
    expect(askRefusal(returned, [earlier(null), aboutNew(null)], 1)).toBe(ALREADY_ASKED);
    expect(askRefusal(returned, [earlier(null), aboutNew(after)], 1)).toBeNull();
    expect(askRefusal({ status: 'RETURNED' }, [earlier(null)])).toBe(ALREADY_ASKED);
  });
});

describe('RequestSecondLookInput', () => {
  it('needs a reason, as plain text of bounded length', () => {
    expect(RequestSecondLookInput.safeParse({ attemptId: 'a1', version: '2', reason: '   ' }).success).toBe(false);
    expect(RequestSecondLookInput.safeParse({ attemptId: 'a1', version: '2', reason: 'x'.repeat(1001) }).success).toBe(false);
    const ok = RequestSecondLookInput.parse({ attemptId: 'a1', version: '2', reason: ' Misread\r\nparagraph two.\u0007 ' });
    expect(ok).toEqual({ attemptId: 'a1', version: 2, reason: 'Misread\nparagraph two.' });
  });
});

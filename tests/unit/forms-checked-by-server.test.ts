// Forms whose checking is the server's (noValidate on the form): a browser tooltip passes, is not
// reliably read out and leaves nothing on the field. Each form is rendered as the server sends it,
// with a refused result set by hand (useActionState answers with `actionState`): the summary is said
// once in the alert region (ADR 021) and each field's message is shown at the field and tied to it.
// Then the server side: every rule the browser used to enforce (an empty required field, a malformed
// email or web address, an over-long text) is a plain message keyed to the field that shows it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { z } from 'zod';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/', redirect: vi.fn() }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));
// Refused input is answered before anyone is asked for: a call here would be a failure of the test.
vi.mock('@/lib/auth/session', () => ({ requireActor: vi.fn(async () => { throw new Error('not signed in in unit tests'); }), getActor: vi.fn(async () => null) }));
vi.mock('@/app/admin/credentials/[id]/calibration/actions', () => ({ createExemplarAction: vi.fn(), rescoreExemplarAction: vi.fn() }));
vi.mock('@/app/admin/submissions/[id]/actions', () => ({ closeEvidenceConcernAction: vi.fn(), removeEvidenceFileAction: vi.fn() }));
vi.mock('@/app/review/[reviewId]/actions', () => ({ reportConcernAction: vi.fn() }));
vi.mock('@/app/apply/[slug]/actions', () => ({ askAboutFeedbackAction: vi.fn() }));
vi.mock('@/app/invitations/[token]/actions', () => ({ acceptNewAccountAction: vi.fn(), acceptSignedInAction: vi.fn() }));
vi.mock('@/app/admin/settings/actions', () => ({ issuerProfileAction: vi.fn(), issuerReviewSettingsAction: vi.fn() }));
vi.mock('@/app/admin/tracks/actions', () => ({ saveTrackAction: vi.fn() }));
vi.mock('@/app/admin/stacks/actions', () => ({ saveStackAction: vi.fn() }));
vi.mock('@/app/platform/actions', () => ({ createOrganizationAction: vi.fn() }));
vi.mock('@/app/district/schools/actions', () => ({ addSchoolAction: vi.fn() }));
vi.mock('@/app/admin/people/actions', () => ({ bulkEnrolAction: vi.fn(), inviteAction: vi.fn(), resendInvitationAction: vi.fn() }));
vi.mock('@/app/admin/review-quality/actions', () => ({ assignReviewAction: vi.fn(), grantQualificationAction: vi.fn() }));
vi.mock('@/app/district/recommendations/actions', () => ({ addRecommendationAction: vi.fn(), removeRecommendationAction: vi.fn(), updateRecommendationAction: vi.fn() }));

const { ExemplarForm, RescoreExemplarForm } = await import('@/app/admin/credentials/[id]/calibration/exemplar-form');
const { ConcernActions } = await import('@/app/admin/submissions/[id]/concern-actions');
const { RevokeForm, SuspensionForm } = await import('@/app/credentials/[id]/status-forms');
const { ReportConcernForm } = await import('@/app/review/[reviewId]/report-concern-form');
const { FeedbackQuestionForm } = await import('@/app/apply/[slug]/feedback-question-form');
const { AcceptNewAccountForm } = await import('@/app/invitations/[token]/accept-forms');
const { IssuerProfileForm, IssuerReviewSettingsForm } = await import('@/components/admin/issuer-settings-forms');
const { StackForm, TrackForm } = await import('@/components/admin/track-stack-forms');
const { NewOrganizationForm } = await import('@/components/admin/platform-forms');
const { AddSchoolForm } = await import('@/components/admin/school-forms');
const { InviteSchoolLeaderForm } = await import('@/components/school/invite-school-leader-form');
const { GrantQualificationForm } = await import('@/components/review/grant-qualification-form');
const { AssignForm } = await import('@/components/review/assign-form');
const { EditRecommendationForm, RecommendForm } = await import('@/components/district/recommendation-forms');
const { SentTextForm } = await import('@/components/ui/sent-text-form');

beforeEach(() => {
  actionState = { ok: true };
});

const html = <P extends object>(type: FunctionComponent<P>, props: P) => renderToStaticMarkup(createElement(type, props));
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SUMMARY = 'Some fields need attention.';
const ASSERTIVE = '<div tabindex="-1" role="alert">';

/** Every <form> in `out` leaves checking to the server. */
function everyFormUnchecked(out: string, count = 1) {
  const forms = out.match(/<form\b[^>]*>/g) ?? [];
  expect(forms).toHaveLength(count);
  for (const form of forms) expect(form).toContain('noValidate=""');
}

/** The control `id` is marked invalid and described by its own error, which says `message`. */
function markedAtField(out: string, id: string, message: string) {
  const control = new RegExp(`<(input|textarea|select)\\b[^>]*\\sid="${esc(id)}"[^>]*>`).exec(out)?.[0];
  expect(control, id).toBeDefined();
  expect(control, id).toContain('aria-invalid="true"');
  expect(control, id).toMatch(new RegExp(`aria-describedby="([^"]* )?${esc(id)}-error( [^"]*)?"`));
  expect(out, id).toMatch(new RegExp(`<p id="${esc(id)}-error"[^>]*>${esc(message)}</p>`));
}

/** The summary is said once, assertively, in the alert region that was on the page before it. */
function saidInAlert(out: string, message = SUMMARY) {
  expect(liveRegionsAround(out, message)).toEqual([ASSERTIVE]);
  expect(nestedLiveRegions(out)).toEqual([]);
}

const refused = (fieldErrors: Record<string, string[]>, formError = SUMMARY) => {
  actionState = { ok: false, formError, fieldErrors };
};

describe('calibration samples', () => {
  const props = {
    microCredentialId: 'mc1',
    versionId: 'v1',
    parts: [{ id: 'p1', title: 'Plan', responseType: 'TEXT' }],
    criteria: [{ id: 'c1', title: 'Questioning' }, { id: 'c2', title: 'Wait time' }],
    levels: [{ rank: 0, label: 'Not yet' }, { rank: 1, label: 'Met' }],
  };

  it('a new sample: the title and a level left unchosen are said at their fields', () => {
    refused({ title: ['Give the sample a neutral title.'], 'expectedRanks.1': ['Choose a level.'] });
    const out = html(ExemplarForm, props);
    everyFormUnchecked(out);
    markedAtField(out, 'title', 'Give the sample a neutral title.');
    markedAtField(out, 'rank-c2', 'Choose a level.');
    saidInAlert(out);
  });

  it('posts “Choose a level” as an empty choice (a disabled option is not posted, which moved later levels onto the wrong criterion)', () => {
    const out = html(ExemplarForm, props);
    expect(out).toMatch(/<option value=""( selected="")?>Choose a level<\/option>/);
    expect(out).not.toMatch(/<option value=""[^>]*disabled/);
  });

  it('agreed levels again: a level left unchosen is said at its select', () => {
    refused({ 'expectedRanks.0': ['Choose a level.'] });
    const out = html(RescoreExemplarForm, { microCredentialId: 'mc1', versionId: 'v1', exemplar: { id: 'e1', title: 'Sample A' }, criteria: props.criteria, levels: props.levels });
    everyFormUnchecked(out);
    markedAtField(out, 'rescore-e1-c1', 'Choose a level.');
    saidInAlert(out);
  });
});

describe('an issuer admin deciding a concern about evidence', () => {
  it('says an unchosen file and a missing reason or note at their fields, in both forms', () => {
    refused({ fileId: ['Choose the file to remove.'], reason: ['Say why the file is removed: the teacher reads it.'], note: ['Say why nothing is removed.'] });
    const out = html(ConcernActions, { concernId: 'k1', fileId: null, files: [{ id: 'f1', fileName: 'lesson.mp4' }], open: true });
    everyFormUnchecked(out, 2);
    markedAtField(out, 'remove-file-k1', 'Choose the file to remove.');
    markedAtField(out, 'remove-reason-k1', 'Say why the file is removed: the teacher reads it.');
    markedAtField(out, 'close-note-k1', 'Say why nothing is removed.');
    saidInAlert(out);
    // “Choose a file” is posted (empty) when left chosen, so the server can name it.
    expect(out).toMatch(/<option value=""( selected="")?>Choose a file<\/option>/);
  });
});

describe('suspending and revoking a badge', () => {
  it('says a missing reason at the field', () => {
    refused({ reason: ['Give a reason the recipient and verifiers will understand (at least 5 characters).'] });
    const out = html(SuspensionForm, { awardId: 'a1', suspended: false });
    everyFormUnchecked(out);
    markedAtField(out, 'suspend-reason', 'Give a reason the recipient and verifiers will understand (at least 5 characters).');
    saidInAlert(out);
  });

  it('says an unticked confirmation at the box, with the reason’s error at the reason', () => {
    refused({ reason: ['Use at most 1,000 characters.'], confirm: ['Tick the box to confirm: revoking cannot be undone.'] });
    const out = html(RevokeForm, { awardId: 'a1' });
    everyFormUnchecked(out);
    markedAtField(out, 'revoke-reason', 'Use at most 1,000 characters.');
    markedAtField(out, 'revoke-confirm', 'Tick the box to confirm: revoking cannot be undone.');
    saidInAlert(out);
    // Still announced as required.
    expect(out).toMatch(/<input type="checkbox" id="revoke-confirm"[^>]*required=""/);
  });
});

describe('a reviewer reporting a concern', () => {
  it('marks the group of reasons when none was chosen (focus can land on it), described by the message', () => {
    refused({ reason: ['Choose what the concern is about.'], note: ['Say what the concern is.'] });
    const out = html(ReportConcernForm, { reviewId: 'r1', files: [{ id: 'f1', label: 'File 1' }] });
    everyFormUnchecked(out);
    expect(out).toMatch(/<fieldset role="radiogroup" aria-labelledby="concern-reason-legend-r1" aria-invalid="true" aria-describedby="concern-reason-error-r1" tabindex="-1"/);
    expect(out).toMatch(/<legend id="concern-reason-legend-r1"[^>]*>What is the concern\?<\/legend>/);
    expect(out).toMatch(/<p id="concern-reason-error-r1"[^>]*>Choose what the concern is about\.<\/p>/);
    markedAtField(out, 'concern-note-r1', 'Say what the concern is.');
    saidInAlert(out);
  });
});

describe('one-text forms that go away once sent', () => {
  it('a teacher’s question about feedback', () => {
    refused({ body: ['Write your question.'] });
    const out = html(FeedbackQuestionForm, { attemptId: 'at1', attemptNumber: 2, slug: 'exit-tickets', issuerName: 'Teaching Matters', waiting: false });
    everyFormUnchecked(out);
    markedAtField(out, 'question-body-2', 'Write your question.');
    saidInAlert(out);
  });

  it('the reply and the second look (SentTextForm)', () => {
    refused({ answer: ['Write your reply.'] });
    const out = html(SentTextForm, {
      action: vi.fn(), open: true, hidden: { questionId: 'q1' },
      field: { id: 'answer-q1', name: 'answer', label: 'Your reply to Ana', hint: 'The teacher reads it.', rows: 4, maxLength: 2000 },
      submitLabel: 'Send reply', pendingLabel: 'Sending…',
    });
    everyFormUnchecked(out);
    markedAtField(out, 'answer-q1', 'Write your reply.');
    saidInAlert(out);
    expect(out).toMatch(/<textarea id="answer-q1"[^>]*required=""/);
  });
});

describe('accepting an invitation with a new account', () => {
  it('says a missing name and a short password at their fields', () => {
    refused({ name: ['Enter your name.'], password: ['Use at least 10 characters.'] });
    const out = html(AcceptNewAccountForm, { token: 't'.repeat(20), email: 'new@example.test' });
    everyFormUnchecked(out);
    markedAtField(out, 'name', 'Enter your name.');
    markedAtField(out, 'password', 'Use at least 10 characters.');
    saidInAlert(out);
  });
});

describe('issuer settings', () => {
  it('the profile: a bad web address and email are said at their fields', () => {
    refused({ name: ['Enter the organisation’s name.'], url: ['Use a full https:// address, e.g. https://example.org.'], email: ['Enter a valid email address, like name@school.org.'] });
    const issuer = { id: 'i1', name: '', description: '', url: 'example.org', email: 'nope', linkedinOrganizationId: null, updatedAt: new Date(0) };
    const out = html(IssuerProfileForm, { issuer });
    everyFormUnchecked(out);
    markedAtField(out, 'name', 'Enter the organisation’s name.');
    markedAtField(out, 'url', 'Use a full https:// address, e.g. https://example.org.');
    markedAtField(out, 'email', 'Enter a valid email address, like name@school.org.');
    saidInAlert(out);
  });

  it('review settings: an emptied or out-of-range number is said at its field', () => {
    refused({ slaBusinessDays: ['Enter a number of working days.'], doubleScorePercent: ['Use 0 to 100.'] });
    const settings = { id: 'i1', updatedAt: new Date(0), slaBusinessDays: 10, doubleScorePercent: 10, claimMinutes: 240, blockSameDistrict: false, blindReview: false, calibrationRequired: true };
    const out = html(IssuerReviewSettingsForm, { settings });
    everyFormUnchecked(out);
    markedAtField(out, 'slaBusinessDays', 'Enter a number of working days.');
    markedAtField(out, 'doubleScorePercent', 'Use 0 to 100.');
    saidInAlert(out);
  });
});

describe('tracks and stacks', () => {
  const issuers = [{ id: 'i1', name: 'Issuer' }];

  it('a track: each missing field is said at its field', () => {
    refused({ title: ['This field is required.'], slug: ['Enter the web address, like growth-mindset-1.'], topic: ['This field is required.'], summary: ['This field is required.'] }, 'The track has problems. Fix the highlighted fields.');
    const initial = { slug: '', kind: 'TRACK', title: '', summary: '', description: '', topic: '', subjects: '', gradeBands: '', levels: [] };
    const out = html(TrackForm, { issuers, status: null, options: [], initial });
    everyFormUnchecked(out);
    for (const id of ['title', 'topic', 'summary']) markedAtField(out, id, 'This field is required.');
    markedAtField(out, 'slug', 'Enter the web address, like growth-mindset-1.');
    saidInAlert(out, 'The track has problems. Fix the highlighted fields.');
  });

  it('a stack: each missing field is said at its field', () => {
    refused({ title: ['This field is required.'], slug: ['Use at least 3 characters.'], summary: ['This field is required.'] }, 'The stack has problems. Fix the highlighted fields.');
    const initial = { slug: '', title: '', summary: '', description: '', badgeColor: '#7c3aed', microCredentials: [] };
    const out = html(StackForm, { issuers, status: null, options: [], initial });
    everyFormUnchecked(out);
    markedAtField(out, 'title', 'This field is required.');
    markedAtField(out, 'slug', 'Use at least 3 characters.');
    markedAtField(out, 'summary', 'This field is required.');
    saidInAlert(out, 'The stack has problems. Fix the highlighted fields.');
  });
});

describe('a new organisation', () => {
  it('says a malformed address and email at their fields, and the summary in the alert region (not a passing box of its own)', () => {
    refused({ slug: ['Use lowercase letters, digits and single hyphens, e.g. “teaching-matters”.'], firstEmail: ['Enter a valid email address, like name@school.org.'] });
    const out = html(NewOrganizationForm, {});
    everyFormUnchecked(out);
    markedAtField(out, 'slug', 'Use lowercase letters, digits and single hyphens, e.g. “teaching-matters”.');
    markedAtField(out, 'firstEmail', 'Enter a valid email address, like name@school.org.');
    saidInAlert(out);
    // The regions are in the form before anything is refused, so a refusal is announced.
    actionState = { ok: true };
    expect(html(NewOrganizationForm, {})).toMatch(/<form[^>]*><div><div tabindex="-1" role="status" aria-live="polite"><\/div><div tabindex="-1" role="alert"><\/div><\/div>/);
  });
});

describe('a school added by a district leader', () => {
  it('says a missing name at the field, in the alert region that was already in the form', () => {
    refused({ name: ['Enter the school’s name.'] });
    const out = html(AddSchoolForm, { districtId: 'd1' });
    everyFormUnchecked(out);
    markedAtField(out, 'new-school-name', 'Enter the school’s name.');
    saidInAlert(out);
    actionState = { ok: true };
    expect(html(AddSchoolForm, { districtId: 'd1' })).toMatch(/^<form[^>]*><input type="hidden" name="districtId" value="d1"\/><div><div tabindex="-1" role="status" aria-live="polite"><\/div><div tabindex="-1" role="alert"><\/div><\/div>/);
  });
});

describe('inviting a school leader', () => {
  it('says an unchosen school and a malformed email at their fields', () => {
    refused({ organizationId: ['Choose a school.'], email: ['Enter a valid email address, like name@school.org.'] });
    const out = html(InviteSchoolLeaderForm, { schools: [{ id: 's1', name: 'Cushing Elementary' }] });
    everyFormUnchecked(out);
    markedAtField(out, 'school-leader-school', 'Choose a school.');
    markedAtField(out, 'school-leader-email', 'Enter a valid email address, like name@school.org.');
    saidInAlert(out);
  });
});

describe('review quality: qualifying and assigning reviewers', () => {
  it('says a malformed reviewer email at its field', () => {
    refused({ email: ['Enter a valid email address, like name@school.org.'] });
    const out = html(GrantQualificationForm, { credentials: [{ id: 'mc1', title: 'Exit tickets' }] });
    everyFormUnchecked(out);
    markedAtField(out, 'q-email', 'Enter a valid email address, like name@school.org.');
    saidInAlert(out);
  });

  it('says a missing reviewer at the select, keeping its hint', () => {
    refused({ reviewerId: ['Choose a reviewer.'] });
    const out = html(AssignForm, { attemptId: 'at1', kinds: ['PRIMARY'], reviewers: [{ id: 'u1', name: 'Ravi', email: 'ravi@example.test', kinds: ['PRIMARY'] }] });
    everyFormUnchecked(out);
    markedAtField(out, 'reviewerId', 'Choose a reviewer.');
    expect(out).toMatch(/<select id="reviewerId"[^>]*aria-describedby="reviewerId-hint reviewerId-error"/);
    saidInAlert(out);
  });
});

describe('district recommendations', () => {
  it('recommending: an over-long note is said at the field, in an alert region that was on the page before', () => {
    actionState = { ok: true };
    const props = { districtId: 'd1', kind: 'MICRO_CREDENTIAL' as const, targetId: 't1', title: 'Exit tickets', schools: [], full: false };
    expect(html(RecommendForm, props)).toMatch(/<form[^>]*><input type="hidden" name="districtId"[^>]*\/><input[^>]*\/><input[^>]*\/><div><div tabindex="-1" role="status" aria-live="polite"><\/div><div tabindex="-1" role="alert"><\/div><\/div>/);
    refused({ note: ['Keep the note to 500 characters or fewer.'] });
    const out = html(RecommendForm, props);
    everyFormUnchecked(out);
    markedAtField(out, 'note-MICRO_CREDENTIAL-t1', 'Keep the note to 500 characters or fewer.');
    saidInAlert(out);
  });

  it('editing one: the same', () => {
    refused({ note: ['Keep the note to 500 characters or fewer.'] });
    const out = html(EditRecommendationForm, { recommendation: { id: 'rec1', title: 'Exit tickets', note: '', schoolId: null }, schools: [] });
    everyFormUnchecked(out);
    markedAtField(out, 'edit-note-rec1', 'Keep the note to 500 characters or fewer.');
    saidInAlert(out);
  });
});

// ── The server says what the browser used to ──

const { ExemplarInput, RescoreExemplarInput } = await import('@/lib/review/exemplars');
const { CloseConcernInput, RemoveEvidenceFileInput, ReportConcernInput } = await import('@/lib/evidence/schemas');
const { ReinstateAwardInput, RevokeAwardInput } = await import('@/lib/awards/revoke');
const { AskAboutFeedbackInput, AnswerFeedbackQuestionInput } = await import('@/lib/feedback-questions/schemas');
const { RequestSecondLookInput, AssignReviewInput, GrantQualificationInput } = await import('@/lib/review/schemas');
const { AcceptNewAccountInput, InviteInput } = await import('@/lib/people/schemas');
const { IssuerProfileInput, IssuerReviewSettingsInput, NewOrganizationInput, SchoolInput } = await import('@/lib/organizations/schemas');
const { StackDef, TrackDef } = await import('@/lib/authoring/schemas');
const { AddRecommendationInput } = await import('@/lib/district/recommendation-schemas');
const { revokeAwardAction } = await import('@/app/credentials/[id]/actions');

/** The first message per field, as the form shows it. */
const messages = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  const out: Record<string, string> = {};
  for (const i of r.error?.issues ?? []) out[i.path.join('.')] ??= i.message;
  return out;
};
const RAW = /too (big|small)|expected|invalid input|<=|>=/i;
const AWARD = '00000000-0000-4000-8000-000000000001';

describe('what a browser used to refuse, the server refuses in words', () => {
  it('a calibration level left on “Choose a level” is asked for at its criterion, not saved as the lowest level', () => {
    const base = { microCredentialId: 'mc1', versionId: 'v1', title: 'Sample C', responses: [{ partTitle: 'Plan', text: 'An answer.' }] };
    expect(messages(ExemplarInput, { ...base, expectedRanks: ['1', '', '0'] })).toEqual({ 'expectedRanks.1': 'Choose a level.' });
    expect(messages(RescoreExemplarInput, { exemplarId: 'e1', versionId: 'v1', expectedRanks: [' ', '2'] })).toEqual({ 'expectedRanks.0': 'Choose a level.' });
    expect(ExemplarInput.parse({ ...base, expectedRanks: ['1', '0', 2] }).expectedRanks).toEqual([1, 0, 2]);
    expect(messages(ExemplarInput, { ...base, title: 'S'.repeat(201), responses: [{ partTitle: 'Plan', text: 'x'.repeat(20_001) }], expectedRanks: ['1'] })).toEqual({
      title: 'Use at most 200 characters.',
      'responses.0.text': 'Use at most 20,000 characters.',
    });
  });

  it('a revoked or reinstated badge’s text says its limit', () => {
    expect(messages(RevokeAwardInput, { awardId: AWARD, reason: 'x'.repeat(1001) })).toEqual({ reason: 'Use at most 1,000 characters.' });
    expect(messages(ReinstateAwardInput, { awardId: AWARD, note: 'x'.repeat(1001) })).toEqual({ note: 'Use at most 1,000 characters.' });
  });

  it('an unticked “revoking is permanent” box is said at the box, with the reason’s error at the same time', async () => {
    const post = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return revokeAwardAction({ ok: true }, f);
    };
    expect(await post({ awardId: AWARD, reason: '' })).toEqual({
      ok: false,
      formError: 'Some fields need attention.',
      fieldErrors: { reason: ['Give a reason the recipient and verifiers will understand (at least 5 characters).'], confirm: ['Tick the box to confirm: revoking cannot be undone.'] },
    });
    expect(await post({ awardId: AWARD, reason: 'Issued in error.' })).toEqual({
      ok: false,
      formError: 'Tick the box to confirm: revoking cannot be undone.',
      fieldErrors: { confirm: ['Tick the box to confirm: revoking cannot be undone.'] },
    });
  });

  it('a new account from an invitation: a too-long name or password says its limit', () => {
    expect(messages(AcceptNewAccountInput, { token: 't'.repeat(20), name: 'N'.repeat(121), password: 'p'.repeat(201) })).toEqual({ name: 'Use at most 120 characters.', password: 'Use at most 200 characters.' });
  });

  it('issuer review settings: an emptied number is asked for, not saved as 0', () => {
    const base = { organizationId: 'i1', seenAt: new Date(0).toISOString(), claimMinutes: '240' };
    expect(messages(IssuerReviewSettingsInput, { ...base, slaBusinessDays: '', doubleScorePercent: ' ' })).toEqual({ slaBusinessDays: 'Enter a number of working days.', doubleScorePercent: 'Enter a percentage.' });
    expect(IssuerReviewSettingsInput.parse({ ...base, slaBusinessDays: '10', doubleScorePercent: '0' })).toMatchObject({ slaBusinessDays: 10, doubleScorePercent: 0 });
  });

  it('an optional email box holding only spaces is empty, as the browser’s email box had it', () => {
    const profile = { organizationId: 'i1', seenAt: new Date(0).toISOString(), name: 'Teaching Matters' };
    expect(IssuerProfileInput.parse({ ...profile, email: '  ' }).email).toBeNull();
    expect(IssuerProfileInput.parse({ ...profile, email: ' Office@Example.org ' }).email).toBe('office@example.org');
    expect(NewOrganizationInput.parse({ kind: 'DISTRICT', name: 'Kettle Moraine', firstEmail: ' ' }).firstEmail).toBeNull();
    expect(messages(NewOrganizationInput, { kind: 'DISTRICT', name: 'Kettle Moraine', firstEmail: 'lead@' })).toEqual({ firstEmail: 'Enter a valid email address, like name@school.org.' });
  });

  it('an issuer’s web address and a new organisation’s address say their limits', () => {
    expect(messages(IssuerProfileInput, { organizationId: 'i1', seenAt: new Date(0).toISOString(), name: 'Teaching Matters', url: `https://example.org/${'a'.repeat(300)}` })).toEqual({ url: 'Use at most 300 characters.' });
    expect(messages(NewOrganizationInput, { kind: 'ISSUER', name: 'Teaching Matters', slug: 'a'.repeat(61) })).toEqual({ slug: 'Use at most 60 characters.' });
  });

  it('a reviewer to assign, and a reviewer’s email to qualify, are asked for plainly', () => {
    expect(messages(AssignReviewInput, { attemptId: 'at1', reviewerId: '' })).toEqual({ reviewerId: 'Choose a reviewer.' });
    expect(messages(GrantQualificationInput, { microCredentialId: 'mc1', email: ' ' })).toEqual({ email: 'Enter the reviewer’s email address.' });
    expect(GrantQualificationInput.safeParse({ microCredentialId: 'mc1', email: '' }).error?.issues).toHaveLength(1);
    expect(messages(GrantQualificationInput, { microCredentialId: 'mc1', email: 'ravi@' })).toEqual({ email: 'Enter a valid email address, like name@school.org.' });
    expect(messages(GrantQualificationInput, { microCredentialId: 'mc1', email: `${'a'.repeat(250)}@school.org` })).toEqual({ email: 'That email address is too long.' });
  });

  it('no form here answers what a browser can send with zod’s wording, and each message is keyed to a field the form shows', () => {
    const long = 'x'.repeat(20_001);
    const cases: [string, z.ZodType, Record<string, unknown>, string[]][] = [
      ['sample (empty)', ExemplarInput, { microCredentialId: 'mc1', versionId: 'v1', title: '', responses: [], expectedRanks: [''] }, ['title', 'expectedRanks.0']],
      ['remove a file (empty)', RemoveEvidenceFileInput, { concernId: 'k1', fileId: '', reason: ' ' }, ['fileId', 'reason']],
      ['remove a file (long)', RemoveEvidenceFileInput, { concernId: 'k1', fileId: 'f1', reason: long }, ['reason']],
      ['close a concern', CloseConcernInput, { concernId: 'k1', note: '' }, ['note']],
      ['close a concern (long)', CloseConcernInput, { concernId: 'k1', note: long }, ['note']],
      ['report a concern (no reason)', ReportConcernInput, { reviewId: 'r1', fileId: '' }, ['reason']],
      ['report a concern (long note)', ReportConcernInput, { reviewId: 'r1', reason: 'OTHER', note: long }, ['note']],
      ['suspend (empty)', RevokeAwardInput, { awardId: AWARD, reason: '' }, ['reason']],
      ['question', AskAboutFeedbackInput, { attemptId: 'at1', body: '' }, ['body']],
      ['question (long)', AskAboutFeedbackInput, { attemptId: 'at1', body: long }, ['body']],
      ['reply', AnswerFeedbackQuestionInput, { questionId: 'q1', answer: ' ' }, ['answer']],
      ['second look', RequestSecondLookInput, { attemptId: 'at1', version: '1', reason: '' }, ['reason']],
      ['second look (long)', RequestSecondLookInput, { attemptId: 'at1', version: '1', reason: long }, ['reason']],
      ['new account (empty)', AcceptNewAccountInput, { token: 't'.repeat(20), name: '', password: '' }, ['name', 'password']],
      ['issuer profile', IssuerProfileInput, { organizationId: 'i1', seenAt: new Date(0).toISOString(), name: '', description: long, url: 'example.org', email: 'nope', linkedinOrganizationId: 'x' }, ['name', 'description', 'url', 'email', 'linkedinOrganizationId']],
      ['review settings', IssuerReviewSettingsInput, { organizationId: 'i1', seenAt: new Date(0).toISOString(), slaBusinessDays: '0', doubleScorePercent: '101', claimMinutes: '240' }, ['slaBusinessDays', 'doubleScorePercent']],
      ['track', TrackDef, { slug: '', title: '', summary: '', topic: '', subjects: ['x'.repeat(61)] }, ['slug', 'title', 'summary', 'topic', 'subjects.0']],
      ['stack', StackDef, { slug: 'Not A Slug', title: '', summary: '', microCredentials: [] }, ['slug', 'title', 'summary', 'microCredentials']],
      ['new organisation', NewOrganizationInput, { kind: 'ISSUER', name: '', firstEmail: 'nope' }, ['name', 'firstEmail']],
      ['new organisation (address)', NewOrganizationInput, { kind: 'ISSUER', name: 'Teaching Matters', slug: 'Bad Address!' }, ['slug']],
      ['school', SchoolInput, { districtId: 'd1', name: '' }, ['name']],
      ['school (long)', SchoolInput, { districtId: 'd1', name: long }, ['name']],
      ['school leader', InviteInput, { organizationId: '', email: 'nope', role: 'SCHOOL_LEADER' }, ['organizationId', 'email']],
      ['reviewer to qualify', GrantQualificationInput, { microCredentialId: 'mc1', email: '' }, ['email']],
      ['recommendation', AddRecommendationInput, { districtId: 'd1', kind: 'TRACK', targetId: 't1', note: long }, ['note']],
    ];
    for (const [name, schema, input, fields] of cases) {
      const said = messages(schema, input);
      expect(Object.keys(said).sort(), name).toEqual([...fields].sort());
      for (const [field, message] of Object.entries(said)) expect(message, `${name}: ${field}`).not.toMatch(RAW);
    }
  });
});

describe('the track form’s levels', () => {
  it('puts a level’s own error on that level, and the list’s errors on Level 1', async () => {
    const { levelErrors } = await import('@/components/admin/track-stack-forms');
    const errors = { levels: ['Choose the micro-credential for level 1.'], 'levels.2': ['That is not one of your micro-credentials.'] };
    expect(levelErrors(errors, 0)).toEqual(['Choose the micro-credential for level 1.']);
    expect(levelErrors(errors, 1)).toBeUndefined();
    expect(levelErrors(errors, 2)).toEqual(['That is not one of your micro-credentials.']);
    expect(levelErrors(undefined, 0)).toBeUndefined();
  });
});

// A form whose server action gets no answer (the connection dropped, the browser went offline, a
// deploy since the page loaded made the action unknown) used to reject inside a transition, and React
// sent that to the nearest error boundary: the page gave way to "Something went wrong", and what was
// typed in the form went with it. As the review forms do since stop 34 (review-forms-offline), each
// form here now says so in place, keeps what was typed and chosen, and can be sent again; a redirect
// from the action still reaches the router. And the public summary on the submit form, sent only
// with Submit, is kept in this browser until Submit goes through.
//
// No DOM library here: React's hooks are stood in for by a small keeper of state (by call order, as
// React keeps it), so a component's body runs as a function, a later render sees what its handlers
// set, effects run when their dependencies change, and a transition or an action state whose work
// rejects hands the error to `boundary`, as React hands it to the error boundary.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { cloneElement, isValidElement, type ReactNode } from 'react';
import { redirect } from 'next/navigation';
import type { ActionResult } from '@/lib/action-result';
import { textJoined } from '../setup/html';
import { boundary, cleanUpAfter, cleanUpEffects, commit, elements, remount, resetHooks, run, settle } from '../setup/react-stand-in';
import { fakeBrowser, html, inner, OFFLINE, submit, UNKNOWN_ACTION } from '../setup/form-stand-ins';

vi.mock('react', async (original) => (await import('../setup/react-stand-in')).reactStandIn(await original()));

type FormAction = Mock<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>;
const formAction = (): FormAction => vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
/** Every action a form here posts to, by name. */
const actions = {
  askAboutFeedbackAction: formAction(),
  submitAttemptAction: formAction(),
  askCredentialQuestionAction: formAction(),
  answerCredentialQuestionAction: formAction(),
  saveFeedbackAction: formAction(),
  deleteFeedbackAction: formAction(),
  decideProposalAction: formAction(),
  sentText: formAction(),
  addEntry: formAction(),
  editEntry: formAction(),
  deleteEntry: formAction(),
  updateProfileAction: formAction(),
  changeEmailAction: formAction(),
  setPortfolioHeadline: formAction(),
  setTeachingLicence: formAction(),
  issuerProfileAction: formAction(),
  issuerReviewSettingsAction: formAction(),
  addSchoolAction: formAction(),
  addRecommendationAction: formAction(),
  updateRecommendationAction: formAction(),
  suspensionAction: formAction(),
  revokeAwardAction: formAction(),
  removeEvidenceFileAction: formAction(),
  closeEvidenceConcernAction: formAction(),
  signUpAction: formAction(),
  forgotPasswordAction: formAction(),
  acceptNewAccountAction: formAction(),
  signInAction: formAction(),
  inviteAction: formAction(),
  bulkEnrolAction: formAction(),
  createOrganizationAction: formAction(),
  importCredentialAction: formAction(),
  bulkInviteAction: formAction(),
  decideDistrictRequestsAction: formAction(),
};
type ActionName = keyof typeof actions;
/** A module's actions, each calling its stand-in as it is when called. */
const module_ = (...names: ActionName[]) => Object.fromEntries(names.map((n) => [n, (prev: ActionResult, fd: FormData) => actions[n](prev, fd)]));

vi.mock('@/app/apply/[slug]/actions', () => ({ ...module_('askAboutFeedbackAction', 'submitAttemptAction'), saveResponseAction: vi.fn() }));
vi.mock('@/app/micro-credentials/[slug]/questions/actions', () => module_('askCredentialQuestionAction'));
vi.mock('@/app/admin/questions/actions', () => module_('answerCredentialQuestionAction'));
vi.mock('@/app/micro-credentials/[slug]/feedback/actions', () => module_('saveFeedbackAction', 'deleteFeedbackAction'));
vi.mock('@/app/district/proposals/actions', () => module_('decideProposalAction'));
vi.mock('@/app/account/actions', () => module_('updateProfileAction', 'changeEmailAction'));
vi.mock('@/app/admin/settings/actions', () => module_('issuerProfileAction', 'issuerReviewSettingsAction'));
vi.mock('@/app/district/schools/actions', () => module_('addSchoolAction'));
vi.mock('@/app/district/recommendations/actions', () => ({ ...module_('addRecommendationAction', 'updateRecommendationAction'), removeRecommendationAction: vi.fn() }));
vi.mock('@/app/credentials/[id]/actions', () => module_('suspensionAction', 'revokeAwardAction'));
vi.mock('@/app/admin/submissions/[id]/actions', () => module_('removeEvidenceFileAction', 'closeEvidenceConcernAction'));
vi.mock('@/app/sign-up/actions', () => module_('signUpAction'));
vi.mock('@/app/forgot-password/actions', () => module_('forgotPasswordAction'));
vi.mock('@/app/invitations/[token]/actions', () => ({ ...module_('acceptNewAccountAction'), acceptSignedInAction: vi.fn() }));
vi.mock('@/app/sign-in/actions', () => ({ ...module_('signInAction'), oidcSignInAction: vi.fn() }));
vi.mock('@/app/admin/people/actions', () => ({ ...module_('inviteAction', 'bulkEnrolAction'), changeRoleAction: vi.fn(), resendInvitationAction: vi.fn() }));
vi.mock('@/app/platform/actions', () => ({ ...module_('createOrganizationAction'), accountStatusAction: vi.fn() }));
vi.mock('@/app/admin/credentials/actions', () => module_('importCredentialAction'));
vi.mock('@/app/district/people/actions', () => module_('bulkInviteAction', 'decideDistrictRequestsAction'));
// Two forms that call their action with an object from their own handler, not a form post.
const saveDistrictPolicy = vi.fn<(input: unknown) => Promise<ActionResult>>();
const verifyBadge = vi.fn<(input: unknown) => Promise<{ ok: false; message: string } | { ok: true }>>();
vi.mock('@/app/district/policy/actions', () => ({ saveDistrictPolicyAction: (input: unknown) => saveDistrictPolicy(input) }));
vi.mock('@/app/verify/actions', () => ({ verifyAction: (input: unknown) => verifyBadge(input) }));

const { FeedbackQuestionForm, FEEDBACK_QUESTION_UNREACHABLE } = await import('@/app/apply/[slug]/feedback-question-form');
const { AskQuestionForm, ASK_UNREACHABLE } = await import('@/app/micro-credentials/[slug]/questions/ask-form');
const { AnswerQuestionForm, ANSWER_UNREACHABLE } = await import('@/app/admin/questions/answer-form');
const { SentTextForm, sentTextUnreachable } = await import('@/components/ui/sent-text-form');
const { FeedbackForm, DeleteFeedbackForm, FEEDBACK_UNREACHABLE, DELETE_FEEDBACK_UNREACHABLE } = await import('@/app/micro-credentials/[slug]/feedback/feedback-form');
const { AddEntryForm, EditEntryForm, DeleteEntryForm, ADD_ENTRY_UNREACHABLE, EDIT_ENTRY_UNREACHABLE, DELETE_ENTRY_UNREACHABLE } = await import('@/components/external-learning/entry-form');
const { ProposalDecisionForm, DECISION_UNREACHABLE } = await import('@/components/admin/proposal-decision-form');
const { SubmitForm, SUBMIT_UNREACHABLE, SUMMARY_KEPT, summaryDraftKey } = await import('@/app/apply/[slug]/submit-form');
const { ProfileForm, EmailForm, PROFILE_UNREACHABLE, EMAIL_UNREACHABLE } = await import('@/app/account/profile-form');
const { PortfolioHeadlineForm, HEADLINE_UNREACHABLE } = await import('@/app/account/portfolio-headline-form');
const { TeachingLicenceForm, LICENCE_UNREACHABLE } = await import('@/components/account/teaching-licence-form');
const { IssuerProfileForm, IssuerReviewSettingsForm, ISSUER_PROFILE_UNREACHABLE, REVIEW_SETTINGS_UNREACHABLE } = await import('@/components/admin/issuer-settings-forms');
const { AddSchoolForm, ADD_SCHOOL_UNREACHABLE } = await import('@/components/admin/school-forms');
const { RecommendForm, EditRecommendationForm, RECOMMEND_UNREACHABLE, EDIT_RECOMMENDATION_UNREACHABLE } = await import('@/components/district/recommendation-forms');
const { SuspensionForm, RevokeForm, statusUnreachable } = await import('@/app/credentials/[id]/status-forms');
const { ConcernActions, REMOVE_FILE_UNREACHABLE, CLOSE_CONCERN_UNREACHABLE } = await import('@/app/admin/submissions/[id]/concern-actions');
const { SignUpForm, SIGN_UP_UNREACHABLE } = await import('@/app/sign-up/sign-up-form');
const { ForgotPasswordForm, FORGOT_PASSWORD_UNREACHABLE } = await import('@/components/account/forgot-password-form');
const { AcceptNewAccountForm, ACCEPT_NEW_ACCOUNT_UNREACHABLE } = await import('@/app/invitations/[token]/accept-forms');
const { SignInForm, SIGN_IN_UNREACHABLE } = await import('@/app/sign-in/sign-in-form');
const { InviteForm, BulkEnrolForm, INVITE_UNREACHABLE, ENROL_IMPORT_UNREACHABLE } = await import('@/components/admin/people-forms');
const { NewOrganizationForm, CREATE_ORGANIZATION_UNREACHABLE } = await import('@/components/admin/platform-forms');
const { InviteSchoolLeaderForm, INVITE_SCHOOL_LEADER_UNREACHABLE } = await import('@/components/school/invite-school-leader-form');
const { ImportForm, IMPORT_UNREACHABLE } = await import('@/components/admin/import-form');
const { BulkInviteForm, BULK_INVITE_UNREACHABLE } = await import('@/components/district/bulk-invite-form');
const { BulkRequestsForm, CONFIRM_REQUESTS_UNREACHABLE } = await import('@/components/district/bulk-requests-form');
const { registerDraftFlusher } = await import('@/components/evidence/draft-registry');
const { PolicyForm } = await import('@/app/district/policy/policy-form');
const { VerifyForm } = await import('@/app/verify/verify-form');

beforeEach(() => {
  resetHooks();
  for (const f of Object.values(actions)) f.mockReset();
});
afterEach(() => {
  cleanUpEffects();
  vi.unstubAllGlobals();
});

const entry = { id: 'e1', title: 'Reading Summit', provider: 'WSRA', completedOn: '2026-03-14', pdHours: '6', url: '', note: '', seenAt: '2026-03-15T10:00:00.000Z' };
const account = { name: 'Rita Ames', email: 'rita@example.org', publicName: null, handle: null, portfolioPublic: false, emailNotifications: true };
const stamp = new Date('2026-03-01T10:00:00Z');
/**
 * BulkRequestsForm with its "Select all" box left out: the box counts the rows' ticks on the page
 * (useSyncExternalStore), which this file does not stand in for. The form's own state is the same.
 */
function BulkRequestsFormHere(props: Parameters<typeof BulkRequestsForm>[0]): ReactNode {
  const leaveOut = (node: ReactNode): ReactNode => {
    if (Array.isArray(node)) return node.map(leaveOut);
    if (!isValidElement<{ children?: ReactNode }>(node)) return node;
    if (typeof node.type === 'function' && node.type.name === 'SelectAll') return null;
    const children = node.props.children;
    if (children === undefined) return node;
    return cloneElement(node, undefined, ...(Array.isArray(children) ? children.map(leaveOut) : [leaveOut(children)]));
  };
  return leaveOut(BulkRequestsForm(props));
}

const suspend = inner(SuspensionForm, { awardId: 'aw1', suspended: false });
const revoke = inner(RevokeForm, { awardId: 'aw1' });

type Case = {
  name: string;
  component: (p: never) => ReactNode;
  props: unknown;
  action: ActionName;
  text: string;
  button: string;
  fields: Record<string, string>;
  form?: number;
  submitter?: { name: string; value: string };
};
const cases: Case[] = [
  // The forms this change was asked for.
  { name: 'Ask about this feedback', component: FeedbackQuestionForm as never, props: { attemptId: 'at1', attemptNumber: 2, slug: 'exit-tickets', issuerName: 'Teaching Matters', waiting: false }, action: 'askAboutFeedbackAction', text: FEEDBACK_QUESTION_UNREACHABLE, button: 'Send my question', fields: { attemptId: 'at1', slug: 'exit-tickets', body: 'Criterion 2 says no student work, but part 3 has two samples.' } },
  { name: 'Ask the issuer a question', component: AskQuestionForm as never, props: { microCredentialId: 'mc1', issuerName: 'Teaching Matters', refusal: null, waiting: 0 }, action: 'askCredentialQuestionAction', text: ASK_UNREACHABLE, button: 'Send my question', fields: { microCredentialId: 'mc1', body: 'Does a video from last year count?' } },
  { name: 'Answer a teacher’s question (admin)', component: AnswerQuestionForm as never, props: { questionId: 'q1', title: 'Exit tickets' }, action: 'answerCredentialQuestionAction', text: ANSWER_UNREACHABLE, button: 'Send answer', fields: { questionId: 'q1', answer: 'Yes, if it shows this year’s class.', share: 'on' } },
  { name: 'Send reply (SentTextForm)', component: SentTextForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.sentText(p, fd), open: true, hidden: { questionId: 'q1' }, field: { id: 'answer-q1', name: 'answer', label: 'Your reply', hint: '', rows: 4, maxLength: 4000 }, submitLabel: 'Send reply', pendingLabel: 'Sending…' }, action: 'sentText', text: sentTextUnreachable('Send reply'), button: 'Send reply', fields: { questionId: 'q1', answer: 'The reviewer read part 3 again.' } },
  { name: 'Send my feedback', component: FeedbackForm as never, props: { microCredentialId: 'mc1', statedHours: 10, saved: null }, action: 'saveFeedbackAction', text: FEEDBACK_UNREACHABLE, button: 'Send my feedback', fields: { microCredentialId: 'mc1', rating: '4', hoursSpent: '12', comment: 'The exemplars helped most.' } },
  { name: 'Yes, delete my feedback', component: DeleteFeedbackForm as never, props: { microCredentialId: 'mc1' }, action: 'deleteFeedbackAction', text: DELETE_FEEDBACK_UNREACHABLE, button: 'Yes, delete my feedback', fields: { microCredentialId: 'mc1' } },
  { name: 'Add to my list (other learning)', component: AddEntryForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.addEntry(p, fd), today: '2026-04-01' }, action: 'addEntry', text: ADD_ENTRY_UNREACHABLE, button: 'Add to my list', fields: { title: 'Reading Summit', provider: 'WSRA', completedOn: '2026-03-14', pdHours: '6', url: '', note: 'Certificate 1182' } },
  { name: 'Save changes (other learning)', component: EditEntryForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.editEntry(p, fd), values: entry, today: '2026-04-01' }, action: 'editEntry', text: EDIT_ENTRY_UNREACHABLE, button: 'Save changes', fields: { id: 'e1', seenAt: entry.seenAt, title: 'Reading Summit 2026', provider: 'WSRA', completedOn: '2026-03-14', pdHours: '6.5' } },
  { name: 'Yes, delete it (other learning)', component: DeleteEntryForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.deleteEntry(p, fd), entry: { id: 'e1', title: 'Reading Summit' } }, action: 'deleteEntry', text: DELETE_ENTRY_UNREACHABLE, button: 'Yes, delete it', fields: { id: 'e1' } },
  { name: 'Return with comment (district proposal)', component: ProposalDecisionForm as never, props: { proposalId: 'p1', version: 3, teacherName: 'Rita Ames', credentialTitle: 'Exit tickets' }, action: 'decideProposalAction', text: DECISION_UNREACHABLE, button: 'Return with comment', fields: { proposalId: 'p1', version: '3', comment: 'Name the unit you will teach it in.' }, submitter: { name: 'decision', value: 'RETURNED' } },
  // Other forms where people type text of their own, found on the same plain useActionState.
  { name: 'Save (profile)', component: ProfileForm as never, props: { account }, action: 'updateProfileAction', text: PROFILE_UNREACHABLE, button: 'Save', fields: { name: 'Rita Ames', publicName: 'R. Ames', handle: 'rita-ames' } },
  { name: 'Change address', component: EmailForm as never, props: { email: 'rita@exmaple.org', confirmed: false }, action: 'changeEmailAction', text: EMAIL_UNREACHABLE, button: 'Change address', fields: { email: 'rita@example.org' } },
  { name: 'Save headline', component: PortfolioHeadlineForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.setPortfolioHeadline(p, fd), headline: '' }, action: 'setPortfolioHeadline', text: HEADLINE_UNREACHABLE, button: 'Save headline', fields: { portfolioHeadline: 'Grade 5 teacher, assessment lead' } },
  { name: 'Save licence details', component: TeachingLicenceForm as never, props: { action: (p: ActionResult, fd: FormData) => actions.setTeachingLicence(p, fd), renewsOn: '', number: '', toward: null }, action: 'setTeachingLicence', text: LICENCE_UNREACHABLE, button: 'Save licence details', fields: { licenceRenewsOn: '2028-06-30', licenceNumber: 'WI-55120' } },
  { name: 'Save profile (issuer)', component: IssuerProfileForm as never, props: { issuer: { id: 'o1', name: 'Teaching Matters', description: '', url: null, email: null, linkedinOrganizationId: null, updatedAt: stamp } }, action: 'issuerProfileAction', text: ISSUER_PROFILE_UNREACHABLE, button: 'Save profile', fields: { organizationId: 'o1', seenAt: stamp.toISOString(), name: 'Teaching Matters', description: 'Courses for teachers, by teachers.' } },
  { name: 'Save review settings (issuer)', component: IssuerReviewSettingsForm as never, props: { settings: { id: 'o1', updatedAt: stamp, slaBusinessDays: 10, doubleScorePercent: 10, claimMinutes: 60, blockSameDistrict: false, blindReview: true, calibrationRequired: false } }, action: 'issuerReviewSettingsAction', text: REVIEW_SETTINGS_UNREACHABLE, button: 'Save review settings', fields: { organizationId: 'o1', seenAt: stamp.toISOString(), slaBusinessDays: '12', doubleScorePercent: '20', claimMinutes: '60' } },
  { name: 'Add school', component: AddSchoolForm as never, props: { districtId: 'd1' }, action: 'addSchoolAction', text: ADD_SCHOOL_UNREACHABLE, button: 'Add school', fields: { districtId: 'd1', name: 'Lincoln Elementary' } },
  { name: 'Recommend', component: RecommendForm as never, props: { districtId: 'd1', kind: 'MICRO_CREDENTIAL', targetId: 'mc1', title: 'Exit tickets', schools: [], full: false }, action: 'addRecommendationAction', text: RECOMMEND_UNREACHABLE, button: 'Recommend', fields: { districtId: 'd1', kind: 'MICRO_CREDENTIAL', targetId: 'mc1', note: 'Part of our literacy priority', schoolId: '' } },
  { name: 'Save changes (recommendation)', component: EditRecommendationForm as never, props: { recommendation: { id: 'r1', title: 'Exit tickets', note: '', schoolId: null }, schools: [] }, action: 'updateRecommendationAction', text: EDIT_RECOMMENDATION_UNREACHABLE, button: 'Save changes', fields: { recommendationId: 'r1', note: 'For new teachers first', schoolId: '' } },
  { name: 'Suspend this badge', component: suspend.component, props: suspend.props, action: 'suspensionAction', text: statusUnreachable('Suspend this badge', 'suspended'), button: 'Suspend this badge', fields: { awardId: 'aw1', mode: 'suspend', reason: 'A complaint is being looked into.' } },
  { name: 'Revoke this badge', component: revoke.component, props: revoke.props, action: 'revokeAwardAction', text: statusUnreachable('Revoke this badge', 'revoked'), button: 'Revoke this badge', fields: { awardId: 'aw1', reason: 'The evidence was not the teacher’s own.', confirm: 'yes' } },
  { name: 'Remove this file (concern)', component: ConcernActions as never, props: { concernId: 'c1', fileId: 'f1', files: [], open: true }, action: 'removeEvidenceFileAction', text: REMOVE_FILE_UNREACHABLE, button: 'Remove this file', fields: { concernId: 'c1', fileId: 'f1', reason: 'It showed students’ faces without permission.' } },
  { name: 'Close without removing (concern)', component: ConcernActions as never, props: { concernId: 'c1', fileId: 'f1', files: [], open: true }, action: 'closeEvidenceConcernAction', text: CLOSE_CONCERN_UNREACHABLE, button: 'Close without removing', fields: { concernId: 'c1', note: 'The names are blurred.' }, form: 1 },
  { name: 'Create account', component: SignUpForm as never, props: { districts: [] }, action: 'signUpAction', text: SIGN_UP_UNREACHABLE, button: 'Create account', fields: { name: 'Rita Ames', email: 'rita@example.org', password: 'a long passphrase', districtId: '' } },
  { name: 'Email me a link', component: ForgotPasswordForm as never, props: {}, action: 'forgotPasswordAction', text: FORGOT_PASSWORD_UNREACHABLE, button: 'Email me a link', fields: { email: 'rita@example.org' } },
  { name: 'Accept and create my account', component: AcceptNewAccountForm as never, props: { token: 't1', email: 'rita@example.org' }, action: 'acceptNewAccountAction', text: ACCEPT_NEW_ACCOUNT_UNREACHABLE, button: 'Accept and create my account', fields: { token: 't1', name: 'Rita Ames', password: 'a long passphrase' } },
  // Sign-in, invitations, organisations and imports from a file, on the same plain useActionState.
  { name: 'Sign in', component: SignInForm as never, props: { callbackUrl: '/dashboard' }, action: 'signInAction', text: SIGN_IN_UNREACHABLE, button: 'Sign in', fields: { callbackUrl: '/dashboard', timeZone: 'America/Chicago', email: 'rita@example.org', password: 'a long passphrase' } },
  { name: 'Send invitation (people)', component: InviteForm as never, props: { organizationId: 'd1', roles: ['TEACHER', 'DISTRICT_LEADER'], organizations: [{ id: 'd1', name: 'Kettle Moraine (whole district)' }, { id: 's1', name: 'Lincoln Elementary' }] }, action: 'inviteAction', text: INVITE_UNREACHABLE, button: 'Send invitation', fields: { organizationId: 's1', email: 'ana.diaz@example.org', role: 'TEACHER' } },
  { name: 'Import (bulk enrol)', component: BulkEnrolForm as never, props: { issuers: [{ id: 'o1', name: 'Teaching Matters' }], targets: [{ value: 'mc:mc1', label: 'Exit tickets', issuerId: 'o1' }] }, action: 'bulkEnrolAction', text: ENROL_IMPORT_UNREACHABLE, button: 'Check the file', fields: { issuerId: 'o1', target: 'mc:mc1', csv: 'email,name\nana@school.org,Ana Díaz', checked: 'fp1' }, submitter: { name: 'intent', value: 'import' } },
  { name: 'Create organisation', component: NewOrganizationForm as never, props: {}, action: 'createOrganizationAction', text: CREATE_ORGANIZATION_UNREACHABLE, button: 'Create organisation', fields: { kind: 'DISTRICT', name: 'Kettle Moraine', slug: '', firstEmail: 'lead@kmsd.example.org' } },
  { name: 'Invite school leader', component: InviteSchoolLeaderForm as never, props: { schools: [{ id: 's1', name: 'Lincoln Elementary' }] }, action: 'inviteAction', text: INVITE_SCHOOL_LEADER_UNREACHABLE, button: 'Invite school leader', fields: { role: 'SCHOOL_LEADER', organizationId: 's1', email: 'principal@example.org' } },
  { name: 'Import as draft (credential)', component: ImportForm as never, props: { issuers: [{ id: 'o1', name: 'Teaching Matters' }] }, action: 'importCredentialAction', text: IMPORT_UNREACHABLE, button: 'Import as draft', fields: { issuerId: 'o1', json: '{"slug":"exit-tickets","title":"Exit tickets"}', slug: '' } },
  { name: 'Invite (teachers from a file)', component: BulkInviteForm as never, props: { districtId: 'd1', districtName: 'Kettle Moraine', peopleHref: '/district/people' }, action: 'bulkInviteAction', text: BULK_INVITE_UNREACHABLE, button: 'Check the list', fields: { districtId: 'd1', checked: 'fp1', csv: 'email,name\nana@school.org,Ana Díaz' }, submitter: { name: 'intent', value: 'invite' } },
  { name: 'Confirm selected (requests to join)', component: BulkRequestsFormHere as never, props: { formId: 'bulk-requests', districtId: 'd1', schools: [{ id: 's1', name: 'Lincoln Elementary' }], showControls: true }, action: 'decideDistrictRequestsAction', text: CONFIRM_REQUESTS_UNREACHABLE, button: 'Confirm selected', fields: { districtId: 'd1', userIds: 'u1', schoolId: 's1' }, submitter: { name: 'decision', value: 'confirm' } },
];

/** The form's button `label`, there and not disabled: it can be pressed again. */
const enabledButton = (label: string) => new RegExp(`<button type="submit"(?![^>]*disabled="")[^>]*>${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('forms posting to an action state, with no answer from the server', () => {
  for (const c of cases) {
    it(`${c.name}: the form stays, says so plainly, and sends the same again`, async () => {
      fakeBrowser();
      const props = c.props as never;
      const action = actions[c.action];
      run(c.component, props);
      commit();
      action.mockRejectedValueOnce(OFFLINE());
      submit(run(c.component, props), c.fields, c.form, c.submitter);
      await settle();
      expect(boundary).toEqual([]);
      expect(action).toHaveBeenCalledTimes(1);
      const page = html(c.component, props);
      expect(page).toContain('<form');
      expect(textJoined(page)).toContain(c.text);
      expect(c.text).toMatch(/^We could not reach the server, so .+ may not have been .+\. .*again\.$/);
      expect(page).toMatch(enabledButton(c.button));

      action.mockResolvedValueOnce({ ok: true, message: 'Done.' });
      submit(run(c.component, props), c.fields, c.form, c.submitter);
      await settle();
      expect(boundary).toEqual([]);
      expect(action).toHaveBeenCalledTimes(2);
      // What was typed and chosen is sent again as it was (the form was not reset or replaced).
      expect(Object.fromEntries(action.mock.calls[1][1].entries())).toEqual(Object.fromEntries(action.mock.calls[0][1].entries()));
      expect(Object.fromEntries(action.mock.calls[1][1].entries())).toMatchObject(c.fields);
      expect(textJoined(html(c.component, props))).not.toContain('We could not reach the server');
    });
  }

  it('an action a deploy made unknown is said the same way', async () => {
    fakeBrowser();
    const props = { microCredentialId: 'mc1', issuerName: 'Teaching Matters', refusal: null, waiting: 0 };
    run(AskQuestionForm, props);
    actions.askCredentialQuestionAction.mockRejectedValueOnce(UNKNOWN_ACTION());
    submit(run(AskQuestionForm, props), { microCredentialId: 'mc1', body: 'Does a video from last year count?' });
    await settle();
    expect(boundary).toEqual([]);
    expect(textJoined(html(AskQuestionForm, props))).toContain(ASK_UNREACHABLE);
  });

  it('a redirect from the action (answered: to the question’s page) still reaches the router', async () => {
    fakeBrowser();
    const props = { questionId: 'q1', title: 'Exit tickets' };
    run(AnswerQuestionForm, props);
    actions.answerCredentialQuestionAction.mockImplementationOnce(async () => redirect('/admin/questions/q1?answered=1'));
    submit(run(AnswerQuestionForm, props), { questionId: 'q1', answer: 'Yes.' });
    await settle();
    expect(boundary).toHaveLength(1);
    expect((boundary[0] as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;/);
    expect(html(AnswerQuestionForm, props)).not.toContain('We could not reach the server');
  });
});

describe('sign-in, and lists checked before they are sent, with no answer from the server', () => {
  it('Sign in: a redirect once signed in still reaches the router', async () => {
    fakeBrowser();
    const props = { callbackUrl: '/dashboard' };
    const fields = { callbackUrl: '/dashboard', email: 'rita@example.org', password: 'a long passphrase' };
    run(SignInForm, props);
    actions.signInAction.mockRejectedValueOnce(OFFLINE());
    submit(run(SignInForm, props), fields);
    await settle();
    expect(boundary).toEqual([]);
    actions.signInAction.mockImplementationOnce(async () => redirect('/dashboard'));
    submit(run(SignInForm, props), fields);
    await settle();
    expect(boundary).toHaveLength(1);
    expect((boundary[0] as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;/);
  });

  /** A button posting `intent=value`, there and not disabled. */
  const enabledIntent = (value: string) => new RegExp(`<button type="submit" value="${value}"(?![^>]*disabled="")[^>]*name="intent">`);
  const csv = 'email,name\nana@school.org,Ana Díaz';

  it('Import (bulk enrol): the preview stays under the message, with what it checked and the Import button', async () => {
    fakeBrowser();
    const props = { issuers: [{ id: 'o1', name: 'Teaching Matters' }], targets: [{ value: 'mc:mc1', label: 'Exit tickets', issuerId: 'o1' }] };
    const fields = { issuerId: 'o1', target: 'mc:mc1', csv };
    const row = { line: 2, email: 'ana@school.org', name: 'Ana Díaz', schoolText: '', districtText: '', district: null, errors: [], existingUser: false, alreadyEnrolled: false, joinRequest: null };
    run(BulkEnrolForm, props);
    actions.bulkEnrolAction.mockResolvedValueOnce({ ok: true, data: { step: 'preview', title: 'Exit tickets', rows: [row], errorCount: 0, fileError: null, csv, checked: 'fp1', notice: null } } as never);
    submit(run(BulkEnrolForm, props), fields, 0, { name: 'intent', value: 'preview' });
    await settle();
    expect(html(BulkEnrolForm, props)).toMatch(enabledIntent('import'));

    actions.bulkEnrolAction.mockRejectedValueOnce(OFFLINE());
    submit(run(BulkEnrolForm, props), { ...fields, checked: 'fp1' }, 0, { name: 'intent', value: 'import' });
    await settle();
    expect(boundary).toEqual([]);
    const page = html(BulkEnrolForm, props);
    expect(textJoined(page)).toContain(ENROL_IMPORT_UNREACHABLE);
    expect(page).toContain('<input type="hidden" name="checked" value="fp1"/>');
    expect(page).toContain('ana@school.org');
    expect(page).toMatch(enabledIntent('import'));
  });

  it('Invite (teachers from a file): the preview stays under the message, with what it checked and the Invite button', async () => {
    fakeBrowser();
    const props = { districtId: 'd1', districtName: 'Kettle Moraine', peopleHref: '/district/people' };
    const fields = { districtId: 'd1', csv };
    const row = { line: 2, email: 'ana@school.org', name: 'Ana Díaz', schoolText: '', school: null, errors: [], status: 'invite', notes: [] };
    run(BulkInviteForm, props);
    actions.bulkInviteAction.mockResolvedValueOnce({ ok: true, data: { step: 'preview', csv, checked: 'fp1', fileError: null, rows: [row], counts: { invite: 1, member: 0, invited: 0, problem: 0 }, summary: '1 teacher will be invited.', notice: null } } as never);
    submit(run(BulkInviteForm, props), fields, 0, { name: 'intent', value: 'preview' });
    await settle();
    expect(html(BulkInviteForm, props)).toMatch(enabledIntent('invite'));

    actions.bulkInviteAction.mockRejectedValueOnce(OFFLINE());
    submit(run(BulkInviteForm, props), { ...fields, checked: 'fp1' }, 0, { name: 'intent', value: 'invite' });
    await settle();
    expect(boundary).toEqual([]);
    const page = html(BulkInviteForm, props);
    expect(textJoined(page)).toContain(BULK_INVITE_UNREACHABLE);
    expect(page).toContain('<input type="hidden" name="checked" value="fp1"/>');
    expect(page).toContain('ana@school.org');
    expect(page).toMatch(enabledIntent('invite'));
  });
});

describe('Submit for review with no answer from the server', () => {
  const props = { attemptId: 'a1', slug: 'checks-for-understanding', publicSummary: '', blocked: null, notice: 'Your evidence goes to the reviewers.' };
  const fields = { attemptId: 'a1', slug: 'checks-for-understanding', publicSummary: 'Exit tickets every day for a term.', attested: 'yes' };
  /** Types `text` in the public summary box of the form as it is now. */
  const typeSummary = (text: string) => {
    const box = [...elements(run(SubmitForm, props))].find((e) => e.props.id === 'publicSummary')!;
    // (Before the box kept its text in state, it had no onChange: the text was only in the page.)
    (box.props.onChange as ((e: unknown) => void) | undefined)?.({ target: { value: text } });
  };

  for (const [name, failure] of [['a dropped connection', OFFLINE], ['an action a deploy made unknown', UNKNOWN_ACTION]] as const) {
    it(`after ${name}: says it may not have been sent, keeps the summary, takes focus, and submits again`, async () => {
      fakeBrowser();
      run(SubmitForm, props);
      commit();
      typeSummary(fields.publicSummary);
      actions.submitAttemptAction.mockRejectedValueOnce(failure());
      submit(run(SubmitForm, props), fields);
      await settle();
      expect(boundary).toEqual([]);
      expect(actions.submitAttemptAction).toHaveBeenCalledTimes(1);

      const page = html(SubmitForm, props);
      expect(page).toMatch(/<div tabindex="-1" role="alert"[^>]*><p class="font-semibold">We could not reach the server, so your application may not have been submitted\./);
      expect(textJoined(page)).toContain(SUBMIT_UNREACHABLE);
      expect(page).toContain('>Exit tickets every day for a term.</textarea>');
      expect(page).toMatch(/<button type="submit"(?![^>]*disabled="")[^>]*>Submit for review<\/button>/);
      // The summary takes focus, as after any refusal.
      const alert = [...elements(run(SubmitForm, props))].find((e) => e.type === 'div' && e.props.role === 'alert')!;
      const focus = vi.fn();
      (alert.props.ref as { current: unknown }).current = { focus };
      commit();
      expect(focus).toHaveBeenCalled();

      // Sent again: the first had got through, so the server answers as submitted (a redirect).
      actions.submitAttemptAction.mockImplementationOnce(async () => redirect('/apply/checks-for-understanding?submitted=1'));
      submit(run(SubmitForm, props), fields);
      await settle();
      expect(actions.submitAttemptAction).toHaveBeenCalledTimes(2);
      expect(Object.fromEntries(actions.submitAttemptAction.mock.calls[1][1].entries())).toEqual(fields);
      expect(boundary).toHaveLength(1);
      expect((boundary[0] as { digest?: string }).digest).toMatch(/^NEXT_REDIRECT;/);
    });
  }

  it('is still held back, unsent, while an answer is not saved', async () => {
    fakeBrowser();
    cleanUpAfter(registerDraftFlusher({ id: 'answer-p2', label: 'Answer for Reflection', flush: async () => false }));
    run(SubmitForm, props);
    submit(run(SubmitForm, props), fields);
    await settle();
    expect(actions.submitAttemptAction).not.toHaveBeenCalled();
    expect(textJoined(html(SubmitForm, props))).toContain('Your application was not sent: an answer is not saved yet.');
  });
});

describe('the public summary, kept in this browser until Submit goes through', () => {
  const props = { attemptId: 'a1', slug: 'checks-for-understanding', publicSummary: '', blocked: null, notice: 'Your evidence goes to the reviewers.' };
  const typed = 'Exit tickets every day for a term.';
  const key = summaryDraftKey('a1');
  const typeSummary = (text: string) => {
    const box = [...elements(run(SubmitForm, props))].find((e) => e.props.id === 'publicSummary')!;
    // (Before the box kept its text in state, it had no onChange: the text was only in the page.)
    (box.props.onChange as ((e: unknown) => void) | undefined)?.({ target: { value: text } });
  };
  /** The page loaded again (after confirming the email, say): the form from scratch, in the same browser. */
  async function reload() {
    remount();
    run(SubmitForm, props);
    commit();
    await settle();
  }

  it('survives a refused Submit and leaving the page, is put back (and said so), and goes once submitted', async () => {
    const store = fakeBrowser();
    run(SubmitForm, props);
    commit();
    typeSummary(typed);
    expect(key).toBe('microcred:submit-summary:a1');
    expect(JSON.parse(store.get(key)!)).toEqual({ text: typed });

    const refusal = 'Confirm your email address before you submit: use the link we emailed you, or send a new one from your dashboard. Your work is saved.';
    actions.submitAttemptAction.mockResolvedValueOnce({ ok: false, formError: refusal });
    submit(run(SubmitForm, props), { attemptId: 'a1', publicSummary: typed });
    await settle();
    expect(textJoined(html(SubmitForm, props))).toContain(refusal);
    expect(store.has(key)).toBe(true);

    await reload();
    const page = html(SubmitForm, props);
    expect(page).toContain(`>${typed}</textarea>`);
    expect(page).toMatch(/<textarea[^>]*aria-describedby="publicSummary-hint publicSummary-kept"/);
    expect(textJoined(page)).toContain(SUMMARY_KEPT);

    actions.submitAttemptAction.mockImplementationOnce(async () => redirect('/apply/checks-for-understanding?submitted=1'));
    submit(run(SubmitForm, props), { attemptId: 'a1', publicSummary: typed });
    await settle();
    expect(actions.submitAttemptAction.mock.calls[1][1].get('publicSummary')).toBe(typed);
    expect(store.has(key)).toBe(false);
  });

  it('stays when Submit got no answer, and a copy saying what the server has is dropped on load', async () => {
    const store = fakeBrowser();
    run(SubmitForm, props);
    commit();
    typeSummary(typed);
    actions.submitAttemptAction.mockRejectedValueOnce(OFFLINE());
    submit(run(SubmitForm, props), { attemptId: 'a1', publicSummary: typed });
    await settle();
    expect(store.has(key)).toBe(true);

    // Typed back to what the server has: nothing to keep.
    typeSummary('');
    expect(store.has(key)).toBe(false);
    store.set(key, JSON.stringify({ text: '' }));
    await reload();
    expect(store.has(key)).toBe(false);
    expect(html(SubmitForm, props)).not.toContain(SUMMARY_KEPT);
  });

  it('ignores a copy that is not one (broken, hand-edited), and another attempt’s copy', async () => {
    const store = fakeBrowser();
    store.set(key, '{not json');
    store.set(summaryDraftKey('a0'), JSON.stringify({ text: 'The first attempt’s summary.' }));
    await reload();
    const page = html(SubmitForm, props);
    expect(page).toContain('></textarea>');
    expect(page).not.toContain(SUMMARY_KEPT);
  });
});

describe('forms that call their action from their own handler, with no answer from the server', () => {
  const policy = {
    districtId: 'd1', seenAt: '2026-03-01T10:00:00.000Z', requiresProposal: false, salaryCountsExpired: true, approvedIssuersOnly: false, renewalApprovedOnly: false,
    renewalHoursRequired: 30, renewalCycleYears: 5, approvedIssuerIds: [], issuers: [], approvedCredentials: [], approvedCredentialsMax: 50, rules: [],
  };

  it('Save policy (district): the form stays, says the policy may not have been saved, and saves the same again', async () => {
    fakeBrowser();
    run(PolicyForm, policy);
    commit();
    saveDistrictPolicy.mockRejectedValueOnce(OFFLINE());
    submit(run(PolicyForm, policy), {});
    await settle();
    expect(boundary).toEqual([]);
    expect(textJoined(html(PolicyForm, policy))).toContain('We could not reach the server, so the policy may not have been saved. Check your connection and press Save policy again.');
    saveDistrictPolicy.mockResolvedValueOnce({ ok: true, message: 'Saved.', data: { seenAt: '2026-03-01T10:05:00.000Z' } } as unknown as ActionResult);
    submit(run(PolicyForm, policy), {});
    await settle();
    expect(boundary).toEqual([]);
    expect(saveDistrictPolicy.mock.calls[1][0]).toEqual(saveDistrictPolicy.mock.calls[0][0]);
  });

  it('Verify (a pasted badge): the check is said not to have happened, and the form can check again', async () => {
    fakeBrowser();
    run(VerifyForm, {});
    commit();
    verifyBadge.mockRejectedValueOnce(UNKNOWN_ACTION());
    submit(run(VerifyForm, {}), {});
    await settle();
    expect(boundary).toEqual([]);
    expect(textJoined(html(VerifyForm, {}))).toContain('We could not reach the server, so the badge was not checked. Check your connection and press Verify again.');
    expect(verifyBadge).toHaveBeenCalledTimes(1);
  });
});

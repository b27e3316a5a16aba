// The rest of the forms posting to a server action, pressed with no answer from the server (the
// connection dropped, the browser went offline, a deploy since the page loaded made the action
// unknown). The rejection used to reach the nearest error boundary, and the page, with what was
// typed in it, gave way to "Something went wrong". As in forms-offline.test.ts, each form here now
// says so in place, in words that say what may or may not have happened, stays as it was, and sends
// the same again. And the bulk enrol form keeps the pasted list through an ordinary refusal too.
//
// No DOM library: React's hooks are stood in for by a small keeper of state (by call order, as React
// keeps it; tests/setup/react-stand-in.ts), so a component's body runs as a function, a later render
// sees what its handlers set, and a transition or an action state whose work rejects hands the error
// to `boundary`, as React hands it to the error boundary.
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createElement, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/action-result';
import { textJoined } from '../setup/html';
import { boundary, cleanUpEffects, commit, elements, resetHooks, run, settle } from '../setup/react-stand-in';
import { fakeBrowser, html, inner, OFFLINE, postsWithoutScripts, submit } from '../setup/form-stand-ins';

vi.mock('react', async (original) => {
  const react = (await import('../setup/react-stand-in')).reactStandIn(await original());
  // As after hydration (TimeZoneForm's browser button, RemoveRoleForm's own answer): the client's snapshot.
  return { ...react, useSyncExternalStore: (_subscribe: unknown, getSnapshot: () => unknown) => getSnapshot() };
});

type FormAction = Mock<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>;
const formAction = (): FormAction => vi.fn<(prev: ActionResult, fd: FormData) => Promise<ActionResult>>();
/** Every action a form here posts to, by name: imported by the form, or given to it as a prop. */
const actions = {
  createExemplarAction: formAction(),
  rescoreExemplarAction: formAction(),
  shareCredentialQuestionAction: formAction(),
  enrollStackAction: formAction(),
  withdrawSentAttemptAction: formAction(),
  resourceProgressAction: formAction(),
  withdrawCredentialQuestionAction: formAction(),
  acceptSignedInAction: formAction(),
  confirmEmailAction: formAction(),
  withdrawSecondLookAction: formAction(),
  resendInvitationAction: formAction(),
  changeRoleAction: formAction(),
  bulkEnrolAction: formAction(),
  resendVerificationAction: formAction(),
  saveProposalAction: formAction(),
  // Given as props by the pages.
  setTeaching: formAction(),
  signOutEverywhere: formAction(),
  stopWorking: formAction(),
  enroll: formAction(),
  sharing: formAction(),
  renameSchool: formAction(),
  pickUpAgain: formAction(),
  removeCertificate: formAction(),
  schoolOnPortfolio: formAction(),
  changePassword: formAction(),
  resetPassword: formAction(),
  deleteAccount: formAction(),
  requestDistrict: formAction(),
  cancelDistrictRequest: formAction(),
  leaveDistrict: formAction(),
  setTimeZone: formAction(),
  sharesWithColleagues: formAction(),
  badgeOnPortfolio: formAction(),
  renew: formAction(),
};
type ActionName = keyof typeof actions;
/** An action calling its stand-in as it is when called. */
const prop = (n: ActionName) => (prev: ActionResult, fd: FormData) => actions[n](prev, fd);
/** A module's actions. */
const module_ = (...names: ActionName[]) => Object.fromEntries(names.map((n) => [n, prop(n)]));

vi.mock('@/app/admin/credentials/[id]/calibration/actions', () => ({ ...module_('createExemplarAction', 'rescoreExemplarAction'), deleteExemplarAction: vi.fn() }));
vi.mock('@/app/admin/questions/actions', () => ({ ...module_('shareCredentialQuestionAction'), answerCredentialQuestionAction: vi.fn() }));
vi.mock('@/app/stacks/[slug]/actions', () => module_('enrollStackAction'));
vi.mock('@/app/apply/[slug]/actions', () => module_('withdrawSentAttemptAction'));
vi.mock('@/app/micro-credentials/[slug]/actions', () => module_('resourceProgressAction'));
vi.mock('@/app/micro-credentials/[slug]/questions/actions', () => module_('withdrawCredentialQuestionAction'));
vi.mock('@/app/invitations/[token]/actions', () => ({ ...module_('acceptSignedInAction'), acceptNewAccountAction: vi.fn() }));
vi.mock('@/app/verify-email/[token]/actions', () => module_('confirmEmailAction'));
vi.mock('@/app/admin/submissions/[id]/actions', () => module_('withdrawSecondLookAction'));
vi.mock('@/app/admin/people/actions', () => ({ ...module_('resendInvitationAction', 'changeRoleAction', 'bulkEnrolAction'), inviteAction: vi.fn() }));
vi.mock('@/app/actions', () => ({ ...module_('resendVerificationAction'), signOutAction: vi.fn(), rememberTimeZoneAction: vi.fn() }));
vi.mock('@/app/micro-credentials/[slug]/proposal/actions', () => ({ ...module_('saveProposalAction'), autosaveProposalAction: vi.fn() }));

const { ExemplarForm, RescoreExemplarForm, EXEMPLAR_UNREACHABLE, RESCORE_UNREACHABLE } = await import('@/app/admin/credentials/[id]/calibration/exemplar-form');
const { ShareQuestionForm, shareUnreachable } = await import('@/app/admin/questions/share-form');
const { EnrolInStack, ENROL_STACK_UNREACHABLE } = await import('@/app/stacks/[slug]/enrol-in-stack');
const { TeachingForm, TEACHING_UNREACHABLE } = await import('@/app/account/teaching-form');
const { SignOutEverywhereForm, SIGN_OUT_EVERYWHERE_UNREACHABLE } = await import('@/app/account/sign-out-everywhere-form');
const { TakeBackForm, TAKE_BACK_UNREACHABLE } = await import('@/app/apply/[slug]/take-back-form');
const { ResourceProgressForm, resourceProgressUnreachable } = await import('@/app/micro-credentials/[slug]/resource-progress-form');
const { WithdrawQuestionForm, WITHDRAW_QUESTION_UNREACHABLE } = await import('@/app/micro-credentials/[slug]/questions/withdraw-form');
const { AcceptSignedInForm, ACCEPT_SIGNED_IN_UNREACHABLE } = await import('@/app/invitations/[token]/accept-forms');
const { ConfirmEmailForm, CONFIRM_EMAIL_UNREACHABLE } = await import('@/app/verify-email/[token]/confirm-form');
const { StopWorkingForm, STOP_WORKING_UNREACHABLE } = await import('@/components/catalog/stop-working-form');
const { EnrollForm, enrollUnreachable } = await import('@/components/catalog/enroll-form');
const { SharingForm, sharingUnreachable } = await import('@/components/colleagues/sharing-form');
const { WithdrawSecondLookForm, WITHDRAW_SECOND_LOOK_UNREACHABLE } = await import('@/components/admin/withdraw-second-look-form');
const { ResendInvitationForm, RemoveRoleForm, BulkEnrolForm, RESEND_INVITATION_UNREACHABLE, REMOVE_ROLE_UNREACHABLE } = await import('@/components/admin/people-forms');
const { InlineActionForm, INLINE_ACTION_UNREACHABLE } = await import('@/components/admin/inline-action-form');
const { PickUpAgainForm, pickUpAgainUnreachable } = await import('@/components/enrollment/pick-up-again-form');
const { RemoveCertificateForm, removeCertificateUnreachable } = await import('@/components/external-learning/certificate-upload');
const { PortfolioSchoolForm, PORTFOLIO_SCHOOL_UNREACHABLE } = await import('@/components/account/portfolio-school-form');
const { NewPasswordForm, newPasswordUnreachable } = await import('@/components/account/new-password-form');
const { DeleteAccountForm, DELETE_ACCOUNT_UNREACHABLE } = await import('@/components/account/delete-account-form');
const { VerifyEmailNotice, RESEND_LINK_UNREACHABLE } = await import('@/components/account/verify-email-notice');
const { DistrictCard, ASK_DISTRICT_UNREACHABLE, CANCEL_DISTRICT_REQUEST_UNREACHABLE, LEAVE_DISTRICT_UNREACHABLE } = await import('@/components/account/district-card');
const { TimeZoneForm, TIME_ZONE_UNREACHABLE } = await import('@/components/account/time-zone-form');
const { ColleaguesForm, COLLEAGUES_UNREACHABLE } = await import('@/components/account/colleagues-form');
const { ProposalForm, SAVE_PROPOSAL_UNREACHABLE, SEND_PROPOSAL_UNREACHABLE } = await import('@/components/proposals/proposal-form');
const { BadgePortfolioForm, badgePortfolioUnreachable } = await import('@/components/awards/badge-portfolio-form');
const { RenewForm, renewUnreachable } = await import('@/components/awards/renew-form');

beforeEach(() => {
  resetHooks();
  for (const f of Object.values(actions)) f.mockReset();
  fakeBrowser();
});
afterEach(() => {
  cleanUpEffects();
  vi.unstubAllGlobals();
});

const submitButton = (label: string) => createElement('button', { type: 'submit' }, label);
const removeRole = inner(RemoveRoleForm, {
  hidden: { organizationId: 'o1', userId: 'u2', role: 'REVIEWER', op: 'remove' },
  removedMessage: 'Ada Admin is no longer a reviewer.',
  children: submitButton('Yes, remove the role'),
});
const criteria = [{ id: 'c1', title: 'Clarity' }, { id: 'c2', title: 'Use of evidence' }];
const levels = [{ rank: 1, label: 'Beginning' }, { rank: 2, label: 'Proficient' }];
const district = { districtName: 'Kettle Moraine', schoolName: 'Lincoln Elementary', request: { name: 'Oak Creek', since: null }, districts: [{ id: 'd1', name: 'Kettle Moraine' }, { id: 'd2', name: 'Oak Creek' }], requestAction: prop('requestDistrict'), cancelAction: prop('cancelDistrictRequest'), leaveAction: prop('leaveDistrict') };
const proposal = { microCredentialId: 'mc1', ownerKey: 'u1:d1', studentGoals: 'Grade 5 readers', plan: 'Exit tickets', version: 3, locked: false };

type Case = {
  name: string;
  component: (props: never) => ReactNode;
  props: unknown;
  action: ActionName;
  text: string;
  /** The button pressed, as it starts: there and not disabled once the message shows. */
  button: string;
  fields: Record<string, string>;
  form?: number;
  submitter?: { name: string; value: string };
};
const cases: Case[] = [
  { name: 'Add calibration sample', component: ExemplarForm as never, props: { microCredentialId: 'mc1', versionId: 'v1', parts: [{ id: 'p1', title: 'Reflection', responseType: 'TEXT' }], criteria, levels }, action: 'createExemplarAction', text: EXEMPLAR_UNREACHABLE, button: 'Add calibration sample', fields: { microCredentialId: 'mc1', versionId: 'v1', title: 'Sample C', partTitle: 'Reflection', text: 'We used exit tickets daily.', expectedRank: '2' } },
  { name: 'Save agreed levels', component: RescoreExemplarForm as never, props: { microCredentialId: 'mc1', versionId: 'v2', exemplar: { id: 'ex1', title: 'Sample A' }, criteria, levels }, action: 'rescoreExemplarAction', text: RESCORE_UNREACHABLE, button: 'Save agreed levels', fields: { microCredentialId: 'mc1', exemplarId: 'ex1', versionId: 'v2', expectedRank: '1' } },
  { name: 'Share on the public page', component: ShareQuestionForm as never, props: { questionId: 'q1', shared: false, title: 'exit tickets' }, action: 'shareCredentialQuestionAction', text: shareUnreachable(false), button: 'Share on the public page', fields: { questionId: 'q1', shared: 'true' } },
  { name: 'Enrol in all parts (stack)', component: EnrolInStack as never, props: { stackId: 's1', open: true }, action: 'enrollStackAction', text: ENROL_STACK_UNREACHABLE, button: 'Enrol in all parts', fields: { stackId: 's1' } },
  { name: 'Save what I teach', component: TeachingForm as never, props: { action: prop('setTeaching'), subjects: [{ value: 'Mathematics', listed: true }], gradeBands: [{ value: '3-5', listed: true }], saved: { subjects: [], gradeBands: [] } }, action: 'setTeaching', text: TEACHING_UNREACHABLE, button: 'Save what I teach', fields: { subjects: 'Mathematics', gradeBands: '3-5' } },
  { name: 'Sign me out on every device', component: SignOutEverywhereForm as never, props: { action: prop('signOutEverywhere'), hasPassword: true }, action: 'signOutEverywhere', text: SIGN_OUT_EVERYWHERE_UNREACHABLE, button: 'Sign me out on every device', fields: {} },
  { name: 'Take it back to edit', component: TakeBackForm as never, props: { attemptId: 'a1', slug: 'exit-tickets', allowed: true, reason: null }, action: 'withdrawSentAttemptAction', text: TAKE_BACK_UNREACHABLE, button: 'Take it back to edit', fields: { attemptId: 'a1', slug: 'exit-tickets' } },
  { name: 'Mark as done (resource)', component: ResourceProgressForm as never, props: { resource: { id: 'r1', title: 'Exit ticket templates' }, slug: 'exit-tickets', done: false }, action: 'resourceProgressAction', text: resourceProgressUnreachable('Exit ticket templates', false), button: 'Mark as done', fields: { resourceId: 'r1', slug: 'exit-tickets', done: 'true' } },
  { name: 'Yes, withdraw it (question)', component: WithdrawQuestionForm as never, props: { questionId: 'q1', askedOn: '3 March 2026' }, action: 'withdrawCredentialQuestionAction', text: WITHDRAW_QUESTION_UNREACHABLE, button: 'Yes, withdraw it', fields: { questionId: 'q1' } },
  { name: 'Accept the invitation (signed in)', component: AcceptSignedInForm as never, props: { token: 'tok-123456789' }, action: 'acceptSignedInAction', text: ACCEPT_SIGNED_IN_UNREACHABLE, button: 'Accept the invitation', fields: { token: 'tok-123456789' } },
  { name: 'Confirm my email address', component: ConfirmEmailForm as never, props: { token: 'tok-abc' }, action: 'confirmEmailAction', text: CONFIRM_EMAIL_UNREACHABLE, button: 'Confirm my email address', fields: { token: 'tok-abc' } },
  { name: 'Stop working on it', component: StopWorkingForm as never, props: { action: prop('stopWorking'), microCredentialId: 'mc1', slug: 'exit-tickets' }, action: 'stopWorking', text: STOP_WORKING_UNREACHABLE, button: 'Stop working on it', fields: { microCredentialId: 'mc1', slug: 'exit-tickets' } },
  { name: 'Enrol (micro-credential or track)', component: EnrollForm as never, props: { action: prop('enroll'), hidden: { microCredentialId: 'mc1', slug: 'exit-tickets' }, label: 'Enrol in this micro-credential' }, action: 'enroll', text: enrollUnreachable('Enrol in this micro-credential'), button: 'Enrol in this micro-credential', fields: { microCredentialId: 'mc1', slug: 'exit-tickets' } },
  { name: 'Share and see my colleagues', component: SharingForm as never, props: { action: prop('sharing'), shares: true, label: 'Share and see my colleagues', pendingLabel: 'Sharing…' }, action: 'sharing', text: sharingUnreachable(true, 'Share and see my colleagues'), button: 'Share and see my colleagues', fields: { shares: 'yes' } },
  { name: 'Withdraw the second look', component: WithdrawSecondLookForm as never, props: { attemptId: 'a1', attemptNumber: 2, version: 7, open: true }, action: 'withdrawSecondLookAction', text: WITHDRAW_SECOND_LOOK_UNREACHABLE, button: 'Withdraw the second look', fields: { attemptId: 'a1', version: '7' } },
  { name: 'Resend (invitation)', component: ResendInvitationForm as never, props: { invitationId: 'i1', email: 'ana@example.org' }, action: 'resendInvitationAction', text: RESEND_INVITATION_UNREACHABLE, button: 'Resend', fields: { invitationId: 'i1' } },
  { name: 'Yes, remove the role', component: removeRole.component, props: removeRole.props, action: 'changeRoleAction', text: REMOVE_ROLE_UNREACHABLE, button: 'Yes, remove the role', fields: { organizationId: 'o1', userId: 'u2', role: 'REVIEWER', op: 'remove' } },
  { name: 'Rename (an inline form, in its own words)', component: InlineActionForm as never, props: { action: prop('renameSchool'), hidden: { schoolId: 's1' }, children: submitButton('Rename') }, action: 'renameSchool', text: INLINE_ACTION_UNREACHABLE, button: 'Rename', fields: { schoolId: 's1', name: 'Lincoln Elementary School' } },
  { name: 'Pick up again', component: PickUpAgainForm as never, props: { action: prop('pickUpAgain'), microCredentialId: 'mc1', slug: 'exit-tickets' }, action: 'pickUpAgain', text: pickUpAgainUnreachable('Pick up again'), button: 'Pick up again', fields: { microCredentialId: 'mc1', slug: 'exit-tickets' } },
  { name: 'Yes, remove it (certificate)', component: RemoveCertificateForm as never, props: { action: prop('removeCertificate'), learningId: 'l1', fileName: 'certificate.pdf' }, action: 'removeCertificate', text: removeCertificateUnreachable('certificate.pdf'), button: 'Yes, remove it', fields: { learningId: 'l1' } },
  { name: 'Save portfolio setting', component: PortfolioSchoolForm as never, props: { action: prop('schoolOnPortfolio'), showsSchool: false, schoolName: 'Lincoln Elementary' }, action: 'schoolOnPortfolio', text: PORTFOLIO_SCHOOL_UNREACHABLE, button: 'Save portfolio setting', fields: { showSchool: 'on' } },
  { name: 'Change password', component: NewPasswordForm as never, props: { action: prop('changePassword'), askCurrent: true, submitLabel: 'Change password', pendingLabel: 'Changing…' }, action: 'changePassword', text: newPasswordUnreachable('Change password', false), button: 'Change password', fields: { current: 'an old passphrase', password: 'a new passphrase', confirm: 'a new passphrase' } },
  { name: 'Save my new password (reset link)', component: NewPasswordForm as never, props: { action: prop('resetPassword'), token: 'tok-r', submitLabel: 'Save my new password', pendingLabel: 'Saving…' }, action: 'resetPassword', text: newPasswordUnreachable('Save my new password', true), button: 'Save my new password', fields: { token: 'tok-r', password: 'a new passphrase', confirm: 'a new passphrase' } },
  { name: 'Delete my account', component: DeleteAccountForm as never, props: { action: prop('deleteAccount'), hasPassword: true, email: 'rita@example.org' }, action: 'deleteAccount', text: DELETE_ACCOUNT_UNREACHABLE, button: 'Delete my account', fields: { password: 'a long passphrase', understood: 'on' } },
  { name: 'Send the link again (confirm your email)', component: VerifyEmailNotice as never, props: { email: 'rita@example.org', why: 'Confirm it before you submit.' }, action: 'resendVerificationAction', text: RESEND_LINK_UNREACHABLE, button: 'Send the link again', fields: {} },
  { name: 'Withdraw the request (district)', component: DistrictCard as never, props: district, action: 'cancelDistrictRequest', text: CANCEL_DISTRICT_REQUEST_UNREACHABLE, button: 'Withdraw the request', fields: {}, form: 0 },
  { name: 'Ask to join (district)', component: DistrictCard as never, props: district, action: 'requestDistrict', text: ASK_DISTRICT_UNREACHABLE, button: 'Ask to join', fields: { districtId: 'd2' }, form: 1 },
  { name: 'Yes, leave the district', component: DistrictCard as never, props: district, action: 'leaveDistrict', text: LEAVE_DISTRICT_UNREACHABLE, button: 'Yes, leave the district', fields: {}, form: 2 },
  { name: 'Set time zone', component: TimeZoneForm as never, props: { action: prop('setTimeZone'), current: null, groups: [{ region: 'America', zones: [{ value: 'America/Chicago', label: 'Chicago' }] }] }, action: 'setTimeZone', text: TIME_ZONE_UNREACHABLE, button: 'Set time zone', fields: { timeZone: 'America/Chicago' } },
  { name: 'Save colleagues setting', component: ColleaguesForm as never, props: { action: prop('sharesWithColleagues'), shares: false, schoolName: 'Lincoln Elementary' }, action: 'sharesWithColleagues', text: COLLEAGUES_UNREACHABLE, button: 'Save colleagues setting', fields: { shares: 'yes' } },
  { name: 'Save draft (proposal)', component: ProposalForm as never, props: proposal, action: 'saveProposalAction', text: SAVE_PROPOSAL_UNREACHABLE, button: 'Save draft', fields: { microCredentialId: 'mc1', studentGoals: 'Grade 5 readers', plan: 'Exit tickets' }, submitter: { name: 'intent', value: 'save' } },
  { name: 'Send to my district (proposal)', component: ProposalForm as never, props: proposal, action: 'saveProposalAction', text: SEND_PROPOSAL_UNREACHABLE, button: 'Send to my district', fields: { microCredentialId: 'mc1', studentGoals: 'Grade 5 readers', plan: 'Exit tickets' }, submitter: { name: 'intent', value: 'submit' } },
  { name: 'Hide from my portfolio (badge)', component: BadgePortfolioForm as never, props: { action: prop('badgeOnPortfolio'), awardId: 'aw1', title: 'Exit tickets', hidden: false, status: 'On your portfolio.' }, action: 'badgeOnPortfolio', text: badgePortfolioUnreachable(false), button: 'Hide from my portfolio', fields: { awardId: 'aw1', show: 'no' } },
  { name: 'Renew this badge', component: RenewForm as never, props: { action: prop('renew'), microCredentialId: 'mc1', title: 'Exit tickets' }, action: 'renew', text: renewUnreachable('Renew this badge'), button: 'Renew this badge', fields: { microCredentialId: 'mc1' } },
];

/** The form's button `label`, there and not disabled: it can be pressed again. */
const enabledButton = (label: string) => new RegExp(`<button type="submit"(?![^>]*disabled="")[^>]*>${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('forms posting to an action state, with no answer from the server', () => {
  for (const c of cases) {
    it(`${c.name}: the form stays, says what may not have happened, and sends the same again`, async () => {
      const props = c.props as never;
      const action = actions[c.action];
      run(c.component, props);
      commit();
      // Without scripts the form is still a real POST to the server action.
      postsWithoutScripts(run(c.component, props), c.form);

      action.mockRejectedValueOnce(OFFLINE());
      submit(run(c.component, props), c.fields, c.form, c.submitter);
      await settle();
      expect(boundary).toEqual([]);
      expect(action).toHaveBeenCalledTimes(1);
      const page = html(c.component, props);
      expect(page).toContain('<form');
      expect(textJoined(page)).toContain(c.text);
      expect(c.text).toMatch(/^We could not reach the server, so .+ may .+\. .*\.$/);
      expect(page).toMatch(enabledButton(c.button));

      action.mockResolvedValueOnce({ ok: true, message: 'Done.' });
      submit(run(c.component, props), c.fields, c.form, c.submitter);
      await settle();
      expect(boundary).toEqual([]);
      expect(action).toHaveBeenCalledTimes(2);
      // What was typed and chosen is sent again as it was (the form was not reset or replaced).
      expect(Object.fromEntries(action.mock.calls[1][1].entries())).toEqual(Object.fromEntries(action.mock.calls[0][1].entries()));
      expect(Object.fromEntries(action.mock.calls[1][1].entries())).toMatchObject({ ...c.fields, ...(c.submitter ? { [c.submitter.name]: c.submitter.value } : {}) });
      expect(textJoined(html(c.component, props))).not.toContain('We could not reach the server');
    });
  }

  it('a sample that may have been added is said to be safe to send again: it is not added twice', () => {
    expect(EXEMPLAR_UNREACHABLE).toMatch(/may or may not have been added/);
    expect(EXEMPLAR_UNREACHABLE).toMatch(/press Add calibration sample again\. It is not added twice: if it did get through, you are told it was already added\.$/);
    expect(EXEMPLAR_UNREACHABLE).not.toMatch(/added twice\.$|look for it/);
  });
});

describe('Import (bulk enrol): what was pasted stays in the box', () => {
  const props = { issuers: [{ id: 'o1', name: 'Teaching Matters' }], targets: [{ value: 'mc:mc1', label: 'Exit tickets', issuerId: 'o1' }] };
  const csv = 'email,name\nana@school.org,Ana Díaz';
  const fields = { issuerId: 'o1', target: 'mc:mc1', csv };
  const row = { line: 2, email: 'ana@school.org', name: 'Ana Díaz', schoolText: '', districtText: '', district: null, errors: [], existingUser: false, alreadyEnrolled: false, joinRequest: null };
  /** The "paste the CSV" box as the form renders it now: its key (a new one remounts it) and what it starts with. */
  const box = () => {
    const el = [...elements(run(BulkEnrolForm, props))].find((e) => e.props.name === 'csv')!;
    return { key: el.key, text: el.props.defaultValue };
  };

  it('after an ordinary refusal of the import that follows a preview, as after a request with no answer', async () => {
    run(BulkEnrolForm, props);
    actions.bulkEnrolAction.mockResolvedValueOnce({ ok: true, data: { step: 'preview', title: 'Exit tickets', rows: [row], errorCount: 0, fileError: null, csv, checked: 'fp1', notice: null } } as never);
    submit(run(BulkEnrolForm, props), fields, 0, { name: 'intent', value: 'preview' });
    await settle();
    const previewed = box();
    expect(previewed.text).toBe(csv);

    // Refused by the server (a row found wrong at import: someone took the address meanwhile).
    const refusal = '1 row has problems. Nothing was imported; fix the file and try again.';
    actions.bulkEnrolAction.mockResolvedValueOnce({ ok: false, formError: refusal, fieldErrors: { 'line 2': ['ana@school.org has an account that cannot be enrolled.'] } });
    submit(run(BulkEnrolForm, props), { ...fields, checked: 'fp1' }, 0, { name: 'intent', value: 'import' });
    await settle();
    expect(boundary).toEqual([]);
    const page = html(BulkEnrolForm, props);
    expect(textJoined(page)).toContain(refusal);
    // The box is the same one (not remounted), with the list in it: nothing pasted is lost.
    expect(box()).toEqual(previewed);
    expect(page).toContain('>email,name\nana@school.org,Ana Díaz</textarea>');

    // No answer to the next try either: the box stays as it is.
    actions.bulkEnrolAction.mockRejectedValueOnce(OFFLINE());
    submit(run(BulkEnrolForm, props), fields, 0, { name: 'intent', value: 'preview' });
    await settle();
    expect(boundary).toEqual([]);
    expect(box()).toEqual(previewed);

    // Imported: the box is emptied for the next list, as before.
    actions.bulkEnrolAction.mockResolvedValueOnce({ ok: true, data: { step: 'done', rows: 1, created: 1, enrolled: 1, requested: 0, notAsked: 0, title: 'Exit tickets' } } as never);
    submit(run(BulkEnrolForm, props), { ...fields, checked: 'fp1' }, 0, { name: 'intent', value: 'import' });
    await settle();
    expect(box().text).toBe('');
  });
});

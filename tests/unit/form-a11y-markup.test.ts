// Markup that WCAG 2.2 AA asks of the admin and account forms, rendered as the server sends it, with
// a form action's result set by hand (useActionState answers with `actionState`).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround } from '../setup/live-regions';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/' }));
vi.mock('@/app/admin/credentials/[id]/calibration/actions', () => ({ createExemplarAction: vi.fn(), rescoreExemplarAction: vi.fn() }));
vi.mock('@/app/admin/credentials/actions', () => ({
  importCredentialAction: vi.fn(), publishCredentialAction: vi.fn(), republishCredentialAction: vi.fn(), retireCredentialAction: vi.fn(), saveCredentialAction: vi.fn(),
  confirmBadgeUploadAction: vi.fn(), requestBadgeUploadAction: vi.fn(),
}));
vi.mock('@/app/admin/people/actions', () => ({ bulkEnrolAction: vi.fn(), inviteAction: vi.fn(), resendInvitationAction: vi.fn() }));
vi.mock('@/app/invitations/[token]/actions', () => ({ acceptNewAccountAction: vi.fn(), acceptSignedInAction: vi.fn() }));
vi.mock('@/app/account/actions', () => ({ changeEmailAction: vi.fn(), updateProfileAction: vi.fn() }));

const { ExemplarForm, RescoreExemplarForm, unplacedErrors } = await import('@/app/admin/credentials/[id]/calibration/exemplar-form');
const { ImportForm } = await import('@/components/admin/import-form');
const { BulkEnrolForm } = await import('@/components/admin/people-forms');
const { ChartFigure } = await import('@/components/charts/chart-parts');
const { CredentialEditor } = await import('@/components/admin/credential-editor');
const { BadgeImageField } = await import('@/components/admin/badge-image-field');
const { emptyForm } = await import('@/components/admin/credential-form-state');
const { NewPasswordForm } = await import('@/components/account/new-password-form');
const { AcceptNewAccountForm } = await import('@/app/invitations/[token]/accept-forms');
const { ProfileForm } = await import('@/app/account/profile-form');
const { inputClass, filterSelectClass } = await import('@/components/ui/field');

beforeEach(() => {
  actionState = { ok: true };
});

const html = <P extends object>(type: FunctionComponent<P>, props: P) => renderToStaticMarkup(createElement(type, props));

describe('calibration sample forms', () => {
  const props = {
    microCredentialId: 'mc1',
    versionId: 'v1',
    parts: [{ id: 'p1', title: 'Plan', responseType: 'TEXT' }, { id: 'p2', title: 'Reflection', responseType: 'TEXT' }],
    criteria: [{ id: 'c1', title: 'Questioning' }, { id: 'c2', title: 'Wait time' }],
    levels: [{ rank: 0, label: 'Not yet' }, { rank: 1, label: 'Met' }],
  };

  it('shows each error at its own field, tied to it, the answer’s under the part it is for', () => {
    actionState = { ok: false, formError: 'Some fields need attention.', fieldErrors: { title: ['Give the sample a neutral title.'], 'responses.1.text': ['Use at most 20,000 characters.'], 'expectedRanks.0': ['Choose a level.'] } };
    const out = html(ExemplarForm, props);
    expect(out).toMatch(/<input id="title"[^>]*aria-invalid="true" aria-describedby="title-error"[^>]*name="title"/);
    expect(out).toMatch(/<p id="title-error"[^>]*>Give the sample a neutral title\.<\/p>/);
    expect(out).toMatch(/<label for="text-p2"[^>]*>Answer to “Reflection”<\/label><textarea id="text-p2" name="text"[^>]*aria-invalid="true" aria-describedby="text-p2-error"/);
    expect(out).toMatch(/<p id="text-p2-error"[^>]*>Use at most 20,000 characters\.<\/p>/);
    expect(out).not.toMatch(/id="text-p1"[^>]*aria-invalid/);
    expect(out).toMatch(/<select id="rank-c1" name="expectedRank"[^>]*aria-invalid="true" aria-describedby="rank-c1-error"/);
    // Not flattened into one alert any more: the alert says what to do, the fields say what is wrong.
    expect(out).toMatch(/role="alert"[^>]*>.*Some fields need attention\.<\/div>/);
    expect(out.match(/Use at most 20,000 characters/g)).toHaveLength(1);
  });

  it('ties an error about the agreed levels as a whole to their group, and still shows errors no field holds', () => {
    actionState = { ok: false, formError: 'Some fields need attention.', fieldErrors: { expectedRanks: ['Choose the agreed level for every criterion.'], exemplarId: ['Required.'] } };
    const out = html(RescoreExemplarForm, { microCredentialId: 'mc1', versionId: 'v1', exemplar: { id: 'e1', title: 'Sample A' }, criteria: props.criteria, levels: props.levels });
    expect(out).toMatch(/<fieldset aria-describedby="rescore-e1-levels-error">/);
    expect(out).toContain('Required.');
    expect(unplacedErrors({ title: ['a'], 'responses.0.text': ['b'], 'responses.5.text': ['c'], expectedRanks: ['d'] }, 2, true)).toEqual(['c']);
  });

  it('posts the version whose rubric it shows, so levels chosen on an older rubric are refused', () => {
    expect(html(ExemplarForm, props)).toMatch(/<input type="hidden" name="versionId" value="v1"\/>/);
    expect(html(RescoreExemplarForm, { microCredentialId: 'mc1', versionId: 'v1', exemplar: { id: 'e1', title: 'Sample A' }, criteria: props.criteria, levels: props.levels })).toMatch(/<input type="hidden" name="versionId" value="v1"\/>/);
  });

  it('has its success message’s live region on the page before there is a message, and says it there once', () => {
    expect(html(ExemplarForm, props)).toMatch(/<div><div tabindex=\"-1\" role=\"status\" aria-live=\"polite\"><\/div><div tabindex=\"-1\" role=\"alert\"><\/div><\/div>/);
    actionState = { ok: true, message: 'Sample added.' };
    const out = html(ExemplarForm, props);
    expect(out).toMatch(/<div tabindex="-1" role="status" aria-live="polite"><div class="rounded-md[^"]*">.*Sample added\./);
    expect(liveRegionsAround(out, 'Sample added.')).toHaveLength(1);
  });
});

describe('importing a credential', () => {
  it('says it was imported inside the live region that was already there, once, with the link to it', () => {
    expect(html(ImportForm, { issuers: [{ id: 'i1', name: 'Issuer' }] })).toMatch(/<div><div tabindex=\"-1\" role=\"status\" aria-live=\"polite\"><\/div><div tabindex=\"-1\" role=\"alert\"><\/div><\/div>/);
    actionState = { ok: true, data: { id: 'mc9' }, message: 'Imported as a draft.' };
    const out = html(ImportForm, { issuers: [{ id: 'i1', name: 'Issuer' }] });
    expect(out).toMatch(/role="status" aria-live="polite"><div class="rounded-md[^"]*">.*Imported as a draft\..*href="\/admin\/credentials\/mc9\/edit"/);
    expect(liveRegionsAround(out, 'Imported as a draft.')).toHaveLength(1);
  });
});

describe('enrolling teachers from a file', () => {
  const props = { issuers: [{ id: 'i1', name: 'Issuer' }], targets: [{ value: 'mc:1', label: 'Exit tickets', issuerId: 'i1' }] };
  const row = { line: 2, email: 'ana@school.org', name: 'Ana', errors: [], schoolText: '', districtText: '', district: null, alreadyEnrolled: false, existingUser: false, joinRequest: 'none' };

  it('reads out what the check found through a status line that is on the page before any check', () => {
    expect(html(BulkEnrolForm, props)).toMatch(/<p role="status" class="sr-only"><\/p>/);
    actionState = { ok: true, data: { step: 'preview', title: 'Exit tickets', csv: 'x', rows: [row], errorCount: 0, fileError: null } };
    const out = html(BulkEnrolForm, props);
    expect(out).toMatch(/<p role="status" class="sr-only">All 1 rows are ready to import\.<\/p>/);
    // The long table scrolls on its own: keyboard users can reach it to scroll it.
    expect(out).toMatch(/<div class="max-h-\[32rem\] overflow-auto" tabindex="0" role="region" aria-label="Rows in the file">/);
  });

  it('says the import is done inside the live region that was already there', () => {
    actionState = { ok: true, data: { step: 'done', rows: 3, created: 1, enrolled: 3, title: 'Exit tickets' } };
    const out = html(BulkEnrolForm, props);
    expect(out).toMatch(/<div tabindex="-1" role="status" aria-live="polite"><div class="rounded-md[^"]*">.*Imported\..*3 rows: 1 new account created/);
    expect(liveRegionsAround(out, '3 rows: 1 new account created')).toHaveLength(1);
  });
});

describe('a chart’s data table', () => {
  it('scrolls in a region keyboard users can focus', () => {
    const out = html(ChartFigure, { title: 'Scores by month', table: { headers: ['Month', 'Scores'], rows: [['Jan', 3]] }, children: null });
    expect(out).toMatch(/<div class="mt-2 max-h-80 overflow-auto" tabindex="0" role="region" aria-label="Scores by month: data">/);
  });
});

describe('the credential editor', () => {
  const props = { issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', initial: emptyForm(), badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'New', status: null, latestIsDraft: false, savedAt: null };

  it('marks the optional fields visibly, and says so once at the top', () => {
    const out = html(CredentialEditor, props);
    expect(out).toContain('Every field is required unless it is marked (optional).');
    for (const label of ['Method components (optional)', 'Research and rationale (optional)', 'Level (optional)', 'Subjects (optional)', 'Grade bands (optional)', 'Expires after, in months (optional)', 'Description (optional)', 'Judges part (optional)']) {
      expect(out, label).toContain(`>${label}</label>`);
    }
    for (const label of ['Title', 'Summary', 'Topic', 'PD hours']) expect(out, label).toMatch(new RegExp(`>${label}</label>`));
  });

  it('gives “Remove level” a target at least 24px tall', () => {
    expect(html(CredentialEditor, props)).toMatch(/<button type="button" class="[^"]*\bmin-h-6\b[^"]*\bpy-1\b[^"]*">Remove level/);
  });

  it('gives “Remove image” a target at least 24px tall, and has a place to say what became of the image', () => {
    const out = html(BadgeImageField, { issuerId: 'i1', imageKey: 'k', previewUrl: '/b.png', color: '#1d4ed8', onChange: () => undefined });
    expect(out).toMatch(/<button type="button" class="inline-flex min-h-6[^"]*">Remove image<\/button>/);
    expect(out).toMatch(/<div tabindex="-1" role="group" aria-label="Current badge"/);
    expect(out).toMatch(/<p role="status" class="sr-only"><\/p>/);
  });
});

describe('autocomplete on account forms', () => {
  it('names the person’s name field on the profile form', () => {
    const account = { name: 'Maya', email: 'm@example.test', publicName: null, handle: null, portfolioPublic: false, emailNotifications: true };
    expect(html(ProfileForm, { account })).toMatch(/<input id="name"[^>]*autoComplete="name"[^>]*name="name"/);
  });

  it('leaves checking to the server, whose errors are said and marked on the field (not a passing browser tooltip)', () => {
    const account = { name: 'Maya', email: 'm@example.test', publicName: null, handle: null, portfolioPublic: false, emailNotifications: true };
    expect(html(ProfileForm, { account })).toMatch(/^<form[^>]*noValidate=""/);
  });

  it('says where the portfolio is: the teacher’s own address once they have one, not a placeholder', () => {
    type Account = Parameters<typeof ProfileForm>[0]['account'];
    const account: Account = { name: 'Maya', email: 'm@example.test', publicName: null, handle: 'maya-okafor', portfolioPublic: true, emailNotifications: true };
    const hint = (a: Account) => /<p id="handle-hint"[^>]*>([^<]*)<\/p>/.exec(html(ProfileForm, { account: a }))?.[1];
    expect(hint(account)).toBe('Your public portfolio is at /u/maya-okafor.');
    expect(hint({ ...account, portfolioPublic: false })).toBe('Your portfolio will be at /u/maya-okafor once you make it public.');
    expect(hint({ ...account, handle: null, portfolioPublic: false })).toBe('Your public portfolio will be at /u/ followed by the address you choose here.');
  });

  it('tells a password manager whose new password it is, when the page knows the address', () => {
    const action = vi.fn();
    expect(html(NewPasswordForm, { action, submitLabel: 'Save', pendingLabel: 'Saving…', username: 'm@example.test' })).toMatch(/<input type="text" autoComplete="username" readOnly="" hidden="" value="m@example.test"\/>/);
    expect(html(NewPasswordForm, { action, submitLabel: 'Save', pendingLabel: 'Saving…' })).not.toContain('autoComplete="username"');
    expect(html(AcceptNewAccountForm, { token: 't', email: 'new@example.test' })).toMatch(/<input id="email-shown"[^>]*type="email" autoComplete="username" readOnly=""[^>]*value="new@example.test"/);
  });
});

describe('field borders', () => {
  it('are at least 3:1 against white (slate-500, not slate-400)', () => {
    for (const cls of [inputClass, filterSelectClass]) {
      expect(cls).toContain('border-slate-500');
      expect(cls).not.toContain('border-slate-400');
    }
  });
});

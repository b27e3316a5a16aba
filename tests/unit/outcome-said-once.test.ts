// Each outcome a form says in a live region that is always on the page is read out once (WCAG 4.1.3):
// the region is the only live region around the message (the Alert in it has no role of its own),
// a success politely (role status) and an error assertively (role alert), as the Alert alone did.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';

let actionState: unknown = { ok: true };
vi.mock('react', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react')>();
  return { ...actual, useActionState: () => [actionState, () => undefined, false] };
});
// Server actions are not called while rendering.
vi.mock('@/app/district/people/actions', () => ({ decideDistrictRequestsAction: vi.fn() }));
vi.mock('@/app/district/schools/actions', () => ({ addSchoolAction: vi.fn() }));
vi.mock('@/app/admin/people/actions', () => ({ bulkEnrolAction: vi.fn(), inviteAction: vi.fn(), resendInvitationAction: vi.fn() }));

const { SentOutcome } = await import('@/components/ui/sent-outcome');
const { InvitationOutcome } = await import('@/components/admin/invitation-outcome');
const { RecommendOutcome } = await import('@/components/district/recommendation-outcome');
const { BulkRequestsForm } = await import('@/components/district/bulk-requests-form');
const { AddSchoolForm } = await import('@/components/admin/school-forms');
const { InviteForm } = await import('@/components/admin/people-forms');

beforeEach(() => {
  actionState = { ok: true };
});

const POLITE = '<div tabindex="-1" role="status" aria-live="polite">';
const ASSERTIVE = '<div tabindex="-1" role="alert">';

describe('a message that takes focus once sent (SentOutcome)', () => {
  it('is said in its own region alone', () => {
    const html = renderToStaticMarkup(createElement(SentOutcome, { state: { ok: true, message: 'Your question was sent.' } }));
    expect(liveRegionsAround(html, 'Your question was sent.')).toEqual(['<div tabindex="-1" role="status" aria-live="polite" class="focus:outline-2 focus:outline-offset-2 focus:outline-green-700">']);
    expect(nestedLiveRegions(html)).toEqual([]);
    // On the page before there is anything to say.
    expect(renderToStaticMarkup(createElement(SentOutcome, { state: { ok: true } }))).toMatch(/^<div tabindex="-1" role="status" aria-live="polite"[^>]*><\/div>$/);
  });
});

describe('what became of an invitation', () => {
  it('is said once, the link to pass on with it', () => {
    const html = renderToStaticMarkup(createElement(InvitationOutcome, { message: 'The email could not be sent.', link: 'https://example.test/i/abc' }));
    expect(liveRegionsAround(html, 'The email could not be sent.')).toEqual(['<div role="status" aria-live="polite">']);
    expect(liveRegionsAround(html, 'https://example.test/i/abc')).toHaveLength(1);
  });

  it('is said once on the invite form, where a refusal is said (assertively) once too', () => {
    const props = { organizationId: 'o1', roles: ['TEACHER' as const] };
    actionState = { ok: true, message: 'Invitation sent to ana@school.org.', data: { link: null, emailed: true } };
    const sent = renderToStaticMarkup(createElement(InviteForm, props));
    expect(liveRegionsAround(sent, 'Invitation sent to ana@school.org.')).toHaveLength(1);
    expect(nestedLiveRegions(sent)).toEqual([]);
    actionState = { ok: false, formError: 'That person already has an open invitation.' };
    const refused = renderToStaticMarkup(createElement(InviteForm, props));
    expect(liveRegionsAround(refused, 'That person already has an open invitation.')).toEqual([ASSERTIVE]);
    // A malformed address is refused by the server, said in that region and marked on the field.
    expect(refused).toMatch(/^<form[^>]*noValidate=""/);
  });
});

describe('a recommendation made', () => {
  it('is said in its own region alone', () => {
    const html = renderToStaticMarkup(createElement(RecommendOutcome, { state: { ok: true, message: 'You now recommend “Exit tickets” to the whole district.' }, form: { current: null } }));
    expect(liveRegionsAround(html, 'You now recommend')).toHaveLength(1);
    expect(liveRegionsAround(html, 'You now recommend')[0]).toMatch(/^<div tabindex="-1" role="status" aria-live="polite"/);
    expect(nestedLiveRegions(html)).toEqual([]);
  });
});

describe('requests to join decided several at once', () => {
  const props = { formId: 'bulk', districtId: 'd1', schools: [], showControls: false };

  it('says who was decided and who skipped once, politely, in the region that takes focus', () => {
    actionState = { ok: true, message: 'Confirmed 1 teacher.', data: { decision: 'confirm', decided: [{ id: 'u1', name: 'Ines Duarte' }], skipped: [{ id: 'u2', name: 'Tomas Berg', reason: 'has not confirmed their email address yet' }] } };
    const html = renderToStaticMarkup(createElement(BulkRequestsForm, props));
    expect(liveRegionsAround(html, 'Confirmed 1 teacher.')).toEqual([`<div tabindex="-1" role="status" aria-live="polite" class="focus:outline-2 focus:outline-offset-2 focus:outline-slate-700">`]);
    expect(liveRegionsAround(html, 'Tomas Berg: has not confirmed')).toHaveLength(1);
    expect(nestedLiveRegions(html)).toEqual([]);
    // The title stays on the box.
    expect(html).toContain('<p class="font-semibold">Confirmed 1 teacher.</p>');
  });

  it('says a refusal once, assertively', () => {
    actionState = { ok: false, formError: 'Tick at least one request.' };
    const html = renderToStaticMarkup(createElement(BulkRequestsForm, props));
    expect(liveRegionsAround(html, 'Tick at least one request.')).toEqual([`<div tabindex="-1" role="alert" class="focus:outline-2 focus:outline-offset-2 focus:outline-slate-700">`]);
    expect(nestedLiveRegions(html)).toEqual([]);
  });
});

describe('a school added', () => {
  it('is said once, above the form that starts empty again', () => {
    actionState = { ok: true, message: 'Cushing Elementary added.' };
    const html = renderToStaticMarkup(createElement(AddSchoolForm, { districtId: 'd1' }));
    expect(liveRegionsAround(html, 'Cushing Elementary added.')).toEqual([POLITE]);
    expect(nestedLiveRegions(html)).toEqual([]);
  });
});

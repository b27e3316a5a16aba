// WCAG 2.2 AA in three admin forms, rendered as the server sends them: the district's bulk invite
// says each outcome of a check once (4.1.3: one live region, not three), the track and stack forms
// mark their optional fields as the credential editor does (3.3.2), and the badge image picker
// fits a 320 px screen (1.4.10). The bulk invite's answers are the real action's (real Postgres).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { resetDatabase } from '../setup/db';
import { session } from '../setup/session-stub';
import { form } from '../setup/actions';
import { liveRegionsAround, nestedLiveRegions } from '../setup/live-regions';
import { textJoined } from '../setup/html';
import { createActor, createOrg } from '../factories';

// The answer the form shows, as useActionState would hold it after the action returned it.
const shown = vi.hoisted(() => ({ state: null as unknown }));
vi.mock('react', async (original) => {
  const react = await original<typeof import('react')>();
  return { ...react, useActionState: ((action: unknown, initial: unknown) => (shown.state ? [shown.state, () => undefined, false] : react.useActionState(action as never, initial as never))) as typeof react.useActionState };
});
vi.mock('@/lib/auth/session', () => import('../setup/session-stub-roles'));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('next/navigation', async (original) => ({ ...(await original<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }) }));

const { bulkInviteAction } = await import('@/app/district/people/actions');
const { BulkInviteForm } = await import('@/components/district/bulk-invite-form');
const { TrackForm, StackForm } = await import('@/components/admin/track-stack-forms');
const { BadgeImageField } = await import('@/components/admin/badge-image-field');
const { fingerprintInviteCsv } = await import('@/lib/people/bulk-invite');

beforeEach(async () => {
  await resetDatabase();
  session.actor = null;
  shown.state = null;
});


describe('the district’s bulk invite, after a check', () => {
  async function answer(fields: Record<string, string>) {
    const district = await createOrg({ kind: 'DISTRICT', name: 'Kettle Moraine' });
    await createOrg({ kind: 'SCHOOL', name: 'North Elementary', parentId: district.id });
    session.actor = await createActor({ roles: [{ role: 'DISTRICT_LEADER', organizationId: district.id }] });
    shown.state = await bulkInviteAction({ ok: true }, form({ districtId: district.id, ...fields }));
    return renderToStaticMarkup(createElement(BulkInviteForm, { districtId: district.id, districtName: district.name, peopleHref: '/district/people' }));
  }
  const list = 'email,name,school\nnew.one@example.test,New One,North Elementary';

  it('reads out why nobody was invited, with the summary, once; the alerts on the page show it without a second reading', async () => {
    const notice = 'The list changed since it was checked, so nobody was invited. Check the rows below, then invite.';
    const html = await answer({ intent: 'invite', checked: fingerprintInviteCsv('email,name,school\nsomeone.else@example.test,Someone,'), csv: list });
    expect(shown.state).toMatchObject({ ok: true, data: { step: 'preview', notice } });
    const summary = (shown.state as { data: { summary: string } }).data.summary;
    // The always-present status says both, in that order...
    expect(html).toContain(`<p role="status" class="sr-only">${notice} ${summary}</p>`);
    // ...and the notice shown in the preview is not a live region of its own.
    expect(textJoined(html).split(notice)).toHaveLength(3);
    expect(liveRegionsAround(html, `>${notice}</div>`)).toEqual([]);
    expect(html).not.toMatch(/role="(status|alert)"[^>]*>(<p[^>]*>[^<]*<\/p>)?<div>The list changed/);
    expect(nestedLiveRegions(html)).toEqual([]);
  });

  it('reads out a file that cannot be read once, not again as an alert', async () => {
    const html = await answer({ intent: 'preview', csv: 'name,school\nNew One,North Elementary' });
    const fileError = (shown.state as { data: { fileError: string } }).data.fileError;
    expect(fileError).toMatch(/No column is called “email”/);
    expect(html).toContain(`<p role="status" class="sr-only">${fileError}</p>`);
    expect(textJoined(html).split(fileError)).toHaveLength(3);
    expect(liveRegionsAround(html, `<div>${fileError}</div>`)).toEqual([]);
  });
});

describe('the track and stack forms', () => {
  const labels = (html: string) => [...html.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => textJoined(m[1]));

  it('mark the fields that may be left empty “(optional)”', async () => {
    const track = renderToStaticMarkup(createElement(TrackForm, { issuers: [{ id: 'i1', name: 'Issuer' }], status: null, options: [], initial: { slug: '', kind: 'TRACK', title: '', summary: '', description: '', topic: '', subjects: '', gradeBands: '', levels: [] } }));
    expect(labels(track)).toEqual(expect.arrayContaining(['Subjects (optional)', 'Grade bands (optional)', 'Description (optional)', 'Title', 'Topic', 'Summary']));
    expect(labels(track)).not.toEqual(expect.arrayContaining(['Subjects']));
    const stack = renderToStaticMarkup(createElement(StackForm, { issuers: [{ id: 'i1', name: 'Issuer' }], status: null, options: [], initial: { slug: '', title: '', summary: '', description: '', badgeColor: '#7c3aed', microCredentials: [] } }));
    expect(labels(stack)).toEqual(expect.arrayContaining(['Badge colour (optional)', 'Description (optional)', 'Title', 'Web address', 'Summary']));
  });
});

describe('the badge image picker', () => {
  it('lets the picture’s controls shrink to a phone’s width (no 16rem minimum below sm)', () => {
    const html = renderToStaticMarkup(createElement(BadgeImageField, { issuerId: 'i1', imageKey: null, previewUrl: null, color: '#1d4ed8', onChange: () => undefined }));
    const cls = /<div class="([^"]*)"><label for="badge-file"/.exec(html)?.[1].split(' ');
    expect(cls).toBeDefined();
    expect(cls).toEqual(expect.arrayContaining(['min-w-0', 'sm:min-w-64', 'basis-full', 'sm:basis-0']));
    expect(cls).not.toContain('min-w-64');
  });
});

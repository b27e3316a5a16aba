// The credential editor's notice about an unfinished draft, rendered as the server sends it: after a
// save that brought the admin to the draft's page, and when an unfinished draft is opened again.
import { describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined, replace: () => undefined }), usePathname: () => '/' }));
vi.mock('@/app/admin/credentials/actions', () => ({
  publishCredentialAction: vi.fn(), republishCredentialAction: vi.fn(), retireCredentialAction: vi.fn(), saveCredentialAction: vi.fn(),
  confirmBadgeUploadAction: vi.fn(), requestBadgeUploadAction: vi.fn(),
}));

const { CredentialEditor } = await import('@/components/admin/credential-editor');
const { emptyForm } = await import('@/components/admin/credential-form-state');

const gaps = { summary: ['This field is required.'], 'rubric.criteria': ['Add at least one criterion.'] };
const props = {
  issuers: [{ id: 'i1', name: 'Issuer' }], issuerId: 'i1', microCredentialId: 'mc1', initial: { ...emptyForm(), title: 'Exit tickets', slug: 'exit-tickets', pdHours: '5' },
  badgeImageKey: null, badgePreviewUrl: null, versionLabel: 'Version 1 — draft; never published', status: 'DRAFT' as const, latestIsDraft: true, savedAt: '2026-01-01T00:00:00.000Z',
};
const html = (extra: Record<string, unknown>) => renderToStaticMarkup(createElement(CredentialEditor, { ...props, ...extra }));
/** The element that takes focus when a notice appears, and what is in it. */
const noticeOf = (out: string) => /<div tabindex="-1" class="([^"]*)">(.*?)<\/div><\/div><\/div>/.exec(out);

describe('after saving an unfinished draft', () => {
  it('says it was saved and lists what publishing still needs, each linked to its field', () => {
    const out = html({ publishGaps: gaps, arrived: 'saved' });
    const notice = noticeOf(out);
    expect(notice).not.toBeNull();
    // Focus moves to it and reads it: no live role as well, which would say it twice (ADR 021).
    expect(notice![2]).not.toMatch(/role="(status|alert)"/);
    expect(notice![2]).toContain('Draft saved. Before you can publish:');
    expect(notice![2]).toMatch(/<a href="#summary"[^>]*>Summary: This field is required\.<\/a>/);
    expect(notice![2]).toMatch(/<a href="#add-criterion"[^>]*>Rubric criteria: Add at least one criterion\.<\/a>/);
  });

  it('has a visible focus ring where focus lands, not outline-none (WCAG 2.4.7)', () => {
    const notice = noticeOf(html({ publishGaps: gaps, arrived: 'saved' }));
    expect(notice![1]).toContain('focus:outline-2');
    expect(notice![1]).toContain('focus:outline-green-700');
    expect(notice![1]).not.toContain('outline-none');
  });

  it('just says “Draft saved.” when nothing is missing', () => {
    const notice = noticeOf(html({ publishGaps: {}, arrived: 'saved' }));
    expect(notice![2]).toContain('Draft saved.');
    expect(notice![2]).not.toContain('Before you can publish');
  });
});

describe('opening an unfinished draft again', () => {
  it('shows what it still needs, without claiming anything was just saved', () => {
    const out = html({ publishGaps: gaps });
    expect(out).toContain('This draft is not ready to publish yet. Before you can publish:');
    expect(out).not.toContain('Draft saved');
    expect(out).toContain('Summary: This field is required.');
    // The form shows the saved values, and leaves the missing ones empty.
    expect(out).toMatch(/<input id="title"[^>]*value="Exit tickets"/);
    expect(out).toMatch(/<textarea id="summary"[^>]*><\/textarea>/);
  });

  it('shows no notice for a draft that is complete', () => {
    const out = html({ publishGaps: {} });
    expect(out).not.toContain('Before you can publish');
    // The notice's place is empty.
    expect(out).toMatch(/<div tabindex="-1" class="[^"]*"><\/div>/);
  });

  it('tells the admin up front what a draft needs', () => {
    expect(html({})).toContain('You can save a draft at any point once it has a title, a web address and its PD hours; the rest is needed to publish.');
  });
});

describe('the offer of unsaved work kept in this browser', () => {
  it('has its polite region on the page from the start, so the offer is read out when it appears after load', () => {
    expect(html({})).toContain('<div role="status"></div>');
  });
});
